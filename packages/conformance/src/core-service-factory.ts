/**
 * A ready-made `ServiceFactory` for the core: `coreServiceFactory` wires the core to the store and the
 * parameter catalog it is given (a fresh pair per service), with a behaviour profile and a caller. The kit
 * depends on no adapter: an embedder passes theirs, for example `createMemoryPolicyRepository` and
 * `createMemoryParameterCatalog` of `@ssm-policy/adapter-memory`. Deleting a parameter through the fixture
 * also drops its policies while the profile says so, which is what rule R7 asks of an embedder.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { coreServiceFactory, opsItemGroupArnOf } from '@ssm-policy/conformance';
 * const factory = coreServiceFactory({ repository: createMemoryPolicyRepository, catalog: createMemoryParameterCatalog });
 * const handle = await factory();
 * const answer = await handle.service.GetResourcePolicies({ ResourceArn: opsItemGroupArnOf(handle.caller) })();
 * await handle.dispose();
 * assert.deepEqual(answer, { _tag: 'Right', right: { Policies: [] } });
 *
 * @since 0.1.0
 * @category service contract
 */
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
  type ParameterCatalog,
  type ParameterInfo,
  type PolicyRepository,
} from '@ssm-policy/core';
import type { Scope } from './documents.js';
import type { ServiceFactory } from './fixture.js';

/**
 * A parameter catalog the kit can also write to, to create and delete the parameters its cases need.
 * `@ssm-policy/adapter-memory`'s `createMemoryParameterCatalog` is one.
 *
 * @since 0.1.0
 * @category service contract
 */
export interface WritableParameterCatalog extends ParameterCatalog {
  put(scope: Scope, parameter: ParameterInfo): void;
  /** True when the parameter existed. */
  remove(scope: Scope, name: string): boolean;
}

/**
 * The store and catalog makers (a fresh pair per service), and optionally a profile and a caller.
 *
 * @since 0.1.0
 * @category service contract
 */
export interface CoreServiceOptions {
  /** A fresh store per service. */
  readonly repository: () => PolicyRepository;
  /** A fresh parameter catalog per service. */
  readonly catalog: () => WritableParameterCatalog;
  readonly profile?: BehaviourProfile;
  readonly caller?: Caller;
  /** The id source when no seed is asked for; random UUIDs by default. */
  readonly ids?: () => IdSource;
}

/**
 * The caller the core factories use unless told: account 123456789012 in us-east-1.
 *
 * @since 0.1.0
 * @category service contract
 */
export const defaultCaller: Caller = makeCaller({ account: '123456789012', region: 'us-east-1' });

/**
 * A service factory of the core over the store and catalog given.
 *
 * @since 0.1.0
 * @category service contract
 */
export const coreServiceFactory =
  (options: CoreServiceOptions): ServiceFactory =>
  async (setup = {}) => {
    const profile = options.profile ?? defaultProfile;
    const caller = options.caller ?? defaultCaller;
    const repository = options.repository();
    const catalog = options.catalog();
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
