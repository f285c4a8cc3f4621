/**
 * Which AWS partition a region belongs to (rules R1, R3), from AWS's published table
 * (`partitions.generated.ts`, generated from botocore's `partitions.json`): a region AWS lists for a
 * partition, or one that matches the partition's `regionRegex`. The patterns do not overlap, so a region
 * belongs to at most one partition.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { regionPartition } from '@ssm-policy/core';
 * assert.equal(regionPartition('us-isof-south-1'), 'aws-iso-f');
 * assert.equal(regionPartition('eusc-de-east-1'), 'aws-eusc');
 * assert.equal(regionPartition('mars-north-1'), undefined);
 *
 * @since 0.1.0
 * @category partitions
 */
import { PARTITIONS } from './partitions.generated.js';

// Listed regions first, as botocore resolves them; a Map so that `__proto__` and friends find nothing.
const LISTED = new Map<string, string>(PARTITIONS.flatMap((p) => p.regions.map((r) => [r, p.id] as const)));

/**
 * The partition of a region name, or `undefined` when no partition claims it.
 *
 * @since 0.1.0
 * @category partitions
 */
export const regionPartition = (region: string): string | undefined =>
  LISTED.get(region) ?? PARTITIONS.find((p) => p.regionRegex.test(region))?.id;

/**
 * The ids of every partition in the table (`aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, …).
 *
 * @since 0.1.0
 * @category partitions
 */
export const partitionIds: ReadonlyArray<string> = PARTITIONS.map((p) => p.id);
