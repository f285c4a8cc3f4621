/**
 * The kit's one shape of check and its one runner. A `Case<Ctx>` names the rule it checks (a `RuleId`, so a
 * misspelt id does not compile), a title, what it requires of the system under test, and `run(ctx)`, which
 * throws a `ConformanceFailure` (or a `ConformanceSkip`) when the system differs from the rulebook. The store
 * contract, the service contract and the command line's wire checks are all `Case`s over their own context,
 * and `runCase` runs any of them against a `CaseTarget` and answers a `CaseResult` value: it never throws and
 * always closes what it opened.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { expectEqual, runCase, type Case } from '@ssm-policy/conformance';
 * const c: Case<{ readonly answer: number }> = {
 *   rule: 'H8',
 *   title: 'the answer is 42',
 *   run: async (ctx) => expectEqual(ctx.answer, 42, 'the answer'),
 * };
 * const result = await runCase(c, { open: async () => ({ ctx: { answer: 41 }, close: async () => {} }) });
 * assert.ok(result.status === 'fail' && result.observed === 41);
 *
 * @since 0.1.0
 * @category runner
 */
import type { RuleId } from '@ssm-policy/core';
import { ConformanceFailure, ConformanceSkip } from './assert.js';

/**
 * What a case may need beyond its context: `seededIds` a service built with a seeded id source (H11),
 * `assignsIdentity` a store that assigns its own ids and hashes, `concurrency` a target the run may drive
 * with concurrent calls, `consumer` a second caller of another account (rules A6, A7, R8).
 *
 * @since 0.1.0
 * @category runner
 */
export type Requirement = 'seededIds' | 'assignsIdentity' | 'concurrency' | 'consumer';

/**
 * One check of one rule, as data.
 *
 * @since 0.1.0
 * @category runner
 */
export interface Case<Ctx> {
  readonly rule: RuleId;
  readonly title: string;
  /** The case is skipped, with why, on a target lacking one of these. */
  readonly requirements?: ReadonlyArray<Requirement>;
  run(ctx: Ctx): Promise<void>;
}

/**
 * How a case ended.
 *
 * @since 0.1.0
 * @category runner
 */
export type CaseStatus = 'pass' | 'fail' | 'skip';

/**
 * What running a case answered.
 *
 * @since 0.1.0
 * @category runner
 */
export interface CaseResult {
  readonly rule: RuleId;
  readonly title: string;
  readonly status: CaseStatus;
  /** Why it failed or was skipped. */
  readonly reason?: string;
  readonly observed?: unknown;
  readonly expected?: unknown;
  /** What the target recorded of the failure (a remote target: the raw request and response). */
  readonly evidence?: unknown;
  /** What the session could not clean up after the case (it is reported, never swallowed). */
  readonly cleanupFailure?: string;
  readonly durationMs: number;
}

/**
 * A context opened for one case, and how to clean up after it.
 *
 * @since 0.1.0
 * @category runner
 */
export interface CaseSession<Ctx> {
  readonly ctx: Ctx;
  /** Why this target cannot meet `requirement`, or `undefined` when it can. */
  lacks?(requirement: Requirement): string | undefined;
  /** What the target observed last (e.g. the raw HTTP exchange), attached to a failure. */
  evidence?(): unknown;
  /** Removes what the case created; a failure to do so is reported in the result's `cleanupFailure`. */
  close(): Promise<void>;
}

/**
 * Where cases run: opens a fresh session per case.
 *
 * @since 0.1.0
 * @category runner
 */
export interface CaseTarget<Ctx> {
  open(): Promise<CaseSession<Ctx>>;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Runs one case in a fresh session: pass, fail (with what was observed and expected) or skip (with why).
 * Never throws.
 *
 * @since 0.1.0
 * @category runner
 */
export const runCase = async <Ctx>(c: Case<Ctx>, target: CaseTarget<Ctx>): Promise<CaseResult> => {
  const start = performance.now();
  const base = { rule: c.rule, title: c.title };
  const elapsed = (): number => Math.round((performance.now() - start) * 10) / 10;
  let session: CaseSession<Ctx>;
  try {
    session = await target.open();
  } catch (e) {
    return { ...base, status: 'fail', reason: `the factory failed: ${errorText(e)}`, durationMs: elapsed() };
  }
  const outcome = await (async (): Promise<Omit<CaseResult, 'durationMs'>> => {
    try {
      for (const requirement of c.requirements ?? []) {
        const reason = session.lacks?.(requirement);
        if (reason !== undefined) return { ...base, status: 'skip', reason };
      }
      await c.run(session.ctx);
      return { ...base, status: 'pass' };
    } catch (e) {
      if (e instanceof ConformanceSkip) return { ...base, status: 'skip', reason: e.reason };
      // Read before `close`, whose own requests would otherwise be the last ones seen.
      const evidence = session.evidence?.();
      const withEvidence = evidence === undefined ? {} : { evidence };
      if (e instanceof ConformanceFailure)
        return {
          ...base,
          status: 'fail',
          reason: e.what,
          observed: e.observed,
          expected: e.expected,
          ...withEvidence,
        };
      return { ...base, status: 'fail', reason: `the case threw: ${errorText(e)}`, ...withEvidence };
    }
  })();
  const cleanupFailure = await session.close().then(
    () => undefined,
    (e: unknown) => errorText(e),
  );
  return {
    ...outcome,
    ...(cleanupFailure === undefined ? {} : { cleanupFailure }),
    durationMs: elapsed(),
  };
};

/**
 * Runs cases one after another (a live endpoint throttles bursts); `onCase` is told as each one starts.
 *
 * @since 0.1.0
 * @category runner
 */
export const runCases = async <Ctx>(
  cases: ReadonlyArray<Case<Ctx>>,
  target: CaseTarget<Ctx>,
  onCase: (c: Case<Ctx>) => void = () => undefined,
): Promise<ReadonlyArray<CaseResult>> => {
  const results: CaseResult[] = [];
  for (const c of cases) {
    onCase(c);
    results.push(await runCase(c, target));
  }
  return results;
};

/**
 * A result as one line: `H5 pass …` or `H5 FAIL … observed … expected …`.
 *
 * @since 0.1.0
 * @category runner
 */
export const formatCaseResult = (r: CaseResult): string =>
  r.status === 'pass'
    ? `${r.rule} pass  ${r.title}`
    : r.status === 'skip'
      ? `${r.rule} skip  ${r.title} (${r.reason ?? ''})`
      : `${r.rule} FAIL  ${r.title}: ${r.reason ?? ''}` +
        (r.observed !== undefined || r.expected !== undefined
          ? `; observed ${JSON.stringify(r.observed)}, expected ${JSON.stringify(r.expected)}`
          : '');
