/**
 * The mutants the kit must catch, as data: each names its broken part, the rules that should catch it, and
 * how to build it as a store (for the store contract) and as a service (for the service contract).
 */
import type { RepositoryFactory, ServiceFactory } from '@ssm-policy/conformance';
import { makeProfile, type PolicyRepository, type RuleId } from '@ssm-policy/core';
import { createTinyRepository, tinyCoreFactory } from '../support/tiny-store.js';
import {
  changesPolicyText,
  forgetsPolicyLimit,
  ignoresHash,
  notAtomic,
  reusesPolicyIds,
  skipsItemWhenPaging,
} from './mutant-repositories.js';

export interface Mutant {
  readonly name: string;
  /** The rule the mutant breaks: a contract catches it with at least one case of this rule. */
  readonly rule: RuleId;
  readonly service: ServiceFactory;
  /** Absent for a service-level mutant (the store is the sound memory one). */
  readonly store?: RepositoryFactory;
}

const storeMutant = (name: string, rule: RuleId, make: () => PolicyRepository): Mutant => ({
  name,
  rule,
  service: tinyCoreFactory({ repository: make }),
  store: async () => ({ repository: make(), dispose: async () => {} }),
});

export const mutants: ReadonlyArray<Mutant> = [
  storeMutant('ignores the hash', 'H5', ignoresHash),
  storeMutant('reuses policy ids', 'H1', reusesPolicyIds),
  storeMutant('forgets the OpsItemGroup limit', 'H9', forgetsPolicyLimit),
  storeMutant('skips an item when paging', 'H8', skipsItemWhenPaging),
  storeMutant('changes the policy text', 'P7', changesPolicyText),
  storeMutant('is not atomic under concurrency', 'H10', notAtomic),
  {
    // A service whose hashes follow the text, checked against the default (versioned) profile.
    name: 'hashes the content where the profile says versioned',
    rule: 'H6',
    service: tinyCoreFactory({ profile: makeProfile({ hashStrategy: 'content' }) }),
  },
  {
    name: "lets a caller attach policies to another region's resources",
    rule: 'R3',
    service: tinyCoreFactory({
      profile: makeProfile({ requireCallerRegion: false }),
      repository: createTinyRepository,
    }),
  },
];
