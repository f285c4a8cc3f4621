/**
 * The core wired to the memory adapter in one call: the quickest way to embed the library.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryService } from '@ssm-policy/adapter-memory';
 * import { makeCaller } from '@ssm-policy/core';
 * const { commands, catalog } = createMemoryService();
 * const caller = makeCaller({ account: '123456789012', region: 'us-east-1' });
 * const arn = 'arn:aws:ssm:us-east-1:123456789012:parameter/app/db';
 * catalog.put(caller, { Name: '/app/db', Type: 'String', Tier: 'Advanced' });
 * const Policy = JSON.stringify({
 *   Version: '2012-10-17',
 *   Statement: [{ Effect: 'Allow', Principal: { AWS: '210987654321' }, Action: 'ssm:GetParameter', Resource: arn }],
 * });
 * await commands.PutResourcePolicy(caller, { ResourceArn: arn, Policy })();
 * catalog.remove(caller, '/app/db'); // R7: the parameter's policies go with it
 * catalog.put(caller, { Name: '/app/db', Type: 'String', Tier: 'Advanced' });
 * assert.deepEqual(await commands.GetResourcePolicies(caller, { ResourceArn: arn })(), { _tag: 'Right', right: { Policies: [] } });
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
  type Sha256Hex,
} from '@ssm-policy/core';
import { createMemoryParameterCatalog, type MemoryParameterCatalog } from './memory-parameter-catalog.js';
import { createMemoryPolicyRepository, type MemoryPolicyRepository } from './memory-policy-repository.js';
import { nodeSha256Hex } from './node-sha256.js';

/**
 * The core's commands over a memory store and catalog, with both exposed.
 *
 * @category memory store
 * @since 0.1.0
 */
export interface MemoryService {
  readonly commands: ResourcePolicyCommands;
  readonly repository: MemoryPolicyRepository;
  /** Removing a parameter here also drops its policies while the profile's R7 option is on. */
  readonly catalog: MemoryParameterCatalog;
}

/**
 * The commands over a fresh memory store and catalog; deleting a parameter drops its policies (R7).
 *
 * @category memory store
 * @since 0.1.0
 */
export const createMemoryService = (
  options: {
    readonly profile?: BehaviourProfile;
    readonly ids?: IdSource;
    readonly clock?: Clock;
    /** The SHA-256 of policy hashes; default `node:crypto`'s (`nodeSha256Hex`). */
    readonly sha256Hex?: Sha256Hex;
  } = {},
): MemoryService => {
  const repository = createMemoryPolicyRepository();
  const parameters = createMemoryParameterCatalog();
  const profile = options.profile ?? defaultProfile;
  // R7 (wired in the core's `dropDeletedParameterPolicies`): a deleted parameter takes its policies with it.
  // The memory repository's tasks complete synchronously when run, so the drop is done before `remove` returns.
  const dropPolicies = dropDeletedParameterPolicies({ repository, profile });
  const catalog: MemoryParameterCatalog = {
    ...parameters,
    // Its lookups are the memory catalog's own, so they may stay synchronous (spreading does not copy this).
    describeParameterSync: parameters.describeParameterSync!,
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
    sha256Hex: options.sha256Hex ?? nodeSha256Hex,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  return { commands, repository, catalog };
};
