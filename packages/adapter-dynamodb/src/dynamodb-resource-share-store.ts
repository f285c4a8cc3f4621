/**
 * RAM's resource shares (rule A8) on DynamoDB, in the policy table, so that a restarted emulator, or a second one
 * on the same table, knows the same shares and whether their owners promoted them. Two kinds of item, in
 * partitions whose keys start with `@` and so never meet a policy's or a parameter's (those are ARNs):
 *
 *     { pk: "@ram-shares", sk: "S#<share ARN>", ord: <creation time, ms>, resourceShareArn, name, owningAccountId,
 *       status, featureSet, creationTime, lastUpdatedTime, resourceArn }
 *     { pk: "@ram-active#<parameter ARN>", sk: "@share", share: <share ARN> }
 *
 * Every share sits in one partition, whose order index (`ord`, the table's local secondary index) lists them
 * oldest first; the pointer items carry no `ord`, so that index never holds them. A parameter's pointer names its
 * active share: `activeShareOf` is two reads, whatever the number of shares. An active share is written with its
 * pointer in one transaction; a deleted one first, then its pointer is dropped (only if it still names it), and a
 * pointer left behind by a crash in between names a share that is no longer active, which `activeShareOf` checks.
 * The pointer is written only where there is none, or it names the same share, or it names the stale share just
 * read: of two emulators that create a parameter's share at once, one transaction is cancelled and its share is
 * never written, so a parameter never has two active shares.
 *
 * The store satisfies the server's `ResourceShareStore` port structurally (this package does not depend on
 * `@ssm-policy/server`); the emulator, which imports both, is where the compiler checks that they fit. A DynamoDB
 * failure rejects with the `StorageError`'s message, which the server answers as its own fault.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 * import { decodeShare, shareItem, createDynamoDbResourceShareStore } from './dynamodb-resource-share-store.js';
 * const when = new Date('2026-01-02T03:04:05.000Z');
 * const share = {
 *   resourceShareArn: 'arn:aws:ram:us-east-1:111111111111:resource-share/s-1',
 *   name: 'share-1',
 *   owningAccountId: '111111111111',
 *   status: 'ACTIVE',
 *   featureSet: 'CREATED_FROM_POLICY',
 *   creationTime: when,
 *   lastUpdatedTime: when,
 *   resourceArn: 'arn:aws:ssm:us-east-1:111111111111:parameter/app/db',
 * } as const;
 * // An item reads back as the share it was written from, dates as dates.
 * assert.deepEqual(decodeShare(shareItem(share)), share);
 * // Nothing listens on port 1: a lookup rejects with the storage failure instead of answering "no share".
 * const shares = createDynamoDbResourceShareStore({
 *   client: new DynamoDBClient({
 *     endpoint: 'http://127.0.0.1:1',
 *     region: 'us-east-1',
 *     credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
 *     maxAttempts: 1,
 *   }),
 *   tableName: 'ssm-policies',
 * });
 * await assert.rejects(shares.byArn(share.resourceShareArn), /DynamoDB/);
 *
 * @since 0.3.0
 */
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { ResourceShare, ShareFeatureSet, ShareStatus } from '@ssm-policy/core';
import { N, ORD, ORDER_INDEX, PK, S, SK, str } from './policy-items.js';
import { cancellationReasons, conditionFailure, type Item } from './sdk-errors.js';
import { tableGuard } from './table-guard.js';

/**
 * The server's `ResourceShareStore` port.
 *
 * @category dynamodb store
 * @since 0.3.0
 */
export interface DynamoDbResourceShareStore {
  /** The active share of a parameter (by its canonical ARN), if it has one. */
  activeShareOf(resourceArn: string): Promise<ResourceShare | undefined>;
  /** A share by its ARN, in any status. */
  byArn(resourceShareArn: string): Promise<ResourceShare | undefined>;
  /**
   * Adds a share, or replaces the one of the same `resourceShareArn`. A parameter has one active share at most:
   * an active share saved while the parameter has another one is not saved (the first stands), so that two
   * emulators attaching a parameter's first policy at once leave one share, not two.
   */
  save(share: ResourceShare): Promise<void>;
  /** Every share owned by `account`, in any status, oldest first. */
  ownedBy(account: string): Promise<ReadonlyArray<ResourceShare>>;
  /** Every active share of other accounts than `account`, oldest first. */
  activeNotOwnedBy(account: string): Promise<ReadonlyArray<ResourceShare>>;
}

/**
 * The client and table, whether to recreate a lost table, and (for tests) the size of a Query page.
 *
 * @category dynamodb store
 * @since 0.3.0
 */
export interface DynamoDbResourceShareStoreOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Create the table again when it disappears (see `tableGuard`); off by default. */
  readonly recreateMissingTable?: boolean;
  /** The most items one Query page reads (DynamoDB's `Limit`); default: up to 1 MB a page. */
  readonly pageSize?: number;
}

/** The partition of every share; `@` starts no ARN, so no policy or parameter partition is ever this one. */
const SHARES = '@ram-shares';
const shareSortKey = (resourceShareArn: string): string => `S#${resourceShareArn}`;
const activeKey = (resourceArn: string): Item => ({
  [PK]: S(`@ram-active#${resourceArn}`),
  [SK]: S('@share'),
});
const shareKey = (resourceShareArn: string): Item => ({
  [PK]: S(SHARES),
  [SK]: S(shareSortKey(resourceShareArn)),
});

const STATUSES: ReadonlyArray<ShareStatus> = ['ACTIVE', 'DELETED'];
const FEATURE_SETS: ReadonlyArray<ShareFeatureSet> = [
  'CREATED_FROM_POLICY',
  'PROMOTING_TO_STANDARD',
  'STANDARD',
];

/**
 * A share's item: its key, its creation order, and each field as an attribute of its own.
 *
 * @category dynamodb store
 * @since 0.3.0
 */
export const shareItem = (share: ResourceShare): Item => ({
  ...shareKey(share.resourceShareArn),
  [ORD]: N(share.creationTime.getTime()),
  resourceShareArn: S(share.resourceShareArn),
  name: S(share.name),
  owningAccountId: S(share.owningAccountId),
  status: S(share.status),
  featureSet: S(share.featureSet),
  creationTime: S(share.creationTime.toISOString()),
  lastUpdatedTime: S(share.lastUpdatedTime.toISOString()),
  resourceArn: S(share.resourceArn),
});

/**
 * The share an item holds; undefined for an item that is not a whole share (never written by this store).
 *
 * @category dynamodb store
 * @since 0.3.0
 */
export const decodeShare = (item: Item | undefined): ResourceShare | undefined => {
  const field = (name: string): string | undefined => str(item, name);
  const [arn, name, owner, status, featureSet, created, updated, resourceArn] = [
    'resourceShareArn',
    'name',
    'owningAccountId',
    'status',
    'featureSet',
    'creationTime',
    'lastUpdatedTime',
    'resourceArn',
  ].map(field);
  const knownStatus = STATUSES.find((s) => s === status);
  const knownFeatureSet = FEATURE_SETS.find((f) => f === featureSet);
  if (
    arn === undefined ||
    name === undefined ||
    owner === undefined ||
    knownStatus === undefined ||
    knownFeatureSet === undefined ||
    created === undefined ||
    updated === undefined ||
    resourceArn === undefined
  )
    return undefined;
  return {
    resourceShareArn: arn,
    name,
    owningAccountId: owner,
    status: knownStatus,
    featureSet: knownFeatureSet,
    creationTime: new Date(created),
    lastUpdatedTime: new Date(updated),
    resourceArn,
  };
};

/**
 * The resource-share store on a DynamoDB table, next to the policies and parameters it describes.
 *
 * @category dynamodb store
 * @since 0.3.0
 */
export const createDynamoDbResourceShareStore = (
  options: DynamoDbResourceShareStoreOptions,
): DynamoDbResourceShareStore => {
  const { client, tableName: TableName } = options;
  const guard = tableGuard(client, TableName, { recreate: options.recreateMissingTable === true });

  /** Runs one call; a failure rejects with the guard's `StorageError` message (and recreates a lost table). */
  const call = async <T>(send: () => Promise<T>): Promise<T> => {
    try {
      return await send();
    } catch (cause) {
      throw new Error((await guard.failure(cause)).message, { cause });
    }
  };

  const byArn = async (resourceShareArn: string): Promise<ResourceShare | undefined> => {
    const out = await call(() =>
      client.send(new GetItemCommand({ TableName, Key: shareKey(resourceShareArn), ConsistentRead: true })),
    );
    return decodeShare(out.Item);
  };

  /** Every share, oldest first (the order index), that `filter` keeps; every page followed. */
  const shares = async (
    filter: string,
    names: Record<string, string>,
    values: Item,
  ): Promise<ReadonlyArray<ResourceShare>> => {
    const found: ResourceShare[] = [];
    let start: Item | undefined;
    do {
      const out = await call(() =>
        client.send(
          new QueryCommand({
            TableName,
            IndexName: ORDER_INDEX,
            ConsistentRead: true,
            KeyConditionExpression: '#pk = :shares',
            FilterExpression: filter,
            ExpressionAttributeNames: { '#pk': PK, ...names },
            ExpressionAttributeValues: { ':shares': S(SHARES), ...values },
            ScanIndexForward: true,
            ...(options.pageSize === undefined ? {} : { Limit: options.pageSize }),
            ...(start === undefined ? {} : { ExclusiveStartKey: start }),
          }),
        ),
      );
      for (const item of out.Items ?? []) {
        const share = decodeShare(item);
        if (share !== undefined) found.push(share);
      }
      start = out.LastEvaluatedKey;
    } while (start !== undefined);
    // Shares created in the same millisecond: their ARNs decide, the same way on every call.
    return found.sort(
      (a, b) =>
        a.creationTime.getTime() - b.creationTime.getTime() ||
        (a.resourceShareArn < b.resourceShareArn ? -1 : a.resourceShareArn > b.resourceShareArn ? 1 : 0),
    );
  };

  return {
    activeShareOf: async (resourceArn) => {
      const pointer = await call(() =>
        client.send(new GetItemCommand({ TableName, Key: activeKey(resourceArn), ConsistentRead: true })),
      );
      const arn = str(pointer.Item, 'share');
      if (arn === undefined) return undefined;
      const share = await byArn(arn);
      // A pointer outliving its share's deletion (a crash between the two writes) names an inactive share.
      return share?.status === 'ACTIVE' && share.resourceArn === resourceArn ? share : undefined;
    },

    byArn,

    save: async (share) => {
      if (share.status === 'ACTIVE') {
        // The pointer may be taken over only if it is absent, names this share, or names `stale` (a share seen
        // to be no longer active): otherwise another share is active, and this one is not written at all.
        const writeActive = async (stale: string | undefined): Promise<'written' | 'pointer taken'> => {
          try {
            await client.send(
              new TransactWriteItemsCommand({
                TransactItems: [
                  { Put: { TableName, Item: shareItem(share) } },
                  {
                    Put: {
                      TableName,
                      Item: { ...activeKey(share.resourceArn), share: S(share.resourceShareArn) },
                      ConditionExpression:
                        'attribute_not_exists(#share) OR #share = :arn' +
                        (stale === undefined ? '' : ' OR #share = :stale'),
                      ExpressionAttributeNames: { '#share': 'share' },
                      ExpressionAttributeValues: {
                        ':arn': S(share.resourceShareArn),
                        ...(stale === undefined ? {} : { ':stale': S(stale) }),
                      },
                    },
                  },
                ],
              }),
            );
            return 'written';
          } catch (cause) {
            const reasons = cancellationReasons(cause);
            if (reasons?.[1]?.Code === 'ConditionalCheckFailed') return 'pointer taken';
            throw new Error((await guard.failure(cause)).message, { cause });
          }
        };
        let stale: string | undefined;
        // A stale pointer can be replaced while another writer replaces it too: a few rounds settle it.
        for (let round = 0; round < 5; round++) {
          if ((await writeActive(stale)) === 'written') return;
          const pointer = await call(() =>
            client.send(
              new GetItemCommand({ TableName, Key: activeKey(share.resourceArn), ConsistentRead: true }),
            ),
          );
          const named = str(pointer.Item, 'share');
          if (named === undefined) continue; // dropped since: try again with no stale pointer
          const current = await byArn(named);
          // Another share is active for the parameter: it stands, and this one is not saved.
          if (current?.status === 'ACTIVE' && current.resourceArn === share.resourceArn) return;
          stale = named;
        }
        throw new Error(
          `The active share of ${share.resourceArn} kept changing while ${share.resourceShareArn} was saved.`,
        );
      }
      await call(() => client.send(new PutItemCommand({ TableName, Item: shareItem(share) })));
      try {
        await client.send(
          new DeleteItemCommand({
            TableName,
            Key: activeKey(share.resourceArn),
            // Only this share's pointer: a newer share of the same parameter keeps its own.
            ConditionExpression: '#share = :arn',
            ExpressionAttributeNames: { '#share': 'share' },
            ExpressionAttributeValues: { ':arn': S(share.resourceShareArn) },
          }),
        );
      } catch (cause) {
        if (conditionFailure(cause) === undefined)
          throw new Error((await guard.failure(cause)).message, { cause });
      }
    },

    ownedBy: (account) =>
      shares('#owner = :account', { '#owner': 'owningAccountId' }, { ':account': S(account) }),

    activeNotOwnedBy: (account) =>
      shares(
        '#owner <> :account AND #status = :active',
        { '#owner': 'owningAccountId', '#status': 'status' },
        { ':account': S(account), ':active': S('ACTIVE') },
      ),
  };
};
