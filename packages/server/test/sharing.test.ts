// A4–A7 and W6 through the wire handler: the identity map, the caller's source address, the owner's and a
// consumer's reads of GetParameter, GetParameters and GetParameterHistory, and their bad input (W4, V).
import { describe, expect, it } from 'vitest';
import { makeProfile } from '@ssm-policy/core';
import { createWireHandler, identitiesOf, type WireHandler, type WireRequest } from '@ssm-policy/server';

const OWNER = '111111111111';
const CONSUMER = '222222222222';
const arnOf = (name: string): string => `arn:aws:ssm:us-east-1:${OWNER}:parameter${name}`;

const identities = identitiesOf([
  { accessKeyId: 'AKIDALICE', principal: `arn:aws:iam::${OWNER}:user/alice` },
  {
    accessKeyId: 'AKIDBOB',
    principal: `arn:aws:sts::${CONSUMER}:assumed-role/Reader/bob`,
    orgId: 'o-abc123',
  },
]);

const call = async (
  handle: WireHandler,
  key: string,
  operation: string,
  body: unknown,
  extra: Partial<WireRequest> = {},
): Promise<{ status: number; body: Record<string, unknown> }> => {
  const res = await handle({
    method: 'POST',
    path: '/',
    headers: {
      'x-amz-target': `AmazonSSM.${operation}`,
      authorization: `AWS4-HMAC-SHA256 Credential=${key}/20261129/us-east-1/ssm/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: new TextEncoder().encode(JSON.stringify(body)),
    ...extra,
  });
  return { status: res.status, body: JSON.parse(res.body) as Record<string, unknown> };
};

/** The owner (alice) creates the Advanced parameter `/app/db` with the value `v`. */
const putOwnParameter = async (handle: WireHandler): Promise<void> => {
  const put = await call(handle, 'AKIDALICE', 'PutParameter', {
    Name: '/app/db',
    Value: 'v',
    Type: 'String',
    Tier: 'Advanced',
  });
  expect(put.status).toBe(200);
};

const shared = async (
  statement: Record<string, unknown>,
  profile = makeProfile({}),
): Promise<WireHandler> => {
  const handle = createWireHandler({ identities, profile });
  for (const v of ['one', 'two', 'three']) {
    const put = await call(handle, 'AKIDALICE', 'PutParameter', {
      Name: '/app/db',
      Value: v,
      Type: 'String',
      Tier: 'Advanced',
      Overwrite: true,
    });
    expect(put.status).toBe(200);
  }
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Resource: arnOf('/app/db'), ...statement }],
  });
  const attached = await call(handle, 'AKIDALICE', 'PutResourcePolicy', {
    ResourceArn: arnOf('/app/db'),
    Policy: policy,
  });
  expect(attached.status).toBe(200);
  return handle;
};

describe('W6 A4 identities in the wire handler', () => {
  it("W6 a listed key acts as its principal and the ARN's account; others keep the 12-digit convention", async () => {
    const handle = createWireHandler({ identities });
    const res = await handle({
      method: 'POST',
      path: '/',
      headers: {
        'x-amz-target': 'AmazonSSM.GetParameter',
        authorization: `AWS4-HMAC-SHA256 Credential=AKIDBOB/20261129/eu-west-1/ssm/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: new TextEncoder().encode('{"Name":"/x"}'),
      sourceIp: '10.0.0.7',
    });
    expect(res.caller).toMatchObject({
      account: CONSUMER,
      region: 'eu-west-1',
      sourceIp: '10.0.0.7',
      identity: { principal: `arn:aws:sts::${CONSUMER}:assumed-role/Reader/bob`, orgId: 'o-abc123' },
    });
    const other = await call(handle, '333333333333', 'GetParameter', { Name: '/x' });
    expect(other.status).toBe(400);
  });

  it('W6 identitiesOf refuses a principal that is not an IAM or STS ARN, naming the entry', () => {
    expect(() => identitiesOf([{ accessKeyId: 'A', principal: 'arn:aws:s3:::b' }])).toThrow(
      'identities[0].principal: not an IAM or STS ARN',
    );
  });

  it('W6 A4 identitiesOf refuses two organizations for one account, naming the entry', () => {
    expect(() =>
      identitiesOf([
        { accessKeyId: 'A', principal: `arn:aws:iam::${OWNER}:user/a`, orgId: 'o-abc123' },
        { accessKeyId: 'B', principal: `arn:aws:iam::${OWNER}:user/b` },
        { accessKeyId: 'C', principal: `arn:aws:sts::${OWNER}:assumed-role/R/c`, orgId: 'o-zzz999' },
      ]),
    ).toThrow(
      `identities[2].orgId: o-zzz999 differs from identities[0].orgId (o-abc123), of the same account ${OWNER}: an account belongs to one organization`,
    );
  });

  it("A4 aws:ResourceOrgID is the owner account's configured organization: a policy keyed on it shares within the organization", async () => {
    const handle = createWireHandler({
      identities: identitiesOf([
        { accessKeyId: 'AKIDALICE', principal: `arn:aws:iam::${OWNER}:user/alice`, orgId: 'o-abc123' },
        {
          accessKeyId: 'AKIDBOB',
          principal: `arn:aws:sts::${CONSUMER}:assumed-role/Reader/bob`,
          orgId: 'o-abc123',
        },
        { accessKeyId: 'AKIDEVE', principal: 'arn:aws:iam::333333333333:user/eve', orgId: 'o-zzz999' },
      ]),
    });
    await putOwnParameter(handle);
    const attached = await call(handle, 'AKIDALICE', 'PutResourcePolicy', {
      ResourceArn: arnOf('/app/db'),
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: [CONSUMER, '333333333333'] },
            Action: 'ssm:GetParameter',
            Resource: arnOf('/app/db'),
            Condition: { StringEquals: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } },
          },
        ],
      }),
    });
    expect(attached.status).toBe(200);
    const read = async (key: string) => call(handle, key, 'GetParameter', { Name: arnOf('/app/db') });
    expect((await read('AKIDBOB')).body['Parameter']).toMatchObject({ Value: 'v' });
    expect((await read('AKIDEVE')).body['__type']).toBe('AccessDeniedException');
    // The consumer account's root has no organization configured: the variable has no value, nothing matches.
    expect((await read(CONSUMER)).body['__type']).toBe('AccessDeniedException');
  });

  it('A4 a policy condition on aws:SourceIp sees the address the listener reported', async () => {
    const handle = await shared({
      Principal: { AWS: CONSUMER },
      Action: 'ssm:GetParameter',
      Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
    });
    const inside = await call(
      handle,
      'AKIDBOB',
      'GetParameter',
      { Name: arnOf('/app/db') },
      { sourceIp: '10.1.1.1' },
    );
    expect(inside.status).toBe(200);
    const outside = await call(
      handle,
      'AKIDBOB',
      'GetParameter',
      { Name: arnOf('/app/db') },
      { sourceIp: '192.168.0.1' },
    );
    expect(outside.body['__type']).toBe('AccessDeniedException');
  });
});

describe('A6 A7 reads through the wire handler', () => {
  it('P3 A6 a profile that lets statements leave out Resource: a consumer read of what Put accepted is decided by it, not a 500', async () => {
    const profile = makeProfile({ requiredStatementElements: ['Effect', 'Principal', 'Action'] });
    const handle = createWireHandler({ identities, profile });
    await putOwnParameter(handle);
    const attach = async (statement: Record<string, unknown>) => {
      const attached = await call(handle, 'AKIDALICE', 'PutResourcePolicy', {
        ResourceArn: arnOf('/app/db'),
        Policy: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }),
      });
      expect(attached.status).toBe(200);
    };
    const read = async () => call(handle, 'AKIDBOB', 'GetParameter', { Name: arnOf('/app/db') });
    // No Resource: the statement applies to the parameter it is attached to.
    await attach({ Effect: 'Allow', Principal: { AWS: CONSUMER }, Action: 'ssm:GetParameter' });
    const allowed = await read();
    expect(allowed.status).toBe(200);
    expect(allowed.body['Parameter']).toMatchObject({ Value: 'v' });
    await attach({ Effect: 'Deny', Principal: { AWS: CONSUMER }, Action: 'ssm:GetParameter' });
    const denied = await read();
    expect(denied.status).toBe(400);
    expect(denied.body['__type']).toBe('AccessDeniedException');
  });

  it('A6 GetParameterHistory: every version in order, Labels empty, paged with NextToken; a foreign token is InvalidNextToken', async () => {
    const handle = await shared({ Principal: { AWS: CONSUMER }, Action: 'ssm:GetParameterHistory' });
    const first = await call(handle, 'AKIDBOB', 'GetParameterHistory', {
      Name: arnOf('/app/db'),
      MaxResults: 2,
    });
    expect(first.status).toBe(200);
    const page = first.body['Parameters'] as Array<Record<string, unknown>>;
    expect(page.map((p) => [p['Version'], p['Value']])).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
    expect(page[0]).toMatchObject({
      Name: arnOf('/app/db'),
      Type: 'String',
      Tier: 'Advanced',
      Labels: [],
      Policies: [],
      DataType: 'text',
      LastModifiedUser: `arn:aws:iam::${OWNER}:user/alice`,
    });
    expect(typeof first.body['NextToken']).toBe('string');
    const second = await call(handle, 'AKIDBOB', 'GetParameterHistory', {
      Name: arnOf('/app/db'),
      MaxResults: 2,
      NextToken: first.body['NextToken'],
    });
    expect((second.body['Parameters'] as unknown[]).length).toBe(1);
    expect(second.body).not.toHaveProperty('NextToken');
    const forged = await call(handle, 'AKIDALICE', 'GetParameterHistory', {
      Name: '/app/db',
      NextToken: 'bm9wZQ',
    });
    expect(forged.body['__type']).toBe('InvalidNextToken');
  });

  it('A6 the owner reads GetParameters and GetParameterHistory by name without any policy', async () => {
    const handle = createWireHandler({ identities });
    await call(handle, 'AKIDALICE', 'PutParameter', { Name: '/b', Value: 'B', Type: 'String' });
    await call(handle, 'AKIDALICE', 'PutParameter', { Name: '/a', Value: 'A', Type: 'String' });
    const many = await call(handle, 'AKIDALICE', 'GetParameters', { Names: ['/b', '/a', '/missing'] });
    expect((many.body['Parameters'] as Array<{ Name: string }>).map((p) => p.Name)).toEqual(['/a', '/b']);
    expect(many.body['InvalidParameters']).toEqual(['/missing']);
    const history = await call(handle, 'AKIDALICE', 'GetParameterHistory', { Name: '/a' });
    expect((history.body['Parameters'] as unknown[]).length).toBe(1);
    const missing = await call(handle, 'AKIDALICE', 'GetParameterHistory', { Name: '/missing' });
    expect(missing.body['__type']).toBe('ParameterNotFound');
  });

  it("A5 the owner's PutParameter and DeleteParameter are refused only by an explicit Deny in the parameter's policy", async () => {
    // P4's default list has no write actions: a profile that admits them lets an owner deny itself a write.
    const profile = makeProfile({
      parameterActions: [...makeProfile({}).parameterActions, 'ssm:PutParameter', 'ssm:DeleteParameter'],
    });
    const handle = createWireHandler({ identities, profile });
    const put = (Value: string) =>
      call(handle, 'AKIDALICE', 'PutParameter', {
        Name: '/app/db',
        Value,
        Type: 'String',
        Tier: 'Advanced',
        Overwrite: true,
      });
    expect((await put('one')).status).toBe(200);
    // An Allow for another account does not restrict the owner (A5: its identity decides).
    const policyOf = (statements: unknown[]) =>
      call(handle, 'AKIDALICE', 'PutResourcePolicy', {
        ResourceArn: arnOf('/app/db'),
        Policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
      });
    const allow = {
      Effect: 'Allow',
      Principal: { AWS: CONSUMER },
      Action: 'ssm:GetParameter',
      Resource: arnOf('/app/db'),
    };
    expect((await policyOf([allow])).status).toBe(200);
    expect((await put('two')).status).toBe(200);
    const deny = {
      Effect: 'Deny',
      Principal: { AWS: OWNER },
      Action: ['ssm:PutParameter', 'ssm:DeleteParameter'],
      Resource: arnOf('/app/db'),
    };
    expect((await policyOf([deny])).status).toBe(200);
    const refused = await put('three');
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      __type: 'AccessDeniedException',
      Message: `User: arn:aws:iam::${OWNER}:user/alice is not authorized to perform: ssm:PutParameter on resource: ${arnOf('/app/db')} with an explicit deny in a resource-based policy`,
    });
    const kept = await call(handle, 'AKIDALICE', 'DeleteParameter', { Name: '/app/db' });
    expect(kept.body['__type']).toBe('AccessDeniedException');
    // Nothing changed: the value is still 'two', and the parameter still exists.
    const read = await call(handle, 'AKIDALICE', 'GetParameter', { Name: '/app/db' });
    expect((read.body['Parameter'] as { Value: string }).Value).toBe('two');
    // A new parameter has no policies, so nothing denies its creation.
    expect(
      (await call(handle, 'AKIDALICE', 'PutParameter', { Name: '/app/other', Value: 'x', Type: 'String' }))
        .status,
    ).toBe(200);
  });

  it('A7 profile crossAccountDenial ParameterNotFound: a refused consumer is told the parameter does not exist', async () => {
    const handle = await shared(
      { Principal: { AWS: CONSUMER }, Action: 'ssm:GetParameters' },
      makeProfile({ crossAccountDenial: 'ParameterNotFound' }),
    );
    const r = await call(handle, 'AKIDBOB', 'GetParameter', { Name: arnOf('/app/db') });
    expect(r.body['__type']).toBe('ParameterNotFound');
    expect(JSON.stringify(r.body)).not.toMatch(/three|Version|String/);
  });

  it('A7 the default denial is AccessDeniedException (400) with nothing of the parameter in it', async () => {
    const handle = await shared({ Principal: { AWS: '333333333333' }, Action: 'ssm:GetParameter' });
    const r = await call(handle, 'AKIDBOB', 'GetParameter', { Name: arnOf('/app/db') });
    expect(r.status).toBe(400);
    expect(Object.keys(r.body).sort()).toEqual(['Message', '__type']);
    expect(r.body['Message']).toBe(
      `User: arn:aws:sts::${CONSUMER}:assumed-role/Reader/bob is not authorized to perform: ssm:GetParameter on resource: ${arnOf('/app/db')} because no resource-based policy allows the ssm:GetParameter action`,
    );
  });
});

describe('W4 V bad input of the new reads', () => {
  it('W4 a Names that is not a list of strings is a SerializationException; V 0 or 11 names and MaxResults 51 are ValidationException', async () => {
    const handle = createWireHandler();
    expect((await call(handle, 'AKID', 'GetParameters', { Names: 'a' })).body['__type']).toBe(
      'SerializationException',
    );
    expect((await call(handle, 'AKID', 'GetParameters', { Names: [1] })).body['__type']).toBe(
      'SerializationException',
    );
    expect((await call(handle, 'AKID', 'GetParameters', { Names: [] })).body['__type']).toBe(
      'ValidationException',
    );
    const eleven = await call(handle, 'AKID', 'GetParameters', {
      Names: Array.from({ length: 11 }, (_, i) => `/p${i}`),
    });
    expect(eleven.body['Message']).toMatch(
      /^1 validation error detected: .* at 'names' failed to satisfy constraint: Member must have length less than or equal to 10$/,
    );
    const max = await call(handle, 'AKID', 'GetParameterHistory', { Name: '/p', MaxResults: 51 });
    expect(max.body['Message']).toBe(
      "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
    expect(
      (await call(handle, 'AKID', 'GetParameterHistory', { Name: '/p', MaxResults: 1.5 })).body['__type'],
    ).toBe('SerializationException');
  });
});
