/**
 * `PolicyRepository` on Amazon DynamoDB. Every rule that must hold across processes is a condition that
 * DynamoDB itself checks, so any number of emulators on any number of machines can share one table:
 *
 * - create: one `TransactWriteItems` — the resource's counter item (`count < max`, creation order rising)
 *   and the new policy item (`attribute_not_exists`) are written together or not at all (H9, H10);
 * - update: one `UpdateItem` with `PolicyHash = :expected` (H5, H10);
 * - delete: one `TransactWriteItems` — the policy item on its hash, and the counter decremented (H7);
 * - a page: one strongly consistent `Query` on the `byOrder` local index (H8). No `Scan` anywhere.
 *
 * A refused condition returns the item as it was (`ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`), which
 * tells `PolicyMissing` from `HashMismatch` without another read. Each write carries a fresh `writeId`, and
 * each transaction a `ClientRequestToken`, so a call the SDK repeats after a lost response is recognised as
 * already done instead of applying twice.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 * import { createDynamoDbPolicyRepository } from '@ssm-policy/adapter-dynamodb';
 * const repository = createDynamoDbPolicyRepository({
 *   client: new DynamoDBClient({ endpoint: 'http://127.0.0.1:8000', region: 'us-east-1' }),
 *   tableName: 'ssm-policies',
 * });
 * // The store assigns no ids of its own: the core's proposed PolicyId and PolicyHash are kept.
 * assert.deepEqual(repository.capabilities, { assignsIdentity: false });
 *
 * @since 0.1.0
 */
import { randomUUID } from 'node:crypto';
import {
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import * as E from 'fp-ts/lib/Either.js';
import {
  hashMismatch,
  policyLimitReached,
  policyMissing,
  storageError,
  type PolicyRepository,
  type StorageError,
  type StoredPolicy,
} from '@ssm-policy/core';
import { dropResource } from './drop-resource.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';
import {
  N,
  ORD,
  ORDER_INDEX,
  PK,
  S,
  backoff,
  counterKey,
  idTooLong,
  num,
  partitionKeyOf,
  policyKey,
  str,
} from './policy-items.js';
import {
  cancellationReasons,
  conditionFailure,
  isTransactionConflict,
  toStorageError,
  type Item,
} from './sdk-errors.js';

/**
 * The client and the policy table to use.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export interface DynamoDbPolicyRepositoryOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /**
   * How many times a write is tried while it only loses races with other writers of the same resource
   * (`TransactionConflict`, or a creation order another process took first). Default 30.
   */
  readonly contentionAttempts?: number;
  /** Milliseconds since the epoch, for creation order; `Date.now` by default (tests skew it). */
  readonly now?: () => number;
}

// -------------------------------------------------------------------------------------------------
// repository
// -------------------------------------------------------------------------------------------------

/**
 * A policy store in a DynamoDB table (see `ensurePolicyTable`).
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const createDynamoDbPolicyRepository = (
  options: DynamoDbPolicyRepositoryOptions,
): PolicyRepository => {
  const { client, tableName: TableName } = options;
  const attempts = Math.max(1, options.contentionAttempts ?? 30);
  const now = options.now ?? Date.now;

  // Creation order: microseconds since the epoch, rising within this process. Across processes the counter
  // item's condition `last < :ord` keeps it rising; a loser retries above the `last` it was shown.
  let lastOrd = 0;
  const nextOrd = (above: number): number => {
    lastOrd = Math.max(Math.floor(now()) * 1000, lastOrd + 1, above + 1);
    return lastOrd;
  };

  const contended = (): StorageError =>
    storageError(`DynamoDB: the write kept losing races with other writers after ${attempts} attempts.`);

  const create: PolicyRepository['create'] = (input) => async () => {
    const { Policy, maxPolicies } = input;
    const resource = partitionKeyOf(input.resource);
    const { PolicyId, PolicyHash } = input.proposed;
    if (idTooLong(PolicyId)) return E.left(storageError('DynamoDB: the proposed PolicyId is too long.'));
    const writeId = randomUUID();
    let above = 0;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const ord = nextOrd(above);
      const limit = maxPolicies === undefined ? '' : '(attribute_not_exists(#count) OR #count < :max) AND ';
      try {
        await client.send(
          new TransactWriteItemsCommand({
            ClientRequestToken: randomUUID(),
            TransactItems: [
              {
                Update: {
                  TableName,
                  Key: counterKey(resource),
                  UpdateExpression: 'ADD #count :one SET #last = :ord',
                  ConditionExpression: `${limit}(attribute_not_exists(#last) OR #last < :ord)`,
                  ExpressionAttributeNames: { '#count': 'count', '#last': 'last' },
                  ExpressionAttributeValues: {
                    ':one': N(1),
                    ':ord': N(ord),
                    ...(maxPolicies === undefined ? {} : { ':max': N(maxPolicies) }),
                  },
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              {
                Put: {
                  TableName,
                  Item: {
                    ...policyKey(resource, PolicyId),
                    [ORD]: N(ord),
                    PolicyId: S(PolicyId),
                    PolicyHash: S(PolicyHash),
                    Policy: S(Policy),
                    writeId: S(writeId),
                  },
                  ConditionExpression: 'attribute_not_exists(sk)',
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
            ],
          }),
        );
        return E.right({ PolicyId, PolicyHash, Policy });
      } catch (cause) {
        const reasons = cancellationReasons(cause);
        const [counter, policy] = [reasons?.[0], reasons?.[1]];
        if (policy?.Code === 'ConditionalCheckFailed')
          return str(policy.Item, 'writeId') === writeId
            ? E.right({ PolicyId, PolicyHash, Policy })
            : E.left(storageError('DynamoDB: the proposed PolicyId is taken.'));
        if (counter?.Code === 'ConditionalCheckFailed') {
          const count = num(counter.Item, 'count') ?? 0;
          if (maxPolicies !== undefined && count >= maxPolicies)
            return E.left(policyLimitReached(maxPolicies));
          above = num(counter.Item, 'last') ?? 0;
          continue;
        }
        if (isTransactionConflict(cause)) {
          await backoff(attempt);
          continue;
        }
        return E.left(toStorageError(cause));
      }
    }
    return E.left(contended());
  };

  const update: PolicyRepository['update'] = (input) => async () => {
    const { PolicyId, Policy, proposedHash } = input;
    const resource = partitionKeyOf(input.resource);
    if (idTooLong(PolicyId)) return E.left(policyMissing);
    const writeId = randomUUID();
    for (let attempt = 0; attempt < attempts; attempt++) {
      try {
        await client.send(
          new UpdateItemCommand({
            TableName,
            Key: policyKey(resource, PolicyId),
            UpdateExpression: 'SET PolicyHash = :next, Policy = :policy, writeId = :writeId',
            // A missing item has no PolicyHash, so this condition also refuses it.
            ConditionExpression: 'PolicyHash = :expected',
            ExpressionAttributeValues: {
              ':next': S(proposedHash),
              ':policy': S(Policy),
              ':writeId': S(writeId),
              ':expected': S(input.expectedHash),
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return E.right({ PolicyId, PolicyHash: proposedHash, Policy });
      } catch (cause) {
        const refused = conditionFailure(cause);
        if (refused !== undefined) {
          if (refused.old === undefined) return E.left(policyMissing);
          // The SDK repeated our own write after losing its response: it is done, once.
          return str(refused.old, 'writeId') === writeId
            ? E.right({ PolicyId, PolicyHash: proposedHash, Policy })
            : E.left(hashMismatch);
        }
        if (isTransactionConflict(cause)) {
          await backoff(attempt);
          continue;
        }
        return E.left(toStorageError(cause));
      }
    }
    return E.left(contended());
  };

  const remove: PolicyRepository['delete'] = (input) => async () => {
    const { PolicyId } = input;
    const resource = partitionKeyOf(input.resource);
    if (idTooLong(PolicyId)) return E.left(policyMissing);
    for (let attempt = 0; attempt < attempts; attempt++) {
      try {
        await client.send(
          new TransactWriteItemsCommand({
            // Repeated by the SDK after a lost response, the same token makes DynamoDB answer success again
            // without applying it twice (for ten minutes).
            ClientRequestToken: randomUUID(),
            TransactItems: [
              {
                Delete: {
                  TableName,
                  Key: policyKey(resource, PolicyId),
                  ConditionExpression: 'PolicyHash = :expected',
                  ExpressionAttributeValues: { ':expected': S(input.expectedHash) },
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              {
                Update: {
                  TableName,
                  Key: counterKey(resource),
                  UpdateExpression: 'ADD #count :minusOne',
                  ExpressionAttributeNames: { '#count': 'count' },
                  ExpressionAttributeValues: { ':minusOne': N(-1) },
                },
              },
            ],
          }),
        );
        return E.right(undefined);
      } catch (cause) {
        const policy = cancellationReasons(cause)?.[0];
        if (policy?.Code === 'ConditionalCheckFailed')
          return E.left(policy.Item === undefined ? policyMissing : hashMismatch);
        if (isTransactionConflict(cause)) {
          await backoff(attempt);
          continue;
        }
        return E.left(toStorageError(cause));
      }
    }
    return E.left(contended());
  };

  const list: PolicyRepository['list'] = (input) => async () => {
    const { limit } = input;
    const resource = partitionKeyOf(input.resource);
    let start: Item | undefined;
    if (input.cursor !== undefined) {
      const at = decodeCursor(resource, input.cursor);
      if (E.isLeft(at)) return at;
      start = { ...policyKey(resource, at.right.PolicyId), [ORD]: N(at.right.ord) };
    }
    try {
      // One item more than the page: it tells whether another page follows, so the last page has no cursor.
      const out = await client.send(
        new QueryCommand({
          TableName,
          IndexName: ORDER_INDEX,
          ConsistentRead: true,
          KeyConditionExpression: '#pk = :resource',
          ExpressionAttributeNames: { '#pk': PK, '#ord': ORD },
          ExpressionAttributeValues: { ':resource': S(resource) },
          ProjectionExpression: 'PolicyId, PolicyHash, Policy, #ord',
          Limit: limit + 1,
          ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        }),
      );
      const items = out.Items ?? [];
      const page = items.slice(0, limit);
      const policies: StoredPolicy[] = page.map((item) => ({
        PolicyId: str(item, 'PolicyId') ?? '',
        PolicyHash: str(item, 'PolicyHash') ?? '',
        Policy: str(item, 'Policy') ?? '',
      }));
      const last = page[page.length - 1];
      // More follow when the extra item came back, or when DynamoDB stopped early (its 1 MB page limit).
      const more = items.length > limit || out.LastEvaluatedKey !== undefined;
      return more && last !== undefined
        ? E.right({
            policies,
            cursor: encodeCursor(resource, {
              ord: last[ORD]?.N ?? '0',
              PolicyId: str(last, 'PolicyId') ?? '',
            }),
          })
        : E.right({ policies });
    } catch (cause) {
      return E.left(toStorageError(cause));
    }
  };

  return {
    capabilities: { assignsIdentity: false },
    create,
    update,
    delete: remove,
    list,
    dropResource: dropResource(client, TableName, attempts),
  };
};
