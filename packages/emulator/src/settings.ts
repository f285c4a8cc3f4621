/**
 * What the emulator's environment says: where to listen (`HOST`, `PORT`), where policies live (`STORE`,
 * `DYNAMODB_ENDPOINT`, `DYNAMODB_TABLE`) and which behaviour profile it follows (`SSM_POLICY_PROFILE`, a JSON
 * file of `BehaviourProfile` options). Read once at start-up; a value that makes no sense is an `Error`
 * whose message names the variable, so that the process exits with it instead of starting half-configured.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { listenAddressFromEnv } from './settings.js';
 * assert.deepEqual(listenAddressFromEnv({ PORT: '0' }), { host: '127.0.0.1', port: 0 });
 *
 * @since 0.1.0
 */
import { readFile } from 'node:fs/promises';
import * as E from 'fp-ts/lib/Either.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  createDynamoDbPolicyRepository,
  dynamoDbClientConfig,
  ensurePolicyTable,
} from '@ssm-policy/adapter-dynamodb';
import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
import {
  decodeProfileJson,
  defaultProfile,
  type BehaviourProfile,
  type PolicyRepository,
} from '@ssm-policy/core';
import { DEFAULT_HOST, DEFAULT_PORT } from '@ssm-policy/server';

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
 * `STORE=memory` (the default): policies in this process's memory. `STORE=dynamodb`: policies in the DynamoDB
 * table `DYNAMODB_TABLE` (default `ssm-policies`), created when missing, at `DYNAMODB_ENDPOINT` when set
 * (DynamoDB Local, where no AWS region or credentials are needed) or through the SDK's usual chain otherwise.
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
  return {
    repository: createDynamoDbPolicyRepository({ client, tableName }),
    label: `dynamodb table ${tableName}${endpoint === undefined ? '' : ` at ${endpoint}`}`,
  };
};

/**
 * The behaviour profile the emulator follows, and how its start-up line names it.
 *
 * @category settings
 * @since 0.1.0
 */
export interface ProfileSetting {
  readonly profile: BehaviourProfile;
  readonly label: string;
}

/**
 * `SSM_POLICY_PROFILE`: the path of a JSON file of `BehaviourProfile` options (any subset; the others keep the
 * rulebook's defaults). Unset or empty: the defaults. A file that cannot be read, is not JSON, names an
 * unknown option or gives an option a wrong value is an `Error` naming the variable, the file and every
 * problem, so that the emulator never runs with a profile other than the one asked for.
 *
 * @category settings
 * @since 0.1.0
 */
export const profileFromEnv = async (
  env: Environment,
  read: (path: string) => Promise<string> = (path) => readFile(path, 'utf8'),
): Promise<ProfileSetting> => {
  const path = env['SSM_POLICY_PROFILE'];
  if (path === undefined || path === '') return { profile: defaultProfile, label: 'default profile' };
  let text: string;
  try {
    text = await read(path);
  } catch (e) {
    throw new Error(
      `SSM_POLICY_PROFILE=${path}: cannot read the file: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const decoded = decodeProfileJson(text);
  if (E.isLeft(decoded)) throw new Error(`SSM_POLICY_PROFILE=${path}: ${decoded.left.message}`);
  return { profile: decoded.right, label: `profile ${path}` };
};
