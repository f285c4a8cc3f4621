/**
 * The DynamoDB table that holds resource policies: its key schema (one partition per resource, a local
 * secondary index for creation order), a helper that creates it with on-demand billing, and a check that an
 * existing table has that schema. See the package README for the item shapes.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 * import { ensurePolicyTable } from '@ssm-policy/adapter-dynamodb';
 * // Against DynamoDB: Right({ created: true | false }) or Left(PolicyTableMissing | PolicyTableMismatch | StorageError).
 * // Nothing listens on port 1: a StorageError.
 * const client = new DynamoDBClient({
 *   endpoint: 'http://127.0.0.1:1',
 *   region: 'us-east-1',
 *   credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
 *   maxAttempts: 1,
 * });
 * const ready = await ensurePolicyTable(client, 'ssm-policies', { create: true })();
 * assert.equal(ready._tag === 'Left' && ready.left._tag, 'StorageError');
 *
 * @since 0.1.0
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  waitUntilTableExists,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { StorageError } from '@ssm-policy/core';
import { toStorageError } from './sdk-errors.js';

// -------------------------------------------------------------------------------------------------
// schema
// -------------------------------------------------------------------------------------------------

/**
 * Attribute and index names, shared by the table definition and the repository's expressions.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const PolicyTableSchema = {
  /** Partition key (S): the resource's canonical ARN. */
  partitionKey: 'pk',
  /** Sort key (S): `P#<PolicyId>` for a policy, `#` for the resource's counter item. */
  sortKey: 'sk',
  /** Creation order (N), on policy items only, so the index holds policies and nothing else. */
  orderKey: 'ord',
  /** The local secondary index (pk, ord): a page of policies in creation order, strongly consistent. */
  orderIndex: 'byOrder',
} as const;

const { partitionKey, sortKey, orderKey, orderIndex } = PolicyTableSchema;

// -------------------------------------------------------------------------------------------------
// errors
// -------------------------------------------------------------------------------------------------

/**
 * The table does not exist and was not to be created.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export interface PolicyTableMissing {
  readonly _tag: 'PolicyTableMissing';
  readonly tableName: string;
  readonly message: string;
}

/**
 * The table exists but its keys or index are not the ones this adapter needs.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export interface PolicyTableMismatch {
  readonly _tag: 'PolicyTableMismatch';
  readonly tableName: string;
  /** One line per difference, e.g. `sort key: expected sk (S), found none`. */
  readonly problems: ReadonlyArray<string>;
  readonly message: string;
}

/**
 * Why the policy table cannot be used.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export type PolicyTableError = PolicyTableMissing | PolicyTableMismatch | StorageError;

// -------------------------------------------------------------------------------------------------
// checks (pure)
// -------------------------------------------------------------------------------------------------

const keyOf = (schema: TableDescription['KeySchema'], type: 'HASH' | 'RANGE'): string | undefined =>
  schema?.find((k) => k.KeyType === type)?.AttributeName;

/**
 * Every way `table` differs from the schema above; empty when it fits.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const checkPolicyTable = (table: TableDescription): ReadonlyArray<string> => {
  const types = new Map((table.AttributeDefinitions ?? []).map((a) => [a.AttributeName, a.AttributeType]));
  const problems: string[] = [];
  const expect = (what: string, found: string | undefined, name: string, type: string): void => {
    if (found !== name || types.get(name) !== type)
      problems.push(
        `${what}: expected ${name} (${type}), found ${found === undefined ? 'none' : `${found} (${types.get(found) ?? '?'})`}`,
      );
  };
  expect('partition key', keyOf(table.KeySchema, 'HASH'), partitionKey, 'S');
  expect('sort key', keyOf(table.KeySchema, 'RANGE'), sortKey, 'S');
  const index = table.LocalSecondaryIndexes?.find((i) => i.IndexName === orderIndex);
  if (index === undefined) problems.push(`local secondary index ${orderIndex}: missing`);
  else {
    expect(`index ${orderIndex} partition key`, keyOf(index.KeySchema, 'HASH'), partitionKey, 'S');
    expect(`index ${orderIndex} sort key`, keyOf(index.KeySchema, 'RANGE'), orderKey, 'N');
    if (index.Projection?.ProjectionType !== 'ALL')
      problems.push(
        `index ${orderIndex} projection: expected ALL, found ${index.Projection?.ProjectionType ?? 'none'}`,
      );
  }
  return problems;
};

// -------------------------------------------------------------------------------------------------
// commands
// -------------------------------------------------------------------------------------------------

/** How long `createPolicyTable` waits for the new table to become ACTIVE. */
const ACTIVE_WAIT_SECONDS = 120;

/**
 * Creates the table with on-demand billing and waits until it is ACTIVE.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const createPolicyTable =
  (client: DynamoDBClient, tableName: string): TE.TaskEither<StorageError, void> =>
  async () => {
    try {
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: partitionKey, AttributeType: 'S' },
            { AttributeName: sortKey, AttributeType: 'S' },
            { AttributeName: orderKey, AttributeType: 'N' },
          ],
          KeySchema: [
            { AttributeName: partitionKey, KeyType: 'HASH' },
            { AttributeName: sortKey, KeyType: 'RANGE' },
          ],
          LocalSecondaryIndexes: [
            {
              IndexName: orderIndex,
              KeySchema: [
                { AttributeName: partitionKey, KeyType: 'HASH' },
                { AttributeName: orderKey, KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          ],
        }),
      );
    } catch (cause) {
      // Another process created it first: wait for it like for our own.
      if (!(cause instanceof ResourceInUseException)) return E.left(toStorageError(cause));
    }
    try {
      await waitUntilTableExists(
        { client, maxWaitTime: ACTIVE_WAIT_SECONDS, minDelay: 1, maxDelay: 5 },
        { TableName: tableName },
      );
      return E.right(undefined);
    } catch (cause) {
      return E.left(toStorageError(cause));
    }
  };

/**
 * Checks that `tableName` exists with the key schema of `PolicyTableSchema`; when it is missing, creates it
 * if `create` is set and otherwise answers `PolicyTableMissing`.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const ensurePolicyTable =
  (
    client: DynamoDBClient,
    tableName: string,
    options: { readonly create?: boolean } = {},
  ): TE.TaskEither<PolicyTableError, { readonly created: boolean }> =>
  async () => {
    let table: TableDescription | undefined;
    try {
      table = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
    } catch (cause) {
      if (!(cause instanceof ResourceNotFoundException)) return E.left(toStorageError(cause));
    }
    if (table === undefined) {
      if (options.create !== true)
        return E.left({
          _tag: 'PolicyTableMissing',
          tableName,
          message: `The DynamoDB table ${tableName} does not exist: create it with createPolicyTable or ensurePolicyTable(..., { create: true }).`,
        });
      const created = await createPolicyTable(client, tableName)();
      return E.isLeft(created) ? created : E.right({ created: true });
    }
    const problems = checkPolicyTable(table);
    return problems.length === 0
      ? E.right({ created: false })
      : E.left({
          _tag: 'PolicyTableMismatch',
          tableName,
          problems,
          message: `The DynamoDB table ${tableName} does not have the policy table's key schema: ${problems.join('; ')}.`,
        });
  };
