/**
 * Test support: DynamoDB Local for one test file, and built emulators with `STORE=dynamodb` on one of its
 * tables. It exists because every test file of the DynamoDB store needs the same set-up, and each carried
 * its own copy: DynamoDB Local (Java) started before the file's tests, emulators started as a test needs
 * them (several on one table, to show what they share; one after another, to show what outlives a
 * restart), and all of them stopped after the file, whatever a failing test left running.
 *
 * @example
 * const dynamo = withDynamoDbEmulators('my-table'); // at the top of a test file or a describe block
 * it('…', async () => {
 *   const a = await dynamo.start();
 *   await a.stop('SIGKILL'); // kill -9
 *   const b = await dynamo.start(); // the same table
 * });
 */
import { afterAll, beforeAll } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '@ssm-policy/dynamodb-local';
import { startBuiltEmulator, type BuiltEmulator } from './built-process.js';

/** The environment that makes the built emulator keep everything in `table` of the DynamoDB at `endpoint`. */
export const dynamoDbStoreEnv = (endpoint: string, table: string): Record<string, string> => ({
  // The SDK warns once per process that Node 20 support ends in 2027: noise on the emulator's stderr.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  STORE: 'dynamodb',
  DYNAMODB_ENDPOINT: endpoint,
  DYNAMODB_TABLE: table,
});

export interface DynamoDbEmulators {
  /** The running DynamoDB Local (from `beforeAll` on). */
  readonly local: DynamoDbLocal;
  /** Starts a built emulator on the table, waiting until it listens; `afterAll` kills it if it still runs. */
  start(): Promise<BuiltEmulator>;
}

/**
 * Registers, in the file or `describe` block that calls it, a `beforeAll` starting DynamoDB Local and an
 * `afterAll` killing (`kill -9`) every emulator started through it, then stopping DynamoDB Local.
 */
export const withDynamoDbEmulators = (table: string): DynamoDbEmulators => {
  let local: DynamoDbLocal | undefined;
  const running: BuiltEmulator[] = [];
  beforeAll(async () => {
    local = await startDynamoDbLocal();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(running.map((e) => e.stop('SIGKILL')));
    await local?.stop();
  });
  const started = (): DynamoDbLocal => {
    if (local === undefined) throw new Error('DynamoDB Local is started in beforeAll, before any test');
    return local;
  };
  return {
    get local() {
      return started();
    },
    start: async () => {
      const emulator = await startBuiltEmulator(dynamoDbStoreEnv(started().endpoint, table));
      running.push(emulator);
      return emulator;
    },
  };
};
