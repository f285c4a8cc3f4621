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
  /** Write the table as Markdown to this file. */
  readonly report?: string;
  /** Only the cases of these rule ids (repeatable, or comma-separated). */
  readonly rules?: ReadonlyArray<RuleId>;
  /** A JSON file of behaviour profile options (the emulator's `SSM_POLICY_PROFILE` format) to expect. */
  readonly profile?: string;
  /** Leave out the model-based properties. */
  readonly skipProperties: boolean;
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
                              [--runs N] [--seed S [--path P]] [--report FILE] [--rule ID]... [--no-properties]
                              [--profile FILE]

Runs the service contract and the model-based properties of SSM resource policies against an SSM endpoint:
our emulator, another emulator, or the real AWS (with the usual credential chain) when --endpoint is left out.
It creates advanced parameters under a unique prefix and removes them afterwards.

  --endpoint URL     an SSM-compatible endpoint, e.g. http://127.0.0.1:4583 (dummy credentials unless
                     AWS_ACCESS_KEY_ID or AWS_PROFILE is set)
  --region REGION    the region to call (default: AWS_REGION, else us-east-1)
  --account ID       the caller's 12-digit account (default: read from a probe parameter's ARN)
  --runs N           runs of each model-based property (default 25)
  --seed S           seed of the properties (default: random, printed)
  --path P           replay one property counterexample (with the --seed its failure printed)
  --report FILE      also write the table as Markdown to FILE
  --rule ID          only the checks of this rule id; repeatable or comma-separated (e.g. --rule H5,H6);
                     the properties run when they check one of the rules named
  --no-properties    leave out the model-based properties
  --profile FILE     expect the [U] choices of this JSON profile file (any BehaviourProfile options; the
                     others keep the rulebook's defaults), the format of the emulator's SSM_POLICY_PROFILE
  -h, --help         this text

Exit status: 0 when no rule fails, 1 when one does, 2 on bad usage.`;

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
        report: { type: 'string' },
        rule: { type: 'string', multiple: true },
        'no-properties': { type: 'boolean' },
        profile: { type: 'string' },
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
  if (values.profile === '') return usage('--profile needs a file');
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
    ...(values.report === undefined ? {} : { report: values.report }),
    ...(rules === undefined ? {} : { rules: rules.filter(isRuleId) }),
    ...(values.profile === undefined ? {} : { profile: values.profile }),
    skipProperties: values['no-properties'] === true,
    help: values.help === true,
  });
};
