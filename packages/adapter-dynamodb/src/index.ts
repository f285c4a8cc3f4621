/**
 * `@ssm-policy/adapter-dynamodb`: the `PolicyRepository` port on Amazon DynamoDB, safe for many processes
 * sharing one table, with helpers to create or check that table.
 *
 * @example
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 * import { createDynamoDbPolicyRepository, ensurePolicyTable } from '@ssm-policy/adapter-dynamodb';
 * const client = new DynamoDBClient({ endpoint: 'http://127.0.0.1:8000' });
 * // const ready = await ensurePolicyTable(client, 'ssm-policies', { create: true })();
 * const repository = createDynamoDbPolicyRepository({ client, tableName: 'ssm-policies' });
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
