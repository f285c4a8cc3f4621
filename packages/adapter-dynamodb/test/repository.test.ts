import { beforeAll, describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { PolicyRepository, ResourceKey, StoredPolicy } from '@ssm-policy/core';
import { createDynamoDbPolicyRepository } from '../src/index.js';
import {
  countCalls,
  newClient,
  newResource,
  newTable,
  partition,
  right,
  run,
  tagOf,
} from './support/fixture.js';

const policy = (n: number): string => `{"Version":"2012-10-17","n":${n}}`;

let client: DynamoDBClient;
let tableName: string;
let repo: PolicyRepository;
let calls: ReturnType<typeof countCalls>;
/** Every command this file sends, never reset. */
let everyCall: ReturnType<typeof countCalls>;

beforeAll(async () => {
  client = newClient();
  tableName = await newTable(client);
  calls = countCalls(client);
  everyCall = countCalls(client);
  repo = createDynamoDbPolicyRepository({ client, tableName });
});

const create = (resource: ResourceKey, id: string, maxPolicies?: number) =>
  repo.create({
    resource,
    Policy: policy(0),
    proposed: { PolicyId: id, PolicyHash: `h-${id}` },
    maxPolicies,
  });

const all = async (resource: ResourceKey, limit = 50): Promise<StoredPolicy[]> => {
  const out: StoredPolicy[] = [];
  let cursor: string | undefined;
  do {
    const page = await right(repo.list({ resource, limit, ...(cursor === undefined ? {} : { cursor }) }));
    out.push(...page.policies);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return out;
};

describe('createDynamoDbPolicyRepository', () => {
  it('declares that it keeps the proposed identity', () => {
    expect(repo.capabilities).toEqual({ assignsIdentity: false });
  });

  it('H1 stores a created policy with the proposed id and hash, text byte for byte (P7)', async () => {
    const resource = newResource();
    const text = '{"Statement":[{"Effect":"Allow"}],"ü":"\\u00fc 😀"}';
    const created = await right(
      repo.create({
        resource,
        Policy: text,
        proposed: { PolicyId: 'p1', PolicyHash: 'h1' },
        maxPolicies: undefined,
      }),
    );
    expect(created).toEqual({ PolicyId: 'p1', PolicyHash: 'h1', Policy: text });
    expect((await right(repo.list({ resource, limit: 50 }))).policies).toEqual([created]);
  });

  it('H8 answers an empty page for a resource with no policies', async () => {
    expect(await right(repo.list({ resource: newResource(), limit: 50 }))).toEqual({ policies: [] });
  });

  it('H6 update replaces text and hash and keeps the id and the place in creation order', async () => {
    const resource = newResource();
    for (const id of ['a', 'b', 'c']) await right(create(resource, id));
    const updated = await right(
      repo.update({ resource, PolicyId: 'a', expectedHash: 'h-a', Policy: policy(9), proposedHash: 'h-a2' }),
    );
    expect(updated).toEqual({ PolicyId: 'a', PolicyHash: 'h-a2', Policy: policy(9) });
    expect((await all(resource)).map((p) => [p.PolicyId, p.PolicyHash])).toEqual([
      ['a', 'h-a2'],
      ['b', 'h-b'],
      ['c', 'h-c'],
    ]);
  });

  it('H4 refuses an update or delete of an unknown PolicyId with PolicyMissing', async () => {
    const resource = newResource();
    await right(create(resource, 'x'));
    const update = await run(
      repo.update({ resource, PolicyId: 'nope', expectedHash: 'h-x', Policy: policy(1), proposedHash: 'h2' }),
    );
    const del = await run(repo.delete({ resource, PolicyId: 'nope', expectedHash: 'h-x' }));
    const foreign = await run(repo.delete({ resource: newResource(), PolicyId: 'x', expectedHash: 'h-x' }));
    const huge = await run(repo.delete({ resource, PolicyId: 'z'.repeat(5000), expectedHash: 'h-x' }));
    expect([update, del, foreign, huge].map(tagOf)).toEqual([
      'PolicyMissing',
      'PolicyMissing',
      'PolicyMissing',
      'PolicyMissing',
    ]);
  });

  it('H5 refuses a stale hash with HashMismatch, and nothing changes', async () => {
    const resource = newResource();
    const before = await right(create(resource, 'x'));
    const update = await run(
      repo.update({ resource, PolicyId: 'x', expectedHash: 'stale', Policy: policy(1), proposedHash: 'h2' }),
    );
    const del = await run(repo.delete({ resource, PolicyId: 'x', expectedHash: 'stale' }));
    expect([tagOf(update), tagOf(del)]).toEqual(['HashMismatch', 'HashMismatch']);
    expect(await all(resource)).toEqual([before]);
  });

  it('H7 deletes with the current hash; a second delete is PolicyMissing', async () => {
    const resource = newResource();
    await right(create(resource, 'x'));
    await right(create(resource, 'y'));
    expect(E.isRight(await run(repo.delete({ resource, PolicyId: 'x', expectedHash: 'h-x' })))).toBe(true);
    expect(tagOf(await run(repo.delete({ resource, PolicyId: 'x', expectedHash: 'h-x' })))).toBe(
      'PolicyMissing',
    );
    expect((await all(resource)).map((p) => p.PolicyId)).toEqual(['y']);
  });

  it('H9 refuses a create beyond maxPolicies with PolicyLimitReached, and admits one after a delete', async () => {
    const resource = newResource('opsitemgroup');
    await right(create(resource, 'one', 1));
    const second = await run(create(resource, 'two', 1));
    expect(second).toEqual(E.left({ _tag: 'PolicyLimitReached', limit: 1 }));
    await right(repo.delete({ resource, PolicyId: 'one', expectedHash: 'h-one' }));
    await right(create(resource, 'three', 1));
    expect((await all(resource)).map((p) => p.PolicyId)).toEqual(['three']);
  });

  it('H9 counts only the policies of the resource at hand', async () => {
    const [a, b] = [newResource(), newResource()];
    await right(create(a, 'a1', 1));
    await right(create(b, 'b1', 1));
    expect(tagOf(await run(create(a, 'a2', 2)))).toBe('Right');
    expect(tagOf(await run(create(a, 'a3', 2)))).toBe('PolicyLimitReached');
  });

  it('H8 pages in creation order with a cursor while more follow, and none on the last page', async () => {
    const resource = newResource();
    const ids = Array.from({ length: 7 }, (_, i) => `id-${String(7 - i)}`); // ids not in creation order
    for (const id of ids) await right(create(resource, id));
    const first = await right(repo.list({ resource, limit: 3 }));
    expect(first.policies.map((p) => p.PolicyId)).toEqual(ids.slice(0, 3));
    expect(first.cursor).toBeDefined();
    expect((await all(resource, 3)).map((p) => p.PolicyId)).toEqual(ids);
    const exact = await right(repo.list({ resource, limit: 7 }));
    expect(exact.policies).toHaveLength(7);
    expect(exact.cursor).toBeUndefined();
  });

  it('H8 continues after a deleted last policy of the previous page', async () => {
    const resource = newResource();
    for (const id of ['a', 'b', 'c', 'd']) await right(create(resource, id));
    const first = await right(repo.list({ resource, limit: 2 }));
    await right(repo.delete({ resource, PolicyId: 'b', expectedHash: 'h-b' }));
    const next = await right(repo.list({ resource, limit: 2, cursor: first.cursor! }));
    expect(next.policies.map((p) => p.PolicyId)).toEqual(['c', 'd']);
    expect(next.cursor).toBeUndefined();
  });

  it('H8 refuses a malformed, altered or foreign cursor with CursorInvalid', async () => {
    const resource = newResource();
    for (const id of ['a', 'b']) await right(create(resource, id));
    const { cursor } = await right(repo.list({ resource, limit: 1 }));
    const good = cursor!;
    const flip = (s: string, i: number): string =>
      s.slice(0, i) + (s[i] === '1' ? '2' : '1') + s.slice(i + 1);
    const bad = [
      '',
      'x',
      '17',
      `${good}x`,
      flip(good, 0),
      flip(good, good.length - 1),
      good.replace('.', '..'),
    ];
    for (const c of bad)
      expect(tagOf(await run(repo.list({ resource, limit: 1, cursor: c }))), c).toBe('CursorInvalid');
    expect(tagOf(await run(repo.list({ resource: newResource(), limit: 1, cursor: good })))).toBe(
      'CursorInvalid',
    );
  });

  it('R7 dropResource removes every policy of the resource, and the resource starts afresh', async () => {
    const [resource, other] = [newResource(), newResource()];
    for (let i = 0; i < 30; i++) await right(create(resource, `p${String(i)}`));
    await right(create(other, 'keep'));
    await right(repo.dropResource(resource));
    expect(await all(resource)).toEqual([]);
    expect(await partition(client, tableName, resource)).toEqual([]);
    expect((await all(other)).map((p) => p.PolicyId)).toEqual(['keep']);
    await right(create(resource, 'again', 1));
    expect(tagOf(await run(create(resource, 'again2', 1)))).toBe('PolicyLimitReached');
    await right(repo.dropResource(newResource())); // no error when there is nothing
  });

  it('R7 each incarnation of a parameter is a partition of its own, keyed `<arn>#<incarnation>` as tables already hold it', async () => {
    const { arn } = newResource();
    const [bare, life1, life2] = [{ arn }, { arn, incarnation: 'life-1' }, { arn, incarnation: 'life-2' }];
    await right(create(bare, 'bare'));
    await right(create(life1, 'one'));
    await right(create(life2, 'two'));
    expect((await all(life1)).map((p) => p.PolicyId)).toEqual(['one']);
    const items = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :r',
        ExpressionAttributeValues: { ':r': { S: `${arn}#life-1` } },
      }),
    );
    expect((items.Items ?? []).map((i) => i['PolicyId']?.S).filter(Boolean)).toEqual(['one']);
    await right(repo.dropResource(life1));
    expect(await all(life1)).toEqual([]);
    expect((await all(bare)).map((p) => p.PolicyId)).toEqual(['bare']);
    expect((await all(life2)).map((p) => p.PolicyId)).toEqual(['two']);
  });

  describe('round trips', () => {
    it('a create, an update and a delete each cost one write; a page costs one Query', async () => {
      const resource = newResource();
      calls.reset();
      await right(create(resource, 'x', 1));
      expect(calls.calls).toEqual(['TransactWriteItemsCommand']);
      calls.reset();
      await right(
        repo.update({ resource, PolicyId: 'x', expectedHash: 'h-x', Policy: policy(1), proposedHash: 'h2' }),
      );
      expect(calls.calls).toEqual(['UpdateItemCommand']);
      calls.reset();
      await right(repo.list({ resource, limit: 50 }));
      expect(calls.calls).toEqual(['QueryCommand']);
      calls.reset();
      await right(repo.delete({ resource, PolicyId: 'x', expectedHash: 'h2' }));
      expect(calls.calls).toEqual(['TransactWriteItemsCommand']);
    });

    it('H4 H5 H9 a refused write costs no extra read: the condition returns the old item', async () => {
      const resource = newResource();
      await right(create(resource, 'x', 1));
      calls.reset();
      await run(create(resource, 'y', 1));
      await run(
        repo.update({
          resource,
          PolicyId: 'x',
          expectedHash: 'stale',
          Policy: policy(1),
          proposedHash: 'h2',
        }),
      );
      await run(
        repo.update({ resource, PolicyId: 'q', expectedHash: 'h', Policy: policy(1), proposedHash: 'h2' }),
      );
      await run(repo.delete({ resource, PolicyId: 'x', expectedHash: 'stale' }));
      await run(repo.delete({ resource, PolicyId: 'q', expectedHash: 'h' }));
      expect(calls.calls).toEqual([
        'TransactWriteItemsCommand',
        'UpdateItemCommand',
        'UpdateItemCommand',
        'TransactWriteItemsCommand',
        'TransactWriteItemsCommand',
      ]);
    });
  });

  it('never scans: every read is a Query of one resource', () => {
    expect(everyCall.calls.length).toBeGreaterThan(50);
    expect(new Set(everyCall.calls)).toEqual(
      new Set(['TransactWriteItemsCommand', 'UpdateItemCommand', 'QueryCommand', 'DeleteItemCommand']),
    );
  });
});
