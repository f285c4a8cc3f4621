/**
 * The runner's command line, read with `node:util`'s `parseArgs` into options or a usage error (exit 2).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { parseCliArgs } from './args.js';
 * const args = parseCliArgs(['--endpoint', 'http://127.0.0.1:4583', '--runs', '50']);
 * assert.ok(args._tag === 'Right');
 * assert.equal(args.right.endpoint, 'http://127.0.0.1:4583');
 * assert.equal(args.right.region, 'us-east-1');
 * assert.equal(args.right.runs, 50);
 *
 * @since 0.1.0
 */
import { parseArgs } from 'node:util';
import * as E from 'fp-ts/lib/Either.js';
import { isRuleId, type RuleId } from '@ssm-policy/core';

/**
 * The command line, parsed.
 *
 * @category command line
 * @since 0.1.0
 */
export interface CliOptions {
  /** Absent for the real AWS. */
  readonly endpoint?: string;
  readonly region: string;
  /** The caller's account; learned from the endpoint when absent. */
  readonly account?: string;
  /** Runs of each model-based property. */
  readonly runs: number;
  /** Seed of the properties; random when absent (and printed, so a failure can be replayed). */
  readonly seed?: number;
  /** fast-check's replay path of a property counterexample, printed with its seed on a failure. */
  readonly path?: string;
  /** The shrunk command list's own replay hint (fast-check's `replayPath`), printed with the path. */
  readonly replayPath?: string;
  /** Write the table and every failure as Markdown to this file. */
  readonly report?: string;
  /** Write the machine-readable result (JSON) to this file. */
  readonly json?: string;
  /** Per-request timeout, in milliseconds (`--timeout` is in seconds; default 10 s). */
  readonly timeoutMs: number;
  /** Overall deadline, in milliseconds (`--deadline` is in seconds; default 30 minutes). */
  readonly deadlineMs: number;
  /** Only the cases of these rule ids (repeatable, or comma-separated). */
  readonly rules?: ReadonlyArray<RuleId>;
  /** A JSON file of behaviour profile options (the emulator's `SSM_POLICY_PROFILE` format) to expect. */
  readonly profile?: string;
  /** Leave out the model-based properties. */
  readonly skipProperties: boolean;
  /** A second account's access key id: the consumer of the cross-account cases (A6, A7, R8). */
  readonly consumerAccessKey?: string;
  /** Its secret access key; a dummy one for an emulator when absent. */
  readonly consumerSecretKey?: string;
  readonly help: boolean;
}

/**
 * A command line that cannot be run.
 *
 * @category command line
 * @since 0.1.0
 */
export interface UsageError {
  readonly _tag: 'UsageError';
  readonly message: string;
}

/**
 * The `--help` text.
 *
 * @category command line
 * @since 0.1.0
 */
export const USAGE = `Usage: ssm-policy-conformance [--endpoint URL] [--region REGION] [--account ID]
                              [--runs N] [--seed S [--path P --replay-path R]] [--report FILE] [--json FILE] [--rule ID]...
                              [--timeout SECONDS] [--deadline SECONDS] [--no-properties] [--profile FILE]
                              [--consumer-access-key K [--consumer-secret-key S]]

Runs the service contract and the model-based properties of SSM resource policies against an SSM endpoint:
our emulator, another emulator, or the real AWS (with the usual credential chain) when --endpoint is left out.
It first probes the endpoint with a few harmless requests; it creates advanced parameters under a unique
prefix and removes them, and every policy it left on the OpsItemGroup, afterwards (saying what it could not).

  --endpoint URL     an SSM-compatible endpoint, e.g. http://127.0.0.1:4583 (dummy credentials unless
                     AWS_ACCESS_KEY_ID or AWS_PROFILE is set)
  --region REGION    the region to call (default: AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1)
  --account ID       the caller's 12-digit account (default: read from a probe parameter's ARN)
  --runs N           runs of each model-based property (default 25)
  --seed S           seed of the properties (default: random, printed)
  --path P           replay one property counterexample (with the --seed its failure printed)
  --replay-path R    with --path: the command list's replay hint its failure printed
  --report FILE      also write the table and every failing check, whole, as Markdown to FILE
  --json FILE        also write the result as JSON to FILE (rule, status, checks, evidence), for CI
  --rule ID          only the checks of this rule id; repeatable or comma-separated (e.g. --rule H5,H6);
                     the properties run when they check one of the rules named; an id that is not a rule
                     of the rulebook is a usage error
  --timeout SECONDS  give up on a request after SECONDS (default 10)
  --deadline SECONDS stop starting checks after SECONDS (default 1800); what ran is reported
  --no-properties    leave out the model-based properties
  --profile FILE     expect the [U] choices of this JSON profile file (any BehaviourProfile options; the
                     others keep the rulebook's defaults), the format of the emulator's SSM_POLICY_PROFILE
  --consumer-access-key K
                     a second account's access key id, for the cross-account cases (a consumer reads a
                     shared parameter by ARN, is denied without a policy, cannot write the owner's
                     policies); without it those cases are skipped. On the emulator a 12-digit key is
                     that account.
  --consumer-secret-key S
                     its secret access key (default: a dummy one, enough for an emulator)
  -h, --help         this text

Exit status: 0 every rule checked passed; 1 a rule failed, the run was stopped early, or it could not remove
what it created; 2 bad usage; 3 the endpoint is unusable (no answer, not SSM's awsJson1_1 protocol, or an
operation the run needs is missing).`;

const usage = (message: string): E.Either<UsageError, never> => E.left({ _tag: 'UsageError', message });

const INTEGER = /^-?\d+$/;

/**
 * Parses the command line (and the environment's defaults).
 *
 * @category command line
 * @since 0.1.0
 */
export const parseCliArgs = (
  argv: ReadonlyArray<string>,
  env: Readonly<Record<string, string | undefined>> = {},
): E.Either<UsageError, CliOptions> => {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        endpoint: { type: 'string' },
        region: { type: 'string' },
        account: { type: 'string' },
        runs: { type: 'string' },
        seed: { type: 'string' },
        path: { type: 'string' },
        'replay-path': { type: 'string' },
        report: { type: 'string' },
        json: { type: 'string' },
        timeout: { type: 'string' },
        deadline: { type: 'string' },
        rule: { type: 'string', multiple: true },
        'no-properties': { type: 'boolean' },
        profile: { type: 'string' },
        'consumer-access-key': { type: 'string' },
        'consumer-secret-key': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    return usage(e instanceof Error ? e.message : String(e));
  }
  if (values.endpoint !== undefined) {
    try {
      const url = new URL(values.endpoint);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return usage('--endpoint must be http(s)');
    } catch {
      return usage(`--endpoint is not a URL: ${values.endpoint}`);
    }
  }
  const region = values.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1';
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) return usage(`--region is not a region: ${region}`);
  if (values.account !== undefined && !/^\d{12}$/.test(values.account))
    return usage('--account must be 12 digits');
  if (values.runs !== undefined && (!INTEGER.test(values.runs) || Number(values.runs) < 1))
    return usage('--runs must be a positive integer');
  if (values.seed !== undefined && !INTEGER.test(values.seed)) return usage('--seed must be an integer');
  const seconds = (text: string | undefined, fallback: number): number | undefined => {
    if (text === undefined) return fallback * 1000;
    const n = Number(text);
    return /^\d+(\.\d+)?$/.test(text) && n > 0 ? Math.round(n * 1000) : undefined;
  };
  const timeoutMs = seconds(values.timeout, 10);
  if (timeoutMs === undefined) return usage('--timeout must be a positive number of seconds');
  const deadlineMs = seconds(values.deadline, 1800);
  if (deadlineMs === undefined) return usage('--deadline must be a positive number of seconds');
  if (values.profile === '') return usage('--profile needs a file');
  if (values['consumer-secret-key'] !== undefined && values['consumer-access-key'] === undefined)
    return usage('--consumer-secret-key needs --consumer-access-key');
  if (values['consumer-access-key'] === '') return usage('--consumer-access-key must not be empty');
  const rules = values.rule
    ?.flatMap((r) => r.split(','))
    .map((r) => r.trim())
    .filter((r) => r !== '');
  const unknown = rules?.filter((r) => !isRuleId(r)) ?? [];
  if (unknown.length > 0) return usage(`--rule names no rule of the rulebook: ${unknown.join(', ')}`);
  return E.right({
    ...(values.endpoint === undefined ? {} : { endpoint: values.endpoint }),
    region,
    ...(values.account === undefined ? {} : { account: values.account }),
    runs: values.runs === undefined ? 25 : Number(values.runs),
    ...(values.seed === undefined ? {} : { seed: Number(values.seed) }),
    ...(values.path === undefined ? {} : { path: values.path }),
    ...(values['replay-path'] === undefined ? {} : { replayPath: values['replay-path'] }),
    ...(values.report === undefined ? {} : { report: values.report }),
    ...(values.json === undefined ? {} : { json: values.json }),
    timeoutMs,
    deadlineMs,
    ...(rules === undefined ? {} : { rules: rules.filter(isRuleId) }),
    ...(values.profile === undefined ? {} : { profile: values.profile }),
    skipProperties: values['no-properties'] === true,
    ...(values['consumer-access-key'] === undefined
      ? {}
      : { consumerAccessKey: values['consumer-access-key'] }),
    ...(values['consumer-secret-key'] === undefined
      ? {}
      : { consumerSecretKey: values['consumer-secret-key'] }),
    help: values.help === true,
  });
};
