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
  type PolicyLimitReached,
  type PolicyRepository,
  type ResourceKey,
  type StoredPolicy,
} from '@ssm-policy/core';
import {
  addPolicy,
  emptyPolicySet,
  pagePolicies,
  removePolicy,
  replacePolicy,
  type PolicyIdTaken,
  type PolicySet,
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
}

/** The one place this store serialises a key: ARNs hold no space, so the text is unambiguous. */
const mapKeyOf = (key: ResourceKey): string =>
  key.incarnation === undefined ? key.arn : `${key.arn} ${key.incarnation}`;

const CURSOR = /^(0|[1-9]\d{0,15})$/;

/** A task that reads and writes when it is run, not when it is built: a port's TaskEithers are lazy. */
const lazily =
  <L, A>(run: () => E.Either<L, A>): TE.TaskEither<L, A> =>
  () =>
    Promise.resolve(run());

/**
 * An empty in-memory policy store.
 *
 * @category memory store
 * @since 0.1.0
 */
export const createMemoryPolicyRepository = (): MemoryPolicyRepository => {
  // The Map is the only mutable cell; its values are immutable sets, swapped in one synchronous step.
  const sets = new Map<string, PolicySet>();
  const setOf = (resource: ResourceKey): PolicySet => sets.get(mapKeyOf(resource)) ?? emptyPolicySet;
  const store = (resource: ResourceKey, next: PolicySet): void => {
    if (next.byId.size === 0) sets.delete(mapKeyOf(resource));
    else sets.set(mapKeyOf(resource), next);
  };

  return {
    capabilities: { assignsIdentity: false },

    create: (input) =>
      lazily(() =>
        E.bimap(
          (refusal: PolicyLimitReached | PolicyIdTaken) =>
            refusal._tag === 'PolicyIdTaken'
              ? storageError(`PolicyId ${refusal.PolicyId} is already in use: the id source repeated an id.`)
              : refusal,
          (next: PolicySet) => {
            store(input.resource, next);
            return { ...input.proposed, Policy: input.Policy };
          },
        )(addPolicy(setOf(input.resource), { ...input.proposed, Policy: input.Policy }, input.maxPolicies)),
      ),

    update: (input) =>
      lazily(() =>
        E.map((next: PolicySet) => {
          store(input.resource, next);
          return { PolicyId: input.PolicyId, PolicyHash: input.proposedHash, Policy: input.Policy };
        })(
          replacePolicy(setOf(input.resource), {
            PolicyId: input.PolicyId,
            expectedHash: input.expectedHash,
            Policy: input.Policy,
            PolicyHash: input.proposedHash,
          }),
        ),
      ),

    delete: (input) =>
      lazily(() =>
        E.map((next: PolicySet) => {
          store(input.resource, next);
        })(
          removePolicy(setOf(input.resource), { PolicyId: input.PolicyId, expectedHash: input.expectedHash }),
        ),
      ),

    list: (input) =>
      lazily(() => {
        if (input.cursor !== undefined && !CURSOR.test(input.cursor)) return E.left(cursorInvalid);
        const page = pagePolicies(
          setOf(input.resource),
          input.cursor === undefined ? undefined : Number(input.cursor),
          input.limit,
        );
        return E.right(
          page.after === undefined
            ? { policies: page.policies }
            : { policies: page.policies, cursor: String(page.after) },
        );
      }),

    dropResource: (resource) =>
      lazily(() => {
        sets.delete(mapKeyOf(resource));
        return E.right(undefined);
      }),

    snapshot: () =>
      new Map(
        [...sets].map(([key, set]) => [key, pagePolicies(set, undefined, Number.MAX_SAFE_INTEGER).policies]),
      ),
  };
};
