/**
 * Rule A8 with `STORE=dynamodb`: the built emulator on DynamoDB Local, two accounts (12-digit access keys) and the
 * real AWS CLI. The share a policy creates, and its promotion, live in the table: an emulator restarted after
 * `kill -9`, and a second one on the same table, show the same share, and the consumer's
 * `describe-parameters --shared` lists the parameter through either.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '@ssm-policy/dynamodb-local';
import { EMULATOR_MAIN as MAIN } from '../support/built-emulator.js';

const OWNER = '111111111111';
const CONSUMER = '222222222222';
const REGION = 'eu-west-1';
const NAME = '/team/shared-url';
const ARN = `arn:aws:ssm:${REGION}:${OWNER}:parameter${NAME}`;
const TABLE = 'keeps-shares';

interface Running {
  readonly child: ChildProcess;
  readonly url: string;
}

const start = (endpoint: string): Promise<Running> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env['PATH'] ?? '',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        HOST: '127.0.0.1',
        PORT: '0',
        STORE: 'dynamodb',
        DYNAMODB_ENDPOINT: endpoint,
        DYNAMODB_TABLE: TABLE,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      const m = /listening on (http:\/\/\S+)/.exec(d);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`main exited with ${String(code)}: ${err}`)));
  });

const kill9 = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    child.removeAllListeners('exit');
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

interface CliResult {
  readonly code: number;
  readonly stderr: string;
  readonly json: Record<string, unknown>;
}

const aws = (at: Running, account: string, ...args: ReadonlyArray<string>): Promise<CliResult> =>
  new Promise((resolve) => {
    execFile(
      'aws',
      ['--endpoint-url', at.url, '--output', 'json', ...args],
      {
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: process.env['HOME'] ?? '/tmp',
          AWS_ACCESS_KEY_ID: account,
          AWS_SECRET_ACCESS_KEY: 'secret',
          AWS_DEFAULT_REGION: REGION,
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          AWS_PAGER: '',
          AWS_MAX_ATTEMPTS: '1',
          AWS_EC2_METADATA_DISABLED: 'true',
        },
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({
          code,
          stderr,
          json: stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>),
        });
      },
    );
  });

const ok = async (p: Promise<CliResult>): Promise<Record<string, unknown>> => {
  const r = await p;
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.json;
};

const policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: CONSUMER },
      Action: ['ssm:GetParameter', 'ssm:DescribeParameters'],
      Resource: ARN,
    },
  ],
});

const sharedArns = async (at: Running): Promise<unknown[]> =>
  (
    (await ok(aws(at, CONSUMER, 'ssm', 'describe-parameters', '--shared')))['Parameters'] as Array<{
      ARN: string;
    }>
  ).map((p) => p.ARN);

const ownShares = async (at: Running): Promise<Array<Record<string, unknown>>> =>
  (await ok(aws(at, OWNER, 'ram', 'get-resource-shares', '--resource-owner', 'SELF')))[
    'resourceShares'
  ] as Array<Record<string, unknown>>;

let local: DynamoDbLocal;
const running: Running[] = [];
const emulator = async (): Promise<Running> => {
  const r = await start(local.endpoint);
  running.push(r);
  return r;
};

beforeAll(async () => {
  local = await startDynamoDbLocal();
}, 60_000);
afterAll(async () => {
  await Promise.all(running.map((r) => kill9(r.child)));
  await local?.stop();
});

// Each CLI call starts Python (a second or more on a loaded machine): a generous limit.
const CLI_TEST_MS = 300_000;

describe('A8 STORE=dynamodb keeps RAM shares and their promotion', () => {
  it(
    'A8 a share created from a policy and promoted is still there, promoted, after kill -9 and in a second emulator on the table',
    async () => {
      const a = await emulator();
      await ok(
        aws(
          a,
          OWNER,
          'ssm',
          'put-parameter',
          '--name',
          NAME,
          '--value',
          'postgres://db',
          '--type',
          'String',
          '--tier',
          'Advanced',
        ),
      );
      await ok(aws(a, OWNER, 'ssm', 'put-resource-policy', '--resource-arn', ARN, '--policy', policy));
      const shares = await ownShares(a);
      expect(shares).toEqual([
        expect.objectContaining({
          owningAccountId: OWNER,
          status: 'ACTIVE',
          featureSet: 'CREATED_FROM_POLICY',
        }),
      ]);
      const shareArn = shares[0]!['resourceShareArn'] as string;
      // Not listed before promotion (the default profile), listed after.
      expect(await sharedArns(a)).toEqual([]);
      expect(
        await ok(
          aws(
            a,
            OWNER,
            'ram',
            'promote-resource-share-created-from-policy',
            '--resource-share-arn',
            shareArn,
          ),
        ),
      ).toEqual({ returnValue: true });
      expect(await sharedArns(a)).toEqual([ARN]);
      await kill9(a.child);

      const b = await emulator();
      const c = await emulator();
      expect(await ownShares(b)).toEqual([
        expect.objectContaining({ resourceShareArn: shareArn, status: 'ACTIVE', featureSet: 'STANDARD' }),
      ]);
      expect(await sharedArns(b)).toEqual([ARN]);
      expect(await sharedArns(c)).toEqual([ARN]);
      // Promoted already: the restarted emulator knows it.
      const again = await aws(
        b,
        OWNER,
        'ram',
        'promote-resource-share-created-from-policy',
        '--resource-share-arn',
        shareArn,
      );
      expect(again.stderr).toContain('(OperationNotPermittedException)');

      // The parameter deleted on one emulator: the share is deleted for both, and no longer listed.
      await ok(aws(b, OWNER, 'ssm', 'delete-parameter', '--name', NAME));
      expect((await ownShares(c)).map((s) => [s['resourceShareArn'], s['status']])).toEqual([
        [shareArn, 'DELETED'],
      ]);
      expect(await sharedArns(c)).toEqual([]);
    },
    CLI_TEST_MS,
  );
});
