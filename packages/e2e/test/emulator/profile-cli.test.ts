/**
 * `pnpm start` with a behaviour profile file (`SSM_POLICY_PROFILE`), driven by the real AWS CLI the way a user
 * drives it: a bad file stops the start naming the option; partitions (R1) and ownership (R3, R8) with the
 * default profile and with the profile changed; the OpsItemGroup's actions (P5) by default and from a file; and
 * the conformance command checking the emulator against the same file (`--profile`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '@ssm-policy/conformance-cli';
import {
  awsCli,
  runBuiltEmulatorToExit,
  startBuiltEmulator,
  tempFile,
  type BuiltEmulator,
} from '../support/built-process.js';

const OWNER = '123456789012';
const CONSUMER = '210987654321';
const T = 120_000;

const arnOf = (partition: string, region: string, name: string, account = OWNER): string =>
  `arn:${partition}:ssm:${region}:${account}:parameter/${name.replace(/^\//, '')}`;

const policyFor = (resources: string | ReadonlyArray<string>, actions: ReadonlyArray<string>): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: CONSUMER }, Action: actions, Resource: resources }],
  });

const putAdvanced = (url: string, name: string, region = 'us-east-1') =>
  awsCli(
    url,
    ['ssm', 'put-parameter', '--name', name, '--value', 'v', '--type', 'String', '--tier', 'Advanced'],
    { region },
  );

const putPolicy = (
  url: string,
  arn: string,
  policy: string,
  options: { accessKeyId?: string; region?: string } = {},
) => awsCli(url, ['ssm', 'put-resource-policy', '--resource-arn', arn, '--policy', policy], options);

describe('SSM_POLICY_PROFILE: a bad profile file stops the start', () => {
  it(
    'R3 an unknown option: exit 1, naming the variable, the file and the option, before listening',
    async () => {
      const path = tempFile('unknown.json', '{"requireCallerRegions":false}');
      const r = await runBuiltEmulatorToExit({ SSM_POLICY_PROFILE: path });
      expect(r.code).toBe(1);
      expect(r.stdout).not.toContain('listening');
      expect(r.stderr).toContain(`SSM_POLICY_PROFILE=${path}: unknown option "requireCallerRegions"`);
    },
    T,
  );

  it(
    'R8 a wrong type: exit 1, naming the option and the values it takes',
    async () => {
      const path = tempFile('wrong.json', '{"foreignResourceError":"AccessDeniedException"}');
      const r = await runBuiltEmulatorToExit({ SSM_POLICY_PROFILE: path });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        'option "foreignResourceError": expected "ResourcePolicyInvalidParameterException" | "ResourceNotFoundException", got "AccessDeniedException"',
      );
    },
    T,
  );

  it(
    'a file that is not JSON or cannot be read: exit 1',
    async () => {
      const broken = await runBuiltEmulatorToExit({ SSM_POLICY_PROFILE: tempFile('broken.json', '{') });
      expect(broken.code).toBe(1);
      expect(broken.stderr).toMatch(/SSM_POLICY_PROFILE=.*broken\.json: not JSON/);
      const missing = await runBuiltEmulatorToExit({ SSM_POLICY_PROFILE: '/nonexistent/profile.json' });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('SSM_POLICY_PROFILE=/nonexistent/profile.json: cannot read the file');
    },
    T,
  );
});

describe('pnpm start with the default profile, through the AWS CLI', () => {
  let emulator: BuiltEmulator;
  beforeAll(async () => {
    emulator = await startBuiltEmulator();
  }, T);
  afterAll(() => emulator?.stop());

  // One region of each partition of botocore's partitions.json, and another partition's name for its ARN.
  const partitions = [
    ['aws', 'us-east-1', 'aws-cn'],
    ['aws-cn', 'cn-north-1', 'aws'],
    ['aws-us-gov', 'us-gov-west-1', 'aws'],
    ['aws-iso', 'us-iso-east-1', 'aws'],
    ['aws-iso-b', 'us-isob-east-1', 'aws-iso'],
    ['aws-iso-e', 'eu-isoe-west-1', 'aws'],
    ['aws-iso-f', 'us-isof-south-1', 'aws'],
    ['aws-eusc', 'eusc-de-east-1', 'aws'],
  ] as const;

  it.each(partitions)(
    'R1 a caller in %s (%s) shares a parameter by its own partition ARN; the ARN with %s is refused',
    async (partition, region, wrong) => {
      const name = `/partition/${partition}`;
      expect((await putAdvanced(emulator.url, name, region)).code).toBe(0);
      const right = arnOf(partition, region, name);
      const ok = await putPolicy(emulator.url, right, policyFor(right, ['ssm:GetParameter']), { region });
      expect(ok.stderr).toBe('');
      expect(ok.json).toMatchObject({ PolicyId: expect.any(String), PolicyHash: expect.any(String) });
      const bad = arnOf(wrong, region, name);
      const refused = await putPolicy(emulator.url, bad, policyFor(bad, ['ssm:GetParameter']), { region });
      expect(refused.error).toBe('ResourcePolicyInvalidParameterException');
    },
    T,
  );

  it(
    'R3 R8 another region is refused, and so is another account, with ResourcePolicyInvalidParameterException',
    async () => {
      expect((await putAdvanced(emulator.url, '/owned/default')).code).toBe(0);
      const arn = arnOf('aws', 'us-east-1', '/owned/default');
      const policy = policyFor(arn, ['ssm:GetParameter']);
      const otherRegion = await putPolicy(emulator.url, arn, policy, { region: 'us-west-2' });
      expect(otherRegion.error).toBe('ResourcePolicyInvalidParameterException');
      const consumer = await putPolicy(emulator.url, arn, policy, { accessKeyId: CONSUMER });
      expect(consumer.error).toBe('ResourcePolicyInvalidParameterException');
      const consumerGet = await awsCli(
        emulator.url,
        ['ssm', 'get-resource-policies', '--resource-arn', arn],
        {
          accessKeyId: CONSUMER,
        },
      );
      expect(consumerGet.error).toBe('ResourcePolicyInvalidParameterException');
    },
    T,
  );

  it(
    "P5 the OpsItemGroup's policy may grant AWS's four OpsCenter actions, and not another",
    async () => {
      const region = 'eu-west-1';
      const group = `arn:aws:ssm:${region}:${OWNER}:opsitemgroup/default`;
      const items = `arn:aws:ssm:${region}:${OWNER}:opsitem/*`;
      const other = await putPolicy(emulator.url, group, policyFor([items, group], ['ssm:DeleteOpsItem']), {
        region,
      });
      expect(other.error).toBe('MalformedResourcePolicyDocumentException');
      const four = ['ssm:CreateOpsItem', 'ssm:AddTagsToResource', 'ssm:GetOpsItem', 'ssm:UpdateOpsItem'];
      const ok = await putPolicy(emulator.url, group, policyFor([items, group], four), { region });
      expect(ok.stderr).toBe('');
      expect(ok.json).toMatchObject({ PolicyId: expect.any(String) });
    },
    T,
  );
});

describe('pnpm start with the ownership options changed by SSM_POLICY_PROFILE, through the AWS CLI', () => {
  const profile = tempFile(
    'ownership.json',
    JSON.stringify({
      requireCallerRegion: false,
      foreignResourceError: 'ResourceNotFoundException',
      refuseForeignGet: false,
      opsItemGroupActions: ['ssm:GetOpsItem'],
    }),
  );
  let emulator: BuiltEmulator;
  beforeAll(async () => {
    emulator = await startBuiltEmulator({ SSM_POLICY_PROFILE: profile });
  }, T);
  afterAll(() => emulator?.stop());

  it('says which profile it follows when it starts', () => {
    expect(emulator.lines[0]).toContain(`profile ${profile}`);
  });

  it(
    'R3 with requireCallerRegion off, the owner shares its parameter from another region',
    async () => {
      expect((await putAdvanced(emulator.url, '/owned/changed')).code).toBe(0);
      const arn = arnOf('aws', 'us-east-1', '/owned/changed');
      const ok = await putPolicy(emulator.url, arn, policyFor(arn, ['ssm:GetParameter']), {
        region: 'us-west-2',
      });
      expect(ok.stderr).toBe('');
      expect(ok.json).toMatchObject({ PolicyId: expect.any(String) });
    },
    T,
  );

  it(
    "R8 Put and Delete on another account's parameter stay refused, with the profile's code; Get is allowed",
    async () => {
      expect((await putAdvanced(emulator.url, '/owned/foreign')).code).toBe(0);
      const arn = arnOf('aws', 'us-east-1', '/owned/foreign');
      const policy = policyFor(arn, ['ssm:GetParameter']);
      const created = await putPolicy(emulator.url, arn, policy);
      const { PolicyId, PolicyHash } = created.json as { PolicyId: string; PolicyHash: string };
      const put = await putPolicy(emulator.url, arn, policy, { accessKeyId: CONSUMER });
      expect(put.error).toBe('ResourceNotFoundException');
      const del = await awsCli(
        emulator.url,
        [
          'ssm',
          'delete-resource-policy',
          '--resource-arn',
          arn,
          '--policy-id',
          PolicyId,
          '--policy-hash',
          PolicyHash,
        ],
        { accessKeyId: CONSUMER },
      );
      expect(del.error).toBe('ResourceNotFoundException');
      const get = await awsCli(emulator.url, ['ssm', 'get-resource-policies', '--resource-arn', arn], {
        accessKeyId: CONSUMER,
      });
      expect(get.stderr).toBe('');
      expect(get.json).toEqual({ Policies: [{ PolicyId, PolicyHash, Policy: policy }] });
    },
    T,
  );

  it(
    "P5 the OpsItemGroup's actions come from the file: an action it leaves out is refused",
    async () => {
      const group = `arn:aws:ssm:us-east-1:${OWNER}:opsitemgroup/default`;
      const items = `arn:aws:ssm:us-east-1:${OWNER}:opsitem/*`;
      const refused = await putPolicy(emulator.url, group, policyFor([items, group], ['ssm:CreateOpsItem']));
      expect(refused.error).toBe('MalformedResourcePolicyDocumentException');
      const ok = await putPolicy(emulator.url, group, policyFor([items, group], ['ssm:GetOpsItem']));
      expect(ok.stderr).toBe('');
    },
    T,
  );

  it(
    'R3 R8 the conformance command checks the emulator against the same file (--profile) and passes',
    async () => {
      const out: string[] = [];
      const err: string[] = [];
      const io: CliIo = {
        stdout: (s) => void out.push(s),
        stderr: (s) => void err.push(s),
        tty: false,
        env: {},
        writeFile: () => Promise.reject(new Error('no report asked for')),
      };
      const args = ['--endpoint', emulator.url, '--rule', 'R3,R8', '--no-properties', '--profile', profile];
      expect(await runCli(args, io), out.join('') + err.join('')).toBe(0);
      // Against the defaults the same emulator fails R8 (its code is ResourceNotFoundException here).
      const withDefaults = await runCli(['--endpoint', emulator.url, '--rule', 'R8', '--no-properties'], io);
      expect(withDefaults).toBe(1);
    },
    T,
  );
});
