/**
 * Service-contract cases of compare-and-set: an unknown PolicyId is ResourcePolicyNotFoundException (H4), a
 * stale PolicyHash is ResourcePolicyConflictException and changes nothing (H5), and a delete with the current
 * hash removes the policy (H7).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { compareAndSetCases } from '@ssm-policy/conformance';
 * assert.equal(compareAndSetCases.filter((c) => c.rule === 'H5').length, 2);
 *
 * @since 0.1.0
 * @category service contract
 */
import { expectEqual, expectError, expectRight } from '../assert.js';
import type { ServiceCase } from '../service/context.js';
import { CONFLICT, POLICY_NOT_FOUND, UNKNOWN_ID, nth } from './helpers.js';

/**
 * The service cases of compare-and-set (H4, H5, H7): updates and deletes with a current, stale or unknown id and hash.
 *
 * @since 0.1.0
 * @category service contract
 */
export const compareAndSetCases: ReadonlyArray<ServiceCase> = [
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
];
