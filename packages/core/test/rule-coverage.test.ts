// Every rule id the core and the memory adapter implement names at least one test of theirs. The ids come
// from core's `RULE_IDS`, so a rule added to the rulebook is checked here unless it is listed below with why.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, type RuleId } from '@ssm-policy/core';

/** Wire rules are the server's: its tests name them. */
const WIRE: ReadonlyArray<RuleId> = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6'];
/** Rules that no test of the core or the memory adapter can check: A6–A8 are the emulator's, A9 is e2e's. */
const ELSEWHERE: ReadonlyArray<RuleId> = ['A6', 'A7', 'A8', 'A9'];

const RULES: ReadonlyArray<RuleId> = RULE_IDS.filter((id) => !WIRE.includes(id) && !ELSEWHERE.includes(id));

const dirs = ['../test/', '../../adapter-memory/test/'].map((d) =>
  fileURLToPath(new URL(d, import.meta.url)),
);

/** The names of the tests in a file: `it('…')`, `test('…')` and `test.prop([...])('…')`. */
const testNames = (text: string): string[] => [
  ...[...text.matchAll(/\b(?:it|test)(?:\.only|\.skip)?\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)].map((m) => m[2]!),
  ...[...text.matchAll(/\)\s*\(\s*\n?\s*(['"`])((?:\\.|(?!\1).)*)\1,\s*(?:async\s*)?\(/g)].map((m) => m[2]!),
];

describe('rulebook coverage', () => {
  it('every rule id V1–V5, R1–R8, P1–P7, H1–H12, A1–A5 and O1 names a test', () => {
    expect(RULES.length).toBe(38);
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
