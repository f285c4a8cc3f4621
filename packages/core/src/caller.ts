/**
 * The caller of a command: the account and region the request was signed for (rule W6) and the partition of
 * that region (AWS's table, rule R1). Ownership (R8) and the caller's partition and region (R3) are decided
 * against it.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { makeCaller } from '@ssm-policy/core';
 * const caller = makeCaller({ account: '123456789012', region: 'us-isof-south-1' });
 * assert.equal(caller.partition, 'aws-iso-f');
 *
 * @since 0.1.0
 */
import { regionPartition } from './partitions.js';

/**
 * Who is calling: account, region and partition.
 *
 * @category caller
 * @since 0.1.0
 */
export interface Caller {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/**
 * The partition of a region name, as AWS's table gives it; `aws` for a region no partition has (such a
 * caller owns nothing while R3 is on: no valid ARN names its region).
 *
 * @category caller
 * @since 0.1.0
 */
export const partitionOfRegion = (region: string): string => regionPartition(region) ?? 'aws';

/**
 * A caller from an account and a region; the partition follows from the region unless given.
 *
 * @category caller
 * @since 0.1.0
 */
export const makeCaller = (input: { account: string; region: string; partition?: string }): Caller => ({
  account: input.account,
  region: input.region,
  partition: input.partition ?? partitionOfRegion(input.region),
});
