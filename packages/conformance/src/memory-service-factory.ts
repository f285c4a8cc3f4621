/**
 * Ready-made `ServiceFactory`s for the core: `coreServiceFactory` wires the core to any `PolicyRepository`
 * (the memory one by default) with a memory parameter catalog; `memoryServiceFactory` is the core with the
 * memory adapter and the default profile. Deleting a parameter through the fixture also drops its policies,
 * which is what rule R7 asks of an embedder.
 *
 * @example
 * import { describeSsmService, memoryServiceFactory } from '@ssm-policy/conformance';
 * describeSsmService('core + memory', memoryServiceFactory);
 *
 * @since 0.1.0
 */
import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
import {
  bindCaller,
  defaultProfile,
  dropDeletedParameterPolicies,
  makeCaller,
  makeCommands,
  parameterArn,
  randomIdSource,
  seededIdSource,
  type BehaviourProfile,
  type Caller,
  type IdSource,
  type PolicyRepository,
} from '@ssm-policy/core';
import type { ServiceFactory } from './fixture.js';

export interface CoreServiceOptions {
  readonly profile?: BehaviourProfile;
  readonly caller?: Caller;
  /** A fresh store per service; the memory adapter's by default. */
  readonly repository?: () => PolicyRepository;
  /** The id source when no seed is asked for; random UUIDs by default. */
  readonly ids?: () => IdSource;
}

export const defaultCaller: Caller = makeCaller({ account: '123456789012', region: 'us-east-1' });

export const coreServiceFactory =
  (options: CoreServiceOptions = {}): ServiceFactory =>
  async (setup = {}) => {
    const profile = options.profile ?? defaultProfile;
    const caller = options.caller ?? defaultCaller;
    const repository = (options.repository ?? createMemoryPolicyRepository)();
    const catalog = createMemoryParameterCatalog();
    const ids = setup.idSeed !== undefined ? seededIdSource(setup.idSeed) : (options.ids ?? randomIdSource)();
    const service = bindCaller(makeCommands({ repository, catalog, ids, profile }), caller);
    return {
      service,
      caller,
      // A store that assigns its own ids ignores the id source, seeded or not.
      honoursIdSeed: !repository.capabilities.assignsIdentity,
      parameters: {
        putParameter: async (p) => {
          // Intelligent-Tiering picks Standard for a small value without parameter policies.
          const Tier = p.Tier === 'Advanced' ? 'Advanced' : 'Standard';
          catalog.put(caller, {
            Name: p.Name,
            Type: p.Type,
            Tier,
            ...(p.KeyId !== undefined ? { KeyId: p.KeyId } : {}),
          });
        },
        deleteParameter: async (Name) => {
          catalog.remove(caller, Name);
          // R7, wired once in the core.
          const dropped = await dropDeletedParameterPolicies({ repository, profile })(
            parameterArn(caller, Name),
          )();
          if (dropped._tag === 'Left') throw new Error(dropped.left.message);
        },
      },
      dispose: async () => {},
    };
  };

/** The core with the memory adapter, the default profile and random ids (seeded when asked). */
export const memoryServiceFactory: ServiceFactory = coreServiceFactory();
