/**
 * `@ssm-policy/adapter-dynamodb`: the `PolicyRepository` port on Amazon DynamoDB, safe for many processes
 * sharing one table, with helpers to create or check that table.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 * import { createDynamoDbPolicyRepository, dynamoDbClientConfig, ensurePolicyTable } from '@ssm-policy/adapter-dynamodb';
 * // Point DYNAMODB_ENDPOINT at DynamoDB Local (or leave it unset for AWS). Nothing listens on port 1, so here
 * // both calls answer a StorageError instead of throwing.
 * const client = new DynamoDBClient({ ...dynamoDbClientConfig({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:1' }), maxAttempts: 1 });
 * const ready = await ensurePolicyTable(client, 'ssm-policies', { create: true })();
 * const repository = createDynamoDbPolicyRepository({ client, tableName: 'ssm-policies' });
 * const page = await repository.list({ resource: { arn: 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default' }, limit: 50 })();
 * assert.ok(ready._tag === 'Left' && page._tag === 'Left' && page.left._tag === 'StorageError');
 *
 * @since 0.1.0
 */
export { dynamoDbClientConfig, type Environment } from './client-config.js';
export {
  createDynamoDbParameterStore,
  decodeParameter,
  encodeParameter,
  type DynamoDbParameterStore,
  type DynamoDbParameterStoreOptions,
  type ParameterRecord,
} from './dynamodb-parameter-store.js';
export {
  createDynamoDbPolicyRepository,
  type DynamoDbPolicyRepositoryOptions,
} from './dynamodb-policy-repository.js';
export {
  createDynamoDbResourceShareStore,
  decodeShare,
  shareItem,
  type DynamoDbResourceShareStore,
  type DynamoDbResourceShareStoreOptions,
} from './dynamodb-resource-share-store.js';
export { decodeCursor, encodeCursor, type PagePosition } from './page-cursor.js';
export {
  PolicyTableSchema,
  checkPolicyTable,
  createPolicyTable,
  ensurePolicyTable,
  type PolicyTableError,
  type PolicyTableMismatch,
  type PolicyTableMissing,
} from './policy-table.js';
export { toStorageError } from './sdk-errors.js';
export { isMissingTable, tableGuard, type TableGuard } from './table-guard.js';
