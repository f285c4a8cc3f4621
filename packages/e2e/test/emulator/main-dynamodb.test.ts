/**
 * `STORE=dynamodb pnpm start`: the entry point keeps policies in DynamoDB (DynamoDB Local here, started with
 * Java as `@ssm-policy/adapter-dynamodb`'s tests do), creating the table when missing, so that they outlive a
 * restart; parameters live there too (see dynamodb-store.test.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '@ssm-policy/dynamodb-local';
import { EMULATOR_MAIN as MAIN } from '../support/built-emulator.js';
import { OPS_ARN, opsPolicy, rawCall } from '../support/emulator.js';

const start = (env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env['PATH'] ?? '',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      const m = /listening on (http:\/\/\S+)/.exec(d);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`main exited with ${code}: ${err}`)));
  });

const stop = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

describe('pnpm start with STORE=dynamodb', () => {
  let local: DynamoDbLocal;
  beforeAll(async () => {
    local = await startDynamoDbLocal();
  }, 60_000);
  afterAll(() => local?.stop());

  it('H1 H7 policies live in DynamoDB, in a table created on first start, and outlive a restart', async () => {
    const env = {
      HOST: '127.0.0.1',
      PORT: '0',
      STORE: 'dynamodb',
      DYNAMODB_ENDPOINT: local.endpoint,
      DYNAMODB_TABLE: 'server-main-test',
    };
    const first = await start(env);
    const created = await rawCall(
      first.url,
      'AmazonSSM.PutResourcePolicy',
      JSON.stringify({ ResourceArn: OPS_ARN, Policy: opsPolicy() }),
    );
    expect(created.status).toBe(200);
    expect(await stop(first.child)).toBe(0);

    const second = await start(env);
    try {
      const read = await rawCall(
        second.url,
        'AmazonSSM.GetResourcePolicies',
        JSON.stringify({ ResourceArn: OPS_ARN }),
      );
      expect(read.json['Policies']).toEqual([{ ...created.json, Policy: opsPolicy() }]);
      const del = await rawCall(
        second.url,
        'AmazonSSM.DeleteResourcePolicy',
        JSON.stringify({ ResourceArn: OPS_ARN, ...created.json }),
      );
      expect(del.text).toBe('{}');
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
  }, 60_000);

  it('refuses an unknown STORE', async () => {
    const child = spawn(process.execPath, [MAIN], { env: { STORE: 'redis', PORT: '0' }, stdio: 'ignore' });
    expect(await new Promise((r) => child.once('exit', r))).toBe(1);
  });
});
