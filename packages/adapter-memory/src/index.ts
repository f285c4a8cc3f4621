/**
 * `@ssm-policy/adapter-memory`: the embedded default store and parameter catalog.
 *
 * @example
 * import { createMemoryService } from '@ssm-policy/adapter-memory';
 * const { commands, catalog, repository } = createMemoryService();
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
export { nodeSha256Hex } from './node-sha256.js';
