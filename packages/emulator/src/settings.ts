/**
 * What the emulator's environment says: where to listen (`HOST`, `PORT`) and where policies live (`STORE`,
 * `DYNAMODB_ENDPOINT`, `DYNAMODB_TABLE`). Read once at start-up; a value that makes no sense is an `Error`
 * whose message names the variable, so that the process exits with it instead of starting half-configured.
 *
 * @example
 * import { listenAddressFromEnv } from './settings.js';
 * const address = listenAddressFromEnv({ PORT: '0' });
 * if (address.host !== '127.0.0.1' || address.port !== 0) throw new Error('unexpected address');
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  createDynamoDbParameterStore,
  createDynamoDbPolicyRepository,
  dynamoDbClientConfig,
  ensurePolicyTable,
} from '@ssm-policy/adapter-dynamodb';
import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
import type { PolicyRepository } from '@ssm-policy/core';
import { DEFAULT_HOST, DEFAULT_PORT, type ParameterStore, type StoredParameter } from '@ssm-policy/server';

/**
 * The process environment, or any map of variable names to values.
 *
 * @category settings
 * @since 0.1.0
 */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Where the emulator listens.
 *
 * @category settings
 * @since 0.1.0
 */
export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * The policy store the emulator runs on, and how its start-up line names it.
 *
 * @category settings
 * @since 0.1.0
 */
export interface PolicyStore {
  readonly repository: PolicyRepository;
  /** Where parameters live; absent: in the emulator's own memory. */
  readonly parameters?: ParameterStore;
  readonly label: string;
}

/**
 * `HOST` (default `127.0.0.1`) and `PORT` (default 4583; `0` picks a free port).
 *
 * @category settings
 * @since 0.1.0
 */
export const listenAddressFromEnv = (env: Environment): ListenAddress => {
  const port = env['PORT'] === undefined ? DEFAULT_PORT : Number(env['PORT']);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be 0..65535, not ${env['PORT']}`);
  return { host: env['HOST'] ?? DEFAULT_HOST, port };
};

/**
 * `STORE=memory` (the default): policies and parameters in this process's memory. `STORE=dynamodb`: policies
 * and parameters in the DynamoDB table `DYNAMODB_TABLE` (default `ssm-policies`), created when missing — at
 * start and again whenever it disappears — at `DYNAMODB_ENDPOINT` when set (DynamoDB Local, where no AWS region
 * or credentials are needed) or through the SDK's usual chain otherwise. Every DynamoDB call is bounded in time
 * and attempts (`dynamoDbClientConfig`). A policy create checks in its transaction that its parameter still
 * exists (R7), so any number of emulators can share the table.
 *
 * @category settings
 * @since 0.1.0
 */
export const policyStoreFromEnv = async (env: Environment): Promise<PolicyStore> => {
  const store = env['STORE'] ?? 'memory';
  if (store === 'memory') return { repository: createMemoryPolicyRepository(), label: 'memory' };
  if (store !== 'dynamodb')
    throw new Error(`STORE must be "memory" or "dynamodb", not ${JSON.stringify(store)}`);
  const endpoint = env['DYNAMODB_ENDPOINT'];
  const tableName = env['DYNAMODB_TABLE'] ?? 'ssm-policies';
  const client = new DynamoDBClient(dynamoDbClientConfig(env));
  const ready = await ensurePolicyTable(client, tableName, { create: true })();
  if (E.isLeft(ready)) {
    client.destroy();
    throw new Error(`DynamoDB table ${tableName}: ${ready.left.message}`);
  }
  // The emulator made the table, so it makes it again when it is lost rather than answer 500 until a restart.
  const shared = { client, tableName, recreateMissingTable: true };
  const parameters: ParameterStore = createDynamoDbParameterStore<StoredParameter>(shared);
  return {
    repository: createDynamoDbPolicyRepository({ ...shared, checkParameters: true }),
    parameters,
    label: `dynamodb table ${tableName}${endpoint === undefined ? '' : ` at ${endpoint}`}`,
  };
};
