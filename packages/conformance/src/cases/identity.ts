/**
 * Service-contract cases of ids and hashes: a create answers a new id and hash, an id is never reused (H1),
 * a request naming only one of PolicyId and PolicyHash is refused (H2, H3), an update keeps the id and
 * changes the hash as the profile's strategy says (H6), and one seed gives the same ids and hashes (H11,
 * which needs a factory that honours `idSeed`).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { identityCases } from '@ssm-policy/conformance';
 * assert.equal(identityCases.filter((c) => c.rule === 'H1').length, 2);
 *
 * @since 0.1.0
 * @category service contract
 */
import { expectEqual, expectError, expectRight, expectTrue } from '../assert.js';
import { opsItemGroupPolicy } from '../documents.js';
import type { ServiceCase, ServiceContext } from '../service/context.js';
import { CONFLICT, nth } from './helpers.js';

/** Runs the same commands on a fresh service built with `seed`: the ids and hashes it answered. */
const seededRun = async (ctx: ServiceContext, seed: number): Promise<unknown[]> => {
  const handle = await ctx.factory({ idSeed: seed });
  try {
    const Name = ctx.name('seeded');
    await handle.parameters.putParameter({ Name, Type: 'String', Tier: 'Advanced' });
    const arn = ctx.parameterArn('seeded', handle.caller);
    const out: unknown[] = [];
    const a = expectRight(
      await handle.service.PutResourcePolicy({ ResourceArn: arn, Policy: nth(arn, 1) })(),
      'create',
    );
    const b = expectRight(
      await handle.service.PutResourcePolicy({ ResourceArn: arn, Policy: nth(arn, 2) })(),
      'create',
    );
    const a2 = expectRight(
      await handle.service.PutResourcePolicy({
        ResourceArn: arn,
        Policy: nth(arn, 3),
        PolicyId: a.PolicyId,
        PolicyHash: a.PolicyHash,
      })(),
      'update',
    );
    expectRight(
      await handle.service.DeleteResourcePolicy({
        ResourceArn: arn,
        PolicyId: b.PolicyId,
        PolicyHash: b.PolicyHash,
      })(),
      'delete',
    );
    const c = expectRight(
      await handle.service.PutResourcePolicy({ ResourceArn: arn, Policy: nth(arn, 4) })(),
      'create',
    );
    out.push(a, b, a2, c);
    await handle.parameters.deleteParameter(Name);
    return out;
  } finally {
    await handle.dispose();
  }
};

/**
 * The service cases of policy ids and hashes (H1, H2, H3, H6, H11).
 *
 * @since 0.1.0
 * @category service contract
 */
export const identityCases: ReadonlyArray<ServiceCase> = [
  {
    rule: 'H1',
    title: 'Put without PolicyId creates a policy and answers its new PolicyId and PolicyHash',
    run: async (ctx) => {
      const arn = await ctx.parameter('p');
      const created = await ctx.create(arn, nth(arn, 1));
      expectEqual(await ctx.list(arn), [{ ...created, Policy: nth(arn, 1) }], 'Get after the create');
    },
  },
  {
    rule: 'H1',
    title: 'a PolicyId is unique across resources and never reused, even after a delete',
    run: async (ctx) => {
      const a = await ctx.parameter('a');
      const b = await ctx.parameter('b');
      const group = await ctx.opsItemGroup();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        ids.push((await ctx.create(a, nth(a, i))).PolicyId, (await ctx.create(b, nth(b, i))).PolicyId);
      }
      const g = await ctx.create(group, opsItemGroupPolicy(ctx.caller));
      ids.push(g.PolicyId);
      expectRight(await ctx.del({ ResourceArn: group, ...g }), 'delete the group policy');
      for (const p of await ctx.list(a))
        expectRight(
          await ctx.del({ ResourceArn: a, PolicyId: p.PolicyId, PolicyHash: p.PolicyHash }),
          'delete',
        );
      ids.push((await ctx.create(group, opsItemGroupPolicy(ctx.caller))).PolicyId);
      for (let i = 0; i < 3; i++) ids.push((await ctx.create(a, nth(a, i))).PolicyId);
      expectEqual(new Set(ids).size, ids.length, 'distinct PolicyIds among every create');
    },
  },
  {
    rule: 'H2',
    title: 'Put with PolicyHash but no PolicyId is refused ["PolicyId"] (profile.hashWithoutIdIsInvalid)',
    run: async (ctx) => {
      const arn = await ctx.parameter('p');
      const created = await ctx.create(arn, nth(arn, 1));
      const result = await ctx.put({ ResourceArn: arn, Policy: nth(arn, 2), PolicyHash: created.PolicyHash });
      if (ctx.profile.hashWithoutIdIsInvalid) {
        expectError(
          result,
          { _tag: 'ResourcePolicyInvalidParameterException', ParameterNames: ['PolicyId'] },
          'Put with only a PolicyHash',
        );
        expectEqual(await ctx.list(arn), [{ ...created, Policy: nth(arn, 1) }], 'nothing changed');
      } else {
        const r = expectRight(result, 'Put with only a PolicyHash creates');
        expectEqual(
          (await ctx.list(arn)).map((p) => p.PolicyId),
          [created.PolicyId, r.PolicyId],
          'a second policy',
        );
      }
    },
  },
  {
    rule: 'H3',
    title: 'Put with PolicyId but no PolicyHash is refused ["PolicyHash"]',
    run: async (ctx) => {
      const arn = await ctx.parameter('p');
      const created = await ctx.create(arn, nth(arn, 1));
      expectError(
        await ctx.put({ ResourceArn: arn, Policy: nth(arn, 2), PolicyId: created.PolicyId }),
        { _tag: 'ResourcePolicyInvalidParameterException', ParameterNames: ['PolicyHash'] },
        'Put with only a PolicyId',
      );
      expectEqual(await ctx.list(arn), [{ ...created, Policy: nth(arn, 1) }], 'nothing changed');
    },
  },
  {
    rule: 'H6',
    title: 'an update keeps the PolicyId and answers a new PolicyHash',
    run: async (ctx) => {
      const arn = await ctx.parameter('p');
      const v1 = await ctx.create(arn, nth(arn, 1));
      const v2 = await ctx.update(arn, v1, nth(arn, 2));
      expectEqual(v2.PolicyId, v1.PolicyId, 'the PolicyId after an update');
      expectTrue(
        v2.PolicyHash !== v1.PolicyHash,
        'the PolicyHash after changing the text',
        v2.PolicyHash,
        `not ${v1.PolicyHash}`,
      );
      expectEqual(await ctx.list(arn), [{ ...v2, Policy: nth(arn, 2) }], 'Get after the update');
    },
  },
  {
    rule: 'H6',
    title:
      'hash strategy (profile.hashStrategy): versioned hashes never repeat; content hashes follow the text',
    run: async (ctx) => {
      const arn = await ctx.parameter('p');
      const a = await ctx.create(arn, nth(arn, 1));
      const same = expectRight(
        await ctx.put({ ResourceArn: arn, Policy: nth(arn, 1), ...a }),
        'update with the same text',
      );
      const b = expectRight(await ctx.put({ ResourceArn: arn, Policy: nth(arn, 2), ...same }), 'A → B');
      const back = expectRight(await ctx.put({ ResourceArn: arn, Policy: nth(arn, 1), ...b }), 'B → A');
      if (ctx.profile.hashStrategy === 'versioned') {
        const hashes = [a, same, b, back].map((r) => r.PolicyHash);
        expectEqual(new Set(hashes).size, 4, 'four versions, four hashes (A, A again, B, A)');
        expectError(
          await ctx.put({ ResourceArn: arn, Policy: nth(arn, 2), ...a }),
          CONFLICT,
          "A's first hash after A → B → A",
        );
      } else {
        expectEqual([same.PolicyHash, back.PolicyHash], [a.PolicyHash, a.PolicyHash], 'the hash of text A');
        expectTrue(b.PolicyHash !== a.PolicyHash, 'the hash of text B', b.PolicyHash, `not ${a.PolicyHash}`);
      }
    },
  },
  {
    rule: 'H11',
    title: 'with one seeded id source, the same commands yield the same ids and hashes',
    requirements: ['seededIds'],
    run: async (ctx) => {
      const first = await seededRun(ctx, 20240611);
      const second = await seededRun(ctx, 20240611);
      expectEqual(second, first, 'ids and hashes of the second run');
      const other = await seededRun(ctx, 7);
      expectTrue(JSON.stringify(other) !== JSON.stringify(first), 'another seed', other, 'other ids');
    },
  },
];
