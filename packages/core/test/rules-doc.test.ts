// docs/rules.md stays true: it lists every rule id of the rulebook (core's `RULE_IDS`) that is implemented,
// names no id the rulebook lacks, and every test file it names for a rule exists and names that rule in a
// test (or, for the conformance kit's cases, in a case's `rule`).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, isRuleId, type RuleId } from '@ssm-policy/core';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Rules of the rulebook that no code implements yet, so docs/rules.md has no row for them yet. */
const PENDING: ReadonlyArray<RuleId> = [];

/** Rows of the rules table: id → the test files named in its last column. */
const rows = (): Map<string, string[]> => {
  const doc = readFileSync(`${root}docs/rules.md`, 'utf8');
  const out = new Map<string, string[]>();
  for (const m of doc.matchAll(/^\| (?:<a id="[a-z]\d+"><\/a>)?\*\*([A-Z]\d+)\*\* \|.*\| ([^|]*) \|$/gm)) {
    out.set(
      m[1]!,
      [...m[2]!.matchAll(/`([^`]+)`/g)].map((f) => f[1]!),
    );
  }
  return out;
};

describe('docs/rules.md', () => {
  it('lists every implemented rule id of the rulebook, each with at least one test file, and no other id', () => {
    const table = rows();
    expect([...table.keys()].filter((id) => !isRuleId(id))).toEqual([]);
    const implemented = RULE_IDS.filter((id) => !PENDING.includes(id));
    expect(implemented.filter((id) => !table.has(id))).toEqual([]);
    for (const id of implemented) expect(table.get(id)!.length, id).toBeGreaterThan(0);
  });

  it('names only test files that exist and carry the rule id', () => {
    for (const [id, files] of rows()) {
      for (const file of files) {
        expect(existsSync(root + file), file).toBe(true);
        const text = readFileSync(root + file, 'utf8');
        const named = new RegExp(`(['"\`])(?:(?!\\1).)*\\b${id}\\b(?:(?!\\1).)*\\1`).test(text);
        expect(named, `${file} names ${id}`).toBe(true);
      }
    }
  });

  it('has the tests column that scripts/rules-doc-tests.mjs makes from the tree (run it after moving a test)', () => {
    expect(() =>
      execFileSync(process.execPath, [`${root}scripts/rules-doc-tests.mjs`, '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });

  it('gives every rule row the anchor the conformance report links to (docs/rules.md#h5)', () => {
    const doc = readFileSync(`${root}docs/rules.md`, 'utf8');
    for (const id of rows().keys()) expect(doc, id).toContain(`<a id="${id.toLowerCase()}"></a>**${id}**`);
  });
});
