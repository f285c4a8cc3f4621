/**
 * Sharing a parameter with other accounts (rules A4–A7, R7, R8, W6), end to end: the built emulator
 * (`packages/emulator/dist/main.js`) started with an identities file and signature verification on, called by
 * the real AWS CLI and the real `@aws-sdk/client-ssm` as principals of three accounts: the owner's user alice
 * (111111111111), the consumer's assumed-role session bob (222222222222, organization o-abc123) and user carol
 * (222222222222, no organization), and dave (333333333333, organization o-abc123).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetParameterCommand,
  GetParametersCommand,
  SSMClient,
  SSMServiceException,
  paginateGetParameterHistory,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltEmulator, type BuiltEmulator } from '../support/built-process.js';

const OWNER = '111111111111';
const CONSUMER = '222222222222';
const THIRD = '333333333333';
const REGION = 'us-east-1';

interface Who {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly principal: string;
}
const alice: Who = {
  accessKeyId: 'AKIAEXAMPLEALICE0001',
  secretAccessKey: 'alice-secret',
  principal: `arn:aws:iam::${OWNER}:user/alice`,
};
const bob: Who = {
  accessKeyId: 'AKIAEXAMPLEBOB000001',
  secretAccessKey: 'bob-secret',
  principal: `arn:aws:sts::${CONSUMER}:assumed-role/Reader/bob`,
};
const carol: Who = {
  accessKeyId: 'AKIAEXAMPLECAROL0001',
  secretAccessKey: 'carol-secret',
  principal: `arn:aws:iam::${CONSUMER}:user/carol`,
};
const dave: Who = {
  accessKeyId: 'AKIAEXAMPLEDAVE00001',
  secretAccessKey: 'dave-secret',
  principal: `arn:aws:iam::${THIRD}:user/dave`,
};

const dir = mkdtempSync(join(tmpdir(), 'ssm-policy-sharing-'));
const IDENTITIES = join(dir, 'identities.json');
writeFileSync(
  IDENTITIES,
  JSON.stringify({
    identities: [
      // Alice's organization is her account's: the owner's parameters have it as aws:ResourceOrgID.
      { ...alice, orgId: 'o-abc123' },
      {
        ...bob,
        userId: 'AROAEXAMPLE:bob',
        orgId: 'o-abc123',
        orgPaths: ['o-abc123/r-ab12/ou-ab12-11111111/'],
      },
      carol,
      { ...dave, orgId: 'o-abc123' },
    ],
  }),
);

let emulator: BuiltEmulator;
let url: string;

beforeAll(async () => {
  emulator = await startBuiltEmulator({
    SSM_POLICY_IDENTITIES: IDENTITIES,
    SSM_POLICY_VERIFY_SIGNATURES: '1',
  });
  url = emulator.url;
});
afterAll(() => emulator?.stop());

interface CliResult {
  readonly code: number;
  readonly stderr: string;
  readonly json: Record<string, unknown>;
}

const aws = (who: Who, args: ReadonlyArray<string>, secret = who.secretAccessKey): Promise<CliResult> =>
  new Promise((resolve) => {
    execFile(
      'aws',
      ['--endpoint-url', url, '--region', REGION, '--output', 'json', 'ssm', ...args],
      {
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: dir,
          AWS_ACCESS_KEY_ID: who.accessKeyId,
          AWS_SECRET_ACCESS_KEY: secret,
          AWS_CONFIG_FILE: '/dev/null',
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
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stderr, json });
      },
    );
  });

const errorOf = (r: CliResult): { code?: string; message?: string } => {
  const m = /An error occurred \(([^)]+)\) when calling the \w+ operation: (.*)/.exec(r.stderr);
  return m === null ? {} : { code: m[1]!, message: m[2]!.trim() };
};

const arnOf = (name: string, account = OWNER): string => `arn:aws:ssm:${REGION}:${account}:parameter${name}`;

const policy = (name: string, statements: ReadonlyArray<Record<string, unknown>>): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: statements.map((s) => ({ Resource: arnOf(name), ...s })),
  });

/** The owner creates an Advanced parameter and attaches a policy; returns the policy's id and hash. */
const share = async (
  name: string,
  statements: ReadonlyArray<Record<string, unknown>>,
): Promise<{ PolicyId: string; PolicyHash: string }> => {
  const put = await aws(alice, [
    'put-parameter',
    '--name',
    name,
    '--value',
    `value of ${name}`,
    '--type',
    'String',
    '--tier',
    'Advanced',
    '--overwrite',
  ]);
  expect(put.code, put.stderr).toBe(0);
  const attached = await aws(alice, [
    'put-resource-policy',
    '--resource-arn',
    arnOf(name),
    '--policy',
    policy(name, statements),
  ]);
  expect(attached.code, attached.stderr).toBe(0);
  return attached.json as { PolicyId: string; PolicyHash: string };
};

const value = async (who: Who, name: string): Promise<string | undefined> => {
  const r = await aws(who, ['get-parameter', '--name', arnOf(name)]);
  return r.code === 0 ? (r.json['Parameter'] as { Value: string }).Value : undefined;
};

const denied = (
  who: Who,
  action: string,
  name: string,
  explicit = false,
): { code: string; message: string } => ({
  code: 'AccessDeniedException',
  message:
    `User: ${who.principal} is not authorized to perform: ${action} on resource: ${arnOf(name)} ` +
    (explicit
      ? 'with an explicit deny in a resource-based policy'
      : `because no resource-based policy allows the ${action} action`),
});

const T = 120_000;

describe('sharing a parameter through the AWS CLI', () => {
  it(
    'A6 shared by account id: every principal of the consumer account reads it by ARN; a third account is refused (A7)',
    async () => {
      await share('/share/by-account', [
        { Effect: 'Allow', Principal: { AWS: CONSUMER }, Action: ['ssm:GetParameter', 'ssm:GetParameters'] },
      ]);
      const got = await aws(bob, ['get-parameter', '--name', arnOf('/share/by-account')]);
      expect(got.code, got.stderr).toBe(0);
      expect(got.json['Parameter']).toMatchObject({
        Name: arnOf('/share/by-account'),
        ARN: arnOf('/share/by-account'),
        Value: 'value of /share/by-account',
        Version: 1,
        Type: 'String',
      });
      expect(await value(carol, '/share/by-account')).toBe('value of /share/by-account');
      const third = await aws(dave, ['get-parameter', '--name', arnOf('/share/by-account')]);
      expect(third.code).not.toBe(0);
      expect(errorOf(third)).toEqual(denied(dave, 'ssm:GetParameter', '/share/by-account'));
      // A7: nothing of the parameter in the refusal.
      expect(third.stderr).not.toContain('value of');
    },
    T,
  );

  it(
    "A6 a bare name always means the caller's own account: the consumer does not see the owner's parameter by name",
    async () => {
      const r = await aws(bob, ['get-parameter', '--name', '/share/by-account']);
      expect(errorOf(r).code).toBe('ParameterNotFound');
    },
    T,
  );

  it(
    'A6 the policy grants only the actions it names: GetParameterHistory is refused when only GetParameter is shared',
    async () => {
      const r = await aws(bob, ['get-parameter-history', '--name', arnOf('/share/by-account')]);
      expect(errorOf(r)).toEqual(denied(bob, 'ssm:GetParameterHistory', '/share/by-account'));
    },
    T,
  );

  it(
    'A2 shared with a role: its assumed-role session reads it; another user of that account is refused',
    async () => {
      await share('/share/by-role', [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${CONSUMER}:role/Reader` },
          Action: 'ssm:GetParameter',
        },
      ]);
      expect(await value(bob, '/share/by-role')).toBe('value of /share/by-role');
      const r = await aws(carol, ['get-parameter', '--name', arnOf('/share/by-role')]);
      expect(errorOf(r)).toEqual(denied(carol, 'ssm:GetParameter', '/share/by-role'));
    },
    T,
  );

  it(
    "A5 A7 a Deny for one user wins over the account's Allow, and the refusal says it was explicit",
    async () => {
      await share('/share/with-deny', [
        { Sid: 'Team', Effect: 'Allow', Principal: { AWS: CONSUMER }, Action: 'ssm:GetParameter' },
        { Sid: 'NotCarol', Effect: 'Deny', Principal: { AWS: carol.principal }, Action: 'ssm:GetParameter' },
      ]);
      expect(await value(bob, '/share/with-deny')).toBe('value of /share/with-deny');
      const r = await aws(carol, ['get-parameter', '--name', arnOf('/share/with-deny')]);
      expect(errorOf(r)).toEqual(denied(carol, 'ssm:GetParameter', '/share/with-deny', true));
    },
    T,
  );

  it(
    'A4 a condition on aws:PrincipalOrgID: members of the organization in two accounts read it, a non-member does not',
    async () => {
      await share('/share/org', [
        {
          Effect: 'Allow',
          Principal: { AWS: [CONSUMER, THIRD] },
          Action: ['ssm:GetParameter', 'ssm:GetParameters'],
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
        },
      ]);
      expect(await value(bob, '/share/org')).toBe('value of /share/org');
      expect(await value(dave, '/share/org')).toBe('value of /share/org');
      const r = await aws(carol, ['get-parameter', '--name', arnOf('/share/org')]);
      expect(errorOf(r)).toEqual(denied(carol, 'ssm:GetParameter', '/share/org'));
    },
    T,
  );

  it(
    "A4 aws:ResourceOrgID = ${aws:PrincipalOrgID}: callers of the owner's organization read it, one without an organization does not",
    async () => {
      await share('/share/same-org', [
        {
          Effect: 'Allow',
          Principal: { AWS: [CONSUMER, THIRD] },
          Action: 'ssm:GetParameter',
          Condition: { StringEquals: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } },
        },
      ]);
      expect(await value(bob, '/share/same-org')).toBe('value of /share/same-org');
      expect(await value(dave, '/share/same-org')).toBe('value of /share/same-org');
      const r = await aws(carol, ['get-parameter', '--name', arnOf('/share/same-org')]);
      expect(errorOf(r)).toEqual(denied(carol, 'ssm:GetParameter', '/share/same-org'));
    },
    T,
  );

  it(
    'A5 the owner reads its own parameter without any policy, by name and by ARN, unless a policy denies it',
    async () => {
      await aws(alice, [
        'put-parameter',
        '--name',
        '/share/own',
        '--value',
        'mine',
        '--type',
        'String',
        '--tier',
        'Advanced',
      ]);
      expect(await value(alice, '/share/own')).toBe('mine');
      await share('/share/owner-denied', [
        { Effect: 'Deny', Principal: { AWS: alice.principal }, Action: 'ssm:GetParameter' },
      ]);
      const r = await aws(alice, ['get-parameter', '--name', '/share/owner-denied']);
      expect(errorOf(r)).toEqual(denied(alice, 'ssm:GetParameter', '/share/owner-denied', true));
    },
    T,
  );

  it(
    "R8 A6 a consumer cannot write the owner's parameter or its policies, even with read access",
    async () => {
      const name = '/share/by-account';
      const put = await aws(bob, [
        'put-parameter',
        '--name',
        arnOf(name),
        '--value',
        'hijack',
        '--type',
        'String',
        '--overwrite',
      ]);
      expect(errorOf(put)).toEqual({ ...denied(bob, 'ssm:PutParameter', name) });
      const del = await aws(bob, ['delete-parameter', '--name', arnOf(name)]);
      expect(errorOf(del)).toEqual(denied(bob, 'ssm:DeleteParameter', name));
      const attach = await aws(bob, [
        'put-resource-policy',
        '--resource-arn',
        arnOf(name),
        '--policy',
        policy(name, [{ Effect: 'Allow', Principal: { AWS: THIRD }, Action: 'ssm:GetParameter' }]),
      ]);
      expect(errorOf(attach).code).toBe('ResourcePolicyInvalidParameterException');
      const listed = await aws(alice, ['get-resource-policies', '--resource-arn', arnOf(name)]);
      const first = (listed.json['Policies'] as Array<{ PolicyId: string; PolicyHash: string }>)[0]!;
      const detach = await aws(bob, [
        'delete-resource-policy',
        '--resource-arn',
        arnOf(name),
        '--policy-id',
        first.PolicyId,
        '--policy-hash',
        first.PolicyHash,
      ]);
      expect(errorOf(detach).code).toBe('ResourcePolicyInvalidParameterException');
      expect(await value(alice, name)).toBe(`value of ${name}`);
    },
    T,
  );

  it(
    'A6 GetParameters decides each ARN on its own: allowed ones answered, refused and missing ones in InvalidParameters',
    async () => {
      const names = [
        arnOf('/share/by-account'),
        arnOf('/share/by-role'),
        arnOf('/share/nothing-here'),
        arnOf('/share/with-deny'),
      ];
      const r = await aws(carol, ['get-parameters', '--names', ...names]);
      expect(r.code, r.stderr).toBe(0);
      expect((r.json['Parameters'] as Array<{ Name: string }>).map((p) => p.Name)).toEqual([
        arnOf('/share/by-account'),
      ]);
      expect(r.json['InvalidParameters']).toEqual([
        arnOf('/share/by-role'),
        arnOf('/share/nothing-here'),
        arnOf('/share/with-deny'),
      ]);
    },
    T,
  );

  it(
    'A6 GetParameterHistory by ARN lists every version, paged by the CLI, when the policy grants it',
    async () => {
      const name = '/share/history';
      await share(name, [
        {
          Effect: 'Allow',
          Principal: { AWS: CONSUMER },
          Action: ['ssm:GetParameter', 'ssm:GetParameterHistory'],
        },
      ]);
      for (const v of ['two', 'three']) {
        const r = await aws(alice, ['put-parameter', '--name', name, '--value', v, '--overwrite']);
        expect(r.code, r.stderr).toBe(0);
      }
      // --page-size 1: three requests, each carrying the previous NextToken.
      const r = await aws(bob, ['get-parameter-history', '--name', arnOf(name), '--page-size', '1']);
      expect(r.code, r.stderr).toBe(0);
      const versions = r.json['Parameters'] as Array<Record<string, unknown>>;
      expect(versions.map((v) => [v['Version'], v['Value']])).toEqual([
        [1, `value of ${name}`],
        [2, 'two'],
        [3, 'three'],
      ]);
      expect(versions[2]).toMatchObject({
        Name: arnOf(name),
        Type: 'String',
        Tier: 'Advanced',
        Labels: [],
        LastModifiedUser: alice.principal,
      });
      const own = await aws(alice, ['get-parameter-history', '--name', name]);
      expect((own.json['Parameters'] as unknown[]).length).toBe(3);
    },
    T,
  );

  it(
    'A6 removing the policy stops the access at once',
    async () => {
      const name = '/share/removed';
      const { PolicyId, PolicyHash } = await share(name, [
        { Effect: 'Allow', Principal: { AWS: CONSUMER }, Action: 'ssm:GetParameter' },
      ]);
      expect(await value(bob, name)).toBe(`value of ${name}`);
      const del = await aws(alice, [
        'delete-resource-policy',
        '--resource-arn',
        arnOf(name),
        '--policy-id',
        PolicyId,
        '--policy-hash',
        PolicyHash,
      ]);
      expect(del.code, del.stderr).toBe(0);
      const r = await aws(bob, ['get-parameter', '--name', arnOf(name)]);
      expect(errorOf(r)).toEqual(denied(bob, 'ssm:GetParameter', name));
    },
    T,
  );

  it(
    'R7 a parameter deleted and created again under the same name is not shared',
    async () => {
      const name = '/share/recreated';
      await share(name, [{ Effect: 'Allow', Principal: { AWS: CONSUMER }, Action: 'ssm:GetParameter' }]);
      expect(await value(bob, name)).toBe(`value of ${name}`);
      expect((await aws(alice, ['delete-parameter', '--name', name])).code).toBe(0);
      // Gone: another account's missing parameter is refused like an unshared one (A7: no existence leak).
      expect(errorOf(await aws(bob, ['get-parameter', '--name', arnOf(name)]))).toEqual(
        denied(bob, 'ssm:GetParameter', name),
      );
      await aws(alice, [
        'put-parameter',
        '--name',
        name,
        '--value',
        'new life',
        '--type',
        'String',
        '--tier',
        'Advanced',
      ]);
      expect(errorOf(await aws(bob, ['get-parameter', '--name', arnOf(name)]))).toEqual(
        denied(bob, 'ssm:GetParameter', name),
      );
      expect(await value(alice, name)).toBe('new life');
    },
    T,
  );

  it(
    'W6 with verification on, a wrong secret or an unknown access key is refused',
    async () => {
      const wrong = await aws(bob, ['get-parameter', '--name', arnOf('/share/by-account')], 'not-the-secret');
      expect(errorOf(wrong).code).toBe('InvalidSignatureException');
      const stranger = await aws({ ...bob, accessKeyId: 'AKIAUNKNOWN000000001' }, [
        'get-parameter',
        '--name',
        arnOf('/share/by-account'),
      ]);
      expect(errorOf(stranger).code).toBe('UnrecognizedClientException');
    },
    T,
  );
});

describe('sharing a parameter through the SDK', () => {
  const client = (who: Who): SSMClient =>
    new SSMClient({
      endpoint: url,
      region: REGION,
      credentials: { accessKeyId: who.accessKeyId, secretAccessKey: who.secretAccessKey },
      maxAttempts: 1,
    });

  it('A6 A7 GetParameter by ARN, and AccessDeniedException with its message as an SSMServiceException', async () => {
    const ssm = client(bob);
    const got = await ssm.send(new GetParameterCommand({ Name: arnOf('/share/org') }));
    expect(got.Parameter?.Value).toBe('value of /share/org');
    const refused = await ssm
      .send(new GetParameterCommand({ Name: arnOf('/share/owner-denied') }))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SSMServiceException);
    expect((refused as SSMServiceException).name).toBe('AccessDeniedException');
    expect((refused as SSMServiceException).message).toBe(
      denied(bob, 'ssm:GetParameter', '/share/owner-denied').message,
    );
    expect((refused as SSMServiceException).$metadata.httpStatusCode).toBe(400);
    ssm.destroy();
  });

  it("A6 GetParameters mixing allowed, denied and missing ARNs of two owners' accounts", async () => {
    const ssm = client(dave);
    const r = await ssm.send(
      new GetParametersCommand({
        Names: [
          arnOf('/share/org'),
          arnOf('/share/by-account'),
          arnOf('/share/absent'),
          arnOf('/x', CONSUMER),
        ],
      }),
    );
    expect(r.Parameters?.map((p) => p.Value)).toEqual(['value of /share/org']);
    expect(r.InvalidParameters).toEqual([
      arnOf('/share/by-account'),
      arnOf('/share/absent'),
      arnOf('/x', CONSUMER),
    ]);
    ssm.destroy();
  });

  it('A6 the SDK paginator walks GetParameterHistory of a shared parameter', async () => {
    const ssm = client(carol);
    const pages: number[] = [];
    for await (const page of paginateGetParameterHistory(
      { client: ssm, pageSize: 2 },
      { Name: arnOf('/share/history') },
    )) {
      pages.push(page.Parameters?.length ?? 0);
    }
    expect(pages).toEqual([2, 1]);
    ssm.destroy();
  });
});
