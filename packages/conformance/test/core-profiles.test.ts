/**
 * The core runs both contracts with one call each, under another behaviour profile than the default (every
 * [U] choice changed), and the store contract accepts a sound store that assigns its own ids and hashes: the
 * kit reads expectations from the profile and capabilities from `supports` instead of guessing.
 */
import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
import { makeProfile, type PolicyRepository } from '@ssm-policy/core';
import { coreServiceFactory, describePolicyRepository, describeSsmService } from '@ssm-policy/conformance';

const profile = makeProfile({
  hashStrategy: 'content',
  maxPoliciesPerParameter: 5,
  policyCountLimitType: 'ParameterPolicyCount',
  policySizeLimitType: 'Size',
  standardTierParameter: 'MalformedResourcePolicyDocumentException',
  awsManagedKeySecureString: false,
  hashWithoutIdIsInvalid: false,
  defaultPageSize: 3,
  parameterDeletionDropsPolicies: false,
  requireCallerRegion: false,
  foreignResourceError: 'ResourceNotFoundException',
  refuseForeignGet: false,
});

describeSsmService('core + memory, every [U] choice changed', coreServiceFactory({ profile }), {
  profile,
  runs: 50,
});

/** A sound store that assigns its own ids and hashes, as the real SSM does. */
const assigningStore = (): PolicyRepository => {
  const inner = createMemoryPolicyRepository();
  const uuid = (): string => globalThis.crypto.randomUUID();
  return {
    ...inner,
    capabilities: { assignsIdentity: true },
    create: (input) => inner.create({ ...input, proposed: { PolicyId: uuid(), PolicyHash: uuid() } }),
    update: (input) => inner.update({ ...input, proposedHash: uuid() }),
  };
};

describePolicyRepository(
  'memory, assigning its own ids',
  async () => ({ repository: assigningStore(), dispose: async () => {} }),
  {
    supports: { assignsIdentity: true },
  },
);

describeSsmService(
  'core + a store that assigns its own ids',
  coreServiceFactory({ repository: assigningStore }),
  {
    runs: 50,
  },
);
