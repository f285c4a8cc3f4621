// docs/rules.md stays true: it lists every rule id of the rulebook, and every test file it names for a rule
// exists and names that rule in a test (or, for the conformance kit's cases, in a case's `rule`).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const RULES = [
  ...['W1', 'W2', 'W3', 'W4', 'W5', 'W6'],
  ...['V1', 'V2', 'V3', 'V4', 'V5'],
  ...['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8'],
  ...['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'],
  ...['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'H7', 'H8', 'H9', 'H10', 'H11'],
  ...['A1', 'A2', 'A3', 'A4', 'A5', 'A9'],
  'O1',
];

/** Rows of the rules table: id → the test files named in its last column. */
const rows = (): Map<string, string[]> => {
  const doc = readFileSync(`${root}docs/rules.md`, 'utf8');
  const out = new Map<string, string[]>();
  for (const m of doc.matchAll(/^\| \*\*([A-Z]\d+)\*\* \|.*\| ([^|]*) \|$/gm)) {
    out.set(
      m[1]!,
      [...m[2]!.matchAll(/`([^`]+)`/g)].map((f) => f[1]!),
    );
  }
  return out;
};

describe('docs/rules.md', () => {
  it('lists every rule id of the rulebook, each with at least one test file', () => {
    const table = rows();
    expect([...table.keys()].sort()).toEqual([...RULES].sort());
    for (const id of RULES) expect(table.get(id)!.length, id).toBeGreaterThan(0);
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
});
