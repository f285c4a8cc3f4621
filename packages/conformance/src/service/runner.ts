/**
 * Runs the service contract outside vitest: each case against a fresh service from the factory, answering
 * `CaseResult`s, and removing what the case created.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { runServiceCases } from '@ssm-policy/conformance';
 * const results = await runServiceCases(async () => { throw new Error('no service'); }, { cases: [] });
 * assert.deepEqual(results, []); // no cases, no results
 *
 * @since 0.1.0
 * @category service contract
 */
import { defaultProfile, type BehaviourProfile } from '@ssm-policy/core';
import { runCase, runCases, type CaseResult, type CaseTarget } from '../case.js';
import type { ServiceFactory } from '../fixture.js';
import { serviceCases } from './cases.js';
import { makeServiceContext, type ServiceCase, type ServiceContext } from './context.js';

/**
 * Which cases to run, with which profile and per-call timeout.
 *
 * @since 0.1.0
 * @category service contract
 */
export interface ServiceRunOptions {
  /** The [U] choices to expect; `defaultProfile` unless told. */
  readonly profile?: BehaviourProfile;
  /** An operation that does not answer within this many ms fails the case instead of hanging it (30 s). */
  readonly callTimeoutMs?: number;
  /** Only these cases (all by default). */
  readonly cases?: ReadonlyArray<ServiceCase>;
}

const DEFAULT_CALL_TIMEOUT_MS = 30_000;

/**
 * A fresh service and its context per case.
 *
 * @since 0.1.0
 * @category service contract
 */
export const serviceTarget = (
  factory: ServiceFactory,
  options: ServiceRunOptions = {},
): CaseTarget<ServiceContext> => ({
  open: async () => {
    const handle = await factory();
    const cleanup: Array<() => Promise<void>> = [];
    return {
      ctx: makeServiceContext(
        handle,
        factory,
        options.profile ?? defaultProfile,
        cleanup,
        options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
      ),
      lacks: (requirement) =>
        requirement === 'seededIds'
          ? handle.honoursIdSeed === true
            ? undefined
            : 'the service cannot be built with a seeded id source'
          : requirement === 'consumer'
            ? handle.consumer === undefined
              ? 'no consumer (a second account) was supplied'
              : handle.consumer.caller.account === handle.caller.account
                ? 'the consumer is of the owner account; it must be another account'
                : undefined
            : undefined,
      ...(handle.evidence === undefined ? {} : { evidence: () => handle.evidence?.() }),
      close: async () => {
        // Every undo runs even when one fails; what failed is reported, not swallowed.
        const failures: string[] = [];
        for (const undo of cleanup.reverse())
          await undo().catch((e: unknown) => void failures.push(e instanceof Error ? e.message : String(e)));
        await handle.dispose();
        if (failures.length > 0) throw new Error(failures.join('; '));
      },
    };
  },
});

/**
 * Runs one case against a fresh service: never throws; cleans up what the case created.
 *
 * @since 0.1.0
 * @category service contract
 */
export const runServiceCase = (
  c: ServiceCase,
  factory: ServiceFactory,
  options: ServiceRunOptions = {},
): Promise<CaseResult> => runCase(c, serviceTarget(factory, options));

/**
 * Runs the cases (all unless told) one after another: a live endpoint throttles bursts.
 *
 * @since 0.1.0
 * @category service contract
 */
export const runServiceCases = (
  factory: ServiceFactory,
  options: ServiceRunOptions = {},
): Promise<ReadonlyArray<CaseResult>> =>
  runCases(options.cases ?? serviceCases, serviceTarget(factory, options));
