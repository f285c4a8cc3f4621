import { beforeAll, describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import type { PolicyRepository } from '@ssm-policy/core';
import { createDynamoDbPolicyRepository } from '../src/index.js';
import { countCalls, newClient, newResource, newTable, partition, right, tagOf } from './support/fixture.js';

/** Two adapters with their own clients (own connections), as two emulator processes would have. */
let repos: [PolicyRepository, PolicyRepository];
let tableName: string;

beforeAll(async () => {
  const [a, b] = [newClient(), newClient()];
  tableName = await newTable(a);
  repos = [
    createDynamoDbPolicyRepository({ client: a, tableName }),
    createDynamoDbPolicyRepository({ client: b, tableName }),
  ];
});

const tally = (results: ReadonlyArray<E.Either<{ _tag: string }, unknown>>): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const r of results) out[tagOf(r)] = (out[tagOf(r)] ?? 0) + 1;
  return out;
};

describe('two adapter instances on one table', () => {
  it('H10 lets exactly one of 50 racing updates win', async () => {
    for (let round = 0; round < 3; round++) {
      const resource = newResource();
      await right(
        repos[0].create({
          resource,
          Policy: '{"v":0}',
          proposed: { PolicyId: 'p', PolicyHash: 'h0' },
          maxPolicies: undefined,
        }),
      );
      // Same text for all: the proposed hashes are equal too, so only the condition can tell them apart.
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          repos[i % 2]!.update({
            resource,
            PolicyId: 'p',
            expectedHash: 'h0',
            Policy: '{"v":1}',
            proposedHash: 'h1',
          })(),
        ),
      );
      expect(tally(results)).toEqual({ Right: 1, HashMismatch: 49 });
    }
  });

  it('H10 H9 lets exactly one of 50 racing creates on an OpsItemGroup win', async () => {
    const resource = newResource('opsitemgroup');
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        repos[i % 2]!.create({
          resource,
          Policy: '{}',
          proposed: { PolicyId: `p${String(i)}`, PolicyHash: `h${String(i)}` },
          maxPolicies: 1,
        })(),
      ),
    );
    expect(tally(results)).toEqual({ Right: 1, PolicyLimitReached: 49 });
    const items = await partition(newClient(), tableName, resource);
    expect(items.filter((i) => i['sk']?.S?.startsWith('P#'))).toHaveLength(1);
  });

  it('H10 H8 keeps creation order and the count exact under racing creates and deletes', async () => {
    const resource = newResource();
    // A limit (as a profile's maxPoliciesPerParameter gives) makes the creates keep a counter.
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        right(
          repos[i % 2]!.create({
            resource,
            Policy: '{}',
            proposed: { PolicyId: `p${String(i)}`, PolicyHash: 'h' },
            maxPolicies: 100,
          }),
        ),
      ),
    );
    expect(created).toHaveLength(20);
    const deleted = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        repos[i % 2]!.delete({ resource, PolicyId: `p${String(2 * i)}`, expectedHash: 'h' })(),
      ),
    );
    expect(tally(deleted)).toEqual({ Right: 10 });
    const page = await right(repos[1].list({ resource, limit: 50 }));
    expect(page.policies).toHaveLength(10);
    const items = await partition(newClient(), tableName, resource);
    expect(items.find((i) => i['sk']?.S === '#')?.['count']?.N).toBe('10');
    // Creation order is the order of the `ord` values the table accepted: rising, no two equal.
    const ords = items.filter((i) => i['ord'] !== undefined).map((i) => BigInt(i['ord']!.N!));
    expect(new Set(ords).size).toBe(ords.length);
  });

  it('H8 keeps creation order across processes whose clocks disagree, with a limit (counter)', async () => {
    const client = newClient();
    const slow = createDynamoDbPolicyRepository({ client, tableName, now: () => Date.now() - 3_600_000 });
    const calls = countCalls(client);
    const resource = newResource();
    const make = (repo: PolicyRepository, PolicyId: string) =>
      right(
        repo.create({
          resource,
          Policy: '{}',
          proposed: { PolicyId, PolicyHash: 'h' },
          maxPolicies: 100,
        }),
      );
    await make(repos[0], 'first');
    await make(slow, 'second'); // its clock says an hour ago: refused once, then placed after `first`
    await make(slow, 'third');
    await make(repos[1], 'fourth');
    const page = await right(repos[0].list({ resource, limit: 50 }));
    expect(page.policies.map((p) => p.PolicyId)).toEqual(['first', 'second', 'third', 'fourth']);
    expect(calls.calls).toEqual([
      'TransactWriteItemsCommand',
      'TransactWriteItemsCommand',
      'TransactWriteItemsCommand',
    ]);
  });

  it('H8 keeps creation order across processes whose clocks disagree, without a limit (no counter)', async () => {
    const client = newClient();
    const slow = createDynamoDbPolicyRepository({ client, tableName, now: () => Date.now() - 3_600_000 });
    const calls = countCalls(client);
    const resource = newResource();
    const make = (repo: PolicyRepository, PolicyId: string) =>
      right(
        repo.create({
          resource,
          Policy: '{}',
          proposed: { PolicyId, PolicyHash: 'h' },
          maxPolicies: undefined,
        }),
      );
    await make(repos[0], 'first');
    await make(slow, 'second'); // its clock says an hour ago: the highest order in the table lifts it
    await make(slow, 'third');
    await make(repos[1], 'fourth');
    const page = await right(repos[0].list({ resource, limit: 50 }));
    expect(page.policies.map((p) => p.PolicyId)).toEqual(['first', 'second', 'third', 'fourth']);
    // One read of the highest order and one put each: no counter item, no retry.
    expect(calls.calls).toEqual(['QueryCommand', 'PutItemCommand', 'QueryCommand', 'PutItemCommand']);
    const items = await partition(client, tableName, resource);
    expect(items.filter((i) => i['sk']?.S === '#')).toEqual([]);
  });
});
