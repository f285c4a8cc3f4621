/**
 * `PolicyRepository` on Amazon DynamoDB. Every rule that must hold across processes is a condition that
 * DynamoDB itself checks, so any number of emulators on any number of machines can share one table:
 *
 * - create on a resource with a count limit (an OpsItemGroup, or a parameter under a profile's
 *   `maxPoliciesPerParameter`): one `TransactWriteItems` — the resource's counter item (`count < max`, creation
 *   order rising) and the new policy item (`attribute_not_exists`) are written together or not at all (H9, H10);
 * - create on a resource without one: a `Query` for the highest creation order so far, then the policy item
 *   alone, so concurrent creates share no item and never contend (H8);
 * - when the parameters live in the same table (`checkParameters`), a create on a parameter also checks, in the
 *   same transaction, that the parameter's incarnation is still there: a create that loses the race with
 *   `DeleteParameter` writes nothing, so it cannot leave a policy nobody can read or delete, and is refused
 *   with `ResourceMissing`, which the core answers as a Put on a missing parameter (R7, R4);
 * - update: one `UpdateItem` with `PolicyHash = :expected` (H5, H10);
 * - delete: one `TransactWriteItems` — the policy item on its hash, and the counter decremented when the policy
 *   was counted (H7);
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
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type DynamoDBClient,
  type Put,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import * as E from 'fp-ts/lib/Either.js';
import {
  hashMismatch,
  policyLimitReached,
  policyMissing,
  resourceMissing,
  storageError,
  type PolicyRepository,
  type ResourceKey,
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
  UNCOUNTED,
  backoff,
  bigNum,
  counterKey,
  idTooLong,
  nextOrder,
  num,
  parameterKey,
  partitionKeyOf,
  policyKey,
  str,
  type PartitionKey,
} from './policy-items.js';
import { cancellationReasons, conditionFailure, isTransactionConflict, type Item } from './sdk-errors.js';
import { tableGuard } from './table-guard.js';

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
  /**
   * The parameters live in this table too (`createDynamoDbParameterStore` on the same table): a create on a
   * parameter's incarnation then checks, in its transaction, that the parameter item still has that
   * incarnation. Off by default, for a table that holds policies only.
   */
  readonly checkParameters?: boolean;
  /** Create the table again when it disappears (see `tableGuard`); off by default. */
  readonly recreateMissingTable?: boolean;
}

// -------------------------------------------------------------------------------------------------
// repository
// -------------------------------------------------------------------------------------------------

const YES = { BOOL: true };

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
  const guard = tableGuard(client, TableName, { recreate: options.recreateMissingTable === true });

  // Creation order: rising within this process, and above every floor the caller saw in the table.
  let lastOrd = 0n;
  const nextOrd = (...floors: bigint[]): bigint => (lastOrd = nextOrder(now(), [lastOrd, ...floors]));

  const contended = (): StorageError =>
    storageError(`DynamoDB: the write kept losing races with other writers after ${attempts} attempts.`);

  /** R7: the parameter item must still carry the incarnation the policy is written under. */
  const parameterCheck = (key: ResourceKey): TransactWriteItem | undefined =>
    options.checkParameters === true && key.incarnation !== undefined
      ? {
          ConditionCheck: {
            TableName,
            Key: parameterKey(key.arn),
            ConditionExpression: 'Incarnation = :incarnation',
            ExpressionAttributeValues: { ':incarnation': S(key.incarnation) },
          },
        }
      : undefined;

  /** The highest creation order the resource holds (0 for none): one item of the index, read backwards. */
  const topOrder = async (resource: PartitionKey): Promise<bigint> => {
    const out = await client.send(
      new QueryCommand({
        TableName,
        IndexName: ORDER_INDEX,
        ConsistentRead: true,
        KeyConditionExpression: '#pk = :resource',
        ExpressionAttributeNames: { '#pk': PK, '#ord': ORD },
        ExpressionAttributeValues: { ':resource': S(resource) },
        ProjectionExpression: '#ord',
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    return bigNum(out.Items?.[0], ORD);
  };

  const create: PolicyRepository['create'] = (input) => async () => {
    const { Policy, maxPolicies } = input;
    const resource = partitionKeyOf(input.resource);
    const { PolicyId, PolicyHash } = input.proposed;
    if (idTooLong(PolicyId)) return E.left(storageError('DynamoDB: the proposed PolicyId is too long.'));
    const writeId = randomUUID();
    const check = parameterCheck(input.resource);
    const created = E.right({ PolicyId, PolicyHash, Policy });
    const policyPut = (ord: bigint, counted: boolean): Put => ({
      TableName,
      Item: {
        ...policyKey(resource, PolicyId),
        [ORD]: N(ord.toString()),
        PolicyId: S(PolicyId),
        PolicyHash: S(PolicyHash),
        Policy: S(Policy),
        writeId: S(writeId),
        ...(counted ? {} : { [UNCOUNTED]: YES }),
      },
      ConditionExpression: 'attribute_not_exists(sk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    /** A refused policy put: our own write repeated by the SDK, or an id another create took. */
    const refusedPut = (old: Item | undefined) =>
      str(old, 'writeId') === writeId
        ? created
        : E.left(storageError('DynamoDB: the proposed PolicyId is taken.'));

    if (maxPolicies === undefined) {
      // No limit, so no counter: nothing shared with concurrent creates but the parameter item they check.
      for (let attempt = 0; attempt < attempts; attempt++) {
        try {
          const put = policyPut(nextOrd(await topOrder(resource)), false);
          if (check === undefined) await client.send(new PutItemCommand(put));
          else
            await client.send(
              new TransactWriteItemsCommand({
                ClientRequestToken: randomUUID(),
                TransactItems: [{ Put: put }, check],
              }),
            );
          return created;
        } catch (cause) {
          const refused = conditionFailure(cause);
          if (refused !== undefined) return refusedPut(refused.old);
          const reasons = cancellationReasons(cause);
          if (reasons?.[0]?.Code === 'ConditionalCheckFailed') return refusedPut(reasons[0].Item);
          // The parameter was deleted (or created anew) while the policy was being written: nothing was written.
          if (reasons?.[1]?.Code === 'ConditionalCheckFailed') return E.left(resourceMissing);
          if (isTransactionConflict(cause)) {
            await backoff(attempt);
            continue;
          }
          return E.left(await guard.failure(cause));
        }
      }
      return E.left(contended());
    }

    let above = 0n;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const ord = nextOrd(above);
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
                  ConditionExpression:
                    '(attribute_not_exists(#count) OR #count < :max) AND (attribute_not_exists(#last) OR #last < :ord)',
                  ExpressionAttributeNames: { '#count': 'count', '#last': 'last' },
                  ExpressionAttributeValues: {
                    ':one': N(1),
                    ':ord': N(ord.toString()),
                    ':max': N(maxPolicies),
                  },
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              { Put: policyPut(ord, true) },
              ...(check === undefined ? [] : [check]),
            ],
          }),
        );
        return created;
      } catch (cause) {
        const reasons = cancellationReasons(cause);
        const [counter, policy, parameter] = [reasons?.[0], reasons?.[1], reasons?.[2]];
        if (policy?.Code === 'ConditionalCheckFailed') return refusedPut(policy.Item);
        if (counter?.Code === 'ConditionalCheckFailed') {
          const count = num(counter.Item, 'count') ?? 0;
          if (count >= maxPolicies) return E.left(policyLimitReached(maxPolicies));
          above = bigNum(counter.Item, 'last');
          continue;
        }
        // The parameter was deleted (or created anew) while the policy was being written: nothing was written.
        if (parameter?.Code === 'ConditionalCheckFailed') return E.left(resourceMissing);
        if (isTransactionConflict(cause)) {
          await backoff(attempt);
          continue;
        }
        return E.left(await guard.failure(cause));
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
        return E.left(await guard.failure(cause));
      }
    }
    return E.left(contended());
  };

  const remove: PolicyRepository['delete'] = (input) => async () => {
    const { PolicyId, expectedHash } = input;
    const resource = partitionKeyOf(input.resource);
    if (idTooLong(PolicyId)) return E.left(policyMissing);
    // Whether the policy was counted is on its item; guess from the resource which way to try first (an
    // OpsItemGroup always has its limit) and try the other way when the item says so.
    let counted = input.resource.arn.includes(':opsitemgroup/');
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
                  ConditionExpression: counted
                    ? 'PolicyHash = :expected AND attribute_not_exists(#uncounted)'
                    : 'PolicyHash = :expected AND #uncounted = :yes',
                  ExpressionAttributeNames: { '#uncounted': UNCOUNTED },
                  ExpressionAttributeValues: {
                    ':expected': S(expectedHash),
                    ...(counted ? {} : { ':yes': YES }),
                  },
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              ...(counted
                ? [
                    {
                      Update: {
                        TableName,
                        Key: counterKey(resource),
                        UpdateExpression: 'ADD #count :minusOne',
                        ExpressionAttributeNames: { '#count': 'count' },
                        ExpressionAttributeValues: { ':minusOne': N(-1) },
                      },
                    },
                  ]
                : []),
            ],
          }),
        );
        return E.right(undefined);
      } catch (cause) {
        const policy = cancellationReasons(cause)?.[0];
        if (policy?.Code === 'ConditionalCheckFailed') {
          if (policy.Item === undefined) return E.left(policyMissing);
          if (str(policy.Item, 'PolicyHash') !== expectedHash) return E.left(hashMismatch);
          // The right hash, the other kind of item: delete it the other way (no race lost, no backoff).
          counted = policy.Item[UNCOUNTED] === undefined;
          continue;
        }
        if (isTransactionConflict(cause)) {
          await backoff(attempt);
          continue;
        }
        return E.left(await guard.failure(cause));
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
      return E.left(await guard.failure(cause));
    }
  };

  return {
    capabilities: { assignsIdentity: false },
    create,
    update,
    delete: remove,
    list,
    dropResource: dropResource(client, TableName, attempts, guard),
  };
};
