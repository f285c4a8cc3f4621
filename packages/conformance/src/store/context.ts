/**
 * The context a store case runs in: the store, unique resource keys, unique proposed ids and hashes, and
 * helpers for the steps that must succeed (create, update, delete, list every page).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { makeRepositoryContext } from '@ssm-policy/conformance';
 * const ctx = makeRepositoryContext({ repository: createMemoryPolicyRepository(), dispose: async () => {} });
 * assert.deepEqual(await ctx.listAll(ctx.resource('a')), []); // an empty store lists nothing
 *
 * @since 0.1.0
 * @category store contract
 */
import * as E from 'fp-ts/lib/Either.js';
import type { PolicyPage, ResourceKey, StoredPolicy } from '@ssm-policy/core';
import { fail } from '../assert.js';
import { randomTag } from '../documents.js';
import { listAll, type Page } from '../paging.js';
import { attempt, right } from './helpers.js';
import type { RepositoryContext, RepositoryHandle } from './types.js';

/**
 * The context store cases run with: the store, fresh resource keys and helpers.
 *
 * @since 0.1.0
 * @category store contract
 */
export const makeRepositoryContext = (handle: RepositoryHandle): RepositoryContext => {
  const tag = randomTag();
  let n = 0;
  const repository = handle.repository;
  const newId = (): string => `${tag}-id-${++n}`;
  const newHash = (): string => `${tag}-hash-${++n}`;
  const page =
    (resource: ResourceKey, limit: number) =>
    async (cursor: string | undefined): Promise<E.Either<unknown, Page<StoredPolicy, string>>> => {
      const r = await attempt(
        'list',
        repository.list({ resource, limit, ...(cursor !== undefined ? { cursor } : {}) }),
      );
      if (E.isRight(r) && r.right.policies.length > limit)
        fail(`H8 a page with limit ${limit}`, r.right.policies.length, `at most ${limit}`);
      return E.map((p: PolicyPage) => ({ items: p.policies, cursor: p.cursor }))(r);
    };
  return {
    repository,
    resource:
      handle.resource ??
      ((label) => ({ arn: `arn:aws:ssm:us-east-1:123456789012:parameter/conformance/${tag}/${label}` })),
    newId,
    newHash,
    create: async (resource, Policy, maxPolicies) =>
      right(
        await attempt(
          'create',
          repository.create({
            resource,
            Policy,
            proposed: { PolicyId: newId(), PolicyHash: newHash() },
            maxPolicies,
          }),
        ),
        `create on ${resource.arn}`,
      ),
    update: async (resource, current, Policy) =>
      right(
        await attempt(
          'update',
          repository.update({
            resource,
            PolicyId: current.PolicyId,
            expectedHash: current.PolicyHash,
            Policy,
            proposedHash: newHash(),
          }),
        ),
        `update of ${current.PolicyId} on ${resource.arn}`,
      ),
    delete: async (resource, current) => {
      right(
        await attempt(
          'delete',
          repository.delete({ resource, PolicyId: current.PolicyId, expectedHash: current.PolicyHash }),
        ),
        `delete of ${current.PolicyId} on ${resource.arn}`,
      );
    },
    listAll: async (resource, limit = 50) =>
      right(await listAll(page(resource, limit), resource.arn), `list of ${resource.arn}`).map(
        ({ PolicyId, PolicyHash, Policy }) => ({ PolicyId, PolicyHash, Policy }),
      ),
  };
};
