/**
 * Service-contract cases of group H (rules H1–H11): ids and hashes, compare-and-set, delete, paging and the
 * count limit. H6, H8 and H9 read their [U] choices from the profile; H10 also has random batches in
 * `runConcurrencyChecks`; H11 needs a factory that honours `idSeed`.
 *
 * @example
 * import { identityCases } from '@ssm-policy/conformance';
 * identityCases.filter((c) => c.rule === 'H5').length; // 2
 *
 * @since 0.1.0
 */
import { expectEqual, expectError, expectRight, expectTrue, fail, skip } from '../assert.js';
import { opsItemGroupPolicy, parameterPolicy } from '../documents.js';
import type { CaseContext, ServiceCase } from '../service-case.js';

const CONFLICT = { _tag: 'ResourcePolicyConflictException' } as const;
const POLICY_NOT_FOUND = { _tag: 'ResourcePolicyNotFoundException' } as const;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** A distinct valid parameter policy per `n`. */
const nth = (arn: string, n: number): string => parameterPolicy(arn, { Sid: `S${n}` });

const settle = <A>(tasks: ReadonlyArray<() => Promise<A>>): Promise<A[]> =>
  Promise.all(tasks.map((t) => t()));

const countTags = (results: ReadonlyArray<{ _tag: string; left?: unknown }>): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const r of results) {
    const key = r._tag === 'Right' ? 'Right' : String((r.left as { _tag?: string } | undefined)?._tag);
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
};

/** Runs the same commands on a fresh service built with `seed`: the ids and hashes it answered. */
const seededRun = async (ctx: CaseContext, seed: number): Promise<unknown[]> => {
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
    rule: 'H4',
    title: 'Put or Delete naming a PolicyId the resource does not have is ResourcePolicyNotFoundException',
    run: async (ctx) => {
      const arn = await ctx.parameter('p');
      const other = await ctx.parameter('other');
      const mine = await ctx.create(arn, nth(arn, 1));
      const theirs = await ctx.create(other, nth(other, 1));
      for (const [PolicyId, PolicyHash, what] of [
        [UNKNOWN_ID, mine.PolicyHash, 'an unknown id'],
        [theirs.PolicyId, theirs.PolicyHash, "another resource's policy"],
      ] as const) {
        expectError(
          await ctx.put({ ResourceArn: arn, Policy: nth(arn, 2), PolicyId, PolicyHash }),
          POLICY_NOT_FOUND,
          `Put naming ${what}`,
        );
        expectError(
          await ctx.del({ ResourceArn: arn, PolicyId, PolicyHash }),
          POLICY_NOT_FOUND,
          `Delete naming ${what}`,
        );
      }
      expectEqual(await ctx.list(arn), [{ ...mine, Policy: nth(arn, 1) }], 'nothing changed on the resource');
      expectEqual(
        await ctx.list(other),
        [{ ...theirs, Policy: nth(other, 1) }],
        'nothing changed on the other resource',
      );
    },
  },
  {
    rule: 'H5',
    title: 'Put with a stale PolicyHash is ResourcePolicyConflictException and changes nothing',
    run: async (ctx) => {
      const arn = await ctx.parameter('p');
      const v1 = await ctx.create(arn, nth(arn, 1));
      const v2 = await ctx.update(arn, v1, nth(arn, 2));
      for (const PolicyHash of [v1.PolicyHash, 'not-a-hash-of-this-policy'])
        expectError(
          await ctx.put({ ResourceArn: arn, Policy: nth(arn, 3), PolicyId: v1.PolicyId, PolicyHash }),
          CONFLICT,
          `Put with hash ${PolicyHash}`,
        );
      expectEqual(await ctx.list(arn), [{ ...v2, Policy: nth(arn, 2) }], 'nothing changed');
    },
  },
  {
    rule: 'H5',
    title: 'Delete with a stale PolicyHash is ResourcePolicyConflictException and changes nothing',
    run: async (ctx) => {
      const arn = await ctx.parameter('p');
      const v1 = await ctx.create(arn, nth(arn, 1));
      const v2 = await ctx.update(arn, v1, nth(arn, 2));
      expectError(
        await ctx.del({ ResourceArn: arn, PolicyId: v1.PolicyId, PolicyHash: v1.PolicyHash }),
        CONFLICT,
        'Delete with the old hash',
      );
      expectEqual(await ctx.list(arn), [{ ...v2, Policy: nth(arn, 2) }], 'nothing changed');
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
    rule: 'H7',
    title:
      'Delete with the current id and hash removes the policy; a second Delete is ResourcePolicyNotFoundException',
    run: async (ctx) => {
      const arn = await ctx.parameter('p');
      const keep = await ctx.create(arn, nth(arn, 1));
      const gone = await ctx.create(arn, nth(arn, 2));
      expectEqual(
        expectRight(await ctx.del({ ResourceArn: arn, ...gone }), 'Delete'),
        {},
        'the Delete response',
      );
      expectEqual(await ctx.list(arn), [{ ...keep, Policy: nth(arn, 1) }], 'Get after the delete');
      expectError(await ctx.del({ ResourceArn: arn, ...gone }), POLICY_NOT_FOUND, 'a second Delete');
      expectError(
        await ctx.put({ ResourceArn: arn, Policy: nth(arn, 3), ...gone }),
        POLICY_NOT_FOUND,
        'Put on the deleted policy',
      );
    },
  },
  {
    rule: 'H8',
    title: 'Get answers policies in creation order, MaxResults per page, the last page without NextToken',
    run: async (ctx) => {
      const arn = await ctx.parameter('p');
      const n = Math.min(7, ctx.profile.maxPoliciesPerParameter ?? 7);
      const created = [];
      for (let i = 0; i < n; i++)
        created.push({ ...(await ctx.create(arn, nth(arn, i))), Policy: nth(arn, i) });
      // An update keeps the policy's place.
      const u = await ctx.update(arn, created[2]!, nth(arn, 99));
      created[2] = { ...u, Policy: nth(arn, 99) };
      for (const MaxResults of [1, 2, 3, 6, 7, 8, 50]) {
        let NextToken: string | undefined;
        const seen = [];
        for (let page = 0; page < n + 2; page++) {
          const r = expectRight(
            await ctx.get({ ResourceArn: arn, MaxResults, ...(NextToken ? { NextToken } : {}) }),
            `page ${page} of MaxResults ${MaxResults}`,
          );
          const expectedSize = Math.min(MaxResults, n - seen.length);
          expectEqual(r.Policies.length, expectedSize, `size of page ${page} with MaxResults ${MaxResults}`);
          seen.push(...r.Policies);
          NextToken = r.NextToken;
          if (seen.length === n) {
            expectEqual(NextToken, undefined, `NextToken of the last page (MaxResults ${MaxResults})`);
            break;
          }
          if (NextToken === undefined)
            fail(
              `NextToken of page ${page} with MaxResults ${MaxResults}`,
              undefined,
              'a token while policies remain',
            );
        }
        expectEqual(seen, created, `every policy in creation order, MaxResults ${MaxResults}`);
      }
    },
  },
  {
    rule: 'H8',
    title: 'a resource with no policies answers {"Policies": []}',
    run: async (ctx) => {
      const arn = await ctx.parameter('p');
      expectEqual(
        expectRight(await ctx.get({ ResourceArn: arn }), 'Get'),
        { Policies: [] },
        'Get on a parameter without policies',
      );
      const created = await ctx.create(arn, nth(arn, 1));
      expectRight(await ctx.del({ ResourceArn: arn, ...created }), 'delete');
      expectEqual(
        expectRight(await ctx.get({ ResourceArn: arn, MaxResults: 1 }), 'Get'),
        { Policies: [] },
        'Get after deleting the only policy',
      );
    },
  },
  {
    rule: 'H8',
    title: 'a tampered or foreign NextToken is refused ["NextToken"]',
    run: async (ctx) => {
      const a = await ctx.parameter('a');
      const b = await ctx.parameter('b');
      for (let i = 0; i < 3; i++) {
        await ctx.create(a, nth(a, i));
        await ctx.create(b, nth(b, i));
      }
      const first = expectRight(await ctx.get({ ResourceArn: a, MaxResults: 1 }), 'first page');
      const token = first.NextToken;
      if (token === undefined) return fail('NextToken of a first page of 1 out of 3', undefined, 'a token');
      const invalid = {
        _tag: 'ResourcePolicyInvalidParameterException',
        ParameterNames: ['NextToken'],
      } as const;
      const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
      for (const [NextToken, what] of [
        [flipped, 'a token with its last character changed'],
        ['not-a-token', 'a made-up token'],
      ] as const)
        expectError(await ctx.get({ ResourceArn: a, NextToken }), invalid, `Get with ${what}`);
      expectError(
        await ctx.get({ ResourceArn: b, NextToken: token }),
        invalid,
        "Get with another resource's token",
      );
    },
  },
  {
    rule: 'H8',
    title: 'without MaxResults a page holds profile.defaultPageSize policies',
    run: async (ctx) => {
      const size = ctx.profile.defaultPageSize;
      const limit = ctx.profile.maxPoliciesPerParameter;
      if (limit !== undefined && limit <= size) skip(`a parameter holds at most ${limit} policies`);
      const arn = await ctx.parameter('p');
      for (let i = 0; i <= size; i++) await ctx.create(arn, nth(arn, i));
      const r = expectRight(await ctx.get({ ResourceArn: arn }), 'Get without MaxResults');
      expectEqual(r.Policies.length, size, 'size of the first page');
      expectTrue(r.NextToken !== undefined, 'NextToken of the first page', r.NextToken, 'a token');
    },
  },
  {
    rule: 'H9',
    title:
      'an OpsItemGroup holds one policy: a second create is ResourcePolicyLimitExceededException Limit 1',
    run: async (ctx) => {
      const group = await ctx.opsItemGroup();
      const first = await ctx.create(group, opsItemGroupPolicy(ctx.caller));
      const expected = {
        _tag: 'ResourcePolicyLimitExceededException',
        Limit: 1,
        LimitType: ctx.profile.policyCountLimitType,
      } as const;
      expectError(
        await ctx.put({ ResourceArn: group, Policy: opsItemGroupPolicy(ctx.caller, { Sid: 'Second' }) }),
        expected,
        'a second create',
      );
      expectEqual(
        await ctx.list(group),
        [{ ...first, Policy: opsItemGroupPolicy(ctx.caller) }],
        'still one policy',
      );
      // Updating the one policy is not a create.
      const updated = await ctx.update(group, first, opsItemGroupPolicy(ctx.caller, { Sid: 'Updated' }));
      expectRight(await ctx.del({ ResourceArn: group, ...updated }), 'delete');
      await ctx.create(group, opsItemGroupPolicy(ctx.caller, { Sid: 'Again' }));
    },
  },
  {
    rule: 'H9',
    title: 'a parameter holds profile.maxPoliciesPerParameter policies (unlimited by default)',
    run: async (ctx) => {
      const arn = await ctx.parameter('p');
      const limit = ctx.profile.maxPoliciesPerParameter;
      const n = limit ?? 12;
      for (let i = 0; i < n; i++) await ctx.create(arn, nth(arn, i));
      if (limit !== undefined)
        expectError(
          await ctx.put({ ResourceArn: arn, Policy: nth(arn, n) }),
          {
            _tag: 'ResourcePolicyLimitExceededException',
            Limit: limit,
            LimitType: ctx.profile.policyCountLimitType,
          },
          `create number ${n + 1}`,
        );
      expectEqual((await ctx.list(arn)).length, n, 'policies on the parameter');
    },
  },
  {
    rule: 'H10',
    title: 'of 8 concurrent updates carrying the same hash exactly one wins; the others are conflicts',
    run: async (ctx) => {
      const arn = await ctx.parameter('p');
      const v1 = await ctx.create(arn, nth(arn, 0));
      const results = await settle(
        Array.from(
          { length: 8 },
          (_, i) => () => ctx.put({ ResourceArn: arn, Policy: nth(arn, i + 1), ...v1 }),
        ),
      );
      expectEqual(
        countTags(results),
        { Right: 1, ResourcePolicyConflictException: 7 },
        'outcomes of 8 concurrent updates',
      );
      const winner = results.findIndex((r) => r._tag === 'Right');
      const w = results[winner]!;
      if (w._tag === 'Right')
        expectEqual(
          await ctx.list(arn),
          [{ ...w.right, Policy: nth(arn, winner + 1) }],
          "the winner's version is stored",
        );
    },
  },
  {
    rule: 'H10',
    title: 'of 8 concurrent creates on the OpsItemGroup exactly one succeeds and one policy is stored',
    run: async (ctx) => {
      const group = await ctx.opsItemGroup();
      const results = await settle(
        Array.from(
          { length: 8 },
          (_, i) => () =>
            ctx.put({ ResourceArn: group, Policy: opsItemGroupPolicy(ctx.caller, { Sid: `S${i}` }) }),
        ),
      );
      expectEqual(
        countTags(results),
        { Right: 1, ResourcePolicyLimitExceededException: 7 },
        'outcomes of 8 concurrent creates',
      );
      expectEqual((await ctx.list(group)).length, 1, 'policies on the OpsItemGroup');
    },
  },
  {
    rule: 'H10',
    title: 'of 8 concurrent deletes with the current hash exactly one succeeds',
    run: async (ctx) => {
      const arn = await ctx.parameter('p');
      const v1 = await ctx.create(arn, nth(arn, 0));
      const results = await settle(
        Array.from({ length: 8 }, () => () => ctx.del({ ResourceArn: arn, ...v1 })),
      );
      expectEqual(
        countTags(results),
        { Right: 1, ResourcePolicyNotFoundException: 7 },
        'outcomes of 8 concurrent deletes',
      );
      expectEqual(await ctx.list(arn), [], 'policies left');
    },
  },
  {
    rule: 'H11',
    title: 'with one seeded id source, the same commands yield the same ids and hashes',
    requires: ['seededIds'],
    run: async (ctx) => {
      const first = await seededRun(ctx, 20240611);
      const second = await seededRun(ctx, 20240611);
      expectEqual(second, first, 'ids and hashes of the second run');
      const other = await seededRun(ctx, 7);
      expectTrue(JSON.stringify(other) !== JSON.stringify(first), 'another seed', other, 'other ids');
    },
  },
];
