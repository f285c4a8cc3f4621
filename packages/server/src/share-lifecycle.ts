/**
 * Rule A8's hook: after a successful `PutResourcePolicy`, `DeleteResourcePolicy` or `DeleteParameter`, the
 * parameter's resource share follows its policies, as the core's `shareTransition` decides. A Put needs no
 * extra read (a policy now exists: one lookup in the share store, a map read in memory); only a Delete of a shared
 * parameter's policy asks the repository whether a policy remains (`holdsPoliciesNow`: one `list` with a limit of
 * one, no page answered). OpsItemGroup policies create no share.
 *
 * Writes are not serialised with the share update: a Put and a Delete of the last policy racing on one
 * parameter may leave the share one step behind until the next write of that parameter's policies.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { defaultProfile, makeCaller, seededIdSource } from '@ssm-policy/core';
 * import { createMemoryResourceShareStore, createParameterStore, makeShareLifecycle } from '@ssm-policy/server';
 * const shares = createMemoryResourceShareStore();
 * const lifecycle = makeShareLifecycle({
 *   shares,
 *   deps: { repository: createMemoryPolicyRepository(), catalog: createParameterStore(), ids: seededIdSource(1), profile: defaultProfile },
 *   newShareId: () => 'share-1',
 * });
 * const owner = makeCaller({ account: '111111111111', region: 'us-east-1' });
 * const arn = 'arn:aws:ssm:us-east-1:111111111111:parameter/app/db';
 * // The owner's PutResourcePolicy on the parameter succeeded: its share appears.
 * await lifecycle.afterPolicyPut(owner, arn);
 * assert.equal((await shares.activeShareOf(arn))?.resourceShareArn, 'arn:aws:ram:us-east-1:111111111111:resource-share/share-1');
 * // The owner deleted the parameter (by name): the share goes with its policies.
 * await lifecycle.afterParameterDelete(owner, '/app/db');
 * assert.equal(await shares.activeShareOf(arn), undefined);
 *
 * @since 0.3.0
 */
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import {
  GetResourcePolicies,
  andThen,
  formatResourceArn,
  newPolicyShare,
  parameterArn,
  parseResourceArn,
  shareTransition,
  type Caller,
  type Dependencies,
  type Eventually,
  type ResourceShare,
} from '@ssm-policy/core';
import type { ResourceShareStore } from './resource-share-store.js';

/**
 * What the hooks need: the share store and the policy commands' dependencies.
 *
 * @since 0.3.0
 * @category resource shares
 */
export interface ShareLifecycleDependencies {
  readonly shares: ResourceShareStore;
  /** The policy commands' dependencies: a Delete reads whether a policy remains through them. */
  readonly deps: Dependencies;
  /** Share ids (the last part of the share's ARN); random UUIDs by default. */
  readonly newShareId?: () => string;
  readonly now?: () => Date;
}

/**
 * The hooks the wire handler calls after each successful write that may change a parameter's policies.
 *
 * @since 0.3.0
 * @category resource shares
 */
export interface ShareLifecycle {
  /** At once (no promise) when the share store and the repository answer synchronously (the memory stores). */
  afterPolicyPut(caller: Caller, resourceArn: string): Eventually<void>;
  afterPolicyDelete(caller: Caller, resourceArn: string): Eventually<void>;
  /** `name` as `DeleteParameter` was given it: a name of the caller's scope, or a parameter ARN. */
  afterParameterDelete(caller: Caller, name: string): Eventually<void>;
}

/** The canonical ARN of a parameter's `ResourceArn`, or `undefined` for an OpsItemGroup (no share). */
const canonicalParameterArn = (resourceArn: string): string | undefined => {
  const parsed = parseResourceArn(resourceArn);
  return E.isRight(parsed) && parsed.right._tag === 'Parameter' ? formatResourceArn(parsed.right) : undefined;
};

/** ARNs whose reading the hooks keep: the core has just read the same ARN, and writes repeat their resources. */
const READ_ARNS_KEPT = 256;

/**
 * `canonicalParameterArn`, remembered for the last resources written (a bounded cache, emptied when full): the
 * command before the hook has read the ARN already, and a second reading of it cost about 3 µs a write behind
 * HTTP, where the code runs cold.
 */
const parameterReader = (): ((resourceArn: string) => string | undefined) => {
  // null: read, and not a parameter's.
  const read = new Map<string, string | null>();
  return (resourceArn) => {
    const kept = read.get(resourceArn);
    if (kept !== undefined) return kept ?? undefined;
    const arn = canonicalParameterArn(resourceArn);
    if (read.size >= READ_ARNS_KEPT) read.clear();
    read.set(resourceArn, arn ?? null);
    return arn;
  };
};

/** The share store's two lifecycle calls, synchronous when the store offers them so. */
interface ShareCalls {
  activeShareOf(resourceArn: string): Eventually<ResourceShare | undefined>;
  save(share: ResourceShare): Eventually<void>;
}

/**
 * The hooks over a share store.
 *
 * @since 0.3.0
 * @category resource shares
 */
export const makeShareLifecycle = (input: ShareLifecycleDependencies): ShareLifecycle => {
  const shares: ShareCalls = input.shares.sync ?? input.shares;
  const now = input.now ?? (() => new Date());
  const newShareId = input.newShareId ?? randomUUID;
  const holdsPolicies = GetResourcePolicies.holdsPoliciesNow(input.deps);
  const parameterOf = parameterReader();

  /** `owner` is needed only when policies are left (a share may be created); `share` is the active one. */
  const transition = (
    arn: string,
    share: ResourceShare | undefined,
    owner: Caller | undefined,
  ): Eventually<void> => {
    switch (shareTransition({ policiesLeft: owner !== undefined, share })) {
      case 'Create':
        return owner === undefined ? undefined : shares.save(newPolicyShare(owner, arn, newShareId(), now()));
      case 'Delete':
        return share === undefined
          ? undefined
          : shares.save({ ...share, status: 'DELETED', lastUpdatedTime: now() });
      case 'Keep':
        return undefined;
    }
  };
  const apply = (arn: string, owner: Caller | undefined): Eventually<void> =>
    andThen(shares.activeShareOf(arn), (share) => transition(arn, share, owner));

  return {
    afterPolicyPut: (caller, resourceArn) => {
      const arn = parameterOf(resourceArn);
      // R8: a successful Put is the owner's, so the caller is the share's owner.
      return arn === undefined ? undefined : apply(arn, caller);
    },
    afterPolicyDelete: (caller, resourceArn) => {
      const arn = parameterOf(resourceArn);
      if (arn === undefined) return undefined;
      return andThen(shares.activeShareOf(arn), (share) =>
        share === undefined
          ? undefined
          : andThen(holdsPolicies(caller, arn), (holds) =>
              // A failed read keeps the share: it is removed by the next successful Delete.
              E.isRight(holds) ? transition(arn, share, holds.right ? caller : undefined) : undefined,
            ),
      );
    },
    // R7: the parameter's policies went with it, so none is left.
    afterParameterDelete: (caller, name) => {
      const arn = name.startsWith('arn:') ? parameterOf(name) : parameterArn(caller, name);
      return arn === undefined ? undefined : apply(arn, undefined);
    },
  };
};
