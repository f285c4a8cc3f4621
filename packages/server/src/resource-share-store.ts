/**
 * Where the emulator keeps RAM's resource shares (rule A8): its own small port, apart from the parameter store
 * and the policy repository, so that a persistent store can implement it later without touching either. Every
 * call answers a promise, so a remote store fits; the memory store answers at once.
 *
 * @example
 * import { createMemoryResourceShareStore } from '@ssm-policy/server';
 * const shares = createMemoryResourceShareStore();
 * // await shares.activeShareOf('arn:aws:ssm:us-east-1:123456789012:parameter/app/db') is undefined
 *
 * @since 0.3.0
 */
import type { ResourceShare } from '@ssm-policy/core';

/**
 * @since 0.3.0
 * @category resource shares
 */
export interface ResourceShareStore {
  /** The active share of a parameter (by its canonical ARN), if it has one. */
  activeShareOf(resourceArn: string): Promise<ResourceShare | undefined>;
  /** A share by its ARN, in any status. */
  byArn(resourceShareArn: string): Promise<ResourceShare | undefined>;
  /** Adds a share, or replaces the one of the same `resourceShareArn`. */
  save(share: ResourceShare): Promise<void>;
  /** Every share owned by `account`, in any status, oldest first. */
  ownedBy(account: string): Promise<ReadonlyArray<ResourceShare>>;
  /** Every active share of other accounts than `account` (candidates for what is shared with it). */
  activeNotOwnedBy(account: string): Promise<ReadonlyArray<ResourceShare>>;
}

/**
 * @since 0.3.0
 * @category resource shares
 */
export const createMemoryResourceShareStore = (): ResourceShareStore => {
  // Insertion order is creation order; a save of an existing ARN keeps its place.
  const shares = new Map<string, ResourceShare>();
  // resource ARN → ARN of its active share: the lookup after each write is one map read.
  const active = new Map<string, string>();
  return {
    activeShareOf: async (resourceArn) => {
      const arn = active.get(resourceArn);
      return arn === undefined ? undefined : shares.get(arn);
    },
    byArn: async (arn) => shares.get(arn),
    save: async (share) => {
      shares.set(share.resourceShareArn, share);
      if (share.status === 'ACTIVE') active.set(share.resourceArn, share.resourceShareArn);
      else if (active.get(share.resourceArn) === share.resourceShareArn) active.delete(share.resourceArn);
    },
    ownedBy: async (account) => [...shares.values()].filter((s) => s.owningAccountId === account),
    activeNotOwnedBy: async (account) =>
      [...active.values()].flatMap((arn) => {
        const s = shares.get(arn);
        return s !== undefined && s.owningAccountId !== account ? [s] : [];
      }),
  };
};
