/**
 * A failed property's counterexample as the terminal and the Markdown report show it: the shrunk command
 * list, how to replay it (`--seed`, `--path`, `--replay-path`), the step of it that failed, and the raw
 * requests and responses of that step as they went over the wire (the request's method, target and body, the
 * status and body of the answer; secrets are redacted when recorded). The terminal cuts long bodies to its
 * width; the Markdown report keeps them whole.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { counterexampleLines } from './counterexample-text.js';
 * const lines = counterexampleLines(
 *   {
 *     seed: 7,
 *     path: '2:1',
 *     commands: 'Create(r1, {sid:"A",actions:1,principals:0}),Get(r1, MaxResults absent)',
 *     failedStep: 'Get(r1, MaxResults absent)',
 *     exchanges: [
 *       {
 *         operation: 'GetResourcePolicies',
 *         request: { method: 'POST', path: '/', headers: { 'x-amz-target': 'AmazonSSM.GetResourcePolicies' }, body: '{"ResourceArn":"arn:a"}' },
 *         response: { status: 200, headers: {}, body: '{"Policies":[]}' },
 *         ms: 2,
 *       },
 *     ],
 *   },
 *   200,
 * );
 * assert.deepEqual(lines.slice(2), [
 *   'failed at Get(r1, MaxResults absent), which sent:',
 *   '  > POST / AmazonSSM.GetResourcePolicies {"ResourceArn":"arn:a"}',
 *   '  < 200 {"Policies":[]}',
 * ]);
 *
 * @since 0.2.0
 */
import { exchangeText, type RawExchange } from './raw-exchange.js';
import type { Counterexample } from './rule-table.js';

const cut = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

const flat = (s: string): string => s.replace(/\s*\n\s*/g, ' ');

/**
 * A replay line: `--seed 42 --path 3:1 --replay-path 'AAB'` (a command list replays only with its hint).
 *
 * @category command line
 * @since 0.2.0
 */
export const replayArgs = (c: Counterexample): string =>
  `--seed ${c.seed}` +
  (c.path === undefined ? '' : ` --path ${c.path}`) +
  (c.replayPath === undefined ? '' : ` --replay-path '${c.replayPath}'`);

/**
 * One exchange in two lines: `> METHOD path target body`, then `< status body` (or why no answer came).
 *
 * @category command line
 * @since 0.2.0
 */
export const exchangeLines = (x: RawExchange, max = Number.POSITIVE_INFINITY): ReadonlyArray<string> => {
  const target = x.request.headers['x-amz-target'] ?? '(no X-Amz-Target)';
  const request = `> ${x.request.method} ${x.request.path} ${target} ${flat(x.request.body)}`.trimEnd();
  const response =
    x.response === undefined
      ? `< no answer after ${x.ms} ms: ${x.error ?? 'unknown reason'}`
      : `< ${x.response.status} ${flat(x.response.body)}`.trimEnd();
  return [cut(request, max), cut(response, max)];
};

/**
 * How many exchanges of the failed step the terminal shows; the Markdown report and the JSON keep them all.
 *
 * @category command line
 * @since 0.2.0
 */
export const TERMINAL_EXCHANGES = 8;

/**
 * The counterexample for the terminal, one line each, values cut to `max` characters, at most
 * `TERMINAL_EXCHANGES` exchanges.
 *
 * @category command line
 * @since 0.2.0
 */
export const counterexampleLines = (
  c: Counterexample,
  max = Number.POSITIVE_INFINITY,
): ReadonlyArray<string> => {
  const exchanges = c.exchanges ?? [];
  const more = exchanges.length - TERMINAL_EXCHANGES;
  return [
    `counterexample: ${cut(c.commands ?? '?', max)}`,
    `replay with ${replayArgs(c)}`,
    ...(c.failedStep === undefined
      ? []
      : [
          `failed at ${cut(c.failedStep, max)}` +
            (exchanges.length === 0 ? ' (no request recorded)' : ', which sent:'),
          ...exchanges
            .slice(0, TERMINAL_EXCHANGES)
            .flatMap((x) => exchangeLines(x, max).map((l) => `  ${l}`)),
          ...(more > 0 ? [`  … and ${more} more (all of them in --report and --json)`] : []),
        ]),
  ];
};

/**
 * The counterexample for the Markdown report: its lines, with `fence` wrapping code blocks.
 *
 * @category command line
 * @since 0.2.0
 */
export const counterexampleMarkdown = (
  c: Counterexample,
  fence: (lang: string, text: string) => string,
): ReadonlyArray<string> => {
  const exchanges = c.exchanges ?? [];
  return [
    `Counterexample: seed ${c.seed}` +
      (c.path === undefined ? '' : `, path \`${c.path}\``) +
      (c.replayPath === undefined ? '' : `, replayPath \`${c.replayPath}\``) +
      `; replay with \`ssm-policy-conformance … ${replayArgs(c)}\`. Shrunk commands:`,
    '',
    fence('', c.commands ?? '?'),
    '',
    ...(c.failedStep === undefined
      ? []
      : [
          exchanges.length === 0
            ? `It failed at \`${c.failedStep}\`, which sent no request.`
            : `It failed at \`${c.failedStep}\`, which sent ${exchanges.length === 1 ? 'this request' : `these ${exchanges.length} requests`} (as sent, with the answers as received):`,
          '',
          ...exchanges.flatMap((x) => [fence('http', exchangeText(x)), '']),
        ]),
  ];
};
