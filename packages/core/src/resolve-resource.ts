/**
 * The resource steps every command shares, in the order of rule O1: the ARN's form and type (R1, R2), the
 * owner's account (R8), the caller's partition and region (R3), and for a parameter its existence in the
 * catalog (R4).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { defaultProfile, makeCaller, resolveResource, seededIdSource } from '@ssm-policy/core';
 * const caller = makeCaller({ account: '123456789012', region: 'us-east-1' });
 * const deps = { repository: createMemoryPolicyRepository(), catalog: createMemoryParameterCatalog(), ids: seededIdSource(1), profile: defaultProfile };
 * const missing = await resolveResource(deps, caller, 'arn:aws:ssm:us-east-1:123456789012:parameter/app/db', 'write')();
 * assert.equal(missing._tag === 'Left' && missing.left._tag, 'ResourceNotFoundException'); // R4: no such parameter
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as O from 'fp-ts/lib/Option.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { formatResourceArn, readResourceArn, type ParameterResource, type PolicyResource } from './arn.js';
import type { Caller } from './caller.js';
import type { ParameterInfo } from './catalog.js';
import type { Dependencies } from './dependencies.js';
import { rejectResource } from './chosen-errors.js';
import { andThen, type Eventually } from './eventually.js';
import {
  resourcePolicyInvalidParameter,
  internalServerError,
  type InternalServerError,
  type ResourceNotFoundException,
  type ResourcePolicyInvalidParameterException,
} from './errors.js';
import { storageError, type ResourceKey, type StorageError } from './repository.js';
import { checkOwnership, checkParameterExists, type ResourceAccess } from './resource-rules.js';

/**
 * A ResourceArn that passed R1–R4 and R8: the parsed resource, its store key and the parameter's facts.
 *
 * @category rules
 * @since 0.1.0
 */
export interface ResolvedResource {
  readonly resource: PolicyResource;
  /** The key stores use: the canonical ARN, with the parameter's incarnation when the catalog gives one. */
  readonly key: ResourceKey;
  /** The catalog's facts, for a parameter. */
  readonly parameter?: ParameterInfo;
}

/**
 * The store key of a resource's policies, from its canonical ARN and (R7) the parameter's incarnation when the
 * catalog gives one. The one place a key is made: the commands and R7's drop (`dropDeletedParameterPolicies`)
 * both use it, so a drop always finds what a write stored.
 *
 * @category rules
 * @since 0.1.0
 */
export const resourceKeyOf = (arn: string, incarnation?: string): ResourceKey =>
  incarnation === undefined || incarnation === '' ? { arn } : { arn, incarnation };

/**
 * A storage failure as the caller sees it.
 *
 * @category rules
 * @since 0.1.0
 */
export const toInternalServerError = (e: StorageError): InternalServerError => internalServerError(e.message);

/**
 * Runs a port call so that nothing escapes a command: a port that throws or rejects instead of returning a
 * `Left` counts as a storage failure. Pass the call itself (`() => port.op(input)()`), not the task it returns,
 * so that a port method that throws before returning a task is caught too.
 *
 * @category rules
 * @since 0.1.0
 */
export const callPort = async <E, A>(task: TE.TaskEither<E, A>): Promise<E.Either<E | StorageError, A>> => {
  try {
    return await task();
  } catch (cause) {
    return E.left(storageError(cause instanceof Error ? cause.message : 'The store failed.', cause));
  }
};

/**
 * `callPort` for a synchronous port call (`PolicyRepository.sync`, `describeParameterSync`): a throw counts as a
 * storage failure too.
 *
 * @category rules
 * @since 0.3.0
 */
export const callPortNow = <E, A>(call: () => E.Either<E, A>): E.Either<E | StorageError, A> => {
  try {
    return call();
  } catch (cause) {
    return E.left(storageError(cause instanceof Error ? cause.message : 'The store failed.', cause));
  }
};

/**
 * R1, R2, R8, R3: pure.
 *
 * @category rules
 * @since 0.1.0
 */
export const resolveResourceArn = (
  arn: string,
  caller: Caller,
  deps: Pick<Dependencies, 'profile'>,
  access: ResourceAccess,
): E.Either<ResourcePolicyInvalidParameterException | ResourceNotFoundException, PolicyResource> => {
  const read = readResourceArn(arn);
  if (E.isRight(read)) return checkOwnership(read.right, caller, access, deps.profile);
  const { rule, message } = read.left;
  // R2's code is the profile's; R1's is always the invalid parameter.
  return E.left(
    rule === 'R2'
      ? rejectResource(deps.profile.unsupportedResourceError, message)
      : resourcePolicyInvalidParameter(['ResourceArn'], message),
  );
};

/** R4's lookup: at once when the catalog offers it synchronously. */
const describeParameter = (
  deps: Dependencies,
  resource: ParameterResource,
  arn: string,
): Eventually<E.Either<StorageError, O.Option<ParameterInfo>>> => {
  const catalog = deps.catalog;
  return catalog.describeParameterSync !== undefined
    ? callPortNow(() => catalog.describeParameterSync!(resource, arn))
    : callPort(() => catalog.describeParameter(resource, arn)());
};

type Resolved = E.Either<
  ResourcePolicyInvalidParameterException | ResourceNotFoundException | InternalServerError,
  ResolvedResource
>;

/**
 * R1, R2, R8, R3, R4, answered at once when the catalog is synchronous (see `andThen`).
 *
 * @category rules
 * @since 0.3.0
 */
export const resolveResourceNow = (
  deps: Dependencies,
  caller: Caller,
  arn: string,
  access: ResourceAccess,
): Eventually<Resolved> => {
  const resolved = resolveResourceArn(arn, caller, deps, access);
  if (E.isLeft(resolved)) return resolved;
  const resource = resolved.right;
  // The one formatting of the ARN in a request: the catalog and the store receive it, never re-make it.
  const canonical = formatResourceArn(resource);
  if (resource._tag === 'OpsItemGroup') return E.right({ resource, key: { arn: canonical } });
  return andThen(describeParameter(deps, resource, canonical), (found): Resolved => {
    if (E.isLeft(found)) return E.left(toInternalServerError(found.left));
    const exists = checkParameterExists(found.right);
    if (E.isLeft(exists)) return exists;
    const parameter: ParameterInfo = exists.right;
    return E.right({ resource, key: resourceKeyOf(canonical, parameter.Incarnation), parameter });
  });
};

/**
 * R1, R2, R8, R3, R4.
 *
 * @category rules
 * @since 0.1.0
 */
export const resolveResource =
  (
    deps: Dependencies,
    caller: Caller,
    arn: string,
    access: ResourceAccess,
  ): TE.TaskEither<
    ResourcePolicyInvalidParameterException | ResourceNotFoundException | InternalServerError,
    ResolvedResource
  > =>
  async () =>
    resolveResourceNow(deps, caller, arn, access);
