/**
 * The embedded default `PolicyRepository`: one immutable `PolicySet` per resource, replaced whole on every
 * write. Each operation reads and writes with no `await` in between, so it is atomic in one process (H10).
 *
 * @example
 * import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * const repository = createMemoryPolicyRepository();
 * // await repository.list({ resource: 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default', limit: 50 })()
 * // is Right({ policies: [] })
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import {
  addPolicy,
  cursorInvalid,
  emptyPolicySet,
  pagePolicies,
  removePolicy,
  replacePolicy,
  storageError,
  type PolicyIdTaken,
  type PolicyLimitReached,
  type PolicyRepository,
  type PolicySet,
  type ResourceKey,
} from '@ssm-policy/core';

export interface MemoryPolicyRepository extends PolicyRepository {
  /** The state as it is now: resource → its immutable policy set (for tests and tools; O(resources)). */
  snapshot(): ReadonlyMap<ResourceKey, PolicySet>;
}

const CURSOR = /^(0|[1-9]\d{0,15})$/;

/** A task that reads and writes when it is run, not when it is built: a port's TaskEithers are lazy. */
const lazily =
  <L, A>(run: () => E.Either<L, A>): TE.TaskEither<L, A> =>
  () =>
    Promise.resolve(run());

export const createMemoryPolicyRepository = (): MemoryPolicyRepository => {
  // The Map is the only mutable cell; its values are immutable sets, swapped in one synchronous step.
  const sets = new Map<ResourceKey, PolicySet>();
  const setOf = (resource: ResourceKey): PolicySet => sets.get(resource) ?? emptyPolicySet;
  const store = (resource: ResourceKey, next: PolicySet): void => {
    if (next.byId.size === 0) sets.delete(resource);
    else sets.set(resource, next);
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
        sets.delete(resource);
        return E.right(undefined);
      }),

    snapshot: () => new Map(sets),
  };
};
