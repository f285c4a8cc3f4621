/**
 * Creates on a resource without a count limit share no item: 50 concurrent creates on one parameter, from two
 * adapter instances (two processes' worth of connections), all succeed and keep a strict creation order. The
 * latencies are printed (not asserted: speed is the benchmark's business).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PolicyRepository } from '@ssm-policy/core';
import { createDynamoDbParameterStore, createDynamoDbPolicyRepository } from '../src/index.js';
import { newClient, newResource, newTable, partition, right, tagOf } from './support/fixture.js';

let repos: [PolicyRepository, PolicyRepository];
let tableName: string;

beforeAll(async () => {
  const [a, b] = [newClient(), newClient()];
  tableName = await newTable(a);
  repos = [
    // As the emulator runs them: parameters in the table, each create checking its parameter's incarnation.
    createDynamoDbPolicyRepository({ client: a, tableName, checkParameters: true }),
    createDynamoDbPolicyRepository({ client: b, tableName, checkParameters: true }),
  ];
});

const percentile = (sorted: ReadonlyArray<number>, p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

describe('50 concurrent creates on one parameter', () => {
  it('H8 H10 all succeed, each once, in a strict creation order, and no counter item is written', async () => {
    const resource = { ...newResource(), incarnation: 'life-1' };
    await right(
      createDynamoDbParameterStore({ client: newClient(), tableName }).save(resource.arn, {
        Name: '/p',
        Type: 'String',
        Tier: 'Advanced',
        Version: 1,
        Incarnation: 'life-1',
      }),
    );
    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const started = performance.now();
        const result = await repos[i % 2]!.create({
          resource,
          Policy: '{}',
          proposed: { PolicyId: `p${String(i)}`, PolicyHash: 'h' },
          maxPolicies: undefined,
        })();
        return { tag: tagOf(result), ms: performance.now() - started };
      }),
    );
    const ms = results.map((r) => r.ms).sort((a, b) => a - b);
    const ok = results.filter((r) => r.tag === 'Right').length;
    console.log(
      `50 concurrent creates on one parameter: ${String(ok)} succeeded; p50 ${percentile(ms, 50).toFixed(0)} ms, p99 ${percentile(ms, 99).toFixed(0)} ms`,
    );
    expect(results.map((r) => r.tag)).toEqual(Array.from({ length: 50 }, () => 'Right'));
    const page = await right(repos[0].list({ resource, limit: 100 }));
    expect(new Set(page.policies.map((p) => p.PolicyId)).size).toBe(50);
    const items = await partition(newClient(), tableName, resource);
    expect(items.filter((i) => i['sk']?.S === '#')).toEqual([]);
    const ords = items.filter((i) => i['ord'] !== undefined).map((i) => BigInt(i['ord']!.N!));
    expect(new Set(ords).size).toBe(50);
  });
});
