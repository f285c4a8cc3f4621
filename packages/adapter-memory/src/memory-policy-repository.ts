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
  type PolicyRepository,
  type PolicySet,
  type ResourceKey,
} from '@ssm-policy/core';

export interface MemoryPolicyRepository extends PolicyRepository {
  /** The state as it is now: resource → its immutable policy set (for tests and tools; O(resources)). */
  snapshot(): ReadonlyMap<ResourceKey, PolicySet>;
}

const CURSOR = /^(0|[1-9]\d{0,15})$/;

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
      TE.fromEither(
        E.map((next: PolicySet) => {
          store(input.resource, next);
          return { ...input.proposed, Policy: input.Policy };
        })(addPolicy(setOf(input.resource), { ...input.proposed, Policy: input.Policy }, input.maxPolicies)),
      ),

    update: (input) =>
      TE.fromEither(
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
      TE.fromEither(
        E.map((next: PolicySet) => {
          store(input.resource, next);
        })(
          removePolicy(setOf(input.resource), { PolicyId: input.PolicyId, expectedHash: input.expectedHash }),
        ),
      ),

    list: (input) => {
      if (input.cursor !== undefined && !CURSOR.test(input.cursor)) return TE.left(cursorInvalid);
      const page = pagePolicies(
        setOf(input.resource),
        input.cursor === undefined ? undefined : Number(input.cursor),
        input.limit,
      );
      return TE.right(
        page.after === undefined
          ? { policies: page.policies }
          : { policies: page.policies, cursor: String(page.after) },
      );
    },

    dropResource: (resource) => {
      sets.delete(resource);
      return TE.right(undefined);
    },

    snapshot: () => new Map(sets),
  };
};
