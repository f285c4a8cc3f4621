// R1: the partition table is AWS's (botocore's partitions.json), generated, and checked against the data.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  PARTITIONS,
  makeCaller,
  parseResourceArn,
  partitionIds,
  partitionOfRegion,
  regionPartition,
} from '@ssm-policy/core';
import { renderPartitions } from '../scripts/partitions-render.js';
import { ACCOUNT, left, right } from './fixtures.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const data = readFileSync(`${root}data/partitions.json`, 'utf8');

/** One real region of every partition AWS has, as the rulebook lists them. */
const EVERY_PARTITION = [
  ['aws', 'us-east-1'],
  ['aws-cn', 'cn-northwest-1'],
  ['aws-us-gov', 'us-gov-east-1'],
  ['aws-iso', 'us-iso-west-1'],
  ['aws-iso-b', 'us-isob-east-1'],
  ['aws-iso-e', 'eu-isoe-west-1'],
  ['aws-iso-f', 'us-isof-south-1'],
  ['aws-eusc', 'eusc-de-east-1'],
] as const;

describe('R1 partition table', () => {
  it('R1 the checked-in table is a fresh generation from data/partitions.json', () => {
    expect(readFileSync(`${root}src/partitions.generated.ts`, 'utf8')).toBe(renderPartitions(data));
  });

  it("R1 the table holds every partition of the data, with the data's patterns and regions", () => {
    const file = JSON.parse(data) as {
      partitions: { id: string; regionRegex: string; regions: Record<string, unknown> }[];
    };
    expect(PARTITIONS.map((p) => p.id)).toEqual(file.partitions.map((p) => p.id));
    for (const p of file.partitions) {
      const row = PARTITIONS.find((q) => q.id === p.id)!;
      expect(row.regionRegex.source, p.id).toBe(new RegExp(p.regionRegex).source);
      expect([...row.regions].sort(), p.id).toEqual(Object.keys(p.regions).sort());
    }
    expect([...partitionIds].sort()).toEqual(EVERY_PARTITION.map(([p]) => p).sort());
  });

  it('R1 every listed region belongs to exactly one partition', () => {
    for (const p of PARTITIONS) {
      for (const region of p.regions) {
        expect(regionPartition(region), region).toBe(p.id);
        const claimedBy = PARTITIONS.filter((q) => q.regions.includes(region) || q.regionRegex.test(region));
        expect(
          claimedBy.map((q) => q.id),
          region,
        ).toEqual([p.id]);
      }
    }
  });

  it("R1 a region is in its partition by the partition's pattern, even when AWS has not listed it yet", () => {
    expect(regionPartition('eu-south-9')).toBe('aws');
    expect(regionPartition('cn-south-7')).toBe('aws-cn');
    expect(regionPartition('us-isof-north-3')).toBe('aws-iso-f');
    expect(regionPartition('eusc-de-west-2')).toBe('aws-eusc');
    expect(regionPartition('eusc-fr-east-1')).toBeUndefined();
    expect(regionPartition('mars-north-1')).toBeUndefined();
    expect(regionPartition('__proto__')).toBeUndefined();
  });

  it('R1 accepts an ARN in every partition, with a region of that partition', () => {
    for (const [partition, region] of EVERY_PARTITION) {
      for (const resource of ['opsitemgroup/default', 'parameter/app/db']) {
        const r = right(parseResourceArn(`arn:${partition}:ssm:${region}:${ACCOUNT}:${resource}`));
        expect(r.partition).toBe(partition);
        expect(r.region).toBe(region);
      }
    }
  });

  it("R1 refuses an ARN whose region is another partition's (arn:aws:ssm:us-isof-… is arn:aws-iso-f:…)", () => {
    for (const [partition, region] of EVERY_PARTITION) {
      for (const [other] of EVERY_PARTITION) {
        if (other === partition) continue;
        const e = left(parseResourceArn(`arn:${other}:ssm:${region}:${ACCOUNT}:opsitemgroup/default`));
        expect(e._tag).toBe('ResourcePolicyInvalidParameterException');
        expect(e.ParameterNames).toEqual(['ResourceArn']);
      }
    }
    expect(left(parseResourceArn(`arn:aws:ssm:us-isof-south-1:${ACCOUNT}:parameter/x`)).message).toMatch(
      /aws-iso-f/,
    );
    expect(left(parseResourceArn(`arn:aws-eusc:ssm:eusc-fr-east-1:${ACCOUNT}:parameter/x`))._tag).toBe(
      'ResourcePolicyInvalidParameterException',
    );
  });

  it("R1 a caller's partition is its region's, from the same table", () => {
    for (const [partition, region] of EVERY_PARTITION) {
      expect(makeCaller({ account: ACCOUNT, region }).partition, region).toBe(partition);
      expect(partitionOfRegion(region)).toBe(partition);
    }
  });
});
