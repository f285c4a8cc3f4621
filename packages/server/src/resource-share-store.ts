/**
 * Where the emulator keeps RAM's resource shares (rule A8): its own small port, apart from the parameter store
 * and the policy repository, so that a persistent store implements it without touching either (the DynamoDB
 * store of `@ssm-policy/adapter-dynamodb` does). Every call answers a promise, so a remote store fits; the memory
 * store also offers the two calls of a policy write's lifecycle synchronously (`sync`).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { makeCaller, newPolicyShare } from '@ssm-policy/core';
 * import { createMemoryResourceShareStore } from '@ssm-policy/server';
 * const shares = createMemoryResourceShareStore();
 * const parameter = 'arn:aws:ssm:us-east-1:111111111111:parameter/app/db';
 * const owner = makeCaller({ account: '111111111111', region: 'us-east-1' });
 * const share = newPolicyShare(owner, parameter, 'share-1', new Date());
 * await shares.save(share);
 * assert.equal((await shares.activeShareOf(parameter))?.resourceShareArn, share.resourceShareArn);
 * // Deleted: no longer the parameter's active share, but its owner still sees it, as RAM shows deleted shares.
 * await shares.save({ ...share, status: 'DELETED' });
 * assert.equal(await shares.activeShareOf(parameter), undefined);
 * assert.deepEqual((await shares.ownedBy('111111111111')).map((s) => s.status), ['DELETED']);
 *
 * @since 0.3.0
 */
import type { ResourceShare } from '@ssm-policy/core';

/**
 * The port: every share the emulator knows, by its ARN and by the parameter it shares.
 *
 * @since 0.3.0
 * @category resource shares
 */
export interface ResourceShareStore {
  /** The active share of a parameter (by its canonical ARN), if it has one. */
  activeShareOf(resourceArn: string): Promise<ResourceShare | undefined>;
  /** A share by its ARN, in any status. */
  byArn(resourceShareArn: string): Promise<ResourceShare | undefined>;
  /**
   * Adds a share, or replaces the one of the same `resourceShareArn`. A parameter has one active share at most:
   * an active share saved while the parameter has another one is not saved (the first stands). A store shared
   * by several emulators must hold to this when two of them create a parameter's share at once.
   */
  save(share: ResourceShare): Promise<void>;
  /** Every share owned by `account`, in any status, oldest first. */
  ownedBy(account: string): Promise<ReadonlyArray<ResourceShare>>;
  /** Every active share of other accounts than `account` (candidates for what is shared with it). */
  activeNotOwnedBy(account: string): Promise<ReadonlyArray<ResourceShare>>;
  /**
   * The two calls the share's lifecycle makes after each policy write, answered at once, for a store that never
   * waits (the memory store). Optional, as `PolicyRepository.sync` is: when it is there, a policy write on the
   * memory stores is answered without a promise. It must behave exactly as the calls above. The memory store
   * defines it non-enumerable, so that a wrapper made by spreading the store does not carry it past its own calls.
   */
  readonly sync?: SyncResourceShareStore;
}

/**
 * `ResourceShareStore.activeShareOf` and `save`, answered synchronously (see `ResourceShareStore.sync`).
 *
 * @since 0.3.0
 * @category resource shares
 */
export interface SyncResourceShareStore {
  activeShareOf(resourceArn: string): ResourceShare | undefined;
  save(share: ResourceShare): void;
}

/**
 * The options of the memory share store.
 *
 * @since 0.4.0
 * @category resource shares
 */
export interface MemoryResourceShareStoreOptions {
  /**
   * How many `DELETED` shares the store remembers (default 10,000): past that, the one deleted longest ago is
   * forgotten (an emulator's bound: how long RAM shows a deleted share is not published). Active shares are never
   * forgotten. Why a bound: every parameter that gets a policy and is then deleted leaves a deleted share, and a
   * client that churns parameters (the soak bench: 300 a second) grew the emulator's heap by about 1.2 KB for
   * each, without end.
   */
  readonly maxDeletedShares?: number;
}

/**
 * The default of `MemoryResourceShareStoreOptions.maxDeletedShares`.
 *
 * @since 0.4.0
 * @category resource shares
 */
export const DEFAULT_MAX_DELETED_SHARES = 10_000;

/**
 * The in-memory store the emulator uses by default.
 *
 * @since 0.3.0
 * @category resource shares
 */
export const createMemoryResourceShareStore = (
  options: MemoryResourceShareStoreOptions = {},
): ResourceShareStore => {
  const maxDeleted = options.maxDeletedShares ?? DEFAULT_MAX_DELETED_SHARES;
  if (!Number.isSafeInteger(maxDeleted) || maxDeleted < 0) {
    throw new RangeError(`maxDeletedShares must be a whole number of 0 or more, not ${maxDeleted}.`);
  }
  // Insertion order is creation order; a save of an existing ARN keeps its place.
  const shares = new Map<string, ResourceShare>();
  // ARNs of the deleted shares remembered, in the order they were deleted (a Set keeps insertion order).
  const deleted = new Set<string>();
  // resource ARN → ARN of its active share: the lookup after each write is one map read.
  const active = new Map<string, string>();
  const activeShareOf = (resourceArn: string): ResourceShare | undefined => {
    const arn = active.get(resourceArn);
    return arn === undefined ? undefined : shares.get(arn);
  };
  const save = (share: ResourceShare): void => {
    const current = active.get(share.resourceArn);
    if (share.status === 'ACTIVE') {
      // One active share per parameter: another one stands, and this one is not saved.
      if (current !== undefined && current !== share.resourceShareArn) return;
      active.set(share.resourceArn, share.resourceShareArn);
    } else if (current === share.resourceShareArn) active.delete(share.resourceArn);
    shares.set(share.resourceShareArn, share);
    if (share.status !== 'DELETED') deleted.delete(share.resourceShareArn);
    else if (!deleted.has(share.resourceShareArn)) {
      deleted.add(share.resourceShareArn);
      if (deleted.size > maxDeleted) {
        const oldest = deleted.values().next().value!;
        deleted.delete(oldest);
        shares.delete(oldest);
      }
    }
  };
  const store: ResourceShareStore = {
    activeShareOf: async (resourceArn) => activeShareOf(resourceArn),
    byArn: async (arn) => shares.get(arn),
    save: async (share) => save(share),
    ownedBy: async (account) => [...shares.values()].filter((s) => s.owningAccountId === account),
    activeNotOwnedBy: async (account) =>
      [...active.values()].flatMap((arn) => {
        const s = shares.get(arn);
        return s !== undefined && s.owningAccountId !== account ? [s] : [];
      }),
  };
  // Non-enumerable: `{ ...store, save }` must not keep a synchronous `save` that bypasses the wrapper's.
  const sync: SyncResourceShareStore = { activeShareOf, save };
  return Object.defineProperty(store, 'sync', { value: sync, enumerable: false });
};
