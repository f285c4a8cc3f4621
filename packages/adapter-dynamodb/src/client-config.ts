/**
 * The DynamoDB client configuration an emulator reads from its environment. With `DYNAMODB_ENDPOINT` set (a
 * DynamoDB Local, say) the region defaults to `us-east-1` and, when no AWS credentials are configured,
 * placeholder credentials are used: DynamoDB Local accepts any, and the SDK would otherwise fail with
 * "Region is missing" or spend seconds probing for credentials. Without an endpoint the SDK's own chain
 * (region, credentials) applies, as for the real DynamoDB.
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
 * });
 * assert.deepEqual(dynamoDbClientConfig({}), {}); // no endpoint: the SDK's own defaults, for AWS
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

const set = (v: string | undefined): v is string => v !== undefined && v !== '';

/**
 * The DynamoDB client's settings from the environment: an endpoint (DynamoDB Local) with its region and dummy credentials, or the SDK's defaults.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const dynamoDbClientConfig = (env: Environment): DynamoDBClientConfig => {
  const endpoint = env['DYNAMODB_ENDPOINT'];
  if (!set(endpoint)) return {};
  const region = [env['AWS_REGION'], env['AWS_DEFAULT_REGION']].find(set) ?? 'us-east-1';
  const ownCredentials = [env['AWS_ACCESS_KEY_ID'], env['AWS_PROFILE']].some(set);
  return {
    endpoint,
    region,
    ...(ownCredentials ? {} : { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  };
};
