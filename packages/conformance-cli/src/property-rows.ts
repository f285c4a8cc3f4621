/**
 * A model-based property checks several rules at once and stops at the first violation. Its result becomes
 * one check per rule: a pass passes them all; a failure fails the rule the violation names (its `what` starts
 * with the rule id, or the error codes observed and expected point to one) and leaves the others skipped,
 * since the run stopped there. A failure that names no rule fails every rule of the property.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { propertyChecks } from './property-rows.js';
 * const rows = propertyChecks({
 *   name: 'model', rules: ['H4', 'H5'], status: 'fail', runs: 25, seed: 7, durationMs: 1, failure: 'H5 update with a stale hash succeeded',
 * });
 * // The failure names H5: H5 fails, and H4 is skipped (the property stopped before it could say).
 * assert.deepEqual(rows.map((r) => [r.rule, r.status]), [['H4', 'skip'], ['H5', 'fail']]);
 *
 * @since 0.1.0
 */
import type { RuleId } from '@ssm-policy/core';
import type { PropertyResult } from '@ssm-policy/conformance';
import { isExchange, type CheckResult, type Counterexample } from './rule-table.js';

// Error codes that only one rule of the model answers.
const RULE_OF_CODE: ReadonlyArray<readonly [string, RuleId]> = [
  ['ResourcePolicyConflictException', 'H5'],
  ['ResourcePolicyNotFoundException', 'H4'],
  ['ResourcePolicyLimitExceededException', 'H9'],
  ['ResourceNotFoundException', 'R7'],
];

/**
 * The rule a failure names, among `rules`; `undefined` when it names none.
 *
 * @category command line
 * @since 0.1.0
 */
export const ruleOfFailure = (
  rules: ReadonlyArray<RuleId>,
  failure: string | undefined,
): RuleId | undefined => {
  if (failure === undefined) return undefined;
  const leading = rules.find((rule) => new RegExp(`^${rule}\\b`).test(failure));
  if (leading !== undefined) return leading;
  const named = RULE_OF_CODE.filter(([code, rule]) => failure.includes(code) && rules.includes(rule));
  return named.length === 1 ? named[0]![1] : undefined;
};

/**
 * A property's result as one check per rule it checks; a failure is the rule it names, the others skip.
 *
 * @category command line
 * @since 0.1.0
 */
export const propertyChecks = (r: PropertyResult): ReadonlyArray<CheckResult> => {
  if (r.status === 'pass')
    return r.rules.map((rule): CheckResult => ({
      rule,
      title: `${r.name} (${r.runs} runs)`,
      status: 'pass',
    }));
  // The counterexample goes with every failing check, also when a case already failed the same rule.
  const counterexample: Counterexample = {
    seed: r.seed,
    ...(r.path === undefined ? {} : { path: r.path }),
    ...(r.replayPath === undefined ? {} : { replayPath: r.replayPath }),
    ...(r.counterexample === undefined ? {} : { commands: r.counterexample }),
    ...(r.failedStep === undefined
      ? {}
      : { failedStep: r.failedStep.step, exchanges: r.failedStep.evidence.filter(isExchange) }),
  };
  const failed = { title: r.name, reason: r.failure ?? 'failed', counterexample };
  const culprit = ruleOfFailure(r.rules, r.failure);
  return r.rules.map((rule): CheckResult =>
    culprit === undefined || rule === culprit
      ? { ...failed, rule, status: 'fail' }
      : { rule, title: r.name, status: 'skip', reason: `the property stopped at a failure of ${culprit}` },
  );
};
