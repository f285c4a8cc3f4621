/**
 * The core runs both contracts with one call each, under another behaviour profile than the default (every
 * [U] choice changed), and the store contract accepts a sound store that assigns its own ids and hashes: the
 * kit reads expectations from the profile and capabilities from `repository.capabilities` instead of
 * guessing. The stores here are the kit's tiny test store (the kit depends on no adapter).
 */
import { makeProfile, type PolicyRepository } from '@ssm-policy/core';
import { describePolicyRepository, describeSsmService } from '@ssm-policy/conformance/vitest';
import { createTinyRepository, tinyCoreFactory } from './support/tiny-store.js';

const profile = makeProfile({
  unsupportedResourceError: 'ResourceNotFoundException',
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

describePolicyRepository('the tiny test store', async () => ({
  repository: createTinyRepository(),
  dispose: async () => {},
}));

describeSsmService('core + the tiny test store', tinyCoreFactory(), { runs: 50 });

describeSsmService('core + the tiny test store, every [U] choice changed', tinyCoreFactory({ profile }), {
  profile,
  runs: 50,
});

/** A sound store that assigns its own ids and hashes, as the real SSM does. */
const assigningStore = (): PolicyRepository => {
  const inner = createTinyRepository();
  const uuid = (): string => globalThis.crypto.randomUUID();
  return {
    ...inner,
    capabilities: { assignsIdentity: true },
    create: (input) => inner.create({ ...input, proposed: { PolicyId: uuid(), PolicyHash: uuid() } }),
    update: (input) => inner.update({ ...input, proposedHash: uuid() }),
  };
};

describePolicyRepository('the tiny test store, assigning its own ids', async () => ({
  repository: assigningStore(),
  dispose: async () => {},
}));

describeSsmService(
  'core + a store that assigns its own ids',
  tinyCoreFactory({ repository: assigningStore }),
  {
    runs: 50,
  },
);
