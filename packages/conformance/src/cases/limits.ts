/**
 * Service-contract cases of the policy count limit (H9): one policy on the OpsItemGroup, and
 * `profile.maxPoliciesPerParameter` on a parameter (unlimited by default).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { limitCases } from '@ssm-policy/conformance';
 * assert.ok(limitCases.every((c) => c.rule === 'H9'));
 *
 * @since 0.1.0
 * @category service contract
 */
import { expectEqual, expectError, expectRight } from '../assert.js';
import { opsItemGroupPolicy } from '../documents.js';
import type { ServiceCase } from '../service/context.js';
import { nth } from './helpers.js';

/**
 * The service cases of the policy count limit (H9).
 *
 * @since 0.1.0
 * @category service contract
 */
export const limitCases: ReadonlyArray<ServiceCase> = [
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
];
