// Every rule id of the groups V, R, P, H and O names at least one test of the core or the memory adapter.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const RULES = [
  ...['V1', 'V2', 'V3', 'V4', 'V5'],
  ...['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8'],
  ...['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'],
  ...['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'H7', 'H8', 'H9', 'H10', 'H11'],
  ...['A1', 'A2', 'A3', 'A4', 'A5'],
  'O1',
];

const dirs = ['../test/', '../../adapter-memory/test/'].map((d) =>
  fileURLToPath(new URL(d, import.meta.url)),
);

/** The names of the tests in a file: `it('…')`, `test('…')` and `test.prop([...])('…')`. */
const testNames = (text: string): string[] => [
  ...[...text.matchAll(/\b(?:it|test)(?:\.only|\.skip)?\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)].map((m) => m[2]!),
  ...[...text.matchAll(/\)\s*\(\s*\n?\s*(['"`])((?:\\.|(?!\1).)*)\1,\s*(?:async\s*)?\(/g)].map((m) => m[2]!),
];

describe('rulebook coverage', () => {
  it('every rule id V1–V5, R1–R8, P1–P7, H1–H11, A1–A5 and O1 names a test', () => {
    const names = dirs.flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.test.ts') && f !== 'rule-coverage.test.ts')
        .flatMap((f) => testNames(readFileSync(dir + f, 'utf8'))),
    );
    expect(names.length).toBeGreaterThan(100);
    const missing = RULES.filter((id) => !names.some((n) => new RegExp(`\\b${id}\\b`).test(n)));
    expect(missing).toEqual([]);
  });
});
