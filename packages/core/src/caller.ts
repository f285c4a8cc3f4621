/**
 * The caller of a command: the account and region the request was signed for (rule W6) and the partition.
 * Ownership (rules R3, R8) is decided against it.
 *
 * @example
 * import { makeCaller } from '@ssm-policy/core';
 * const caller = makeCaller({ account: '123456789012', region: 'us-east-1' }); // partition 'aws'
 *
 * @since 0.1.0
 */

export interface Caller {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** The partition of a region name, as AWS lays them out. */
export const partitionOfRegion = (region: string): string =>
  region.startsWith('cn-')
    ? 'aws-cn'
    : region.startsWith('us-gov-')
      ? 'aws-us-gov'
      : region.startsWith('us-iso-')
        ? 'aws-iso'
        : region.startsWith('us-isob-')
          ? 'aws-iso-b'
          : 'aws';

export const makeCaller = (input: { account: string; region: string; partition?: string }): Caller => ({
  account: input.account,
  region: input.region,
  partition: input.partition ?? partitionOfRegion(input.region),
});
