/**
 * The memory adapter against the conformance kit: the store contract for `createMemoryPolicyRepository`, and
 * the service contract, the model-based properties and the concurrency checks for the core wired to it.
 */
import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
import { coreServiceFactory } from '@ssm-policy/conformance';
import { describePolicyRepository, describeSsmService } from '@ssm-policy/conformance/vitest';

describePolicyRepository('memory', async () => ({
  repository: createMemoryPolicyRepository(),
  dispose: async () => {},
}));

describeSsmService(
  'core + memory',
  coreServiceFactory({ repository: createMemoryPolicyRepository, catalog: createMemoryParameterCatalog }),
);
