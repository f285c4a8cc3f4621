/**
 * The runner's answer: one row per rule id (pass; fail; or skipped with why), folded from every check that
 * names the rule, each row with the rule's evidence (`[M]`, `[D]`, `[O]`, `[U]`: is it AWS's published
 * behaviour or a profile choice?). Every failing check of every rule is kept (`failures`), with what was
 * observed and expected, the raw exchange, and a property's counterexample. The terminal table shortens long
 * values to its width; the Markdown report (`markdown-report.ts`) and the JSON result keep them whole.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { ruleRows, formatTable } from './rule-table.js';
 * const table = formatTable(ruleRows([{ rule: 'H5', title: 'stale hash', status: 'pass' }]));
 * assert.match(table, /^H5 +\[M\]\[U\] +pass +1 check$/m);
 *
 * @since 0.1.0
 */
import { RULE_EVIDENCE, evidenceText, show } from '@ssm-policy/conformance';
import { RULE_IDS, type RuleId } from '@ssm-policy/core';
import { counterexampleLines } from './counterexample-text.js';
import { describeExchange, type RawExchange } from './raw-exchange.js';

/**
 * What stands in a row's rule column for a failure no rule owns: `run`, the run itself broke (a bug of the
 * kit or of the endpoint); `cleanup`, the run could not remove what it created.
 *
 * @category command line
 * @since 0.2.0
 */
export type RowKey = RuleId | 'run' | 'cleanup';

/**
 * A failed property's replay: the seed, fast-check's path and the shrunk command list; and the step of that
 * list that failed, with the raw exchanges it made.
 *
 * @category command line
 * @since 0.2.0
 */
export interface Counterexample {
  readonly seed: number;
  readonly path?: string;
  readonly replayPath?: string;
  readonly commands?: string;
  /** The command (or phase) of the shrunk run that failed. */
  readonly failedStep?: string;
  /** The requests and responses of that step, as sent, in order. */
  readonly exchanges?: ReadonlyArray<RawExchange>;
}

/**
 * One check: a wire check, a service case or a model-based property.
 *
 * @category command line
 * @since 0.1.0
 */
export interface CheckResult {
  readonly rule: RowKey;
  readonly title: string;
  readonly status: 'pass' | 'fail' | 'skip';
  readonly reason?: string;
  readonly observed?: unknown;
  readonly expected?: unknown;
  /** The raw exchange seen last before the failure. */
  readonly evidence?: unknown;
  readonly counterexample?: Counterexample;
  readonly cleanupFailure?: string;
}

/**
 * One row of the table: a rule and its result.
 *
 * @category command line
 * @since 0.1.0
 */
export interface RuleRow {
  readonly rule: RowKey;
  readonly status: 'pass' | 'fail' | 'skip';
  /** `[M][U]`; empty for `run` and `cleanup`. */
  readonly evidence: string;
  readonly detail: string;
  /** Every check of the rule. */
  readonly checks: ReadonlyArray<CheckResult>;
  /** Every failing check of the rule, in the order they ran. */
  readonly failures: ReadonlyArray<CheckResult>;
}

/**
 * How many rules passed, failed and were skipped.
 *
 * @category command line
 * @since 0.1.0
 */
export interface Summary {
  readonly pass: number;
  readonly fail: number;
  readonly skip: number;
}

const isRuleId = (r: RowKey): r is RuleId => r !== 'run' && r !== 'cleanup';

// The rulebook's order; rows no rule owns come last.
const ruleOrder = (a: RowKey, b: RowKey): number => {
  const place = (r: RowKey): number =>
    r === 'run' ? RULE_IDS.length : r === 'cleanup' ? RULE_IDS.length + 1 : RULE_IDS.indexOf(r);
  return place(a) - place(b);
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The rule's evidence as text, `''` for a row no rule owns.
 *
 * @category command line
 * @since 0.2.0
 */
export const evidenceOf = (rule: RowKey): string => (isRuleId(rule) ? evidenceText(RULE_EVIDENCE[rule]) : '');

/**
 * Is `v` a recorded exchange?
 *
 * @category command line
 * @since 0.2.0
 */
export const isExchange = (v: unknown): v is RawExchange =>
  typeof v === 'object' && v !== null && 'request' in v && 'operation' in v;

/**
 * A failure in one line; `max` cuts each value (the terminal), the default keeps it whole.
 *
 * @category command line
 * @since 0.2.0
 */
export const failureLine = (r: CheckResult, max = Number.POSITIVE_INFINITY): string =>
  `${r.title}: ${r.reason ?? 'failed'}` +
  (r.observed !== undefined || r.expected !== undefined
    ? `; observed ${show(r.observed, max)}, expected ${show(r.expected, max)}`
    : '');

/**
 * Why a rule of the rulebook has no row of its own: no check ran for it.
 *
 * @category command line
 * @since 0.1.0
 */
export const NOT_CHECKED = 'no check of this run names it';

/**
 * Folds checks into one row per rule: any failure fails the rule; a rule with only skips is skipped. Every id
 * of `rulebook` gets a row, skipped when no check names it, so the table also shows what was not checked.
 *
 * @category command line
 * @since 0.1.0
 */
export const ruleRows = (
  results: ReadonlyArray<CheckResult>,
  rulebook: ReadonlyArray<RuleId> = [],
): ReadonlyArray<RuleRow> => {
  const byRule = new Map<RowKey, CheckResult[]>();
  for (const rule of rulebook) byRule.set(rule, []);
  for (const r of results) byRule.set(r.rule, [...(byRule.get(r.rule) ?? []), r]);
  return [...byRule.keys()].sort(ruleOrder).map((rule): RuleRow => {
    const checks = byRule.get(rule)!;
    const failures = checks.filter((c) => c.status === 'fail');
    const passed = checks.filter((c) => c.status === 'pass');
    const base = { rule, evidence: evidenceOf(rule), checks, failures };
    if (failures.length > 0)
      return {
        ...base,
        status: 'fail',
        detail:
          failures.length === 1
            ? failureLine(failures[0]!)
            : `${plural(failures.length, 'failing check')} of ${checks.length}: ${failures.map((f) => f.title).join('; ')}`,
      };
    if (passed.length > 0) {
      const skipped = checks.length - passed.length;
      return {
        ...base,
        status: 'pass',
        detail: plural(passed.length, 'check') + (skipped > 0 ? `, ${skipped} skipped` : ''),
      };
    }
    if (checks.length === 0) return { ...base, status: 'skip', detail: NOT_CHECKED };
    const reasons = [...new Set(checks.map((c) => c.reason ?? 'skipped'))];
    return { ...base, status: 'skip', detail: reasons.join('; ') };
  });
};

/**
 * Counts the rows by result.
 *
 * @category command line
 * @since 0.1.0
 */
export const summarize = (rows: ReadonlyArray<RuleRow>): Summary => ({
  pass: rows.filter((r) => r.status === 'pass').length,
  fail: rows.filter((r) => r.status === 'fail').length,
  skip: rows.filter((r) => r.status === 'skip').length,
});

/**
 * The summary as one line.
 *
 * @category command line
 * @since 0.1.0
 */
export const summaryLine = (s: Summary): string =>
  `${plural(s.pass + s.fail + s.skip, 'rule')}: ${s.pass} passed, ${s.fail} failed, ${s.skip} skipped`;

/**
 * The text on one line: each line break and its surrounding spaces become one space.
 *
 * @category command line
 * @since 0.2.0
 */
export const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ');

/**
 * A plain-text table, then every failing check of every rule (observed and expected cut to the terminal's
 * width: the Markdown report keeps them whole).
 *
 * @category command line
 * @since 0.2.0
 */
export const formatTable = (rows: ReadonlyArray<RuleRow>, width = Number.POSITIVE_INFINITY): string => {
  const cells = rows.map(
    (r) => [r.rule, r.evidence, r.status === 'fail' ? 'FAIL' : r.status, oneLine(r.detail)] as const,
  );
  const w0 = Math.max(4, ...cells.map((c) => c[0].length));
  const w1 = Math.max(8, ...cells.map((c) => c[1].length));
  const w2 = Math.max(6, ...cells.map((c) => c[2].length));
  const room = Math.max(20, width - w0 - w1 - w2 - 6);
  const cut = (s: string, n = room): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  const line = (a: string, b: string, c: string, d: string): string =>
    `${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c.padEnd(w2)}  ${d}`.trimEnd();
  const table = [
    line('rule', 'evidence', 'result', 'detail'),
    line('-'.repeat(w0), '-'.repeat(w1), '-'.repeat(w2), '------'),
    ...cells.map(([a, b, c, d]) => line(a, b, c, cut(d))),
  ];
  const failing = rows.flatMap((r) => r.failures);
  if (failing.length === 0) return table.join('\n');
  const valueRoom = Number.isFinite(width) ? Math.max(60, width - 16) : 400;
  const details = failing.flatMap((f) => [
    `${f.rule} FAIL ${oneLine(f.title)}: ${oneLine(f.reason ?? 'failed')}`,
    ...(f.observed !== undefined || f.expected !== undefined
      ? [`    observed ${show(f.observed, valueRoom)}`, `    expected ${show(f.expected, valueRoom)}`]
      : []),
    ...(isExchange(f.evidence) ? [`    last exchange: ${describeExchange(f.evidence, valueRoom)}`] : []),
    ...(f.counterexample === undefined
      ? []
      : counterexampleLines(f.counterexample, valueRoom).map((l) => `    ${l}`)),
  ]);
  return [...table, '', `Failing checks (${failing.length}):`, ...details].join('\n');
};
