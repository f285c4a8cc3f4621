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
import type { IdSource } from './ids.js';
import type { BehaviourProfile } from './profile.js';
import type { PolicyRepository } from './repository.js';

export interface Dependencies {
  readonly repository: PolicyRepository;
  readonly catalog: ParameterCatalog;
  readonly ids: IdSource;
  readonly profile: BehaviourProfile;
}
