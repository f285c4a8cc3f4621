/**
 * The emulator through the real AWS CLI (`aws`, v1 or v2), spawned with `execFile` against a server on a free
 * loopback port: a test per W rule and the main flows. The server records what the CLI sent, so the W1 test can
 * look at the request itself.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
import {
  createParameterStore,
  createRequestListener,
  createWireHandler,
  type WireRequest,
} from '@ssm-policy/server';
import { ACCOUNT, OTHER_ACCOUNT, opsPolicy, paramArn, parameterPolicy } from '../support/emulator.js';

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly json: Record<string, unknown>;
}

const dir = mkdtempSync(join(tmpdir(), 'ssm-policy-cli-'));
/** botocore without client-side validation, so that wrong JSON types reach the server (W4). */
const NO_VALIDATION = join(dir, 'config');
writeFileSync(NO_VALIDATION, '[default]\nparameter_validation = false\n');

let server: Server;
let url: string;
const seen: WireRequest[] = [];

beforeAll(async () => {
  const handler = createWireHandler({
    repository: createMemoryPolicyRepository(),
    parameters: createParameterStore(),
  });
  server = createServer(
    createRequestListener(async (request) => {
      seen.push(request);
      return handler(request);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);

const aws = (
  args: ReadonlyArray<string>,
  options: { accessKeyId?: string; region?: string; config?: string } = {},
): Promise<CliResult> =>
  new Promise((resolve) => {
    execFile(
      'aws',
      ['--endpoint-url', url, '--region', options.region ?? 'us-east-1', '--output', 'json', ...args],
      {
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: process.env['HOME'] ?? dir,
          AWS_ACCESS_KEY_ID: options.accessKeyId ?? 'AKIDEXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'secret',
          AWS_DEFAULT_REGION: options.region ?? 'us-east-1',
          AWS_CONFIG_FILE: options.config ?? '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          AWS_PAGER: '',
          AWS_MAX_ATTEMPTS: '1',
          AWS_EC2_METADATA_DISABLED: 'true',
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        let json: Record<string, unknown> = {};
        try {
          json = stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
        } catch {
          // not JSON
        }
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr, json });
      },
    );
  });

/** The error code the CLI printed: "An error occurred (<Code>) when calling …". */
const errorCode = (r: CliResult): string | undefined => /An error occurred \(([^)]+)\)/.exec(r.stderr)?.[1];

const T = 120_000;

describe('the AWS CLI against the emulator', () => {
  const arn = paramArn('/cli/db-url');
  let first: { PolicyId: string; PolicyHash: string };

  it(
    'W1 the CLI sends POST / with application/x-amz-json-1.1, AmazonSSM.<Operation> and a double-encoded Policy',
    async () => {
      const param = await aws([
        'ssm',
        'put-parameter',
        '--name',
        '/cli/db-url',
        '--value',
        'pg://db',
        '--type',
        'String',
        '--tier',
        'Advanced',
      ]);
      expect(param.json).toEqual({ Version: 1, Tier: 'Advanced' });
      const created = await aws([
        'ssm',
        'put-resource-policy',
        '--resource-arn',
        arn,
        '--policy',
        parameterPolicy(arn),
      ]);
      expect(created.code).toBe(0);
      first = created.json as typeof first;
      expect(first.PolicyId).toEqual(expect.any(String));
      const sent = seen.at(-1)!;
      expect(sent.method).toBe('POST');
      expect(sent.path).toBe('/');
      expect(sent.headers['content-type']).toBe('application/x-amz-json-1.1');
      expect(sent.headers['x-amz-target']).toBe('AmazonSSM.PutResourcePolicy');
      const body = JSON.parse(new TextDecoder().decode(sent.body)) as Record<string, unknown>;
      expect(body).toEqual({ ResourceArn: arn, Policy: parameterPolicy(arn) });
    },
    T,
  );

  it(
    'W2 the CLI reads the policy, updates it keeping its PolicyId (H6), deletes it and reads none',
    async () => {
      const read = await aws(['ssm', 'get-resource-policies', '--resource-arn', arn]);
      expect(read.json).toEqual({ Policies: [{ ...first, Policy: parameterPolicy(arn) }] });
      const updated = await aws([
        'ssm',
        'put-resource-policy',
        '--resource-arn',
        arn,
        '--policy',
        parameterPolicy(arn, '333333333333'),
        '--policy-id',
        first.PolicyId,
        '--policy-hash',
        first.PolicyHash,
      ]);
      expect(updated.json['PolicyId']).toBe(first.PolicyId);
      expect(updated.json['PolicyHash']).not.toBe(first.PolicyHash);
      const deleted = await aws([
        'ssm',
        'delete-resource-policy',
        '--resource-arn',
        arn,
        '--policy-id',
        first.PolicyId,
        '--policy-hash',
        String(updated.json['PolicyHash']),
      ]);
      expect(deleted.code).toBe(0);
      expect(deleted.json).toEqual({});
      const none = await aws(['ssm', 'get-resource-policies', '--resource-arn', arn]);
      expect(none.json).toEqual({ Policies: [] });
    },
    T,
  );

  it(
    'W3 H5 the CLI reads ResourcePolicyConflictException from __type for a stale hash',
    async () => {
      const a = await aws([
        'ssm',
        'put-resource-policy',
        '--resource-arn',
        arn,
        '--policy',
        parameterPolicy(arn),
      ]);
      const id = String(a.json['PolicyId']);
      await aws([
        'ssm',
        'put-resource-policy',
        '--resource-arn',
        arn,
        '--policy',
        parameterPolicy(arn, '444444444444'),
        '--policy-id',
        id,
        '--policy-hash',
        String(a.json['PolicyHash']),
      ]);
      const stale = await aws([
        'ssm',
        'put-resource-policy',
        '--resource-arn',
        arn,
        '--policy',
        parameterPolicy(arn, '555555555555'),
        '--policy-id',
        id,
        '--policy-hash',
        String(a.json['PolicyHash']),
      ]);
      expect(stale.code).not.toBe(0);
      expect(errorCode(stale)).toBe('ResourcePolicyConflictException');
    },
    T,
  );

  it(
    'W4 a member of the wrong JSON type reaches the CLI as SerializationException',
    async () => {
      const r = await aws(
        [
          'ssm',
          'get-resource-policies',
          '--cli-input-json',
          JSON.stringify({ ResourceArn: arn, MaxResults: 'five' }),
        ],
        { config: NO_VALIDATION },
      );
      expect(errorCode(r)).toBe('SerializationException');
    },
    T,
  );

  it(
    'W5 an SSM operation the emulator lacks is UnknownOperationException',
    async () => {
      expect(errorCode(await aws(['ssm', 'list-documents']))).toBe('UnknownOperationException');
    },
    T,
  );

  it(
    'W6 R3 a 12-digit access key id and the CLI region make the caller; others’ resources are refused',
    async () => {
      const own = `arn:aws:ssm:eu-west-1:${OTHER_ACCOUNT}:opsitemgroup/default`;
      const policy = opsPolicy().replaceAll(ACCOUNT, OTHER_ACCOUNT).replaceAll('us-east-1', 'eu-west-1');
      const as = { accessKeyId: OTHER_ACCOUNT, region: 'eu-west-1' };
      const created = await aws(
        ['ssm', 'put-resource-policy', '--resource-arn', own, '--policy', policy],
        as,
      );
      expect(created.json['PolicyId']).toEqual(expect.any(String));
      const foreign = await aws(['ssm', 'get-resource-policies', '--resource-arn', arn], as);
      expect(errorCode(foreign)).toBe('ResourcePolicyInvalidParameterException');
    },
    T,
  );

  it(
    'R5 R6 parameters with tiers and keys: Standard and AWS-managed SecureString refused, a customer key accepted',
    async () => {
      await aws(['ssm', 'put-parameter', '--name', '/cli/standard', '--value', 'v', '--type', 'String']);
      const standard = await aws([
        'ssm',
        'put-resource-policy',
        '--resource-arn',
        paramArn('/cli/standard'),
        '--policy',
        parameterPolicy(paramArn('/cli/standard')),
      ]);
      expect(errorCode(standard)).toBe('ResourcePolicyInvalidParameterException');

      await aws([
        'ssm',
        'put-parameter',
        '--name',
        '/cli/managed',
        '--value',
        's',
        '--type',
        'SecureString',
        '--tier',
        'Advanced',
      ]);
      const managed = await aws([
        'ssm',
        'put-resource-policy',
        '--resource-arn',
        paramArn('/cli/managed'),
        '--policy',
        parameterPolicy(paramArn('/cli/managed')),
      ]);
      expect(errorCode(managed)).toBe('ResourcePolicyInvalidParameterException');

      const big = await aws([
        'ssm',
        'put-parameter',
        '--name',
        '/cli/cmk',
        '--value',
        'x'.repeat(5000),
        '--type',
        'SecureString',
        '--key-id',
        'alias/my-key',
        '--tier',
        'Intelligent-Tiering',
      ]);
      expect(big.json).toEqual({ Version: 1, Tier: 'Advanced' });
      const cmk = await aws([
        'ssm',
        'put-resource-policy',
        '--resource-arn',
        paramArn('/cli/cmk'),
        '--policy',
        parameterPolicy(paramArn('/cli/cmk')),
      ]);
      expect(cmk.json['PolicyId']).toEqual(expect.any(String));
    },
    T,
  );

  it(
    'R7 deleting the parameter with the CLI drops its policies',
    async () => {
      expect((await aws(['ssm', 'delete-parameter', '--name', '/cli/cmk'])).code).toBe(0);
      const gone = await aws(['ssm', 'get-resource-policies', '--resource-arn', paramArn('/cli/cmk')]);
      expect(errorCode(gone)).toBe('ResourceNotFoundException');
    },
    T,
  );
});
