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
  /**
   * Who signed, when the emulator's identity map knows the access key (W6, A4); absent: the account's root
   * (`arn:<partition>:iam::<account>:root`, see `principalArnOf`).
   */
  readonly identity?: CallerIdentity;
  /** A4 `aws:SourceIp`: the address the request came from, when the transport knows it. */
  readonly sourceIp?: string;
  /** A4 `aws:SecureTransport`: whether the request came over TLS (the emulator's listener is plain HTTP). */
  readonly secureTransport?: boolean;
}

/**
 * A configured identity (A4): the principal's ARN (an IAM user, role or root, or an STS assumed-role session;
 * the account is the ARN's), its unique id (`aws:userid`) and its organization (`aws:PrincipalOrgID`,
 * `aws:PrincipalOrgPaths`).
 *
 * @since 0.3.0
 * @category Caller
 */
export interface CallerIdentity {
  readonly principal: string;
  readonly userId?: string;
  readonly orgId?: string;
  readonly orgPaths?: ReadonlyArray<string>;
}

/**
 * The principal ARN a caller acts as: its configured identity's, or its account's root (W6's convention).
 *
 * @since 0.3.0
 * @category Caller
 */
export const principalArnOf = (caller: Caller): string =>
  caller.identity?.principal ?? `arn:${caller.partition}:iam::${caller.account}:root`;

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
export const makeCaller = (input: {
  account: string;
  region: string;
  partition?: string;
  identity?: CallerIdentity;
  sourceIp?: string;
  secureTransport?: boolean;
}): Caller => ({
  account: input.account,
  region: input.region,
  partition: input.partition ?? partitionOfRegion(input.region),
  ...(input.identity === undefined ? {} : { identity: input.identity }),
  ...(input.sourceIp === undefined ? {} : { sourceIp: input.sourceIp }),
  ...(input.secureTransport === undefined ? {} : { secureTransport: input.secureTransport }),
});
