import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import {
  DeleteTableCommand,
  PutItemCommand,
  ScanCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { makeCaller, newPolicyShare, type ResourceShare } from '@ssm-policy/core';
import {
  createDynamoDbParameterStore,
  createDynamoDbResourceShareStore,
  shareItem,
  type DynamoDbResourceShareStore,
} from '../src/index.js';
import { countCalls, newClient, newTable } from './support/fixture.js';

let client: DynamoDBClient;

beforeAll(() => {
  client = newClient();
});

const OWNER = '111111111111';
const OTHER = '333333333333';
const paramArn = (account: string): string =>
  `arn:aws:ssm:us-east-1:${account}:parameter/shared/${randomUUID()}`;
const shareOf = (account: string, resourceArn: string, at: number): ResourceShare =>
  newPolicyShare(makeCaller({ account, region: 'us-east-1' }), resourceArn, randomUUID(), new Date(at));

const fresh = async (
  pageSize?: number,
): Promise<{ store: DynamoDbResourceShareStore; tableName: string }> => {
  const tableName = await newTable(client);
  return {
    tableName,
    store: createDynamoDbResourceShareStore({
      client,
      tableName,
      ...(pageSize === undefined ? {} : { pageSize }),
    }),
  };
};

describe('createDynamoDbResourceShareStore', () => {
  it('A8 save, activeShareOf and byArn: a share survives a restart (a second store on the table), promotion included', async () => {
    const { store, tableName } = await fresh();
    const arn = paramArn(OWNER);
    expect(await store.activeShareOf(arn)).toBeUndefined();
    const share = shareOf(OWNER, arn, Date.UTC(2026, 10, 29, 10, 0, 0, 123));
    await store.save(share);
    expect(await store.activeShareOf(arn)).toEqual(share);
    expect(await store.byArn(share.resourceShareArn)).toEqual(share);
    expect(await store.byArn(`${share.resourceShareArn}-missing`)).toBeUndefined();
    // Promotion replaces the share in place.
    const promoted: ResourceShare = {
      ...share,
      featureSet: 'STANDARD',
      lastUpdatedTime: new Date(share.creationTime.getTime() + 5000),
    };
    await store.save(promoted);
    const restarted = createDynamoDbResourceShareStore({ client: newClient(), tableName });
    expect(await restarted.activeShareOf(arn)).toEqual(promoted);
    expect(await restarted.byArn(share.resourceShareArn)).toEqual(promoted);
    expect(await restarted.ownedBy(OWNER)).toEqual([promoted]);
  });

  it("A8 status changes: a deleted share is no longer active but still its owner's; a new share of the parameter becomes the active one", async () => {
    const { store } = await fresh();
    const arn = paramArn(OWNER);
    const first = shareOf(OWNER, arn, 1_000);
    await store.save(first);
    const deleted: ResourceShare = { ...first, status: 'DELETED', lastUpdatedTime: new Date(2_000) };
    await store.save(deleted);
    expect(await store.activeShareOf(arn)).toBeUndefined();
    expect(await store.byArn(first.resourceShareArn)).toEqual(deleted);
    expect(await store.activeNotOwnedBy(OTHER)).toEqual([]);
    const second = shareOf(OWNER, arn, 3_000);
    await store.save(second);
    expect(await store.activeShareOf(arn)).toEqual(second);
    // Saving the old share again as deleted must not drop the new share's pointer.
    await store.save(deleted);
    expect(await store.activeShareOf(arn)).toEqual(second);
    expect((await store.ownedBy(OWNER)).map((s) => [s.resourceShareArn, s.status])).toEqual([
      [first.resourceShareArn, 'DELETED'],
      [second.resourceShareArn, 'ACTIVE'],
    ]);
    expect(await store.activeNotOwnedBy(OTHER)).toEqual([second]);
    expect(await store.activeNotOwnedBy(OWNER)).toEqual([]);
  });

  it("A8 two emulators creating a parameter's share at once leave one active share, and the loser's is not written", async () => {
    const { store, tableName } = await fresh();
    // A second emulator: its own client and store on the same table.
    const other = createDynamoDbResourceShareStore({ client: newClient(), tableName });
    for (let round = 0; round < 12; round++) {
      const arn = paramArn(OWNER);
      const mine = shareOf(OWNER, arn, 10_000 + round);
      const theirs = shareOf(OWNER, arn, 10_000 + round);
      await Promise.all([store.save(mine), other.save(theirs)]);
      const active = await store.activeShareOf(arn);
      expect([mine.resourceShareArn, theirs.resourceShareArn]).toContain(active?.resourceShareArn);
      expect(await other.activeShareOf(arn)).toEqual(active);
      const ofThisParameter = (await store.ownedBy(OWNER)).filter((s) => s.resourceArn === arn);
      expect(ofThisParameter).toEqual([active]);
      // A later save of the winner (a promotion) still replaces it in place.
      const promoted: ResourceShare = { ...active!, featureSet: 'STANDARD' };
      await other.save(promoted);
      expect(await store.activeShareOf(arn)).toEqual(promoted);
    }
  });

  it('A8 a pointer left naming a deleted share (a crash between the two writes) does not keep a new share out', async () => {
    const { store, tableName } = await fresh();
    const arn = paramArn(OWNER);
    const first = shareOf(OWNER, arn, 1_000);
    await store.save(first);
    // The share item marked deleted, its pointer left in place, as a crash after the first write would leave it.
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: shareItem({ ...first, status: 'DELETED', lastUpdatedTime: new Date(2_000) }),
      }),
    );
    expect(await store.activeShareOf(arn)).toBeUndefined();
    const second = shareOf(OWNER, arn, 3_000);
    await store.save(second);
    expect(await store.activeShareOf(arn)).toEqual(second);
    expect((await store.ownedBy(OWNER)).map((s) => s.status)).toEqual(['DELETED', 'ACTIVE']);
  });

  it('A8 ownedBy and activeNotOwnedBy: oldest first over many Query pages, each account apart, whatever order they were saved in', async () => {
    const { store, tableName } = await fresh(2);
    const counted = newClient();
    const calls = countCalls(counted);
    const paged = createDynamoDbResourceShareStore({ client: counted, tableName, pageSize: 2 });
    const mine = [5, 1, 4, 2, 3].map((t) => shareOf(OWNER, paramArn(OWNER), t * 1000));
    const theirs = [7, 6].map((t) => shareOf(OTHER, paramArn(OTHER), t * 1000));
    for (const s of [...mine, ...theirs]) await store.save(s);
    // One of the owner's shares deleted: still listed for its owner, no longer for other accounts.
    const gone = mine[2];
    if (gone === undefined) throw new Error('no share');
    await store.save({ ...gone, status: 'DELETED' });
    const byTime = (list: ReadonlyArray<ResourceShare>): number[] =>
      list.map((s) => s.creationTime.getTime());
    calls.reset();
    expect(byTime(await paged.ownedBy(OWNER))).toEqual([1000, 2000, 3000, 4000, 5000]);
    expect(calls.calls.filter((c) => c === 'QueryCommand').length).toBeGreaterThanOrEqual(4);
    expect((await paged.ownedBy(OWNER)).find((s) => s.creationTime.getTime() === 4000)?.status).toBe(
      'DELETED',
    );
    expect(byTime(await paged.ownedBy(OTHER))).toEqual([6000, 7000]);
    expect(byTime(await paged.activeNotOwnedBy(OWNER))).toEqual([6000, 7000]);
    expect(byTime(await paged.activeNotOwnedBy(OTHER))).toEqual([1000, 2000, 3000, 5000]);
    expect(byTime(await paged.activeNotOwnedBy('222222222222'))).toEqual([
      1000, 2000, 3000, 5000, 6000, 7000,
    ]);
    expect(await paged.ownedBy('222222222222')).toEqual([]);
  });

  it('A8 share items never meet policy or parameter items: the parameter listing and their partitions stay apart', async () => {
    const { store, tableName } = await fresh();
    const parameters = createDynamoDbParameterStore({ client, tableName });
    const arn = paramArn(OWNER);
    await store.save(shareOf(OWNER, arn, 1_000));
    expect((await parameters.listParameters()).size).toBe(0);
    const items = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }));
    const keys = (items.Items ?? []).map((i) => i['pk']?.S ?? '');
    expect(keys.length).toBe(2);
    expect(keys.every((k) => k.startsWith('@ram-'))).toBe(true);
  });

  it('a lost table rejects each call with the storage failure instead of answering "no share"', async () => {
    const { store, tableName } = await fresh();
    await client.send(new DeleteTableCommand({ TableName: tableName }));
    const arn = paramArn(OWNER);
    await expect(store.activeShareOf(arn)).rejects.toThrow(/table is missing/);
    await expect(store.ownedBy(OWNER)).rejects.toThrow(/table is missing/);
    await expect(store.save(shareOf(OWNER, arn, 1))).rejects.toThrow(/table is missing/);
  });
});
