/**
 * `pnpm start`'s Parameter Store through the real AWS CLI: PutParameter's constraints (S1–S8) answer the model's
 * error shapes as the CLI prints them, `/a` and `a` are one parameter, the AWS managed `aws/ssm` key cannot be
 * shared by any of its names (R6), and the wire choices W1/W2 of a profile file work with the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '@ssm-policy/conformance-cli';
import { awsManagedSsmKey } from '@ssm-policy/server';
import { awsCli, startBuiltEmulator, tempFile, type BuiltEmulator } from '../support/built-process.js';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const T = 120_000;
const arnOf = (name: string) => `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/${name.replace(/^\//, '')}`;
const policyFor = (arn: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: '210987654321' }, Action: 'ssm:GetParameter', Resource: arn },
    ],
  });

describe('pnpm start: PutParameter constraints through the AWS CLI', () => {
  let emulator: BuiltEmulator;
  beforeAll(async () => {
    emulator = await startBuiltEmulator();
  }, T);
  afterAll(() => emulator?.stop());
  const put = (...args: string[]) => awsCli(emulator.url, ['ssm', 'put-parameter', ...args]);

  it(
    'S3 a new parameter without --type is refused with ValidationException',
    async () => {
      const r = await put('--name', '/cli/untyped', '--value', 'v');
      expect(r.error).toBe('ValidationException');
      expect(r.stderr).toContain('You must specify a parameter type when creating a parameter.');
    },
    T,
  );

  it(
    'S1 names: a path without its leading slash, a reserved /aws/ path, 16 levels',
    async () => {
      expect((await put('--name', 'cli/no-slash', '--value', 'v', '--type', 'String')).error).toBe(
        'ValidationException',
      );
      expect((await put('--name', '/aws/cli/x', '--value', 'v', '--type', 'String')).error).toBe(
        'AccessDeniedException',
      );
      const deep = Array.from({ length: 16 }, (_, i) => `/L${i}`).join('');
      const r = await put('--name', deep, '--value', 'v', '--type', 'String');
      expect(r.error).toBe('HierarchyLevelLimitExceededException');
      expect(r.stderr).toContain('A hierarchy can have a maximum of 15 levels.');
    },
    T,
  );

  it(
    'S4 S5 S6 value size per tier, AllowedPattern, DataType, Description, KeyId pattern',
    async () => {
      expect((await put('--name', '/cli/big', '--value', 'x'.repeat(4097), '--type', 'String')).error).toBe(
        'ValidationException',
      );
      expect(
        (
          await put(
            '--name',
            '/cli/big',
            '--value',
            'x'.repeat(4097),
            '--type',
            'String',
            '--tier',
            'Advanced',
          )
        ).json,
      ).toEqual({ Version: 1, Tier: 'Advanced' });
      expect(
        (
          await put(
            '--name',
            '/cli/huge',
            '--value',
            'x'.repeat(8193),
            '--type',
            'String',
            '--tier',
            'Advanced',
          )
        ).error,
      ).toBe('ValidationException');
      const mismatch = await put(
        '--name',
        '/cli/num',
        '--value',
        'abc',
        '--type',
        'String',
        '--allowed-pattern',
        '^\\d+$',
      );
      expect(mismatch.error).toBe('ParameterPatternMismatchException');
      expect(mismatch.stderr).toContain('Parameter value, cannot be validated against allowedPattern');
      expect(
        (await put('--name', '/cli/dt', '--value', 'v', '--type', 'String', '--data-type', 'Text')).error,
      ).toBe('ValidationException');
      expect(
        (
          await put(
            '--name',
            '/cli/desc',
            '--value',
            'v',
            '--type',
            'String',
            '--description',
            'd'.repeat(1025),
          )
        ).error,
      ).toBe('ValidationException');
      expect(
        (await put('--name', '/cli/key', '--value', 'v', '--type', 'SecureString', '--key-id', 'my key'))
          .stderr,
      ).toContain('Member must satisfy regular expression pattern: ^([a-zA-Z0-9:/_-]+)$');
    },
    T,
  );

  it(
    'S2 S8 /a and a are one parameter; ParameterNotFound carries its message (the CLI reads the member message)',
    async () => {
      expect((await put('--name', '/cli-one', '--value', 'v', '--type', 'String')).code).toBe(0);
      expect((await put('--name', 'cli-one', '--value', 'w', '--type', 'String')).error).toBe(
        'ParameterAlreadyExists',
      );
      const got = await awsCli(emulator.url, ['ssm', 'get-parameter', '--name', 'cli-one']);
      expect(got.json['Parameter']).toMatchObject({ Name: '/cli-one', Value: 'v', ARN: arnOf('cli-one') });
      expect((await awsCli(emulator.url, ['ssm', 'delete-parameter', '--name', 'cli-one'])).code).toBe(0);
      const missing = await awsCli(emulator.url, ['ssm', 'get-parameter', '--name', '/cli-one']);
      expect(missing.error).toBe('ParameterNotFound');
      expect(missing.stderr).toContain('Parameter /cli-one not found.');
    },
    T,
  );

  it(
    'R6 a SecureString under aws/ssm (no key, its key id, its key ARN) cannot be shared; one under a customer key can',
    async () => {
      const key = awsManagedSsmKey({ partition: 'aws', region: REGION, account: ACCOUNT });
      const cases: Array<[string, string[], string | undefined]> = [
        ['/cli/r6/default', [], 'ResourcePolicyInvalidParameterException'],
        ['/cli/r6/id', ['--key-id', key.KeyId], 'ResourcePolicyInvalidParameterException'],
        ['/cli/r6/arn', ['--key-id', key.Arn], 'ResourcePolicyInvalidParameterException'],
        ['/cli/r6/cmk', ['--key-id', 'alias/team-key'], undefined],
      ];
      for (const [name, keyArgs, expected] of cases) {
        const created = await put(
          '--name',
          name,
          '--value',
          's',
          '--type',
          'SecureString',
          '--tier',
          'Advanced',
          ...keyArgs,
        );
        expect(created.code, name).toBe(0);
        const shared = await awsCli(emulator.url, [
          'ssm',
          'put-resource-policy',
          '--resource-arn',
          arnOf(name),
          '--policy',
          policyFor(arnOf(name)),
        ]);
        expect(shared.error, name).toBe(expected);
      }
    },
    T,
  );
});

describe('pnpm start with the wire choices changed by SSM_POLICY_PROFILE, through the AWS CLI', () => {
  let emulator: BuiltEmulator;
  const profile = tempFile(
    'wire.json',
    JSON.stringify({ acceptAnyContentType: false, deleteResponseBody: 'empty' }),
  );
  beforeAll(async () => {
    emulator = await startBuiltEmulator({ SSM_POLICY_PROFILE: profile });
  }, T);
  afterAll(() => emulator?.stop());

  it(
    'W1 W2 the CLI (which sends application/x-amz-json-1.1) works with a strict content type, and reads an empty Delete',
    async () => {
      const group = `arn:aws:ssm:${REGION}:${ACCOUNT}:opsitemgroup/default`;
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: '210987654321' },
            Action: ['ssm:GetOpsItem'],
            Resource: [`arn:aws:ssm:${REGION}:${ACCOUNT}:opsitem/*`, group],
          },
        ],
      });
      const created = await awsCli(emulator.url, [
        'ssm',
        'put-resource-policy',
        '--resource-arn',
        group,
        '--policy',
        policy,
      ]);
      expect(created.stderr).toBe('');
      const { PolicyId, PolicyHash } = created.json as { PolicyId: string; PolicyHash: string };
      const deleted = await awsCli(emulator.url, [
        'ssm',
        'delete-resource-policy',
        '--resource-arn',
        group,
        '--policy-id',
        PolicyId,
        '--policy-hash',
        PolicyHash,
      ]);
      expect(deleted.code).toBe(0);
      expect(deleted.stdout.trim()).toBe('');
      const raw = await fetch(`${emulator.url}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-amz-target': 'AmazonSSM.GetResourcePolicies' },
        body: JSON.stringify({ ResourceArn: group }),
      });
      expect(raw.status).toBe(400);
      expect(((await raw.json()) as { __type: string }).__type).toBe('UnknownOperationException');
    },
    T,
  );

  it(
    'W1 W2 the conformance command passes W1 and W2 against it with the same file (--profile)',
    async () => {
      const out: string[] = [];
      const io: CliIo = {
        stdout: (t) => void out.push(t),
        stderr: (t) => void out.push(t),
        tty: false,
        env: {},
        writeFile: () => Promise.reject(new Error('no report asked for')),
      };
      const args = ['--endpoint', emulator.url, '--rule', 'W1,W2', '--no-properties', '--profile', profile];
      expect(await runCli(args, io), out.join('')).toBe(0);
    },
    T,
  );
});
