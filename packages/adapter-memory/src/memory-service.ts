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
  dropDeletedParameterPolicies,
  makeCommands,
  parameterArn,
  randomIdSource,
  type BehaviourProfile,
  type Clock,
  type IdSource,
  type ResourcePolicyCommands,
} from '@ssm-policy/core';
import { createMemoryParameterCatalog, type MemoryParameterCatalog } from './memory-parameter-catalog.js';
import { createMemoryPolicyRepository, type MemoryPolicyRepository } from './memory-policy-repository.js';

export interface MemoryService {
  readonly commands: ResourcePolicyCommands;
  readonly repository: MemoryPolicyRepository;
  /** Removing a parameter here also drops its policies while the profile's R7 option is on. */
  readonly catalog: MemoryParameterCatalog;
}

export const createMemoryService = (
  options: { readonly profile?: BehaviourProfile; readonly ids?: IdSource; readonly clock?: Clock } = {},
): MemoryService => {
  const repository = createMemoryPolicyRepository();
  const parameters = createMemoryParameterCatalog();
  const profile = options.profile ?? defaultProfile;
  // R7 (wired in the core's `dropDeletedParameterPolicies`): a deleted parameter takes its policies with it.
  // The memory repository's tasks complete synchronously when run, so the drop is done before `remove` returns.
  const dropPolicies = dropDeletedParameterPolicies({ repository, profile });
  const catalog: MemoryParameterCatalog = {
    ...parameters,
    remove: (scope, name) => {
      const existed = parameters.remove(scope, name);
      void dropPolicies(parameterArn(scope, name))();
      return existed;
    },
  };
  const commands = makeCommands({
    repository,
    catalog,
    ids: options.ids ?? randomIdSource(),
    profile,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  return { commands, repository, catalog };
};
