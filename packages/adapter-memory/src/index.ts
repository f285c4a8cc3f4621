/**
 * `@ssm-policy/adapter-memory`: the embedded default store and parameter catalog.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryService } from '@ssm-policy/adapter-memory';
 * import { makeCaller } from '@ssm-policy/core';
 * const { commands } = createMemoryService();
 * const caller = makeCaller({ account: '123456789012', region: 'us-east-1' });
 * const answer = await commands.GetResourcePolicies(caller, { ResourceArn: 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default' })();
 * assert.deepEqual(answer, { _tag: 'Right', right: { Policies: [] } });
 *
 * @since 0.1.0
 */
export {
  createMemoryParameterCatalog,
  type MemoryParameterCatalog,
  type ParameterScope,
} from './memory-parameter-catalog.js';
export { createMemoryPolicyRepository, type MemoryPolicyRepository } from './memory-policy-repository.js';
export { createMemoryService, type MemoryService } from './memory-service.js';
