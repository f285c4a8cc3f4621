/**
 * `pnpm start`: the emulator on `127.0.0.1:4583` (`HOST` and `PORT` override), one log line per request, a
 * clean stop on SIGINT and SIGTERM. Policies live in memory, or in DynamoDB with
 * `STORE=dynamodb [DYNAMODB_ENDPOINT=http://127.0.0.1:8000] [DYNAMODB_TABLE=ssm-policies]`; parameters always
 * live in the emulator's own store.
 *
 * @example
 * // HOST=0.0.0.0 PORT=4583 node packages/server/dist/main.js
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  createDynamoDbPolicyRepository,
  dynamoDbClientConfig,
  ensurePolicyTable,
} from '@ssm-policy/adapter-dynamodb';
import type { PolicyRepository } from '@ssm-policy/core';
import { consoleLogger, DEFAULT_HOST, DEFAULT_PORT, startEmulator } from './http-listener.js';

const env = process.env;

const repositoryFromEnv = async (): Promise<{ repository?: PolicyRepository; label: string }> => {
  const store = env['STORE'] ?? 'memory';
  if (store === 'memory') return { label: 'memory' };
  if (store !== 'dynamodb')
    throw new Error(`STORE must be "memory" or "dynamodb", not ${JSON.stringify(store)}`);
  const endpoint = env['DYNAMODB_ENDPOINT'];
  const tableName = env['DYNAMODB_TABLE'] ?? 'ssm-policies';
  // With an endpoint (DynamoDB Local) no AWS region or credentials are needed; without one, the SDK's chain.
  const client = new DynamoDBClient(dynamoDbClientConfig(env));
  const ready = await ensurePolicyTable(client, tableName, { create: true })();
  if (E.isLeft(ready)) throw new Error(`DynamoDB table ${tableName}: ${ready.left.message}`);
  return {
    repository: createDynamoDbPolicyRepository({ client, tableName }),
    label: `dynamodb table ${tableName}${endpoint === undefined ? '' : ` at ${endpoint}`}`,
  };
};

const main = async (): Promise<void> => {
  const port = env['PORT'] === undefined ? DEFAULT_PORT : Number(env['PORT']);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be 0..65535, not ${env['PORT']}`);
  const { repository, label } = await repositoryFromEnv();
  const emulator = await startEmulator({
    host: env['HOST'] ?? DEFAULT_HOST,
    port,
    logger: consoleLogger,
    ...(repository === undefined ? {} : { repository }),
  });
  console.log(`ssm-policy emulator listening on ${emulator.url} (policies: ${label})`);
  const stop = (signal: string): void => {
    console.log(`${signal}: stopping`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
};

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
