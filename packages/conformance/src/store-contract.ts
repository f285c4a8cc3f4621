/**
 * The store contract: cases, as data, that check every operation of the `PolicyRepository` port — create under
 * a count limit, compare-and-set on the hash (success, stale hash, unknown id), delete, paging in creation
 * order with any page size, isolation between resources, dropping a resource's policies, atomicity. A store
 * declares what it `supports` (a store that assigns its own ids and hashes) instead of the suite guessing.
 *
 * @example
 * import { runRepositoryCases } from '@ssm-policy/conformance';
 * import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * // const results = await runRepositoryCases(async () => ({ repository: createMemoryPolicyRepository(), dispose: async () => {} }));
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import type { PolicyRepository, ResourceKey, StoredPolicy } from '@ssm-policy/core';
import {
  ConformanceFailure,
  ConformanceSkip,
  deepEqual,
  expectEqual,
  expectTrue,
  fail,
  skip,
  summarize,
} from './assert.js';
import { randomTag } from './documents.js';
import type { CaseResult } from './service-case.js';

// -------------------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------------------

export interface RepositoryHandle {
  readonly repository: PolicyRepository;
  /**
   * The key of a test resource; by default a parameter ARN under a unique prefix. A store backed by a real
   * service maps labels to resources that exist there.
   */
  readonly resource?: (label: string) => ResourceKey;
  dispose(): Promise<void>;
}

export type RepositoryFactory = () => Promise<RepositoryHandle>;

/** What a store declares about itself. */
export interface RepositorySupports {
  /** It assigns `PolicyId` and `PolicyHash` itself (as the real SSM does) instead of storing the proposed ones. */
  readonly assignsIdentity?: boolean;
  /** It can be driven concurrently in one process (default true). */
  readonly concurrency?: boolean;
}

export interface RepositoryContext {
  readonly repository: PolicyRepository;
  readonly supports: Required<RepositorySupports>;
  resource(label: string): ResourceKey;
  /** A create that must succeed; with `proposed` made unique. */
  create(resource: ResourceKey, Policy: string, maxPolicies?: number): Promise<StoredPolicy>;
  /** Every policy, paging with `limit`. */
  listAll(resource: ResourceKey, limit?: number): Promise<ReadonlyArray<StoredPolicy>>;
  newId(): string;
  newHash(): string;
}

export interface RepositoryCase {
  readonly rule: string;
  readonly title: string;
  readonly requires?: ReadonlyArray<'concurrency'>;
  run(ctx: RepositoryContext): Promise<void>;
}

// -------------------------------------------------------------------------------------------------
// helpers
// -------------------------------------------------------------------------------------------------

const run = async <L, A>(what: string, task: () => Promise<E.Either<L, A>>): Promise<E.Either<L, A>> => {
  try {
    return await task();
  } catch (e) {
    throw new ConformanceFailure(`${what} threw`, e instanceof Error ? e.message : String(e), 'an Either');
  }
};

const right = <A>(r: E.Either<unknown, A>, what: string): A =>
  E.isRight(r) ? r.right : fail(what, summarize(r), 'Right');

const left = (r: E.Either<unknown, unknown>, expected: Record<string, unknown>, what: string): void => {
  if (E.isRight(r) || !deepEqual(pickTag(r.left, expected), expected))
    fail(what, summarize(r), { Left: expected });
};

/** The members of `error` that `expected` names. */
const pickTag = (error: unknown, expected: Record<string, unknown>): Record<string, unknown> => {
  const e = (error ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.keys(expected).map((k) => [k, e[k]]));
};

const doc = (n: number | string): string => `{"Version":"2012-10-17","Statement":[{"Sid":"S${n}"}]}`;

const MISSING = { _tag: 'PolicyMissing' };
const MISMATCH = { _tag: 'HashMismatch' };

// -------------------------------------------------------------------------------------------------
// cases
// -------------------------------------------------------------------------------------------------

export const repositoryCases: ReadonlyArray<RepositoryCase> = [
  {
    rule: 'H1',
    title: 'the store declares the capabilities it supports',
    run: async (ctx) => {
      expectEqual(
        ctx.repository.capabilities.assignsIdentity,
        ctx.supports.assignsIdentity,
        'capabilities.assignsIdentity',
      );
    },
  },
  {
    rule: 'H1',
    title:
      'create stores the policy and answers it (with the proposed id and hash unless the store assigns its own)',
    run: async (ctx) => {
      const r = ctx.resource('a');
      const proposed = { PolicyId: ctx.newId(), PolicyHash: ctx.newHash() };
      const stored = right(
        await run(
          'create',
          ctx.repository.create({ resource: r, Policy: doc(1), proposed, maxPolicies: undefined }),
        ),
        'create',
      );
      if (ctx.supports.assignsIdentity)
        expectTrue(
          typeof stored.PolicyId === 'string' &&
            stored.PolicyId !== '' &&
            typeof stored.PolicyHash === 'string' &&
            stored.PolicyHash !== '',
          'the assigned id and hash',
          stored,
          'non-empty strings',
        );
      else expectEqual(stored, { ...proposed, Policy: doc(1) }, 'the created policy');
      expectEqual(await ctx.listAll(r), [stored], 'list after create');
    },
  },
  {
    rule: 'H1',
    title: 'ids are unique across resources and never reused after a delete or a drop',
    run: async (ctx) => {
      if (!ctx.supports.assignsIdentity) skip('the store keeps the ids it is given; the core chooses them');
      const a = ctx.resource('a');
      const b = ctx.resource('b');
      const ids: string[] = [];
      for (let i = 0; i < 3; i++)
        ids.push((await ctx.create(a, doc(i))).PolicyId, (await ctx.create(b, doc(i))).PolicyId);
      const first = (await ctx.listAll(a))[0]!;
      right(
        await run(
          'delete',
          ctx.repository.delete({ resource: a, PolicyId: first.PolicyId, expectedHash: first.PolicyHash }),
        ),
        'delete',
      );
      right(await run('dropResource', ctx.repository.dropResource(b)), 'dropResource');
      for (let i = 0; i < 3; i++)
        ids.push((await ctx.create(a, doc(i))).PolicyId, (await ctx.create(b, doc(i))).PolicyId);
      expectEqual(new Set(ids).size, ids.length, 'distinct ids among 12 creates');
    },
  },
  {
    rule: 'H9',
    title: 'create refuses with PolicyLimitReached once the resource holds maxPolicies',
    run: async (ctx) => {
      for (const limit of [1, 3]) {
        const r = ctx.resource(`limit-${limit}`);
        for (let i = 0; i < limit; i++) await ctx.create(r, doc(i), limit);
        left(
          await run(
            'create',
            ctx.repository.create({
              resource: r,
              Policy: doc('x'),
              proposed: { PolicyId: ctx.newId(), PolicyHash: ctx.newHash() },
              maxPolicies: limit,
            }),
          ),
          { _tag: 'PolicyLimitReached', limit },
          `create number ${limit + 1} under maxPolicies ${limit}`,
        );
        expectEqual((await ctx.listAll(r)).length, limit, 'policies after the refused create');
        const one = (await ctx.listAll(r))[0]!;
        right(
          await run(
            'delete',
            ctx.repository.delete({ resource: r, PolicyId: one.PolicyId, expectedHash: one.PolicyHash }),
          ),
          'delete',
        );
        await ctx.create(r, doc('again'), limit);
      }
      const free = ctx.resource('unlimited');
      for (let i = 0; i < 20; i++) await ctx.create(free, doc(i));
      expectEqual((await ctx.listAll(free)).length, 20, 'policies without a limit');
    },
  },
  {
    rule: 'H6',
    title: 'update with the current hash replaces the text and hash and keeps the id',
    run: async (ctx) => {
      const r = ctx.resource('a');
      const p = await ctx.create(r, doc(1));
      const proposedHash = ctx.newHash();
      const u = right(
        await run(
          'update',
          ctx.repository.update({
            resource: r,
            PolicyId: p.PolicyId,
            expectedHash: p.PolicyHash,
            Policy: doc(2),
            proposedHash,
          }),
        ),
        'update',
      );
      expectEqual(u.PolicyId, p.PolicyId, 'the id after update');
      if (ctx.supports.assignsIdentity)
        expectTrue(
          u.PolicyHash !== p.PolicyHash,
          'the hash after update',
          u.PolicyHash,
          `not ${p.PolicyHash}`,
        );
      else expectEqual(u.PolicyHash, proposedHash, 'the hash after update');
      expectEqual(u.Policy, doc(2), 'the text after update');
      expectEqual(await ctx.listAll(r), [u], 'list after update');
    },
  },
  {
    rule: 'H5',
    title: 'update and delete with a stale hash answer HashMismatch and change nothing',
    run: async (ctx) => {
      const r = ctx.resource('a');
      const p = await ctx.create(r, doc(1));
      const u = right(
        await run(
          'update',
          ctx.repository.update({
            resource: r,
            PolicyId: p.PolicyId,
            expectedHash: p.PolicyHash,
            Policy: doc(2),
            proposedHash: ctx.newHash(),
          }),
        ),
        'update',
      );
      for (const stale of [p.PolicyHash, 'made-up-hash']) {
        left(
          await run(
            'update',
            ctx.repository.update({
              resource: r,
              PolicyId: p.PolicyId,
              expectedHash: stale,
              Policy: doc(3),
              proposedHash: ctx.newHash(),
            }),
          ),
          MISMATCH,
          `update with hash ${stale}`,
        );
        left(
          await run(
            'delete',
            ctx.repository.delete({ resource: r, PolicyId: p.PolicyId, expectedHash: stale }),
          ),
          MISMATCH,
          `delete with hash ${stale}`,
        );
      }
      expectEqual(await ctx.listAll(r), [u], 'nothing changed');
    },
  },
  {
    rule: 'H4',
    title: "update and delete of an unknown id, or of another resource's id, answer PolicyMissing",
    run: async (ctx) => {
      const a = ctx.resource('a');
      const b = ctx.resource('b');
      const pa = await ctx.create(a, doc(1));
      const pb = await ctx.create(b, doc(1));
      for (const [PolicyId, expectedHash, what] of [
        [ctx.newId(), pa.PolicyHash, 'an unknown id'],
        [pb.PolicyId, pb.PolicyHash, "another resource's id"],
      ] as const) {
        left(
          await run(
            'update',
            ctx.repository.update({
              resource: a,
              PolicyId,
              expectedHash,
              Policy: doc(2),
              proposedHash: ctx.newHash(),
            }),
          ),
          MISSING,
          `update of ${what}`,
        );
        left(
          await run('delete', ctx.repository.delete({ resource: a, PolicyId, expectedHash })),
          MISSING,
          `delete of ${what}`,
        );
      }
      expectEqual(await ctx.listAll(a), [pa], 'resource a unchanged');
      expectEqual(await ctx.listAll(b), [pb], 'resource b unchanged');
    },
  },
  {
    rule: 'H7',
    title: 'delete with the current hash removes the policy; a second delete answers PolicyMissing',
    run: async (ctx) => {
      const r = ctx.resource('a');
      const keep = await ctx.create(r, doc(1));
      const gone = await ctx.create(r, doc(2));
      right(
        await run(
          'delete',
          ctx.repository.delete({ resource: r, PolicyId: gone.PolicyId, expectedHash: gone.PolicyHash }),
        ),
        'delete',
      );
      expectEqual(await ctx.listAll(r), [keep], 'list after delete');
      left(
        await run(
          'delete',
          ctx.repository.delete({ resource: r, PolicyId: gone.PolicyId, expectedHash: gone.PolicyHash }),
        ),
        MISSING,
        'a second delete',
      );
      left(
        await run(
          'update',
          ctx.repository.update({
            resource: r,
            PolicyId: gone.PolicyId,
            expectedHash: gone.PolicyHash,
            Policy: doc(3),
            proposedHash: ctx.newHash(),
          }),
        ),
        MISSING,
        'update of the deleted policy',
      );
    },
  },
  {
    rule: 'H8',
    title: 'list pages in creation order with any page size; an update keeps its place',
    run: async (ctx) => {
      const r = ctx.resource('a');
      const n = 9;
      const created: StoredPolicy[] = [];
      for (let i = 0; i < n; i++) created.push(await ctx.create(r, doc(i)));
      const third = created[3]!;
      created[3] = right(
        await run(
          'update',
          ctx.repository.update({
            resource: r,
            PolicyId: third.PolicyId,
            expectedHash: third.PolicyHash,
            Policy: doc('u'),
            proposedHash: ctx.newHash(),
          }),
        ),
        'update',
      );
      for (let limit = 1; limit <= n + 1; limit++)
        expectEqual(await ctx.listAll(r, limit), created, `every policy with pages of ${limit}`);
    },
  },
  {
    rule: 'H8',
    title: 'a page holds at most limit policies; an empty resource lists no policies and no cursor',
    run: async (ctx) => {
      const empty = right(
        await run('list', ctx.repository.list({ resource: ctx.resource('empty'), limit: 5 })),
        'list',
      );
      expectEqual(empty, { policies: [] }, 'list of a resource without policies');
      const r = ctx.resource('a');
      for (let i = 0; i < 5; i++) await ctx.create(r, doc(i));
      const page = right(await run('list', ctx.repository.list({ resource: r, limit: 2 })), 'list');
      expectEqual(page.policies.length, 2, 'first page of 2');
      expectTrue(page.cursor !== undefined, 'a cursor while more follow', page.cursor, 'a cursor');
    },
  },
  {
    rule: 'H8',
    title: 'paging survives deletes and creates between pages: nothing listed twice, survivors all listed',
    run: async (ctx) => {
      const r = ctx.resource('a');
      const created: StoredPolicy[] = [];
      for (let i = 0; i < 6; i++) created.push(await ctx.create(r, doc(i)));
      const first = right(await run('list', ctx.repository.list({ resource: r, limit: 2 })), 'list');
      // Delete the last policy of the page just read and one not yet read, then add one.
      for (const p of [created[1]!, created[4]!])
        right(
          await run(
            'delete',
            ctx.repository.delete({ resource: r, PolicyId: p.PolicyId, expectedHash: p.PolicyHash }),
          ),
          'delete',
        );
      const added = await ctx.create(r, doc('late'));
      const seen = [...first.policies];
      let cursor = first.cursor;
      for (let i = 0; cursor !== undefined && i < 20; i++) {
        const page = right(await run('list', ctx.repository.list({ resource: r, limit: 2, cursor })), 'list');
        seen.push(...page.policies);
        cursor = page.cursor;
      }
      expectEqual(
        seen.map((p) => p.PolicyId),
        [0, 1, 2, 3, 5].map((i) => created[i]!.PolicyId).concat(added.PolicyId),
        'ids listed across the changes',
      );
    },
  },
  {
    rule: 'P7',
    title: 'the text is kept byte for byte',
    run: async (ctx) => {
      const r = ctx.resource('a');
      const text = '{ "Statement" : [ {"Sid":"Caf\\u00e9 ☕"} ] ,"Version":"2012-10-17"}';
      const p = await ctx.create(r, text);
      expectEqual(p.Policy, text, 'the text answered by create');
      expectEqual(
        (await ctx.listAll(r)).map((x) => x.Policy),
        [text],
        'the text listed',
      );
    },
  },
  {
    rule: 'R7',
    title: 'dropResource removes every policy of that resource only; a later create starts afresh',
    run: async (ctx) => {
      const a = ctx.resource('a');
      const b = ctx.resource('b');
      for (let i = 0; i < 3; i++) {
        await ctx.create(a, doc(i));
        await ctx.create(b, doc(i));
      }
      const kept = await ctx.listAll(b);
      right(await run('dropResource', ctx.repository.dropResource(a)), 'dropResource');
      right(
        await run('dropResource', ctx.repository.dropResource(ctx.resource('never-used'))),
        'dropResource of an empty resource',
      );
      expectEqual(await ctx.listAll(a), [], 'the dropped resource');
      expectEqual(await ctx.listAll(b), kept, 'the other resource');
      const fresh = await ctx.create(a, doc('fresh'), 1);
      expectEqual(await ctx.listAll(a), [fresh], 'the dropped resource after a create under maxPolicies 1');
    },
  },
  {
    rule: 'H10',
    title: 'of concurrent updates carrying one hash exactly one succeeds, the others answer HashMismatch',
    requires: ['concurrency'],
    run: async (ctx) => {
      const r = ctx.resource('a');
      const p = await ctx.create(r, doc(0));
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          run(
            'update',
            ctx.repository.update({
              resource: r,
              PolicyId: p.PolicyId,
              expectedHash: p.PolicyHash,
              Policy: doc(i + 1),
              proposedHash: ctx.newHash(),
            }),
          ),
        ),
      );
      const tags = results.map((x) => (E.isRight(x) ? 'Right' : x.left._tag)).sort();
      expectEqual(
        tags,
        [
          'HashMismatch',
          'HashMismatch',
          'HashMismatch',
          'HashMismatch',
          'HashMismatch',
          'HashMismatch',
          'HashMismatch',
          'Right',
        ],
        'outcomes of 8 concurrent updates',
      );
      const winner = results.find(E.isRight);
      if (winner) expectEqual(await ctx.listAll(r), [winner.right], "the winner's version");
    },
  },
  {
    rule: 'H10',
    title: 'of concurrent creates under maxPolicies 1 exactly one succeeds; concurrent deletes: exactly one',
    requires: ['concurrency'],
    run: async (ctx) => {
      const r = ctx.resource('a');
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          run(
            'create',
            ctx.repository.create({
              resource: r,
              Policy: doc(i),
              proposed: { PolicyId: ctx.newId(), PolicyHash: ctx.newHash() },
              maxPolicies: 1,
            }),
          ),
        ),
      );
      expectEqual(results.filter(E.isRight).length, 1, 'successful concurrent creates under maxPolicies 1');
      const [only] = await ctx.listAll(r);
      expectTrue(only !== undefined, 'one policy stored', only, 'a policy');
      const deletes = await Promise.all(
        Array.from({ length: 8 }, () =>
          run(
            'delete',
            ctx.repository.delete({ resource: r, PolicyId: only!.PolicyId, expectedHash: only!.PolicyHash }),
          ),
        ),
      );
      expectEqual(deletes.filter(E.isRight).length, 1, 'successful concurrent deletes');
      expectEqual(await ctx.listAll(r), [], 'policies left');
    },
  },
];

// -------------------------------------------------------------------------------------------------
// runner
// -------------------------------------------------------------------------------------------------

const MAX_PAGES = 1000;

const makeContext = (handle: RepositoryHandle, supports: Required<RepositorySupports>): RepositoryContext => {
  const tag = randomTag();
  let n = 0;
  const repository = handle.repository;
  const ctx: RepositoryContext = {
    repository,
    supports,
    resource:
      handle.resource ??
      ((label) => ({ arn: `arn:aws:ssm:us-east-1:123456789012:parameter/conformance/${tag}/${label}` })),
    newId: () => `${tag}-id-${++n}`,
    newHash: () => `${tag}-hash-${++n}`,
    create: async (resource, Policy, maxPolicies) =>
      right(
        await run(
          'create',
          repository.create({
            resource,
            Policy,
            proposed: { PolicyId: ctx.newId(), PolicyHash: ctx.newHash() },
            maxPolicies,
          }),
        ),
        `create on ${resource}`,
      ),
    listAll: async (resource, limit = 50) => {
      const out: StoredPolicy[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < MAX_PAGES; i++) {
        const page = right(
          await run(
            'list',
            repository.list({ resource, limit, ...(cursor !== undefined ? { cursor } : {}) }),
          ),
          `list of ${resource}`,
        );
        if (page.policies.length > limit)
          fail(`H8 a page with limit ${limit}`, page.policies.length, `at most ${limit}`);
        out.push(
          ...page.policies.map(({ PolicyId, PolicyHash, Policy }) => ({ PolicyId, PolicyHash, Policy })),
        );
        if (page.cursor === undefined) return out;
        cursor = page.cursor;
      }
      return fail('H8 paging ends', `more than ${MAX_PAGES} pages`, 'a last page without cursor');
    },
  };
  return ctx;
};

export const runRepositoryCase = async (
  c: RepositoryCase,
  factory: RepositoryFactory,
  supports: RepositorySupports = {},
): Promise<CaseResult> => {
  const start = performance.now();
  const base = { rule: c.rule, title: c.title };
  const elapsed = () => Math.round((performance.now() - start) * 10) / 10;
  const declared: Required<RepositorySupports> = {
    assignsIdentity: supports.assignsIdentity ?? false,
    concurrency: supports.concurrency ?? true,
  };
  if (c.requires?.some((r) => !declared[r]))
    return { ...base, status: 'skip', reason: 'the store does not support concurrent use', durationMs: 0 };
  let handle: RepositoryHandle;
  try {
    handle = await factory();
  } catch (e) {
    return { ...base, status: 'fail', reason: `the factory failed: ${String(e)}`, durationMs: elapsed() };
  }
  try {
    await c.run(makeContext(handle, declared));
    return { ...base, status: 'pass', durationMs: elapsed() };
  } catch (e) {
    if (e instanceof ConformanceSkip)
      return { ...base, status: 'skip', reason: e.reason, durationMs: elapsed() };
    if (e instanceof ConformanceFailure)
      return {
        ...base,
        status: 'fail',
        reason: e.what,
        observed: e.observed,
        expected: e.expected,
        durationMs: elapsed(),
      };
    return {
      ...base,
      status: 'fail',
      reason: `the case threw: ${e instanceof Error ? e.message : String(e)}`,
      durationMs: elapsed(),
    };
  } finally {
    await handle.dispose().catch(() => undefined);
  }
};

export const runRepositoryCases = async (
  factory: RepositoryFactory,
  supports: RepositorySupports = {},
  cases: ReadonlyArray<RepositoryCase> = repositoryCases,
): Promise<ReadonlyArray<CaseResult>> => {
  const results: CaseResult[] = [];
  for (const c of cases) results.push(await runRepositoryCase(c, factory, supports));
  return results;
};
