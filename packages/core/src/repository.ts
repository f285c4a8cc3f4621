/**
 * The `PolicyRepository` port: what a store must do, each operation atomically. The core decides every rule
 * of the rulebook; a store only keeps policies and performs these conditional writes. Two kinds of store fit:
 *
 * - a store that keeps what it is given (memory, DynamoDB): it stores the `proposed` id and hash;
 * - a remote service that assigns its own ids and hashes (the real SSM): it declares
 *   `capabilities.assignsIdentity` and returns what the service assigned. The core always answers with what the
 *   store returns.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import type { PolicyRepository } from '@ssm-policy/core';
 * const repo: PolicyRepository = createMemoryPolicyRepository();
 * const page = await repo.list({ resource: { arn: 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default' }, limit: 50 })();
 * assert.deepEqual(page, { _tag: 'Right', right: { policies: [] } });
 *
 * @since 0.1.0
 */
import type * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';

// -------------------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------------------

/**
 * Which resource's policies a store operation is about: the resource's canonical ARN (`formatResourceArn`,
 * computed once per request by the core) and, for a parameter whose catalog gives one, the parameter's
 * incarnation (R7), so that no policy of an earlier life of the parameter can reappear. A structured value, not
 * a string: each store turns it into its own key in one place (the memory map key, DynamoDB's `pk`); a store
 * that calls AWS sends `arn` and ignores `incarnation`, which AWS tracks itself.
 *
 * @category ports
 * @since 0.1.0
 */
export interface ResourceKey {
  readonly arn: string;
  /** Absent for an OpsItemGroup, and for a parameter whose catalog gives no incarnation. */
  readonly incarnation?: string;
}

/**
 * A policy as stored and as returned by `GetResourcePolicies`. `Policy` is kept byte for byte (P7).
 *
 * @category ports
 * @since 0.1.0
 */
export interface StoredPolicy {
  readonly PolicyId: string;
  readonly PolicyHash: string;
  readonly Policy: string;
}

/**
 * What a store does on its own, read by the core and the kit (never declared a second time).
 *
 * @category ports
 * @since 0.1.0
 */
export interface RepositoryCapabilities {
  /** The store assigns `PolicyId` and `PolicyHash` itself and ignores the proposed ones (the real SSM). */
  readonly assignsIdentity: boolean;
}

// -------------------------------------------------------------------------------------------------
// errors
// -------------------------------------------------------------------------------------------------

/**
 * The store failed (I/O, throttling, a timeout). Commands answer `InternalServerError`.
 *
 * @category ports
 * @since 0.1.0
 */
export interface StorageError {
  readonly _tag: 'StorageError';
  readonly message: string;
  readonly cause?: unknown;
}

/**
 * `create` found `maxPolicies` policies on the resource already.
 *
 * @category ports
 * @since 0.1.0
 */
export interface PolicyLimitReached {
  readonly _tag: 'PolicyLimitReached';
  readonly limit: number;
}

/**
 * The resource has no policy with that id.
 *
 * @category ports
 * @since 0.1.0
 */
export interface PolicyMissing {
  readonly _tag: 'PolicyMissing';
}

/**
 * The policy exists but its current hash is not the expected one.
 *
 * @category ports
 * @since 0.1.0
 */
export interface HashMismatch {
  readonly _tag: 'HashMismatch';
}

/**
 * `create` found the resource gone: the parameter incarnation the policy was to be written under no longer
 * exists (it was deleted, or deleted and created anew, while the create was under way), and nothing was
 * written. Commands answer it as R4 answers a missing parameter.
 *
 * @category ports
 * @since 0.2.0
 */
export interface ResourceMissing {
  readonly _tag: 'ResourceMissing';
}

/**
 * The cursor was not made by this store for this resource.
 *
 * @category ports
 * @since 0.1.0
 */
export interface CursorInvalid {
  readonly _tag: 'CursorInvalid';
}

/**
 * A `StorageError`: the store failed; the core answers `InternalServerError`.
 *
 * @category ports
 * @since 0.1.0
 */
export const storageError = (message: string, cause?: unknown): StorageError =>
  cause === undefined ? { _tag: 'StorageError', message } : { _tag: 'StorageError', message, cause };
/**
 * The store refused a create: the resource holds `limit` policies already (H9).
 *
 * @category ports
 * @since 0.1.0
 */
export const policyLimitReached = (limit: number): PolicyLimitReached => ({
  _tag: 'PolicyLimitReached',
  limit,
});
/**
 * No policy with the id given (H7).
 *
 * @category ports
 * @since 0.1.0
 */
export const policyMissing: PolicyMissing = { _tag: 'PolicyMissing' };
/**
 * The policy exists but its hash is not the one given (H5).
 *
 * @category ports
 * @since 0.1.0
 */
export const hashMismatch: HashMismatch = { _tag: 'HashMismatch' };
/**
 * The resource a create was asked under is gone (R4, R7): see `ResourceMissing`.
 *
 * @category ports
 * @since 0.2.0
 */
export const resourceMissing: ResourceMissing = { _tag: 'ResourceMissing' };
/**
 * A page cursor the store did not hand out for this resource.
 *
 * @category ports
 * @since 0.1.0
 */
export const cursorInvalid: CursorInvalid = { _tag: 'CursorInvalid' };

// -------------------------------------------------------------------------------------------------
// port
// -------------------------------------------------------------------------------------------------

/**
 * Store a new policy under a resource, unless it holds `maxPolicies` already.
 *
 * @category ports
 * @since 0.1.0
 */
export interface CreatePolicy {
  readonly resource: ResourceKey;
  readonly Policy: string;
  /** The id and hash the core chose; a store that assigns its own ignores them. */
  readonly proposed: { readonly PolicyId: string; readonly PolicyHash: string };
  /** Refuse the create when the resource already holds this many policies; `undefined` for no limit. */
  readonly maxPolicies: number | undefined;
}

/**
 * Replace a policy's text, if its current hash is the one given (compare-and-set).
 *
 * @category ports
 * @since 0.1.0
 */
export interface UpdatePolicy {
  readonly resource: ResourceKey;
  readonly PolicyId: string;
  /** Compare-and-set: write only while the stored hash equals this one. */
  readonly expectedHash: string;
  readonly Policy: string;
  /** The hash the core chose for the new version; a store that assigns its own ignores it. */
  readonly proposedHash: string;
}

/**
 * Remove a policy, if its current hash is the one given (compare-and-set).
 *
 * @category ports
 * @since 0.1.0
 */
export interface DeletePolicy {
  readonly resource: ResourceKey;
  readonly PolicyId: string;
  readonly expectedHash: string;
}

/**
 * One page of a resource's policies, in creation order, from `cursor` on.
 *
 * @category ports
 * @since 0.1.0
 */
export interface ListPolicies {
  readonly resource: ResourceKey;
  /** Where the previous page stopped, as this store returned it; absent for the first page. */
  readonly cursor?: string;
  /** At most this many policies (1 or more). */
  readonly limit: number;
}

/**
 * A page of policies and, when more follow, the cursor of the next page.
 *
 * @category ports
 * @since 0.1.0
 */
export interface PolicyPage {
  /** In creation order; an update keeps a policy's place. */
  readonly policies: ReadonlyArray<StoredPolicy>;
  /** Present while more policies may follow. */
  readonly cursor?: string;
}

/**
 * The store port: where policies live. One call per request; compare-and-set is the store's job.
 *
 * @category ports
 * @since 0.1.0
 */
export interface PolicyRepository {
  readonly capabilities: RepositoryCapabilities;
  create(
    input: CreatePolicy,
  ): TE.TaskEither<StorageError | PolicyLimitReached | ResourceMissing, StoredPolicy>;
  update(input: UpdatePolicy): TE.TaskEither<StorageError | PolicyMissing | HashMismatch, StoredPolicy>;
  delete(input: DeletePolicy): TE.TaskEither<StorageError | PolicyMissing | HashMismatch, void>;
  list(input: ListPolicies): TE.TaskEither<StorageError | CursorInvalid, PolicyPage>;
  /** Remove every policy of a resource (rule R7); no error when it has none. */
  dropResource(resource: ResourceKey): TE.TaskEither<StorageError, void>;
  /**
   * The same operations answered at once, for a store that never waits (the memory store). Optional: when it is
   * there the commands call it instead of the tasks above and answer without a promise per port call; it must
   * behave exactly as the tasks do. The memory store defines it non-enumerable, so that a wrapper made by
   * spreading the store (`{ ...store, create }`) does not carry it past its own tasks.
   */
  readonly sync?: SyncPolicyRepository;
}

/**
 * `PolicyRepository`'s operations, answered synchronously (see `PolicyRepository.sync`).
 *
 * @category ports
 * @since 0.3.0
 */
export interface SyncPolicyRepository {
  create(input: CreatePolicy): E.Either<StorageError | PolicyLimitReached | ResourceMissing, StoredPolicy>;
  update(input: UpdatePolicy): E.Either<StorageError | PolicyMissing | HashMismatch, StoredPolicy>;
  delete(input: DeletePolicy): E.Either<StorageError | PolicyMissing | HashMismatch, void>;
  list(input: ListPolicies): E.Either<StorageError | CursorInvalid, PolicyPage>;
}
