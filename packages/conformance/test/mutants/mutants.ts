/**
 * The mutants the kit must catch, as data: each names its broken part, the rules that should catch it, and
 * how to build it as a store (for the store contract) and as a service (for the service contract).
 */
import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
import { makeProfile, type PolicyRepository } from '@ssm-policy/core';
import {
  coreServiceFactory,
  type RepositoryFactory,
  type RepositorySupports,
  type ServiceFactory,
} from '@ssm-policy/conformance';
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
  readonly rule: string;
  readonly service: ServiceFactory;
  /** Absent for a service-level mutant (the store is the sound memory one). */
  readonly store?: { readonly factory: RepositoryFactory; readonly supports: RepositorySupports };
}

const storeMutant = (
  name: string,
  rule: string,
  make: () => PolicyRepository,
  supports: RepositorySupports = {},
): Mutant => ({
  name,
  rule,
  service: coreServiceFactory({ repository: make }),
  store: { factory: async () => ({ repository: make(), dispose: async () => {} }), supports },
});

export const mutants: ReadonlyArray<Mutant> = [
  storeMutant('ignores the hash', 'H5', ignoresHash),
  storeMutant('reuses policy ids', 'H1', reusesPolicyIds, { assignsIdentity: true }),
  storeMutant('forgets the OpsItemGroup limit', 'H9', forgetsPolicyLimit),
  storeMutant('skips an item when paging', 'H8', skipsItemWhenPaging),
  storeMutant('changes the policy text', 'P7', changesPolicyText),
  storeMutant('is not atomic under concurrency', 'H10', notAtomic),
  {
    // A service whose hashes follow the text, checked against the default (versioned) profile.
    name: 'hashes the content where the profile says versioned',
    rule: 'H6',
    service: coreServiceFactory({ profile: makeProfile({ hashStrategy: 'content' }) }),
  },
  {
    name: "lets a caller attach policies to another region's resources",
    rule: 'R3',
    service: coreServiceFactory({
      profile: makeProfile({ requireCallerRegion: false }),
      repository: createMemoryPolicyRepository,
    }),
  },
];
