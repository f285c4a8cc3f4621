// docs/rules.md stays true: it lists every rule id of the rulebook (core's `RULE_IDS`) that is implemented, and
// every rule of the emulator's Parameter Store (`PARAMETER_STORE_RULE_IDS`), names no other id, and every test file it names for a rule exists and names that rule in a
// test (or, for the conformance kit's cases, in a case's `rule`). Every file it names as the code that decides a
// rule exists and holds the names given with it; every profile option it names is one, and its table of profile
// options is exactly the profile's; it names no file outside the repository.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PARAMETER_STORE_RULE_IDS, RULE_IDS, defaultProfile, isRuleId, type RuleId } from '@ssm-policy/core';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const doc = (): string => readFileSync(`${root}docs/rules.md`, 'utf8');

/** Rules of the rulebook that no code implements yet, so docs/rules.md has no row for them yet. */
const PENDING: ReadonlyArray<RuleId> = ['A8'];

/** Rows of the rules table: id → the test files named in its last column. */
const rows = (): Map<string, string[]> => {
  const out = new Map<string, string[]>();
  for (const m of doc().matchAll(/^\| (?:<a id="[a-z]\d+"><\/a>)?\*\*([A-Z]\d+)\*\* \|.*\| ([^|]*) \|$/gm)) {
    out.set(
      m[1]!,
      [...m[2]!.matchAll(/`([^`]+)`/g)].map((f) => f[1]!),
    );
  }
  return out;
};

/** The cells of a table row (`\|` inside a cell is not a separator). */
const cells = (line: string): string[] =>
  line
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

/** Every rule row of the seven-column tables: id, rule, evidence, source, profile option, decided by, tests. */
const ruleRows = (): Array<{ id: string; evidence: string; option: string; decidedBy: string }> =>
  doc()
    .split('\n')
    .filter((line) => /^\| (?:<a id="[a-z]\d+"><\/a>)?\*\*[A-Z]\d+\*\* \|/.test(line))
    .map((line) => {
      const c = cells(line);
      const id = c[0]!.replace(/<a id="[a-z]\d+"><\/a>/, '').replace(/\*/g, '');
      return { id, evidence: c[2]!, option: c[4]!, decidedBy: c[5]! };
    });

const ticked = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe('docs/rules.md', () => {
  it('lists every implemented rule id of the rulebook, each with at least one test file, and no other id', () => {
    const table = rows();
    const storeRules: ReadonlyArray<string> = PARAMETER_STORE_RULE_IDS;
    expect([...table.keys()].filter((id) => !isRuleId(id) && !storeRules.includes(id))).toEqual([]);
    const implemented = [...RULE_IDS.filter((id) => !PENDING.includes(id)), ...PARAMETER_STORE_RULE_IDS];
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

  it('gives every rule an evidence tag, as the rulebook writes them', () => {
    for (const { id, evidence } of ruleRows())
      expect(evidence, id).toMatch(/^(\[(M|D|O|U|M\/U)[\]:\s]|none \(a guarantee of this library\))/);
  });

  it('names, as the code that decides a rule, files that exist and hold the names given with them', () => {
    for (const { id, decidedBy } of ruleRows()) {
      if (PENDING.includes(id as RuleId)) continue;
      const names = ticked(decidedBy);
      const files = names.filter((n) => n.startsWith('packages/'));
      const identifiers = names.filter((n) => !n.startsWith('packages/'));
      expect(files.length, `${id} names the file that decides it`).toBeGreaterThan(0);
      const texts = files.map((f) => {
        expect(existsSync(root + f), `${id}: ${f}`).toBe(true);
        return readFileSync(root + f, 'utf8');
      });
      for (const name of identifiers)
        expect(
          texts.some((t) => new RegExp(`\\b${name}\\b`).test(t)),
          `${id}: ${name} in ${files.join(', ')}`,
        ).toBe(true);
    }
  });

  it('names as profile options only options of the profile, and its option table is exactly the profile', () => {
    const options = Object.keys(defaultProfile).sort();
    for (const { id, option } of ruleRows())
      for (const name of ticked(option)) expect(options, `${id}: ${name}`).toContain(name);
    const section = doc().split('## The behaviour profile')[1]!;
    const table = [...section.matchAll(/^\| `(\w+)` \| ([^|]+) \|/gm)].map((m) => m[1]!);
    expect([...table].sort()).toEqual(options);
  });

  it('stands alone: no link or path outside the repository', () => {
    const text = doc();
    expect(text).not.toMatch(/\]\(\.\.\//);
    expect(text).not.toMatch(/RULES\.md|\/work\/|shared\/spec/);
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
