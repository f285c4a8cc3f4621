/**
 * The runner's answer: one row per rule id (pass; fail with what was observed and what was expected; or
 * skipped with why), folded from every case and property result that names the rule, as a plain-text table
 * for the terminal and as Markdown for `--report`.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { formatTable, ruleRows } from './rule-table.js';
 * const table = formatTable(ruleRows([{ rule: 'H5', title: 'stale hash', status: 'pass' }]));
 * assert.equal(table, 'rule  result  detail\n----  ------  ------\nH5    pass    1 check');
 *
 * @since 0.1.0
 */
import { show } from '@ssm-policy/conformance';
import { RULE_IDS, type RuleId } from '@ssm-policy/core';

/**
 * What stands in a row's rule column for a failure that no rule owns: the run itself broke (a bug of the
 * kit or of the endpoint).
 *
 * @category command line
 * @since 0.1.0
 */
export type RowKey = RuleId | 'run';

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
  readonly detail: string;
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

// The rulebook's order; a row no rule owns comes last.
const ruleOrder = (a: RowKey, b: RowKey): number => {
  const place = (r: RowKey): number => (r === 'run' ? RULE_IDS.length : RULE_IDS.indexOf(r));
  return place(a) - place(b);
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const failureDetail = (r: CheckResult): string =>
  `${r.title}: ${r.reason ?? 'failed'}` +
  (r.observed !== undefined || r.expected !== undefined
    ? `; observed ${show(r.observed)}, expected ${show(r.expected)}`
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
  return [...byRule.keys()].sort(ruleOrder).map((rule) => {
    const checks = byRule.get(rule)!;
    const failed = checks.filter((c) => c.status === 'fail');
    const passed = checks.filter((c) => c.status === 'pass');
    if (failed.length > 0) {
      const more = failed.length > 1 ? ` (and ${plural(failed.length - 1, 'more failure')})` : '';
      return { rule, status: 'fail', detail: failureDetail(failed[0]!) + more };
    }
    if (passed.length > 0) {
      const skipped = checks.length - passed.length;
      return {
        rule,
        status: 'pass',
        detail: plural(passed.length, 'check') + (skipped > 0 ? `, ${skipped} skipped` : ''),
      };
    }
    if (checks.length === 0) return { rule, status: 'skip', detail: NOT_CHECKED };
    const reasons = [...new Set(checks.map((c) => c.reason ?? 'skipped'))];
    return { rule, status: 'skip', detail: reasons.join('; ') };
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

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ');

/**
 * A plain-text table; `width` cuts long details (the Markdown report keeps them whole).
 *
 * @category command line
 * @since 0.1.0
 */
export const formatTable = (rows: ReadonlyArray<RuleRow>, width = Number.POSITIVE_INFINITY): string => {
  const cells = rows.map(
    (r) => [r.rule, r.status === 'fail' ? 'FAIL' : r.status, oneLine(r.detail)] as const,
  );
  const w0 = Math.max(4, ...cells.map((c) => c[0].length));
  const w1 = Math.max(6, ...cells.map((c) => c[1].length));
  const room = Math.max(20, width - w0 - w1 - 4);
  const cut = (s: string): string => (s.length > room ? `${s.slice(0, room - 1)}…` : s);
  const line = (a: string, b: string, c: string): string =>
    `${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`.trimEnd();
  return [
    line('rule', 'result', 'detail'),
    line('-'.repeat(w0), '-'.repeat(w1), '------'),
    ...cells.map(([a, b, c]) => line(a, b, cut(c))),
  ].join('\n');
};

const escapeCell = (s: string): string => oneLine(s).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');

/**
 * The same table as Markdown, headed by what was run against.
 *
 * @category command line
 * @since 0.1.0
 */
export const formatMarkdown = (
  rows: ReadonlyArray<RuleRow>,
  heading: { readonly target: string; readonly lines: ReadonlyArray<string> },
): string =>
  [
    `# SSM resource policies: conformance of ${heading.target}`,
    '',
    ...heading.lines.map((l) => `- ${l}`),
    '',
    '| rule | result | detail |',
    '|---|---|---|',
    ...rows.map(
      (r) => `| ${r.rule} | ${r.status === 'fail' ? '**fail**' : r.status} | ${escapeCell(r.detail)} |`,
    ),
    '',
    summaryLine(summarize(rows)),
    '',
  ].join('\n');
