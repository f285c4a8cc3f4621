/**
 * The embedded default `PolicyRepository`: one immutable `PolicySet` per resource, replaced whole on every
 * write. Each operation reads and writes with no `await` in between, so it is atomic in one process (H10).
 * The core's structured `ResourceKey` becomes this store's map key in one place (`mapKeyOf`).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * const repository = createMemoryPolicyRepository();
 * const resource = { arn: 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default' };
 * await repository.create({ resource, Policy: '{}', proposed: { PolicyId: 'p1', PolicyHash: 'h1' }, maxPolicies: 1 })();
 * const page = await repository.list({ resource, limit: 50 })();
 * assert.ok(page._tag === 'Right' && page.right.policies.map((p) => p.PolicyId).join() === 'p1');
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import {
  cursorInvalid,
  storageError,
  type PolicyRepository,
  type ResourceKey,
  type StoredPolicy,
  type SyncPolicyRepository,
} from '@ssm-policy/core';
import {
  addPolicy,
  emptyPolicySet,
  pagePolicies,
  removePolicy,
  replacePolicy,
  type PolicySet,
  type PolicySetPage,
} from './policy-set.js';

/**
 * The policy store in memory: a persistent policy set per resource.
 *
 * @category memory store
 * @since 0.1.0
 */
export interface MemoryPolicyRepository extends PolicyRepository {
  /**
   * The state as it is now: each resource that holds policies (its ARN, followed by a space and the
   * incarnation when the key has one) → its policies in creation order. For tests and tools; O(policies).
   */
  snapshot(): ReadonlyMap<string, ReadonlyArray<StoredPolicy>>;
  /**
   * An estimate of the heap the stored policies hold, kept up to date on every write (O(1) per write): what
   * an emulator's memory budget counts, so that callers cannot make the process run out of heap.
   */
  bytesHeld(): number;
}

// Estimates, measured with Node 20 (`pnpm bench:heap`: heap after a GC, per policy in one resource at 1,000
// to 100,000 policies, and per resource of one policy) after issue 13's exact-length nodes and dense leaves.
// Beyond one byte a character, a policy took 150 bytes at 10,000 and 100,000 policies (150 to 210 at 1,000,
// where the GC's noise is as large): three string headers, its entry, its share of the index and order nodes.
// A resource took about 620 (its key, the map's slot, its set's own nodes). A character is counted as two
// bytes (the worst case, a text outside Latin-1) and the overheads are rounded up, so the estimate errs on the
// safe side (about 1.8x the heap at 100,000 policies of 370 one-byte characters).
const POLICY_OVERHEAD_BYTES = 192;
const RESOURCE_OVERHEAD_BYTES = 768;
/** What a set's policies hold: the set keeps the count of their characters, so this is O(1). */
const setBytes = (set: PolicySet): number => 2 * set.chars + POLICY_OVERHEAD_BYTES * set.byId.size;
const resourceBytes = (key: string): number => 2 * key.length + RESOURCE_OVERHEAD_BYTES;

/** The one place this store serialises a key: ARNs hold no space, so the text is unambiguous. */
const mapKeyOf = (key: ResourceKey): string =>
  key.incarnation === undefined ? key.arn : `${key.arn} ${key.incarnation}`;

const CURSOR = /^(0|[1-9]\d{0,15})$/;

/** A task that reads and writes when it is run, not when it is built: a port's TaskEithers are lazy. */
const lazily =
  <L, A>(run: () => E.Either<L, A>): TE.TaskEither<L, A> =>
  () =>
    Promise.resolve(run());

/** `store` with `sync` as a property that spreading does not copy. */
const withSync = <S extends PolicyRepository>(store: S, sync: SyncPolicyRepository): S =>
  Object.defineProperty(store, 'sync', { value: sync, enumerable: false });

/**
 * An empty in-memory policy store.
 *
 * @category memory store
 * @since 0.1.0
 */
export const createMemoryPolicyRepository = (): MemoryPolicyRepository => {
  // The Map is the only mutable cell; its values are immutable sets, swapped in one synchronous step.
  const sets = new Map<string, PolicySet>();
  let held = 0;
  /** Replaces the set under `key` (`before` is the set it held, `emptyPolicySet` when none). */
  const store = (key: string, before: PolicySet, next: PolicySet): void => {
    if (next.byId.size === 0) sets.delete(key);
    else sets.set(key, next);
    held += setBytes(next) - setBytes(before);
    if (before.byId.size === 0 && next.byId.size > 0) held += resourceBytes(key);
    else if (before.byId.size > 0 && next.byId.size === 0) held -= resourceBytes(key);
  };

  // The last page listed of each set, answered again while the set is the same. A set is immutable (every write
  // makes a new one), so a page is a function of the set, the cursor and the limit, and a page kept by the set
  // can never be stale; a set no longer held takes its page with it. Why: a client polling a resource reads the
  // same page again and again, and a page of 50 walked the creation order and looked each id up in the index,
  // 11.6% of the CPU of a Get of a 50-policy page. Kept pages are frozen: they are handed to every caller.
  const lastPages = new WeakMap<
    PolicySet,
    { after: number | undefined; limit: number; page: PolicySetPage }
  >();
  const pageOf = (set: PolicySet, after: number | undefined, limit: number): PolicySetPage => {
    const kept = lastPages.get(set);
    if (kept !== undefined && kept.after === after && kept.limit === limit) return kept.page;
    const page = pagePolicies(set, after, limit);
    for (const policy of page.policies) Object.freeze(policy);
    Object.freeze(page.policies);
    lastPages.set(set, { after, limit, page });
    return page;
  };

  // The operations themselves, synchronous: the port's tasks run them when they are run, and the commands call
  // them directly (`sync`), without a promise per call. Each reads its resource's key and set once.
  const sync: SyncPolicyRepository = {
    create: (input) => {
      const key = mapKeyOf(input.resource);
      const set = sets.get(key) ?? emptyPolicySet;
      const { PolicyId, PolicyHash } = input.proposed;
      const created: StoredPolicy = { PolicyId, PolicyHash, Policy: input.Policy };
      const next = addPolicy(set, created, input.maxPolicies);
      if (E.isLeft(next)) {
        const refusal = next.left;
        return E.left(
          refusal._tag === 'PolicyIdTaken'
            ? storageError(`PolicyId ${refusal.PolicyId} is already in use: the id source repeated an id.`)
            : refusal,
        );
      }
      store(key, set, next.right);
      return E.right(created);
    },

    update: (input) => {
      const key = mapKeyOf(input.resource);
      const set = sets.get(key) ?? emptyPolicySet;
      const next = replacePolicy(set, {
        PolicyId: input.PolicyId,
        expectedHash: input.expectedHash,
        Policy: input.Policy,
        PolicyHash: input.proposedHash,
      });
      if (E.isLeft(next)) return next;
      store(key, set, next.right);
      return E.right({ PolicyId: input.PolicyId, PolicyHash: input.proposedHash, Policy: input.Policy });
    },

    delete: (input) => {
      const key = mapKeyOf(input.resource);
      const set = sets.get(key) ?? emptyPolicySet;
      const next = removePolicy(set, { PolicyId: input.PolicyId, expectedHash: input.expectedHash });
      if (E.isLeft(next)) return next;
      store(key, set, next.right);
      return E.right(undefined);
    },

    list: (input) => {
      if (input.cursor !== undefined && !CURSOR.test(input.cursor)) return E.left(cursorInvalid);
      const page = pageOf(
        sets.get(mapKeyOf(input.resource)) ?? emptyPolicySet,
        input.cursor === undefined ? undefined : Number(input.cursor),
        input.limit,
      );
      return E.right(
        page.after === undefined
          ? { policies: page.policies }
          : { policies: page.policies, cursor: String(page.after) },
      );
    },
  };

  const repository: MemoryPolicyRepository = {
    capabilities: { assignsIdentity: false },
    create: (input) => lazily(() => sync.create(input)),
    update: (input) => lazily(() => sync.update(input)),
    delete: (input) => lazily(() => sync.delete(input)),
    list: (input) => lazily(() => sync.list(input)),

    dropResource: (resource) =>
      lazily(() => {
        const key = mapKeyOf(resource);
        store(key, sets.get(key) ?? emptyPolicySet, emptyPolicySet);
        return E.right(undefined);
      }),

    bytesHeld: () => held,

    snapshot: () =>
      new Map(
        [...sets].map(([key, set]) => [key, pagePolicies(set, undefined, Number.MAX_SAFE_INTEGER).policies]),
      ),
  };
  // Not enumerable: a wrapper made by spreading this store (`{ ...store, create }`) must not carry the
  // synchronous operations past its own, so it falls back to its tasks.
  return withSync(repository, sync);
};
