/**
 * What the commands need from the outside world, passed in explicitly (no globals).
 *
 * @example
 * import { defaultProfile, seededIdSource, type Dependencies } from '@ssm-policy/core';
 * declare const repository: Dependencies['repository'];
 * declare const catalog: Dependencies['catalog'];
 * const deps: Dependencies = { repository, catalog, ids: seededIdSource(1), profile: defaultProfile };
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
