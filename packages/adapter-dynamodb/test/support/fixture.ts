/**
 * Test fixtures: a client on the run's DynamoDB Local, a fresh table per call, an SDK middleware that counts
 * round trips, and one that injects the faults DynamoDB Local cannot produce on demand.
 */
import { randomUUID } from 'node:crypto';
import {
  ProvisionedThroughputExceededException,
  QueryCommand,
  ThrottlingException,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { inject } from 'vitest';
import type { ResourceKey } from '@ssm-policy/core';
import { createPolicyTable } from '../../src/index.js';
import { localClient } from '@ssm-policy/dynamodb-local';
import { partitionKeyOf } from '../../src/policy-items.js';

export const endpoint = (): string => inject('dynamoEndpoint');

export const newClient = (maxAttempts?: number): DynamoDBClient => localClient(endpoint(), maxAttempts);

/** A new, empty policy table with a unique name. */
export const newTable = async (client: DynamoDBClient): Promise<string> => {
  const tableName = `policies-${randomUUID()}`;
  const created = await createPolicyTable(client, tableName)();
  if (E.isLeft(created)) throw new Error(created.left.message);
  return tableName;
};

export const run = <L, R>(task: TE.TaskEither<L, R>): Promise<E.Either<L, R>> => task();

/** The value of a `Right`, or a thrown error naming the `Left`'s tag (for set-up steps). */
export const right = async <L, R>(task: TE.TaskEither<L, R>): Promise<R> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`expected Right, got ${JSON.stringify(result.left)}`);
  return result.right;
};

/** The `_tag` of a `Left`, or `'Right'`. */
export const tagOf = (result: E.Either<{ readonly _tag: string }, unknown>): string =>
  E.isLeft(result) ? result.left._tag : 'Right';

/** Names the commands sent, one entry per HTTP attempt (the middleware sits inside the SDK's retry loop). */
export const countCalls = (client: DynamoDBClient): { readonly calls: string[]; reset(): void } => {
  const calls: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(context.commandName ?? '?');
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: `countCalls-${randomUUID()}` },
  );
  return { calls, reset: () => void calls.splice(0) };
};

export type FaultKind = 'Throttling' | 'ProvisionedThroughputExceeded' | 'Timeout' | 'ConnectionReset';

export const faultError = (kind: FaultKind): Error => {
  const $metadata = { httpStatusCode: 400 };
  switch (kind) {
    case 'Throttling':
      return new ThrottlingException({
        message: 'Rate of requests exceeds the allowed throughput.',
        $metadata,
      });
    case 'ProvisionedThroughputExceeded':
      return new ProvisionedThroughputExceededException({ message: 'Throughput exceeded.', $metadata });
    case 'Timeout':
      return Object.assign(new Error('Connection timed out after 1000 ms'), { name: 'TimeoutError' });
    case 'ConnectionReset':
      return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
  }
};

/**
 * Makes the next `times` sends of `command` fail with `kind`: `before` the request leaves (nothing written)
 * or `after` DynamoDB answered (written, but the response is lost). Inside the retry loop, like a real fault.
 */
export const injectFault = (
  client: DynamoDBClient,
  fault: { command: string; kind: FaultKind; when: 'before' | 'after'; times: number },
): void => {
  let left = fault.times;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const hit = context.commandName === fault.command && left > 0;
      if (hit) left--;
      if (hit && fault.when === 'before') throw faultError(fault.kind);
      const out = await next(args);
      if (hit) throw faultError(fault.kind);
      return out;
    },
    { step: 'finalizeRequest', priority: 'low', name: `fault-${randomUUID()}` },
  );
};

/** Every item of a resource's partition, straight from the table (policies and the counter item). */
export const partition = async (
  client: DynamoDBClient,
  tableName: string,
  resource: ResourceKey,
): Promise<Record<string, AttributeValue>[]> =>
  (
    await client.send(
      new QueryCommand({
        TableName: tableName,
        ConsistentRead: true,
        KeyConditionExpression: 'pk = :r',
        ExpressionAttributeValues: { ':r': { S: partitionKeyOf(resource) } },
      }),
    )
  ).Items ?? [];

/** A fresh resource key per test (parameter ARNs), so tests sharing a table stay apart. */
export const newResource = (kind: 'parameter' | 'opsitemgroup' = 'parameter'): ResourceKey => ({
  arn:
    kind === 'opsitemgroup'
      ? `arn:aws:ssm:us-east-1:${String(100000000000 + Math.floor(Math.random() * 899999999999))}:opsitemgroup/default`
      : `arn:aws:ssm:us-east-1:123456789012:parameter/test/${randomUUID()}`,
});
