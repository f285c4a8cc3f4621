/**
 * What the commands need from the outside world, passed in explicitly (no globals).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { defaultProfile, makeCommands, seededIdSource, type Dependencies } from '@ssm-policy/core';
 * const deps: Dependencies = {
 *   repository: createMemoryPolicyRepository(),
 *   catalog: createMemoryParameterCatalog(),
 *   ids: seededIdSource(1),
 *   profile: defaultProfile,
 * };
 * assert.equal(typeof makeCommands(deps).PutResourcePolicy, 'function');
 *
 * @since 0.1.0
 */
import type { ParameterCatalog } from './catalog.js';
import type { Clock } from './clock.js';
import type { IdSource } from './ids.js';
import type { BehaviourProfile } from './profile.js';
import type { PolicyRepository } from './repository.js';
import type { WriteRateState } from './write-rate.js';

/**
 * What the commands need: the two ports, an id source and the behaviour profile.
 *
 * @category ports
 * @since 0.1.0
 */
export interface Dependencies {
  readonly repository: PolicyRepository;
  readonly catalog: ParameterCatalog;
  readonly ids: IdSource;
  readonly profile: BehaviourProfile;
  /** H12: the time. Only read when `profile.policyWriteRate` is set; needed then. */
  readonly clock?: Clock;
  /** H12: the token buckets; default, a fresh in-memory state per `makeCommands` (Put and Delete share it). */
  readonly writeRates?: WriteRateState;
}
