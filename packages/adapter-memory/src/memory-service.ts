/**
 * The core wired to the memory adapter in one call: the quickest way to embed the library.
 *
 * @example
 * import { createMemoryService } from '@ssm-policy/adapter-memory';
 * import { makeCaller } from '@ssm-policy/core';
 * const { commands, catalog } = createMemoryService();
 * // await commands.GetResourcePolicies(makeCaller({ account: '123456789012', region: 'us-east-1' }),
 * //   { ResourceArn: 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default' })()
 *
 * @since 0.1.0
 */
import {
  defaultProfile,
  makeCommands,
  randomIdSource,
  type BehaviourProfile,
  type IdSource,
  type ResourcePolicyCommands,
} from '@ssm-policy/core';
import { createMemoryParameterCatalog, type MemoryParameterCatalog } from './memory-parameter-catalog.js';
import { createMemoryPolicyRepository, type MemoryPolicyRepository } from './memory-policy-repository.js';

export interface MemoryService {
  readonly commands: ResourcePolicyCommands;
  readonly repository: MemoryPolicyRepository;
  readonly catalog: MemoryParameterCatalog;
}

export const createMemoryService = (
  options: { readonly profile?: BehaviourProfile; readonly ids?: IdSource } = {},
): MemoryService => {
  const repository = createMemoryPolicyRepository();
  const catalog = createMemoryParameterCatalog();
  const commands = makeCommands({
    repository,
    catalog,
    ids: options.ids ?? randomIdSource(),
    profile: options.profile ?? defaultProfile,
  });
  return { commands, repository, catalog };
};
