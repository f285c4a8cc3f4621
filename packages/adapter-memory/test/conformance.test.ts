/**
 * The memory adapter against the conformance kit: the store contract for `createMemoryPolicyRepository`, and
 * the service contract, the model-based properties and the concurrency checks for the core wired to it.
 */
import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
import { describePolicyRepository, describeSsmService, memoryServiceFactory } from '@ssm-policy/conformance';

describePolicyRepository(
  'memory',
  async () => ({ repository: createMemoryPolicyRepository(), dispose: async () => {} }),
  {
    supports: { assignsIdentity: false },
  },
);

describeSsmService('core + memory', memoryServiceFactory);
