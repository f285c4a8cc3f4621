/**
 * The state of one resource's policies as an immutable value, with the transitions that the
 * `PolicyRepository` port promises (create under a count limit, compare-and-set on the hash, delete on the
 * hash, pages in creation order) written as immer producers. The memory adapter keeps one `PolicySet` per
 * resource; any store can use it to state what its conditional writes must do.
 *
 * Costs: lookup by id O(1); a page O(log n + page); a write copies the set's index (immutability), O(n)
 * in the policies of that one resource.
 *
 * @example
 * import { emptyPolicySet, addPolicy, pagePolicies } from '@ssm-policy/core';
 * import * as E from 'fp-ts/lib/Either.js';
 * const set = addPolicy(emptyPolicySet, { PolicyId: 'p1', PolicyHash: 'h1', Policy: '{}' }, 1);
 * // E.isRight(set) && pagePolicies(set.right, undefined, 50).policies.length === 1
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import { Immer, enableMapSet, freeze } from 'immer';
import {
  hashMismatch,
  policyLimitReached,
  policyMissing,
  type HashMismatch,
  type PolicyLimitReached,
  type PolicyMissing,
  type StoredPolicy,
} from './repository.js';

enableMapSet();

/**
 * A private immer instance that does not deep-freeze what it produces: freezing measured at about 3 µs per
 * write, more than the rest of an update costs. The state stays immutable by type (`Readonly*`) and by
 * construction — every transition below returns a new set and leaves its input untouched — and using a
 * private instance leaves the embedder's own immer settings alone.
 */
const { produce } = new Immer({ autoFreeze: false });

// -------------------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------------------

/** A stored policy and its creation sequence number (its place in creation order). */
export interface PolicyEntry extends StoredPolicy {
  readonly seq: number;
}

export interface PolicySet {
  readonly byId: ReadonlyMap<string, PolicyEntry>;
  /** Policy ids in creation order, with their sequence numbers ascending. */
  readonly order: ReadonlyArray<{ readonly seq: number; readonly PolicyId: string }>;
  readonly nextSeq: number;
}

export interface PolicySetPage {
  readonly policies: ReadonlyArray<StoredPolicy>;
  /** The sequence number of the last policy returned, when more follow. */
  readonly after?: number;
}

export const emptyPolicySet: PolicySet = freeze({ byId: new Map(), order: [], nextSeq: 0 }, true);

// -------------------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------------------

/** Adds a policy unless the set already holds `maxPolicies` (H9). */
export const addPolicy = (
  set: PolicySet,
  policy: StoredPolicy,
  maxPolicies: number | undefined,
): E.Either<PolicyLimitReached, PolicySet> => {
  if (maxPolicies !== undefined && set.byId.size >= maxPolicies)
    return E.left(policyLimitReached(maxPolicies));
  return E.right(
    produce(set, (draft) => {
      const seq = draft.nextSeq;
      draft.byId.set(policy.PolicyId, {
        PolicyId: policy.PolicyId,
        PolicyHash: policy.PolicyHash,
        Policy: policy.Policy,
        seq,
      });
      draft.order.push({ seq, PolicyId: policy.PolicyId });
      draft.nextSeq = seq + 1;
    }),
  );
};

/** Compare-and-set (H4, H5): replaces the text and hash while the current hash is `expectedHash`. */
export const replacePolicy = (
  set: PolicySet,
  change: { PolicyId: string; expectedHash: string; Policy: string; PolicyHash: string },
): E.Either<PolicyMissing | HashMismatch, PolicySet> => {
  const current = set.byId.get(change.PolicyId);
  if (current === undefined) return E.left(policyMissing);
  if (current.PolicyHash !== change.expectedHash) return E.left(hashMismatch);
  return E.right(
    produce(set, (draft) => {
      draft.byId.set(change.PolicyId, { ...current, Policy: change.Policy, PolicyHash: change.PolicyHash });
    }),
  );
};

/** First index in `order` whose sequence number is greater than `seq` (binary search). */
const firstAfter = (order: PolicySet['order'], seq: number): number => {
  let lo = 0,
    hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order[mid]!.seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** Delete on the current hash (H4, H5, H7). */
export const removePolicy = (
  set: PolicySet,
  target: { PolicyId: string; expectedHash: string },
): E.Either<PolicyMissing | HashMismatch, PolicySet> => {
  const current = set.byId.get(target.PolicyId);
  if (current === undefined) return E.left(policyMissing);
  if (current.PolicyHash !== target.expectedHash) return E.left(hashMismatch);
  const at = firstAfter(set.order, current.seq) - 1;
  return E.right(
    produce(set, (draft) => {
      draft.byId.delete(target.PolicyId);
      draft.order.splice(at, 1);
    }),
  );
};

/** Up to `limit` policies created after sequence number `after`, in creation order (H8). */
export const pagePolicies = (set: PolicySet, after: number | undefined, limit: number): PolicySetPage => {
  const start = after === undefined ? 0 : firstAfter(set.order, after);
  const end = Math.min(set.order.length, start + limit);
  const policies: StoredPolicy[] = [];
  for (let i = start; i < end; i++) {
    const { PolicyId, PolicyHash, Policy } = set.byId.get(set.order[i]!.PolicyId)!;
    policies.push({ PolicyId, PolicyHash, Policy });
  }
  return end < set.order.length ? { policies, after: set.order[end - 1]!.seq } : { policies };
};
