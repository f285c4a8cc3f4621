/**
 * Service-contract cases of concurrent commands (H10): of concurrent updates carrying one hash, creates on
 * the OpsItemGroup and deletes with one hash, exactly one succeeds. Random concurrent batches are checked by
 * `runConcurrencyChecks`.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { concurrencyCases } from '@ssm-policy/conformance';
 * assert.equal(concurrencyCases.length, 3);
 *
 * @since 0.1.0
 * @category service contract
 */
import { expectEqual } from '../assert.js';
import { opsItemGroupPolicy } from '../documents.js';
import type { ServiceCase } from '../service/context.js';
import { countTags, nth, settle } from './helpers.js';

/**
 * The service cases of concurrent writes to one resource (H10).
 *
 * @since 0.1.0
 * @category service contract
 */
export const concurrencyCases: ReadonlyArray<ServiceCase> = [
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
];
