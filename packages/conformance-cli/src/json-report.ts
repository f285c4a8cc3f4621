/**
 * The `--json FILE` result for CI systems: the run's status and exit code, and for every rule its status, its
 * evidence tags, its section of the rulebook and every check with what was observed and expected, the raw
 * exchange of a failure and a property's counterexample. An unusable endpoint writes the same shape with
 * `status: "unusable"`, the reason, and every rule `not run`.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { jsonResult } from './json-report.js';
 * const r = jsonResult({ status: 'pass', exitCode: 0, target: 'x', rows: [] });
 * assert.equal(r.tool, 'ssm-policy-conformance');
 *
 * @since 0.1.0
 */
import { RULE_EVIDENCE, ruleAnchor, type EvidenceTag } from '@ssm-policy/conformance';
import { RULE_IDS, type RuleId } from '@ssm-policy/core';
import type { CleanupReport } from './endpoint-factory.js';
import type { CheckResult, RowKey, RuleRow } from './rule-table.js';

/**
 * How a run ended.
 *
 * @category command line
 * @since 0.2.0
 */
export type RunStatus = 'pass' | 'fail' | 'unusable' | 'stopped';

/**
 * One rule's result in the JSON report.
 *
 * @category command line
 * @since 0.2.0
 */
export interface JsonRule {
  readonly rule: RowKey;
  readonly status: 'pass' | 'fail' | 'skip' | 'not run';
  readonly evidence: ReadonlyArray<EvidenceTag>;
  /** The rule's section of the rulebook, relative to the repository root. */
  readonly section?: string;
  readonly detail: string;
  readonly checks: ReadonlyArray<CheckResult>;
}

/**
 * The JSON report of a run.
 *
 * @category command line
 * @since 0.2.0
 */
export interface JsonResult {
  readonly tool: 'ssm-policy-conformance';
  readonly status: RunStatus;
  readonly exitCode: number;
  readonly target: string;
  readonly reason?: string;
  readonly account?: string;
  readonly region?: string;
  readonly seed?: number;
  readonly summary: { readonly pass: number; readonly fail: number; readonly skip: number };
  readonly rules: ReadonlyArray<JsonRule>;
  readonly cleanup?: CleanupReport;
}

const isRuleId = (r: RowKey): r is RuleId => r !== 'run' && r !== 'cleanup';

/**
 * The JSON report of a run, built from its rule rows.
 *
 * @category command line
 * @since 0.2.0
 */
export const jsonResult = (run: {
  readonly status: RunStatus;
  readonly exitCode: number;
  readonly target: string;
  readonly rows: ReadonlyArray<RuleRow>;
  readonly reason?: string;
  readonly account?: string;
  readonly region?: string;
  readonly seed?: number;
  readonly cleanup?: CleanupReport;
}): JsonResult => {
  const rules: ReadonlyArray<JsonRule> =
    run.status === 'unusable'
      ? RULE_IDS.map((rule) => ({
          rule,
          status: 'not run',
          evidence: RULE_EVIDENCE[rule],
          section: ruleAnchor(rule),
          detail: 'the endpoint is unusable',
          checks: [],
        }))
      : run.rows.map((r) => ({
          rule: r.rule,
          status: r.status,
          evidence: isRuleId(r.rule) ? RULE_EVIDENCE[r.rule] : [],
          ...(isRuleId(r.rule) ? { section: ruleAnchor(r.rule) } : {}),
          detail: r.detail,
          checks: r.checks,
        }));
  return {
    tool: 'ssm-policy-conformance',
    status: run.status,
    exitCode: run.exitCode,
    target: run.target,
    ...(run.reason === undefined ? {} : { reason: run.reason }),
    ...(run.account === undefined ? {} : { account: run.account }),
    ...(run.region === undefined ? {} : { region: run.region }),
    ...(run.seed === undefined ? {} : { seed: run.seed }),
    summary: {
      pass: rules.filter((r) => r.status === 'pass').length,
      fail: rules.filter((r) => r.status === 'fail').length,
      skip: rules.filter((r) => r.status === 'skip').length,
    },
    rules,
    ...(run.cleanup === undefined ? {} : { cleanup: run.cleanup }),
  };
};
