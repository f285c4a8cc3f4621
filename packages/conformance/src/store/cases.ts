/**
 * The store contract's cases, as data: every operation of the `PolicyRepository` port — create under a count
 * limit, compare-and-set on the hash (success, stale hash, unknown id), delete, paging in creation order with
 * any page size, isolation between resources, dropping a resource's policies, atomicity. A store that assigns
 * its own ids and hashes says so in `repository.capabilities`, and the cases read it there.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { repositoryCases } from '@ssm-policy/conformance';
 * assert.ok(repositoryCases.some((c) => c.rule === 'H5'), 'the store contract checks H5');
 *
 * @since 0.1.0
 * @category store contract
 */
import * as E from 'fp-ts/lib/Either.js';
import type { PolicyPage, StoredPolicy } from '@ssm-policy/core';
import { expectEqual, expectTrue } from '../assert.js';
import { listAll } from '../paging.js';
import { MISMATCH, MISSING, attempt, doc, left, right } from './helpers.js';
import type { RepositoryCase } from './types.js';

/**
 * Every store case.
 *
 * @since 0.1.0
 * @category store contract
 */
export const repositoryCases: ReadonlyArray<RepositoryCase> = [
  {
    rule: 'H1',
    title:
      'create stores the policy and answers it (with the proposed id and hash unless the store assigns its own)',
    run: async (ctx) => {
      const r = ctx.resource('a');
      const proposed = { PolicyId: ctx.newId(), PolicyHash: ctx.newHash() };
      const stored = right(
        await attempt(
          'create',
          ctx.repository.create({ resource: r, Policy: doc(1), proposed, maxPolicies: undefined }),
        ),
        'create',
      );
      if (ctx.repository.capabilities.assignsIdentity)
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
    requirements: ['assignsIdentity'],
    run: async (ctx) => {
      const a = ctx.resource('a');
      const b = ctx.resource('b');
      const ids: string[] = [];
      for (let i = 0; i < 3; i++)
        ids.push((await ctx.create(a, doc(i))).PolicyId, (await ctx.create(b, doc(i))).PolicyId);
      const first = (await ctx.listAll(a))[0]!;
      await ctx.delete(a, first);
      right(await attempt('dropResource', ctx.repository.dropResource(b)), 'dropResource');
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
          await attempt(
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
        await ctx.delete(r, one);
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
        await attempt(
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
      if (ctx.repository.capabilities.assignsIdentity)
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
      const u = await ctx.update(r, p, doc(2));
      for (const stale of [p.PolicyHash, 'made-up-hash']) {
        left(
          await attempt(
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
          await attempt(
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
          await attempt(
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
          await attempt('delete', ctx.repository.delete({ resource: a, PolicyId, expectedHash })),
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
      await ctx.delete(r, gone);
      expectEqual(await ctx.listAll(r), [keep], 'list after delete');
      left(
        await attempt(
          'delete',
          ctx.repository.delete({ resource: r, PolicyId: gone.PolicyId, expectedHash: gone.PolicyHash }),
        ),
        MISSING,
        'a second delete',
      );
      left(
        await attempt(
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
      created[3] = await ctx.update(r, third, doc('u'));
      for (let limit = 1; limit <= n + 1; limit++)
        expectEqual(await ctx.listAll(r, limit), created, `every policy with pages of ${limit}`);
    },
  },
  {
    rule: 'H8',
    title: 'a page holds at most limit policies; an empty resource lists no policies and no cursor',
    run: async (ctx) => {
      const empty = right(
        await attempt('list', ctx.repository.list({ resource: ctx.resource('empty'), limit: 5 })),
        'list',
      );
      expectEqual(empty, { policies: [] }, 'list of a resource without policies');
      const r = ctx.resource('a');
      for (let i = 0; i < 5; i++) await ctx.create(r, doc(i));
      const page = right(await attempt('list', ctx.repository.list({ resource: r, limit: 2 })), 'list');
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
      const first = right(await attempt('list', ctx.repository.list({ resource: r, limit: 2 })), 'list');
      // Delete the last policy of the page just read and one not yet read, then add one.
      for (const p of [created[1]!, created[4]!]) await ctx.delete(r, p);
      const added = await ctx.create(r, doc('late'));
      const from = first.cursor;
      const rest =
        from === undefined
          ? []
          : right(
              await listAll(
                async (cursor: string | undefined) =>
                  E.map((page: PolicyPage) => ({ items: page.policies, cursor: page.cursor }))(
                    await attempt(
                      'list',
                      ctx.repository.list({ resource: r, limit: 2, cursor: cursor ?? from }),
                    ),
                  ),
                r.arn,
              ),
              'list',
            );
      const seen = [...first.policies, ...rest];
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
      right(await attempt('dropResource', ctx.repository.dropResource(a)), 'dropResource');
      right(
        await attempt('dropResource', ctx.repository.dropResource(ctx.resource('never-used'))),
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
    requirements: ['concurrency'],
    run: async (ctx) => {
      const r = ctx.resource('a');
      const p = await ctx.create(r, doc(0));
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          attempt(
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
    requirements: ['concurrency'],
    run: async (ctx) => {
      const r = ctx.resource('a');
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          attempt(
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
          attempt(
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
