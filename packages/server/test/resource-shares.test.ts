// Rule A8 through the wire handler: the share follows the parameter's policies, RAM's operations on restJson1,
// and DescribeParameters with Shared listing a parameter for a consumer only once the share is promoted.
import { describe, expect, it } from 'vitest';
import {
  defaultProfile,
  makeCaller,
  makeProfile,
  newPolicyShare,
  seededIdSource,
  type BehaviourProfile,
} from '@ssm-policy/core';
import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
import {
  createMemoryResourceShareStore,
  createParameterStore,
  createWireHandler,
  makeShareLifecycle,
  type Identity,
  type WireHandler,
} from '@ssm-policy/server';

const OWNER = '111111111111';
const CONSUMER = '222222222222';
const STRANGER = '333333333333';
const REGION = 'us-east-1';
const arnOf = (name: string, account = OWNER): string =>
  `arn:aws:ssm:${REGION}:${account}:parameter/${name.replace(/^\//, '')}`;

const auth = (account: string, service: string): string =>
  `AWS4-HMAC-SHA256 Credential=${account}/20260101/${REGION}/${service}/aws4_request, SignedHeaders=host, Signature=0`;

interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly json: Record<string, unknown>;
}

// `setup`'s first argument of `ssm` and `ram` is the access key id: an account id signs as its root, a key of
// `identities` as that identity.
const setup = (profile?: BehaviourProfile, identities?: ReadonlyArray<Identity>) => {
  let n = 0;
  const handle: WireHandler = createWireHandler({
    ids: seededIdSource(8),
    ...(profile === undefined ? {} : { profile }),
    ...(identities === undefined ? {} : { identities }),
  });
  const answer = async (res: Awaited<ReturnType<WireHandler>>): Promise<Answer> => ({
    status: res.status,
    headers: res.headers,
    json: res.body === '' ? {} : (JSON.parse(res.body) as Record<string, unknown>),
  });
  const ssm = async (account: string, op: string, body: unknown): Promise<Answer> =>
    answer(
      await handle({
        method: 'POST',
        path: '/',
        headers: { 'x-amz-target': `AmazonSSM.${op}`, authorization: auth(account, 'ssm') },
        body: new TextEncoder().encode(JSON.stringify(body)),
      }),
    );
  const ram = async (account: string, path: string, body?: unknown): Promise<Answer> =>
    answer(
      await handle({
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', authorization: auth(account, 'ram') },
        body: new TextEncoder().encode(body === undefined ? '' : JSON.stringify(body)),
      }),
    );
  const policy = (name: string, actions: ReadonlyArray<string>, principal = CONSUMER): string =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: `s${++n}`,
          Effect: 'Allow',
          Principal: { AWS: principal },
          Action: actions,
          Resource: arnOf(name),
        },
      ],
    });
  const parameter = (name: string, account = OWNER) =>
    ssm(account, 'PutParameter', { Name: name, Value: 'v', Type: 'String', Tier: 'Advanced' });
  const attach = async (name: string, actions = ['ssm:GetParameter', 'ssm:DescribeParameters']) => {
    const r = await ssm(OWNER, 'PutResourcePolicy', {
      ResourceArn: arnOf(name),
      Policy: policy(name, actions),
    });
    expect(r.status).toBe(200);
    return r.json as { PolicyId: string; PolicyHash: string };
  };
  const detach = (name: string, p: { PolicyId: string; PolicyHash: string }) =>
    ssm(OWNER, 'DeleteResourcePolicy', { ResourceArn: arnOf(name), ...p });
  const shares = async (account = OWNER, resourceOwner = 'SELF') =>
    (await ram(account, '/getresourceshares', { resourceOwner })).json['resourceShares'] as Array<
      Record<string, unknown>
    >;
  const promote = (account: string, arn: string) =>
    ram(account, `/promoteresourcesharecreatedfrompolicy?resourceShareArn=${encodeURIComponent(arn)}`);
  const sharedNames = async (account = CONSUMER) =>
    (
      (await ssm(account, 'DescribeParameters', { Shared: true })).json['Parameters'] as Array<{
        ARN: string;
      }>
    ).map((p) => p.ARN);
  return { ssm, ram, parameter, attach, detach, shares, promote, sharedNames };
};

describe('A8 resource shares created from policies', () => {
  it('A8 the first policy creates one ACTIVE CREATED_FROM_POLICY share owned by the parameter account', async () => {
    const t = setup();
    await t.parameter('/app/db');
    expect(await t.shares()).toEqual([]);
    await t.attach('/app/db');
    await t.attach('/app/db', ['ssm:GetParameters']);
    const [share, ...more] = await t.shares();
    expect(more).toEqual([]);
    expect(share).toMatchObject({
      name: 'CREATED_FROM_POLICY-parameter/app/db',
      owningAccountId: OWNER,
      status: 'ACTIVE',
      featureSet: 'CREATED_FROM_POLICY',
      allowExternalPrincipals: true,
    });
    expect(share!['resourceShareArn']).toMatch(
      /^arn:aws:ram:us-east-1:111111111111:resource-share\/[0-9a-f-]{36}$/,
    );
    // Visible only to its owner until promoted.
    expect(await t.shares(CONSUMER, 'OTHER-ACCOUNTS')).toEqual([]);
    expect(await t.shares(CONSUMER)).toEqual([]);
    const listed = await t.ram(OWNER, '/listresources', { resourceOwner: 'SELF' });
    expect(listed.json).toEqual({
      resources: [
        expect.objectContaining({
          arn: arnOf('/app/db'),
          type: 'ssm:Parameter',
          resourceShareArn: share!['resourceShareArn'],
          status: 'AVAILABLE',
        }),
      ],
    });
  });

  it('A8 deleting a policy keeps the share while another remains; the last one deletes it', async () => {
    const t = setup();
    await t.parameter('/app/db');
    const a = await t.attach('/app/db');
    const b = await t.attach('/app/db', ['ssm:GetParameters']);
    expect((await t.detach('/app/db', a)).status).toBe(200);
    expect((await t.shares()).map((s) => s['status'])).toEqual(['ACTIVE']);
    expect((await t.detach('/app/db', b)).status).toBe(200);
    expect((await t.shares()).map((s) => s['status'])).toEqual(['DELETED']);
    expect((await t.ram(OWNER, '/listresources', { resourceOwner: 'SELF' })).json).toEqual({ resources: [] });
    // A new first policy makes a new share.
    await t.attach('/app/db');
    const all = await t.shares();
    expect(all.map((s) => s['status'])).toEqual(['DELETED', 'ACTIVE']);
    expect(all[0]!['resourceShareArn']).not.toBe(all[1]!['resourceShareArn']);
  });

  it('A8 deleting the parameter deletes its share; the re-created parameter is not shared (R7)', async () => {
    const t = setup();
    await t.parameter('/app/db');
    await t.attach('/app/db');
    expect((await t.ssm(OWNER, 'DeleteParameter', { Name: '/app/db' })).status).toBe(200);
    expect((await t.shares()).map((s) => s['status'])).toEqual(['DELETED']);
    await t.parameter('/app/db');
    expect((await t.shares()).map((s) => s['status'])).toEqual(['DELETED']);
  });

  it('A8 an OpsItemGroup policy and a refused write create no share', async () => {
    const t = setup();
    const ops = `arn:aws:ssm:${REGION}:${OWNER}:opsitemgroup/default`;
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: CONSUMER },
          Action: ['ssm:GetOpsItem'],
          Resource: [`arn:aws:ssm:${REGION}:${OWNER}:opsitem/*`, ops],
        },
      ],
    });
    expect((await t.ssm(OWNER, 'PutResourcePolicy', { ResourceArn: ops, Policy: policy })).status).toBe(200);
    await t.ssm(OWNER, 'PutParameter', { Name: '/std', Value: 'v', Type: 'String' });
    expect(
      (await t.ssm(OWNER, 'PutResourcePolicy', { ResourceArn: arnOf('/std'), Policy: 'x' })).status,
    ).toBe(400);
    expect(await t.shares()).toEqual([]);
  });

  it('A8 DescribeParameters with Shared lists a shared parameter for a consumer only after promotion', async () => {
    const t = setup();
    await t.parameter('/app/db');
    await t.parameter('/app/other');
    await t.attach('/app/db');
    expect(await t.sharedNames()).toEqual([]);
    const [share] = await t.shares();
    const promoted = await t.promote(OWNER, share!['resourceShareArn'] as string);
    expect(promoted).toMatchObject({ status: 200, json: { returnValue: true } });
    expect((await t.shares())[0]).toMatchObject({ featureSet: 'STANDARD', status: 'ACTIVE' });
    expect(await t.sharedNames()).toEqual([arnOf('/app/db')]);
    // Only for the principals the policy names; never the owner's own listing under Shared.
    expect(await t.sharedNames(STRANGER)).toEqual([]);
    expect(await t.sharedNames(OWNER)).toEqual([]);
    expect((await t.shares(CONSUMER, 'OTHER-ACCOUNTS')).map((s) => s['resourceShareArn'])).toEqual([
      share!['resourceShareArn'],
    ]);
    expect((await t.ram(CONSUMER, '/listresources', { resourceOwner: 'OTHER-ACCOUNTS' })).json).toEqual({
      resources: [expect.objectContaining({ arn: arnOf('/app/db') })],
    });
  });

  it('A8 the profile option listSharedBeforePromotion lists the parameter at once', async () => {
    const t = setup(makeProfile({ listSharedBeforePromotion: true }));
    await t.parameter('/app/db');
    await t.attach('/app/db');
    expect(await t.sharedNames()).toEqual([arnOf('/app/db')]);
  });

  it('A8 A4 a share conditioned on aws:PrincipalOrgID is listed (DescribeParameters, RAM) for members of the organization only', async () => {
    const member = 'AKIDEXAMPLEMEMBER001';
    const outsider = 'AKIDEXAMPLEOUTSIDER1';
    const t = setup(undefined, [
      {
        accessKeyId: member,
        account: CONSUMER,
        principal: `arn:aws:sts::${CONSUMER}:assumed-role/Reader/bob`,
        orgId: 'o-abc123',
      },
      {
        accessKeyId: outsider,
        account: STRANGER,
        principal: `arn:aws:sts::${STRANGER}:assumed-role/Reader/carol`,
        orgId: 'o-other99',
      },
    ]);
    await t.parameter('/org/db');
    const put = await t.ssm(OWNER, 'PutResourcePolicy', {
      ResourceArn: arnOf('/org/db'),
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: [CONSUMER, STRANGER] },
            Action: ['ssm:GetParameter', 'ssm:DescribeParameters'],
            Resource: arnOf('/org/db'),
            Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
          },
        ],
      }),
    });
    expect(put.status).toBe(200);
    const [share] = await t.shares();
    expect((await t.promote(OWNER, share!['resourceShareArn'] as string)).status).toBe(200);
    expect(await t.sharedNames(member)).toEqual([arnOf('/org/db')]);
    expect(await t.sharedNames(outsider)).toEqual([]);
    // The account's root is no member: the organization is the identity's, not the account's.
    expect(await t.sharedNames(CONSUMER)).toEqual([]);
    expect((await t.shares(member, 'OTHER-ACCOUNTS')).map((s) => s['name'])).toEqual([
      'CREATED_FROM_POLICY-parameter/org/db',
    ]);
    expect(await t.shares(outsider, 'OTHER-ACCOUNTS')).toEqual([]);
  });

  it("A8 A4 a share keyed on aws:ResourceOrgID lists the parameter for callers of the owner's organization only", async () => {
    const member = 'AKIDEXAMPLEMEMBER001';
    const outsider = 'AKIDEXAMPLEOUTSIDER1';
    const t = setup(undefined, [
      // The owner account's organization is configured through one of its identities.
      {
        accessKeyId: 'AKIDEXAMPLEALICE0001',
        account: OWNER,
        principal: `arn:aws:iam::${OWNER}:user/alice`,
        orgId: 'o-abc123',
      },
      {
        accessKeyId: member,
        account: CONSUMER,
        principal: `arn:aws:iam::${CONSUMER}:user/bob`,
        orgId: 'o-abc123',
      },
      {
        accessKeyId: outsider,
        account: STRANGER,
        principal: `arn:aws:iam::${STRANGER}:user/eve`,
        orgId: 'o-other99',
      },
    ]);
    await t.parameter('/org/cfg');
    const put = await t.ssm(OWNER, 'PutResourcePolicy', {
      ResourceArn: arnOf('/org/cfg'),
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: [CONSUMER, STRANGER] },
            Action: ['ssm:GetParameter', 'ssm:DescribeParameters'],
            Resource: arnOf('/org/cfg'),
            Condition: { StringEquals: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } },
          },
        ],
      }),
    });
    expect(put.status).toBe(200);
    const [share] = await t.shares();
    expect((await t.promote(OWNER, share!['resourceShareArn'] as string)).status).toBe(200);
    expect(await t.sharedNames(member)).toEqual([arnOf('/org/cfg')]);
    expect(await t.sharedNames(outsider)).toEqual([]);
    expect((await t.shares(member, 'OTHER-ACCOUNTS')).length).toBe(1);
    expect(await t.shares(outsider, 'OTHER-ACCOUNTS')).toEqual([]);
  });

  it('A8 a policy that does not grant ssm:DescribeParameters does not list the parameter', async () => {
    const t = setup(makeProfile({ listSharedBeforePromotion: true }));
    await t.parameter('/app/db');
    await t.attach('/app/db', ['ssm:GetParameter']);
    expect(await t.sharedNames()).toEqual([]);
  });

  it("A8 promotion refuses with RAM's errors, on restJson1's error shape", async () => {
    const t = setup();
    await t.parameter('/app/db');
    const p = await t.attach('/app/db');
    const arn = (await t.shares())[0]!['resourceShareArn'] as string;
    const missing = await t.ram(OWNER, '/promoteresourcesharecreatedfrompolicy');
    expect(missing.status).toBe(400);
    expect(missing.headers['x-amzn-errortype']).toBe('MissingRequiredParameterException');
    expect(missing.headers['content-type']).toBe('application/json');
    expect(Object.keys(missing.json)).toEqual(['message']);
    const code = async (account: string, a: string) =>
      (await t.promote(account, a)).headers['x-amzn-errortype'];
    expect(await code(OWNER, 'not-an-arn')).toBe('MalformedArnException');
    expect(await code(OWNER, `arn:aws:ram:${REGION}:${OWNER}:resource-share/nope`)).toBe(
      'UnknownResourceException',
    );
    expect(await code(CONSUMER, arn)).toBe('UnknownResourceException');
    expect((await t.promote(OWNER, arn)).status).toBe(200);
    expect(await code(OWNER, arn)).toBe('OperationNotPermittedException');
    await t.detach('/app/db', p);
    expect(await code(OWNER, arn)).toBe('InvalidStateTransitionException');
  });

  it("A8 RAM's requests are validated as its model says", async () => {
    const t = setup();
    const code = async (path: string, body: unknown) =>
      (await t.ram(OWNER, path, body)).headers['x-amzn-errortype'];
    expect(await code('/getresourceshares', {})).toBe('MissingRequiredParameterException');
    expect(await code('/getresourceshares', { resourceOwner: 'ME' })).toBe('InvalidParameterException');
    expect(await code('/getresourceshares', { resourceOwner: 'SELF', maxResults: 501 })).toBe(
      'InvalidParameterException',
    );
    expect(await code('/getresourceshares', { resourceOwner: 'SELF', nextToken: 'zz' })).toBe(
      'InvalidNextTokenException',
    );
    expect(await code('/getresourceshares', { resourceOwner: 'SELF', resourceShareArns: ['x'] })).toBe(
      'MalformedArnException',
    );
    expect(await code('/listresources', { resourceOwner: 'SELF', resourceType: 'bad type' })).toBe(
      'InvalidResourceTypeException',
    );
    expect(await code('/listresources', [])).toBe('InvalidParameterException');
    // An unknown path without a target is SSM's unknown operation, as before.
    const other = await t.ram(OWNER, '/createresourceshare', {});
    expect(other.json['__type']).toBe('UnknownOperationException');
  });

  it('A8 GetResourceShares pages with maxResults and nextToken', async () => {
    const t = setup();
    for (const name of ['/a', '/b', '/c']) {
      await t.parameter(name);
      await t.attach(name);
    }
    const first = await t.ram(OWNER, '/getresourceshares', { resourceOwner: 'SELF', maxResults: 2 });
    expect((first.json['resourceShares'] as unknown[]).length).toBe(2);
    const second = await t.ram(OWNER, '/getresourceshares', {
      resourceOwner: 'SELF',
      maxResults: 2,
      nextToken: first.json['nextToken'],
    });
    expect((second.json['resourceShares'] as Array<{ name: string }>).map((s) => s.name)).toEqual([
      'CREATED_FROM_POLICY-parameter/c',
    ]);
    expect(second.json['nextToken']).toBeUndefined();
  });

  it('A8 the hooks read each ARN right however many resources are written, an OpsItemGroup never shared', async () => {
    const shares = createMemoryResourceShareStore();
    const lifecycle = makeShareLifecycle({
      shares,
      deps: {
        repository: createMemoryPolicyRepository(),
        catalog: createParameterStore(),
        ids: seededIdSource(3),
        profile: defaultProfile,
      },
    });
    const owner = makeCaller({ account: OWNER, region: REGION });
    const ops = `arn:aws:ssm:${REGION}:${OWNER}:opsitemgroup/default`;
    // 600 parameters: more than the hooks keep read, so what they keep is emptied on the way, twice.
    const names = Array.from({ length: 600 }, (_, i) => `/many/p${i}`);
    for (const round of [0, 1]) {
      for (const name of names) {
        // The ARN as a client may write it (a parameter name with its leading slash) and as the core writes it.
        await lifecycle.afterPolicyPut(
          owner,
          round === 0 ? arnOf(name) : arnOf(name).replace('parameter/', 'parameter//'),
        );
        await lifecycle.afterPolicyPut(owner, ops);
      }
    }
    for (const name of names)
      expect((await shares.activeShareOf(arnOf(name)))?.resourceArn).toBe(arnOf(name));
    expect(await shares.activeShareOf(ops)).toBeUndefined();
    expect((await shares.ownedBy(OWNER)).length).toBe(names.length);
  });

  it('A8 the memory share store keeps one active share per parameter: a second one saved for it is not saved', async () => {
    const shares = createMemoryResourceShareStore();
    const owner = makeCaller({ account: OWNER, region: REGION });
    const arn = arnOf('/one/share');
    const first = newPolicyShare(owner, arn, 'first', new Date(1_000));
    const second = newPolicyShare(owner, arn, 'second', new Date(2_000));
    await shares.save(first);
    await shares.save(second);
    expect(await shares.activeShareOf(arn)).toEqual(first);
    expect(await shares.ownedBy(OWNER)).toEqual([first]);
    // The active one is still replaced in place (a promotion), and once deleted a new one can take its place.
    const promoted = { ...first, featureSet: 'STANDARD' as const };
    await shares.save(promoted);
    expect(await shares.activeShareOf(arn)).toEqual(promoted);
    await shares.save({ ...promoted, status: 'DELETED' });
    await shares.save(second);
    expect(await shares.activeShareOf(arn)).toEqual(second);
    expect((await shares.ownedBy(OWNER)).map((s) => [s.name, s.status])).toEqual([
      [first.name, 'DELETED'],
      [second.name, 'ACTIVE'],
    ]);
  });
});

describe('A8 how many deleted shares the memory store remembers', () => {
  const owner = makeCaller({ account: OWNER, region: REGION });
  const shareOf = (n: number) => newPolicyShare(owner, arnOf(`/churn/${n}`), `share-${n}`, new Date(n));

  it('A8 it keeps the maxDeletedShares deleted most recently, forgets older ones, and never an active share', async () => {
    const shares = createMemoryResourceShareStore({ maxDeletedShares: 3 });
    for (let n = 0; n < 6; n++) await shares.save(shareOf(n));
    // Deleted in the order 4, 0, 5, 1, 2: the first two deleted are forgotten; 3 stays active throughout.
    for (const n of [4, 0, 5, 1, 2]) await shares.save({ ...shareOf(n), status: 'DELETED' });
    expect((await shares.ownedBy(OWNER)).map((s) => [s.name, s.status])).toEqual([
      [shareOf(1).name, 'DELETED'],
      [shareOf(2).name, 'DELETED'],
      [shareOf(3).name, 'ACTIVE'],
      [shareOf(5).name, 'DELETED'],
    ]);
    expect(await shares.byArn(shareOf(4).resourceShareArn)).toBeUndefined();
    expect(await shares.byArn(shareOf(0).resourceShareArn)).toBeUndefined();
    expect(await shares.activeShareOf(arnOf('/churn/3'))).toEqual(shareOf(3));
    // Saving a deleted share again does not count it twice.
    await shares.save({ ...shareOf(5), status: 'DELETED' });
    expect((await shares.ownedBy(OWNER)).filter((s) => s.status === 'DELETED')).toHaveLength(3);
  });

  it('A8 with 0 it remembers no deleted share; a bound that is not a whole number of 0 or more is refused', async () => {
    const shares = createMemoryResourceShareStore({ maxDeletedShares: 0 });
    await shares.save(shareOf(1));
    await shares.save({ ...shareOf(1), status: 'DELETED' });
    expect(await shares.ownedBy(OWNER)).toEqual([]);
    for (const bad of [-1, 1.5, Number.NaN, Infinity])
      expect(() => createMemoryResourceShareStore({ maxDeletedShares: bad })).toThrow(RangeError);
  });

  it('A8 R7 parameters created, shared and deleted over and over leave at most the bound of deleted shares', async () => {
    const shares = createMemoryResourceShareStore({ maxDeletedShares: 5 });
    const handle = createWireHandler({ ids: seededIdSource(9), shares });
    const call = async (op: string, body: unknown): Promise<number> =>
      (
        await handle({
          method: 'POST',
          path: '/',
          headers: { 'x-amz-target': `AmazonSSM.${op}`, authorization: auth(OWNER, 'ssm') },
          body: new TextEncoder().encode(JSON.stringify(body)),
        })
      ).status;
    const policy = (arn: string): string =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: CONSUMER }, Action: 'ssm:GetParameter', Resource: arn },
        ],
      });
    for (let n = 0; n < 40; n++) {
      const name = `/churn/${n % 4}`;
      expect(await call('PutParameter', { Name: name, Value: 'v', Type: 'String', Tier: 'Advanced' })).toBe(
        200,
      );
      expect(await call('PutResourcePolicy', { ResourceArn: arnOf(name), Policy: policy(arnOf(name)) })).toBe(
        200,
      );
      if (n < 38) expect(await call('DeleteParameter', { Name: name })).toBe(200);
    }
    const statuses = (await shares.ownedBy(OWNER)).map((s) => s.status);
    expect(statuses.filter((s) => s === 'DELETED')).toHaveLength(5);
    expect(statuses.filter((s) => s === 'ACTIVE')).toHaveLength(2);
  });
});

describe('DescribeParameters', () => {
  it('lists the caller’s own parameters in its region, filtered and paged', async () => {
    const t = setup();
    for (const name of ['/app/a', '/app/b', '/app/sub/c', '/other']) await t.parameter(name);
    await t.parameter('/app/theirs', CONSUMER);
    const names = async (body: Record<string, unknown>) =>
      ((await t.ssm(OWNER, 'DescribeParameters', body)).json['Parameters'] as Array<{ Name: string }>).map(
        (p) => p.Name,
      );
    expect(await names({})).toEqual(['/app/a', '/app/b', '/app/sub/c', '/other']);
    expect(
      await names({ ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: ['/app'] }] }),
    ).toEqual(['/app/a', '/app/b', '/app/sub/c']);
    expect(await names({ ParameterFilters: [{ Key: 'Name', Values: ['/other'] }] })).toEqual(['/other']);
    expect(await names({ ParameterFilters: [{ Key: 'Path', Values: ['/app'] }] })).toEqual([
      '/app/a',
      '/app/b',
    ]);
    expect(
      await names({ ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/app'] }] }),
    ).toEqual(['/app/a', '/app/b', '/app/sub/c']);
    expect(await names({ ParameterFilters: [{ Key: 'Type', Values: ['SecureString'] }] })).toEqual([]);
    const first = await t.ssm(OWNER, 'DescribeParameters', { MaxResults: 3 });
    expect((first.json['Parameters'] as unknown[]).length).toBe(3);
    const rest = await t.ssm(OWNER, 'DescribeParameters', {
      MaxResults: 3,
      NextToken: first.json['NextToken'],
    });
    expect(rest.json).toEqual({ Parameters: [expect.objectContaining({ Name: '/other' })] });
  });

  it('answers the errors its model names', async () => {
    const t = setup();
    const type = async (body: unknown) => (await t.ssm(OWNER, 'DescribeParameters', body)).json['__type'];
    expect(await type({ MaxResults: 0 })).toBe('ValidationException');
    expect(await type({ MaxResults: 51 })).toBe('ValidationException');
    expect(await type({ ParameterFilters: [{ Key: 'Color', Values: ['x'] }] })).toBe('ValidationException');
    expect(await type({ ParameterFilters: [{ Key: 'Label', Values: ['x'] }] })).toBe('InvalidFilterKey');
    expect(await type({ ParameterFilters: [{ Key: 'Type', Option: 'Contains', Values: ['x'] }] })).toBe(
      'InvalidFilterOption',
    );
    expect(await type({ ParameterFilters: [{ Key: 'Name' }] })).toBe('InvalidFilterValue');
    expect(await type({ NextToken: 'garbage' })).toBe('InvalidNextToken');
    expect(await type({ Shared: 'yes' })).toBe('SerializationException');
    // A token of the own listing is not one of the shared listing.
    for (const n of ['/a', '/b']) await t.parameter(n);
    const token = (await t.ssm(OWNER, 'DescribeParameters', { MaxResults: 1 })).json['NextToken'];
    expect(await type({ Shared: true, NextToken: token })).toBe('InvalidNextToken');
  });
});
