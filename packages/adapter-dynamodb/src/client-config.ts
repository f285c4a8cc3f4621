/**
 * The DynamoDB client configuration an emulator reads from its environment. With `DYNAMODB_ENDPOINT` set (a
 * DynamoDB Local, say) the region defaults to `us-east-1` and, when no AWS credentials are configured,
 * placeholder credentials are used: DynamoDB Local accepts any, and the SDK would otherwise fail with
 * "Region is missing" or spend seconds probing for credentials. Without an endpoint the SDK's own chain
 * (region, credentials) applies, as for the real DynamoDB.
 *
 * Either way every call is bounded: the SDK's defaults wait for a connection and an answer without limit, so a
 * frozen DynamoDB held a request for minutes. Here a connection must open within `DYNAMODB_CONNECT_TIMEOUT_MS`
 * (default 1000), an answer arrive within `DYNAMODB_REQUEST_TIMEOUT_MS` (default 2000), and a call is tried at
 * most `DYNAMODB_MAX_ATTEMPTS` times (default 3, with the SDK's standard jittered backoff): a dead or frozen
 * backend becomes a `StorageError` (the core's `InternalServerError`) within about seven seconds.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 * import { dynamoDbClientConfig } from '@ssm-policy/adapter-dynamodb';
 * const config = dynamoDbClientConfig({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' });
 * const client = new DynamoDBClient(config);
 * client.destroy();
 * assert.deepEqual(config, {
 *   endpoint: 'http://127.0.0.1:8000',
 *   region: 'us-east-1',
 *   credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
 *   maxAttempts: 3,
 *   requestHandler: { connectionTimeout: 1000, requestTimeout: 2000, throwOnRequestTimeout: true },
 * });
 * // No endpoint: the SDK's own endpoint and credentials, for AWS, with the same bounds.
 * assert.equal(dynamoDbClientConfig({ DYNAMODB_MAX_ATTEMPTS: '5' }).endpoint, undefined);
 * assert.equal(dynamoDbClientConfig({ DYNAMODB_MAX_ATTEMPTS: '5' }).maxAttempts, 5);
 *
 * @since 0.1.0
 */
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/**
 * Environment variables, as `process.env` holds them.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The bounds used when the environment names none.
 *
 * @category dynamodb store
 * @since 0.2.0
 */
export const CLIENT_BOUNDS = { connectTimeoutMs: 1000, requestTimeoutMs: 2000, maxAttempts: 3 } as const;

const set = (v: string | undefined): v is string => v !== undefined && v !== '';

const positive = (env: Environment, name: string, fallback: number): number => {
  const raw = env[name];
  if (!set(raw)) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, not ${raw}`);
  return n;
};

/**
 * The DynamoDB client's settings from the environment: an endpoint (DynamoDB Local) with its region and dummy credentials, or the SDK's defaults.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const dynamoDbClientConfig = (env: Environment): DynamoDBClientConfig => {
  const bounds: DynamoDBClientConfig = {
    maxAttempts: positive(env, 'DYNAMODB_MAX_ATTEMPTS', CLIENT_BOUNDS.maxAttempts),
    requestHandler: {
      connectionTimeout: positive(env, 'DYNAMODB_CONNECT_TIMEOUT_MS', CLIENT_BOUNDS.connectTimeoutMs),
      requestTimeout: positive(env, 'DYNAMODB_REQUEST_TIMEOUT_MS', CLIENT_BOUNDS.requestTimeoutMs),
      // Without it the SDK only warns when the time is up, and goes on waiting.
      throwOnRequestTimeout: true,
    },
  };
  const endpoint = env['DYNAMODB_ENDPOINT'];
  if (!set(endpoint)) return bounds;
  const region = [env['AWS_REGION'], env['AWS_DEFAULT_REGION']].find(set) ?? 'us-east-1';
  const ownCredentials = [env['AWS_ACCESS_KEY_ID'], env['AWS_PROFILE']].some(set);
  return {
    ...bounds,
    endpoint,
    region,
    ...(ownCredentials ? {} : { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  };
};
