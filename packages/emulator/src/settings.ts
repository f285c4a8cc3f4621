/**
 * What the emulator's environment says: where to listen (`HOST`, `PORT`), where policies live (`STORE`,
 * `DYNAMODB_ENDPOINT`, `DYNAMODB_TABLE` and the `DYNAMODB_*` limits), how much it logs (`LOG_LEVEL`), which
 * behaviour profile it follows (`SSM_POLICY_PROFILE`, a JSON file of `BehaviourProfile` options), who calls it
 * (`SSM_POLICY_IDENTITIES`, `SSM_POLICY_VERIFY_SIGNATURES`) and its limits (`MAX_CONNECTIONS`, the timeouts,
 * `MEMORY_BUDGET_MB`, the parameter quotas). Read once at start-up; a value that makes no
 * sense is an `Error`
 * whose message names the variable, so that the process exits with it instead of starting half-configured.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { listenAddressFromEnv } from './settings.js';
 * assert.deepEqual(listenAddressFromEnv({ PORT: '0' }), { host: '127.0.0.1', port: 0 });
 *
 * @since 0.1.0
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as E from 'fp-ts/lib/Either.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  createDynamoDbParameterStore,
  createDynamoDbPolicyRepository,
  createDynamoDbResourceShareStore,
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
import {
  DEFAULT_HOST,
  DEFAULT_PORT,
  decodeIdentities,
  keyManagerOf,
  type ConnectionOptions,
  type Identity,
  type ParameterQuotas,
  type ParameterStore,
  type ResourceShareStore,
  type StoredParameter,
} from '@ssm-policy/server';

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
  /** Where RAM's resource shares live (A8); absent: in the emulator's own memory. */
  readonly shares?: ResourceShareStore;
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
 * The levels of `LOG_LEVEL`, pino's names, least to most severe, and `silent`.
 *
 * @category settings
 * @since 0.1.0
 */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/**
 * A level of `LOG_LEVEL`.
 *
 * @category settings
 * @since 0.1.0
 */
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * `LOG_LEVEL` (default `info`): the least severe line the emulator writes. Each request is one `info` line, so
 * `warn`, `error`, `fatal` and `silent` turn the request log off (what a benchmark or a noisy test suite wants).
 *
 * @category settings
 * @since 0.1.0
 */
export const logLevelFromEnv = (env: Environment): LogLevel => {
  const level = env['LOG_LEVEL'] ?? 'info';
  const known = LOG_LEVELS.find((l) => l === level);
  if (known === undefined)
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not ${JSON.stringify(level)}`);
  return known;
};

/**
 * Whether a level lets the per-request `info` lines through.
 *
 * @category settings
 * @since 0.1.0
 */
export const logsRequests = (level: LogLevel): boolean =>
  LOG_LEVELS.indexOf(level) <= LOG_LEVELS.indexOf('info');

/**
 * `STORE=memory` (the default): policies and parameters in this process's memory. `STORE=dynamodb`: policies,
 * parameters and RAM's resource shares in the DynamoDB table `DYNAMODB_TABLE` (default `ssm-policies`), created when missing — at
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
  // R6: the parameters' keys are judged as the in-memory store judges them (each account and region's aws/ssm).
  const parameters: ParameterStore = createDynamoDbParameterStore<StoredParameter>({
    ...shared,
    keyManagerOf,
  });
  // A8: the shares and their promotion outlive a restart, and every emulator on the table sees the same ones.
  const shares: ResourceShareStore = createDynamoDbResourceShareStore(shared);
  return {
    repository: createDynamoDbPolicyRepository({ ...shared, checkParameters: true }),
    parameters,
    shares,
    label: `dynamodb table ${tableName}${endpoint === undefined ? '' : ` at ${endpoint}`}`,
  };
};

/**
 * The limits that keep one caller from exhausting the process: connections, timeouts, the graceful stop's
 * deadline, the memory budget of the in-memory stores, and the parameter quotas.
 *
 * @category settings
 * @since 0.2.0
 */
export interface ServerLimits extends ConnectionOptions {
  readonly memoryBudgetBytes?: number;
  readonly parameterQuotas?: ParameterQuotas;
}

/** A positive number (fractions allowed when `integer` is false) from a variable, or undefined when unset. */
const positive = (env: Environment, name: string, integer: boolean): number | undefined => {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))
    throw new Error(
      `${name} must be a positive ${integer ? 'integer' : 'number'}, not ${JSON.stringify(text)}`,
    );
  return n;
};

/**
 * `MAX_CONNECTIONS` (default 512), `HEADERS_TIMEOUT_SECONDS` (10), `REQUEST_TIMEOUT_SECONDS` (30),
 * `KEEP_ALIVE_TIMEOUT_SECONDS` (5), `SHUTDOWN_TIMEOUT_SECONDS` (10), `MEMORY_BUDGET_MB` (default half of V8's
 * old generation limit), `MAX_STANDARD_PARAMETERS` (10,000) and `MAX_ADVANCED_PARAMETERS` (100,000) per account and
 * region. Unset variables keep the server's defaults.
 *
 * @category settings
 * @since 0.2.0
 */
export const serverLimitsFromEnv = (env: Environment): ServerLimits => {
  const entries: Array<[string, number | undefined]> = [
    ['maxConnections', positive(env, 'MAX_CONNECTIONS', true)],
    ['headersTimeoutSeconds', positive(env, 'HEADERS_TIMEOUT_SECONDS', false)],
    ['requestTimeoutSeconds', positive(env, 'REQUEST_TIMEOUT_SECONDS', false)],
    ['keepAliveTimeoutSeconds', positive(env, 'KEEP_ALIVE_TIMEOUT_SECONDS', false)],
    ['shutdownTimeoutSeconds', positive(env, 'SHUTDOWN_TIMEOUT_SECONDS', false)],
  ];
  const budget = positive(env, 'MEMORY_BUDGET_MB', false);
  const standard = positive(env, 'MAX_STANDARD_PARAMETERS', true);
  const advanced = positive(env, 'MAX_ADVANCED_PARAMETERS', true);
  return {
    ...Object.fromEntries(entries.filter(([, v]) => v !== undefined)),
    ...(budget === undefined ? {} : { memoryBudgetBytes: Math.floor(budget * 1024 * 1024) }),
    ...(standard === undefined && advanced === undefined
      ? {}
      : { parameterQuotas: { Standard: standard ?? 10_000, Advanced: advanced ?? 100_000 } }),
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
 * `SSM_POLICY_IDENTITIES` and `SSM_POLICY_VERIFY_SIGNATURES`, read and checked (see `CallerSettings`). When the
 * variable is unset, `profileVerifies` (the `verifySignatures` option of the `SSM_POLICY_PROFILE` file) decides.
 *
 * @category settings
 * @since 0.3.0
 */
export const callerSettingsFromEnv = (env: Environment, profileVerifies = false): CallerSettings => {
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
  const fromFlag = flag !== undefined && flag !== '';
  const verifySignatures = fromFlag ? flag === '1' : profileVerifies;
  if (verifySignatures && !identities.some((i) => i.secretAccessKey !== undefined))
    throw new Error(
      `${fromFlag ? 'SSM_POLICY_VERIFY_SIGNATURES=1' : 'the profile option verifySignatures'} needs SSM_POLICY_IDENTITIES with at least one secretAccessKey: every request would be refused`,
    );
  return { identities, verifySignatures };
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
