/**
 * Rule R7 for the DynamoDB store: removes every policy of a resource, in transactions of `DROP_BATCH` deletes
 * that each also lower the counter by as many, then the counter itself while it reads zero. Each delete is
 * conditioned on the item still being there, so a policy deleted meanwhile, or one created meanwhile, makes
 * the step look again instead of leaving the count wrong.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 * import { dropResource } from './drop-resource.js';
 * // Nothing listens on port 1: the drop answers a StorageError instead of throwing.
 * const client = new DynamoDBClient({
 *   endpoint: 'http://127.0.0.1:1',
 *   region: 'us-east-1',
 *   credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
 *   maxAttempts: 1,
 * });
 * const dropped = await dropResource(client, 'ssm-policies', 30)({ arn: 'arn:aws:ssm:us-east-1:123456789012:parameter/a' })();
 * assert.equal(dropped._tag === 'Left' && dropped.left._tag, 'StorageError');
 *
 * @since 0.1.0
 */
import { randomUUID } from 'node:crypto';
import {
  DeleteItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { storageError, type ResourceKey, type StorageError } from '@ssm-policy/core';
import { N, PK, S, SK, backoff, counterKey, partitionKeyOf, policySortKey } from './policy-items.js';
import { cancellationReasons, conditionFailure, toStorageError } from './sdk-errors.js';

/** Transaction items per step (DynamoDB allows 100; small keeps conflicts with live writers rare). */
const DROP_BATCH = 25;

/**
 * Deletes a resource's policies and its counter (R7); `attempts` bounds the retries.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const dropResource =
  (client: DynamoDBClient, TableName: string, attempts: number) =>
  (key: ResourceKey): TE.TaskEither<StorageError, void> =>
  async () => {
    const resource = partitionKeyOf(key);
    for (let attempt = 0; attempt < attempts;) {
      try {
        const found = await client.send(
          new QueryCommand({
            TableName,
            ConsistentRead: true,
            KeyConditionExpression: '#pk = :resource AND begins_with(#sk, :policy)',
            ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
            ExpressionAttributeValues: { ':resource': S(resource), ':policy': S(policySortKey('')) },
            ProjectionExpression: '#sk',
            Limit: DROP_BATCH,
          }),
        );
        const keys = (found.Items ?? []).map((item) => item[SK]!);
        if (keys.length === 0) {
          // Only while no create slipped in since the last step: it would have raised the count.
          await client.send(
            new DeleteItemCommand({
              TableName,
              Key: counterKey(resource),
              ConditionExpression: 'attribute_not_exists(#count) OR #count <= :zero',
              ExpressionAttributeNames: { '#count': 'count' },
              ExpressionAttributeValues: { ':zero': N(0) },
            }),
          );
          return E.right(undefined);
        }
        const deletes: TransactWriteItem[] = keys.map((sk) => ({
          Delete: {
            TableName,
            Key: { [PK]: S(resource), [SK]: sk },
            ConditionExpression: `attribute_exists(${SK})`,
          },
        }));
        await client.send(
          new TransactWriteItemsCommand({
            ClientRequestToken: randomUUID(),
            TransactItems: [
              ...deletes,
              {
                Update: {
                  TableName,
                  Key: counterKey(resource),
                  UpdateExpression: 'ADD #count :minus',
                  ExpressionAttributeNames: { '#count': 'count' },
                  ExpressionAttributeValues: { ':minus': N(-keys.length) },
                },
              },
            ],
          }),
        );
      } catch (cause) {
        // A policy deleted meanwhile, a create since the last step, or a race: look again.
        if (conditionFailure(cause) !== undefined || cancellationReasons(cause) !== undefined) {
          await backoff(attempt++);
          continue;
        }
        return E.left(toStorageError(cause));
      }
    }
    return E.left(
      storageError(`DynamoDB: dropping the policies kept losing races after ${attempts} attempts.`),
    );
  };
