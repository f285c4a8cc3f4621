/**
 * Deliberately broken stores: wrappers around the kit's tiny test store, each breaking one promise of the
 * `PolicyRepository` port. The kit's own tests run both contracts against them and assert each is caught.
 *
 * @example
 * import { ignoresHash } from './mutant-repositories.js';
 * const repository = ignoresHash(); // update and delete succeed with any hash
 */
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';

import {
  hashMismatch,
  policyLimitReached,
  policyMissing,
  type PolicyRepository,
  type ResourceKey,
  type StoredPolicy,
} from '@ssm-policy/core';
import { createTinyRepository } from '../support/tiny-store.js';

const all = async (repo: PolicyRepository, resource: ResourceKey): Promise<StoredPolicy[]> => {
  const out: StoredPolicy[] = [];
  let cursor: string | undefined;
  do {
    const page = await repo.list({ resource, limit: 50, ...(cursor !== undefined ? { cursor } : {}) })();
    if (E.isLeft(page)) throw new Error(page.left._tag);
    out.push(...page.right.policies);
    cursor = page.right.cursor;
  } while (cursor !== undefined);
  return out;
};

const find = async (
  repo: PolicyRepository,
  resource: ResourceKey,
  id: string,
): Promise<StoredPolicy | undefined> => (await all(repo, resource)).find((p) => p.PolicyId === id);

/** Compare-and-set without the compare: any hash updates or deletes the policy (breaks H5). */
export const ignoresHash = (): PolicyRepository => {
  const inner = createTinyRepository();
  return {
    ...inner,
    update: (input) => async () => {
      const current = await find(inner, input.resource, input.PolicyId);
      return inner.update({ ...input, expectedHash: current?.PolicyHash ?? input.expectedHash })();
    },
    delete: (input) => async () => {
      const current = await find(inner, input.resource, input.PolicyId);
      return inner.delete({ ...input, expectedHash: current?.PolicyHash ?? input.expectedHash })();
    },
  };
};

/** Assigns its own ids, numbered per resource from 1 again after a drop: ids repeat across resources (H1). */
export const reusesPolicyIds = (): PolicyRepository => {
  const inner = createTinyRepository();
  const counters = new Map<ResourceKey, number>();
  let hashes = 0;
  return {
    ...inner,
    capabilities: { assignsIdentity: true },
    create: (input) => {
      const n = (counters.get(input.resource) ?? 0) + 1;
      counters.set(input.resource, n);
      return inner.create({
        ...input,
        proposed: { PolicyId: `policy-${n}`, PolicyHash: `hash-${++hashes}` },
      });
    },
    update: (input) => inner.update({ ...input, proposedHash: `hash-${++hashes}` }),
    dropResource: (resource) => {
      counters.delete(resource);
      return inner.dropResource(resource);
    },
  };
};

/** Creates without looking at the count limit: a second OpsItemGroup policy is stored (H9). */
export const forgetsPolicyLimit = (): PolicyRepository => {
  const inner = createTinyRepository();
  return { ...inner, create: (input) => inner.create({ ...input, maxPolicies: undefined }) };
};

/** Every page after the first starts one policy too late (H8). */
export const skipsItemWhenPaging = (): PolicyRepository => {
  const inner = createTinyRepository();
  return {
    ...inner,
    list: (input) =>
      input.cursor === undefined
        ? inner.list(input)
        : TE.map((page: { policies: ReadonlyArray<StoredPolicy>; cursor?: string }) => ({
            ...page,
            policies: page.policies.slice(1),
          }))(inner.list({ ...input, limit: input.limit + 1 })),
  };
};

/** Stores the document re-serialized (compact JSON), not byte for byte (P7). */
export const changesPolicyText = (): PolicyRepository => {
  const inner = createTinyRepository();
  const normalize = (text: string): string => {
    try {
      return JSON.stringify(JSON.parse(text));
    } catch {
      return text;
    }
  };
  return {
    ...inner,
    create: (input) => inner.create({ ...input, Policy: normalize(input.Policy) }),
    update: (input) => inner.update({ ...input, Policy: normalize(input.Policy) }),
  };
};

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Checks, yields, then writes blindly: concurrent commands all pass the check (H10). */
export const notAtomic = (): PolicyRepository => {
  const inner = createTinyRepository();
  return {
    ...inner,
    create: (input) => async () => {
      const count = (await all(inner, input.resource)).length;
      if (input.maxPolicies !== undefined && count >= input.maxPolicies)
        return E.left(policyLimitReached(input.maxPolicies));
      await tick();
      return inner.create({ ...input, maxPolicies: undefined })();
    },
    update: (input) => async () => {
      const current = await find(inner, input.resource, input.PolicyId);
      if (current === undefined) return E.left(policyMissing);
      if (current.PolicyHash !== input.expectedHash) return E.left(hashMismatch);
      await tick();
      const now = await find(inner, input.resource, input.PolicyId);
      if (now === undefined) return E.left(policyMissing);
      return inner.update({ ...input, expectedHash: now.PolicyHash })();
    },
    delete: (input) => async () => {
      const current = await find(inner, input.resource, input.PolicyId);
      if (current === undefined) return E.left(policyMissing);
      if (current.PolicyHash !== input.expectedHash) return E.left(hashMismatch);
      await tick();
      const now = await find(inner, input.resource, input.PolicyId);
      if (now === undefined) return E.right(undefined); // someone else deleted it: "done" anyway
      return inner.delete({ ...input, expectedHash: now.PolicyHash })();
    },
  };
};
