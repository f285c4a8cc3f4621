/**
 * The memory adapter against the conformance kit: the store contract for `createMemoryPolicyRepository`, and
 * the service contract, the model-based properties and the concurrency checks for the core wired to it, under
 * the default profile and under one that changes every [U] choice.
 */
import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
import { coreServiceFactory } from '@ssm-policy/conformance';
import { describePolicyRepository, describeSsmService } from '@ssm-policy/conformance/vitest';
import { makeProfile } from '@ssm-policy/core';

const memory = { repository: createMemoryPolicyRepository, catalog: createMemoryParameterCatalog };

describePolicyRepository('memory', async () => ({
  repository: createMemoryPolicyRepository(),
  dispose: async () => {},
}));

describeSsmService('core + memory', coreServiceFactory(memory));

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
});

describeSsmService('core + memory, every [U] choice changed', coreServiceFactory({ ...memory, profile }), {
  profile,
  runs: 50,
});
