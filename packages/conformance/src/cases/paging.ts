/**
 * Service-contract cases of paging (H8): creation order, MaxResults per page, no NextToken on the last page,
 * an empty resource, a refused foreign or tampered NextToken, and the profile's default page size.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { pagingCases } from '@ssm-policy/conformance';
 * assert.ok(pagingCases.every((c) => c.rule === 'H8'));
 *
 * @since 0.1.0
 * @category service contract
 */
import { expectEqual, expectError, expectRight, expectTrue, fail, skip } from '../assert.js';
import type { ServiceCase } from '../service/context.js';
import { nth } from './helpers.js';

/**
 * The service cases of paging (H8).
 *
 * @since 0.1.0
 * @category service contract
 */
export const pagingCases: ReadonlyArray<ServiceCase> = [
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
];
