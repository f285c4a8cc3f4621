/**
 * The `--report FILE` Markdown: what was run against, one row per rule with its evidence and a link to its
 * section of the rulebook (`docs/rules.md#h5`, relative to the repository root), then every failing check of
 * every rule with its observed and expected values whole, the raw request and response seen last, and a
 * failed property's counterexample (seed, replay path, shrunk commands).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { formatMarkdown } from './markdown-report.js';
 * import { ruleRows } from './rule-table.js';
 * const md = formatMarkdown(ruleRows([{ rule: 'H5', title: 't', status: 'pass' }]), { target: 'x', lines: [] });
 * assert.ok(md.includes('| [H5](docs/rules.md#h5) | [M][U] | pass |'), md);
 *
 * @since 0.1.0
 */
import { ruleAnchor } from '@ssm-policy/conformance';
import { counterexampleMarkdown } from './counterexample-text.js';
import { exchangeText, type RawExchange } from './raw-exchange.js';
import { isExchange, oneLine, summarize, summaryLine, type CheckResult, type RuleRow } from './rule-table.js';

const escapeCell = (s: string): string => oneLine(s).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');

const fence = (lang: string, text: string): string => {
  // A fence longer than any backtick run inside, so that no value can close it.
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${text}\n${f}`;
};

const json = (v: unknown): string => {
  if (v === undefined) return 'undefined';
  try {
    return JSON.stringify(v, null, 2) ?? String(v);
  } catch {
    return String(v);
  }
};

const ruleCell = (rule: string): string =>
  rule === 'run' || rule === 'cleanup' ? rule : `[${rule}](${ruleAnchor(rule as never)})`;

const failureSection = (f: CheckResult, n: number): string[] => [
  `### ${n}. ${f.rule}: ${oneLine(f.title)}`,
  '',
  escapeCell(f.reason ?? 'failed'),
  '',
  ...(f.observed !== undefined || f.expected !== undefined
    ? [
        'Observed:',
        '',
        fence('json', json(f.observed)),
        '',
        'Expected:',
        '',
        fence('json', json(f.expected)),
        '',
      ]
    : []),
  ...(f.counterexample === undefined ? [] : counterexampleMarkdown(f.counterexample, fence)),
  ...(isExchange(f.evidence)
    ? [
        'The last request and response before the failure, as sent:',
        '',
        fence('http', exchangeText(f.evidence as RawExchange)),
        '',
      ]
    : []),
  ...(f.cleanupFailure === undefined ? [] : [`Cleanup after it failed: ${escapeCell(f.cleanupFailure)}`, '']),
];

/**
 * The Markdown report, headed by what was run against.
 *
 * @category command line
 * @since 0.2.0
 */
export const formatMarkdown = (
  rows: ReadonlyArray<RuleRow>,
  heading: { readonly target: string; readonly lines: ReadonlyArray<string> },
): string => {
  const failing = rows.flatMap((r) => r.failures);
  return [
    `# SSM resource policies: conformance of ${heading.target}`,
    '',
    ...heading.lines.map((l) => `- ${l}`),
    '',
    'Evidence: **[M]** AWS service model, **[D]** AWS documentation, **[O]** real-service behaviour observed by a',
    'third party, **[U]** unverified: AWS does not publish it (a behaviour-profile choice or a guarantee of this',
    'library). A failure of a rule tagged only [U] is a disagreement with a profile choice, not with AWS. Rule links',
    'point to `docs/rules.md` of the ssm-policy repository.',
    '',
    '| rule | evidence | result | detail |',
    '|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${ruleCell(r.rule)} | ${r.evidence} | ${r.status === 'fail' ? '**fail**' : r.status} | ${escapeCell(r.detail)} |`,
    ),
    '',
    summaryLine(summarize(rows)),
    '',
    ...(failing.length === 0
      ? []
      : [
          `## Failing checks (${failing.length})`,
          '',
          ...failing.flatMap((f, i) => failureSection(f, i + 1)),
        ]),
  ].join('\n');
};
