// A4–A7 and R8 as the core decides them: the request context, the owner's and a consumer's decision, the
// denial's words and the profile's choices. The repository is a list of stored policies served in pages of
// one, so that the decision is shown to read every page.
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { describe, expect, it } from 'vitest';
import {
  accessContextOf,
  accessDenied,
  decideParameterAccess,
  defaultProfile,
  denialOf,
  makeCaller,
  makeProfile,
  principalArnOf,
  resolveResourceArn,
  storageError,
  type PolicyRepository,
} from '@ssm-policy/core';
import { left, right } from './fixtures.js';

const OWNER = '111111111111';
const CONSUMER = '222222222222';
const THIRD = '333333333333';
const ARN = `arn:aws:ssm:us-east-1:${OWNER}:parameter/app/db`;
const NOW = new Date('2026-11-29T07:00:00Z');

const policy = (statements: ReadonlyArray<Record<string, unknown>>): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (principal: string, action: string | string[] = 'ssm:GetParameter', extra = {}) => ({
  Effect: 'Allow',
  Principal: { AWS: principal },
  Action: action,
  Resource: ARN,
  ...extra,
});

/** A store holding these policies for the parameter, one per page. */
const repositoryOf = (policies: ReadonlyArray<string>): PolicyRepository => ({
  capabilities: { assignsIdentity: false },
  create: () => TE.left(storageError('read only')),
  update: () => TE.left(storageError('read only')),
  delete: () => TE.left(storageError('read only')),
  dropResource: () => TE.right(undefined),
  list: ({ cursor }) => {
    const i = cursor === undefined ? 0 : Number(cursor);
    const page = policies.slice(i, i + 1).map((Policy, n) => ({
      PolicyId: `p${i + n}`,
      PolicyHash: 'h',
      Policy,
    }));
    return TE.right(i + 1 < policies.length ? { policies: page, cursor: String(i + 1) } : { policies: page });
  },
});

const consumer = makeCaller({ account: CONSUMER, region: 'us-east-1' });
const bob = makeCaller({
  account: CONSUMER,
  region: 'us-east-1',
  identity: {
    principal: `arn:aws:sts::${CONSUMER}:assumed-role/Reader/bob`,
    userId: 'AROAEXAMPLE:bob',
    orgId: 'o-abc123',
    orgPaths: ['o-abc123/r-ab12/ou-ab12-11111111/'],
  },
  sourceIp: '::ffff:10.1.2.3',
});
const owner = makeCaller({ account: OWNER, region: 'us-east-1' });

const decide = async (
  policies: ReadonlyArray<string>,
  caller = consumer,
  action = 'ssm:GetParameter',
  profile = defaultProfile,
) =>
  right(
    await decideParameterAccess({ repository: repositoryOf(policies), profile })(
      caller,
      { arn: ARN },
      action,
      NOW,
    )(),
  );

describe('A4 request context', () => {
  it('A4 supplies region, transport, time, source address, unique id and organization', () => {
    expect(accessContextOf(bob, NOW)).toEqual({
      'aws:RequestedRegion': 'us-east-1',
      'aws:SecureTransport': 'false',
      'aws:CurrentTime': '2026-11-29T07:00:00.000Z',
      'aws:EpochTime': String(NOW.getTime() / 1000),
      'aws:SourceIp': '10.1.2.3',
      'aws:userid': 'AROAEXAMPLE:bob',
      'aws:PrincipalOrgID': 'o-abc123',
      'aws:PrincipalOrgPaths': ['o-abc123/r-ab12/ou-ab12-11111111/'],
    });
  });

  it('A4 a caller without identity is its account root (W6 convention), and has no organization keys', () => {
    expect(principalArnOf(consumer)).toBe(`arn:aws:iam::${CONSUMER}:root`);
    expect(accessContextOf(consumer, NOW)).not.toHaveProperty('aws:PrincipalOrgID');
  });

  it('A4 a condition on aws:PrincipalOrgID allows the organization member and no one else', async () => {
    const doc = policy([
      allow('*', 'ssm:GetParameter', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }),
    ]);
    expect((await decide([doc], bob)).decision).toBe('Allow');
    expect((await decide([doc], consumer)).decision).toBe('ImplicitDeny');
  });

  it("A4 the resource's organization, when its account's is known, is aws:ResourceOrgID and aws:ResourceOrgPaths", () => {
    const org = { orgId: 'o-abc123', orgPaths: ['o-abc123/r-ab12/ou-ab12-22222222/'] };
    expect(accessContextOf(consumer, NOW, org)).toMatchObject({
      'aws:ResourceOrgID': 'o-abc123',
      'aws:ResourceOrgPaths': ['o-abc123/r-ab12/ou-ab12-22222222/'],
    });
    expect(accessContextOf(consumer, NOW, { orgId: 'o-abc123' })).not.toHaveProperty('aws:ResourceOrgPaths');
    expect(accessContextOf(consumer, NOW)).not.toHaveProperty('aws:ResourceOrgID');
  });

  it("A4 a condition aws:ResourceOrgID = ${aws:PrincipalOrgID} allows callers of the owner's organization only", async () => {
    const doc = policy([
      allow('*', 'ssm:GetParameter', {
        Condition: { StringEquals: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } },
      }),
    ]);
    const organizationOf = (account: string) => (account === OWNER ? { orgId: 'o-abc123' } : undefined);
    const decideIn = async (caller: typeof bob, of?: typeof organizationOf) =>
      right(
        await decideParameterAccess({
          repository: repositoryOf([doc]),
          profile: defaultProfile,
          ...(of === undefined ? {} : { organizationOf: of }),
        })(caller, { arn: ARN }, 'ssm:GetParameter', NOW)(),
      ).decision;
    expect(await decideIn(bob, organizationOf)).toBe('Allow');
    // Another organization, no organization, or an owner whose organization is not configured: no match.
    const outsider = makeCaller({
      account: CONSUMER,
      region: 'us-east-1',
      identity: { principal: `arn:aws:iam::${CONSUMER}:user/eve`, orgId: 'o-zzz999' },
    });
    expect(await decideIn(outsider, organizationOf)).toBe('ImplicitDeny');
    expect(await decideIn(consumer, organizationOf)).toBe('ImplicitDeny');
    expect(await decideIn(bob)).toBe('ImplicitDeny');
  });

  it('A4 conditions on aws:SourceIp, aws:SecureTransport and aws:PrincipalArn read the supplied context', async () => {
    const onIp = policy([
      allow(CONSUMER, 'ssm:GetParameter', { Condition: { IpAddress: { 'aws:SourceIp': '10.1.0.0/16' } } }),
    ]);
    expect((await decide([onIp], bob)).decision).toBe('Allow');
    const tls = policy([
      allow(CONSUMER, 'ssm:GetParameter', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } }),
    ]);
    expect((await decide([tls], bob)).decision).toBe('ImplicitDeny');
    const role = policy([
      allow(CONSUMER, 'ssm:GetParameter', {
        Condition: { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${CONSUMER}:role/Reader` } },
      }),
    ]);
    expect((await decide([role], bob)).decision).toBe('Allow');
  });
});

describe('A5 A6 decisions', () => {
  it('A6 a consumer is allowed exactly the actions the policy grants, by account or by role', async () => {
    const byAccount = policy([allow(CONSUMER, ['ssm:GetParameter', 'ssm:GetParameters'])]);
    expect((await decide([byAccount])).decision).toBe('Allow');
    expect((await decide([byAccount], consumer, 'ssm:GetParameters')).decision).toBe('Allow');
    expect((await decide([byAccount], consumer, 'ssm:GetParameterHistory')).decision).toBe('ImplicitDeny');
    const byRole = policy([allow(`arn:aws:iam::${CONSUMER}:role/Reader`)]);
    expect((await decide([byRole], bob)).decision).toBe('Allow'); // the assumed-role session
    expect((await decide([byRole], consumer)).decision).toBe('ImplicitDeny'); // the account root is not the role
  });

  it('A5 a consumer with no policy, or of a third account, is implicitly denied', async () => {
    expect((await decide([])).decision).toBe('ImplicitDeny');
    const third = makeCaller({ account: THIRD, region: 'us-east-1' });
    expect((await decide([policy([allow(CONSUMER)])], third)).decision).toBe('ImplicitDeny');
  });

  it('A5 the owner is allowed without any policy, unless a policy explicitly denies it', async () => {
    expect((await decide([], owner)).decision).toBe('Allow');
    const deny = policy([{ ...allow(OWNER), Effect: 'Deny' }]);
    expect((await decide([deny], owner)).decision).toBe('ExplicitDeny');
  });

  it('A5 an explicit Deny wins over an Allow, across policies and pages', async () => {
    const result = await decide([
      policy([allow(CONSUMER)]),
      policy([{ ...allow(CONSUMER), Effect: 'Deny', Sid: 'no' }]),
    ]);
    expect(result.decision).toBe('ExplicitDeny');
    expect(result.resourcePolicies.statements).toEqual([
      { policyIndex: 1, statementIndex: 0, sid: 'no', effect: 'Deny' },
    ]);
  });

  it('A5 profile assumeIdentityAllows false: the owner too needs a policy that allows', async () => {
    const strict = makeProfile({ assumeIdentityAllows: false });
    expect((await decide([], owner, 'ssm:GetParameter', strict)).decision).toBe('ImplicitDeny');
    expect((await decide([policy([allow(OWNER)])], owner, 'ssm:GetParameter', strict)).decision).toBe(
      'Allow',
    );
    expect((await decide([policy([allow(CONSUMER)])], consumer, 'ssm:GetParameter', strict)).decision).toBe(
      'ImplicitDeny',
    );
  });

  it('A6 a store failure is an InternalServerError, never a decision', async () => {
    const failing: PolicyRepository = { ...repositoryOf([]), list: () => TE.left(storageError('down')) };
    const result = await decideParameterAccess({ repository: failing, profile: defaultProfile })(
      consumer,
      { arn: ARN },
      'ssm:GetParameter',
      NOW,
    )();
    expect(left(result)._tag).toBe('InternalServerError');
  });
});

describe('A7 denials', () => {
  it("A7 an implicit deny names principal, action, resource and that no policy allows, in IAM's words", async () => {
    const denial = denialOf(await decide([], bob), bob, defaultProfile);
    expect(denial).toEqual(
      accessDenied(
        `arn:aws:sts::${CONSUMER}:assumed-role/Reader/bob`,
        'ssm:GetParameter',
        ARN,
        'ImplicitDeny',
      ),
    );
    expect(denial === 'ParameterNotFound' ? '' : denial.message).toBe(
      `User: arn:aws:sts::${CONSUMER}:assumed-role/Reader/bob is not authorized to perform: ssm:GetParameter on resource: ${ARN} because no resource-based policy allows the ssm:GetParameter action`,
    );
  });

  it('A7 an explicit deny says so', async () => {
    const denial = denialOf(
      await decide([policy([{ ...allow(CONSUMER), Effect: 'Deny' }])]),
      consumer,
      defaultProfile,
    );
    expect(denial === 'ParameterNotFound' ? '' : denial.message).toBe(
      `User: arn:aws:iam::${CONSUMER}:root is not authorized to perform: ssm:GetParameter on resource: ${ARN} with an explicit deny in a resource-based policy`,
    );
  });

  it('A7 profile crossAccountDenial ParameterNotFound: a consumer is told nothing exists; the owner still gets AccessDenied', async () => {
    const hidden = makeProfile({ crossAccountDenial: 'ParameterNotFound' });
    expect(denialOf(await decide([]), consumer, hidden)).toBe('ParameterNotFound');
    const deny = policy([{ ...allow(OWNER), Effect: 'Deny' }]);
    const own = denialOf(await decide([deny], owner), owner, hidden);
    expect(own === 'ParameterNotFound' ? own : own._tag).toBe('AccessDeniedException');
  });

  it('A7 a denial carries no value, version or type: only the code, the message and the fault', async () => {
    const denial = denialOf(await decide([]), consumer, defaultProfile);
    expect(Object.keys(denial === 'ParameterNotFound' ? {} : denial).sort()).toEqual([
      '_tag',
      'fault',
      'message',
    ]);
  });
});

describe('R8 consumer writes', () => {
  it('R8 PutResourcePolicy and DeleteResourcePolicy on a shared parameter are refused whatever the policy grants', () => {
    // resolveResourceArn is the R8 step of Put and Delete: it never reads a policy, so no grant can matter.
    const refused = left(resolveResourceArn(ARN, consumer, { profile: defaultProfile }, 'write'));
    expect(refused._tag).toBe('ResourcePolicyInvalidParameterException');
    expect(E.isRight(resolveResourceArn(ARN, owner, { profile: defaultProfile }, 'write'))).toBe(true);
  });
});
