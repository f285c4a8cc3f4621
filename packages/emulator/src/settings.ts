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
import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  createDynamoDbPolicyRepository,
  dynamoDbClientConfig,
  ensurePolicyTable,
} from '@ssm-policy/adapter-dynamodb';
import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
import type { PolicyRepository } from '@ssm-policy/core';
import { DEFAULT_HOST, DEFAULT_PORT, decodeIdentities, type Identity } from '@ssm-policy/server';

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
 * Who the callers are, and whether their signatures are checked (W6, A4):
 * `SSM_POLICY_IDENTITIES=<file>` names a JSON file of identities (`{"identities":[{"accessKeyId", "secretAccessKey"?,
 * "principal", "userId"?, "orgId"?, "orgPaths"?}]}`), checked at start with an error naming the bad entry;
 * `SSM_POLICY_VERIFY_SIGNATURES=1` turns SigV4 verification on, with the identities' secrets, and refuses to
 * start when no identity has a secret (every request would be refused).
 *
 * @category settings
 * @since 0.3.0
 */
export interface CallerSettings {
  readonly identities: ReadonlyArray<Identity>;
  readonly verifySignatures: boolean;
}

/**
 * `SSM_POLICY_IDENTITIES` and `SSM_POLICY_VERIFY_SIGNATURES`, read and checked (see `CallerSettings`).
 *
 * @category settings
 * @since 0.3.0
 */
export const callerSettingsFromEnv = (env: Environment): CallerSettings => {
  const file = env['SSM_POLICY_IDENTITIES'];
  let identities: ReadonlyArray<Identity> = [];
  if (file !== undefined && file !== '') {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new Error(
        `SSM_POLICY_IDENTITIES: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new Error(
        `SSM_POLICY_IDENTITIES: ${file} is not JSON: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    const decoded = decodeIdentities(json);
    if (E.isLeft(decoded)) throw new Error(`SSM_POLICY_IDENTITIES: ${file}: ${decoded.left}`);
    identities = decoded.right;
  }
  const flag = env['SSM_POLICY_VERIFY_SIGNATURES'];
  if (flag !== undefined && flag !== '' && flag !== '0' && flag !== '1')
    throw new Error(`SSM_POLICY_VERIFY_SIGNATURES must be 1 or 0, not ${JSON.stringify(flag)}`);
  const verifySignatures = flag === '1';
  if (verifySignatures && !identities.some((i) => i.secretAccessKey !== undefined))
    throw new Error(
      'SSM_POLICY_VERIFY_SIGNATURES=1 needs SSM_POLICY_IDENTITIES with at least one secretAccessKey: every request would be refused',
    );
  return { identities, verifySignatures };
};
