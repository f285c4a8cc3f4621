// Rules A1–A5: the access evaluator, case by case from the IAM documentation's rules.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  combineWithIdentity,
  evaluateAccess,
  evaluateDocuments,
  parsePolicy,
  type AccessRequest,
} from '@ssm-policy/core';

const OWNER = '111111111111';
const OTHER = '222222222222';
const THIRD = '333333333333';
const ARN = `arn:aws:ssm:us-east-1:${OWNER}:parameter/app/db`;
const USER = `arn:aws:iam::${OTHER}:user/alice`;
const SESSION = `arn:aws:sts::${OTHER}:assumed-role/Reader/s1`;
const ROOT = `arn:aws:iam::${OTHER}:root`;

type Statement = Record<string, unknown>;
const policy = (statements: Statement[], version: string | undefined = '2012-10-17'): string =>
  JSON.stringify({ ...(version !== undefined ? { Version: version } : {}), Statement: statements });
const allow = (extra: Statement = {}): Statement => ({
  Effect: 'Allow',
  Principal: { AWS: OTHER },
  Action: 'ssm:GetParameter',
  Resource: ARN,
  ...extra,
});
const request = (extra: Partial<AccessRequest> = {}): AccessRequest => ({
  principal: USER,
  action: 'ssm:GetParameter',
  resource: ARN,
  ...extra,
});
const decide = (policies: string[], r: AccessRequest = request()) => {
  const result = evaluateAccess(policies, r);
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};
const decision = (statements: Statement[], r: AccessRequest = request(), version?: string) =>
  decide([policy(statements, version)], r).decision;
/** The decision of one Allow statement with this condition, for a request with this context. */
const when = (
  condition: Record<string, unknown>,
  context?: AccessRequest['context'],
  r: Partial<AccessRequest> = {},
) =>
  decision(
    [allow({ Condition: condition })],
    request({ ...(context !== undefined ? { context } : {}), ...r }),
  );

describe('A1 decision', () => {
  it('A1 is ImplicitDeny when no statement applies, Allow when one allows, ExplicitDeny when one denies', () => {
    expect(decision([allow({ Action: 'ssm:PutParameter' })])).toBe('ImplicitDeny');
    expect(decide([policy([allow({ Sid: 'Read' })])])).toEqual({
      decision: 'Allow',
      statements: [{ policyIndex: 0, statementIndex: 0, sid: 'Read', effect: 'Allow' }],
    });
    const denied = decide([
      policy([allow()]),
      policy([allow(), { ...allow({ Sid: 'No' }), Effect: 'Deny' }]),
    ]);
    expect(denied).toEqual({
      decision: 'ExplicitDeny',
      statements: [{ policyIndex: 1, statementIndex: 1, sid: 'No', effect: 'Deny' }],
    });
  });

  it('A1 names every applicable statement of the deciding effect, across policies', () => {
    const r = decide([policy([allow(), allow({ Sid: 'B' })]), policy([allow({ Action: 'ssm:*' })])]);
    expect(r.decision).toBe('Allow');
    expect(r.statements.map((s) => [s.policyIndex, s.statementIndex])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
    ]);
    expect(decide([]).decision).toBe('ImplicitDeny');
  });

  it('A1 answers Left only for text that is not a grammatical policy, naming the element', () => {
    const bad = evaluateAccess(
      [policy([allow()]), policy([allow({ Condition: { StringEquls: { 'aws:username': 'a' } } })])],
      request(),
    );
    expect(E.isLeft(bad) && bad.left).toEqual({
      _tag: 'MalformedResourcePolicyDocumentException',
      fault: 'client',
      message:
        'The specified policy document is malformed or invalid: Statement[0].Condition.StringEquls: unknown condition operator',
    });
    for (const text of [
      'not json',
      '{}',
      policy([{ Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '*' }]),
    ]) {
      expect(E.isLeft(evaluateAccess([text], request())), text).toBe(true);
    }
  });

  it('A1 reads every grammatical document: "*" principals, NotPrincipal, NotAction, NotResource, Service', () => {
    expect(decision([allow({ Principal: '*' })])).toBe('Allow');
    expect(decision([allow({ Principal: { Service: 'ssm.amazonaws.com' } })])).toBe('ImplicitDeny');
    expect(
      decision(
        [allow({ Principal: { Service: 'ssm.amazonaws.com' } })],
        request({ principal: 'ssm.amazonaws.com' }),
      ),
    ).toBe('Allow');
    const { Principal: _p, ...rest } = allow();
    expect(decision([{ ...rest, NotPrincipal: { AWS: THIRD } }])).toBe('Allow');
    expect(decision([{ ...rest, NotPrincipal: { AWS: OTHER } }])).toBe('ImplicitDeny');
  });
});

describe('A2 matching', () => {
  it('A2 matches actions case-insensitively with * and ?', () => {
    for (const Action of [
      'ssm:GetParameter',
      'SSM:getparameter',
      'ssm:Get*',
      'ssm:*',
      '*',
      'ssm:GetParamete?',
      ['ssm:X', 'ssm:g*r'],
    ]) {
      expect(decision([allow({ Action })]), JSON.stringify(Action)).toBe('Allow');
    }
    for (const Action of [
      'ssm:GetParameters',
      'ssm:Put*',
      'ssm:GetParameter?',
      's3:GetParameter',
      'ssm:GetParamete',
    ]) {
      expect(decision([allow({ Action })]), Action).toBe('ImplicitDeny');
    }
    expect(
      decision([allow({ Action: 'ssm:GetParameter*' })], request({ action: 'ssm:GetParametersByPath' })),
    ).toBe('Allow');
  });

  it('A2 NotAction applies to every action it does not name', () => {
    const { Action: _a, ...rest } = allow();
    expect(decision([{ ...rest, NotAction: 'ssm:Put*' }])).toBe('Allow');
    expect(decision([{ ...rest, NotAction: ['ssm:Put*', 'ssm:getparameter'] }])).toBe('ImplicitDeny');
  });

  it('A2 matches resources case-sensitively; wildcards stay inside the first five ARN fields', () => {
    for (const Resource of [
      ARN,
      '*',
      `arn:aws:ssm:*:${OWNER}:parameter/app/*`,
      `arn:aws:ssm:us-east-?:${OWNER}:parameter/app/d?`,
      `arn:aws:ssm:us-east-1:${OWNER}:parameter/*`,
      'arn:aws:ssm:*:*:*',
      [`arn:aws:ssm:us-east-1:${OWNER}:parameter/other`, ARN],
    ]) {
      expect(decision([allow({ Resource })]), JSON.stringify(Resource)).toBe('Allow');
    }
    for (const Resource of [
      `arn:aws:ssm:us-east-1:${OWNER}:parameter/APP/DB`,
      `arn:aws:ssm:us-east-1:${OWNER}:parameter/App/*`,
      `arn:aws:ssm:*:${OTHER}:parameter/app/*`,
      // "*" in the account field does not reach across the colon into the resource field
      `arn:aws:ssm:us-east-1:*db:parameter/app/db`,
      `arn:aws:ssm:us-east-1:${OWNER}:parameter/app`,
    ]) {
      expect(decision([allow({ Resource })]), Resource).toBe('ImplicitDeny');
    }
    expect(
      decision(
        [allow({ Resource: `arn:aws:ssm:us-east-1:${OWNER}:parameter/*` })],
        request({ resource: `${ARN}:with:colons` }),
      ),
    ).toBe('Allow');
  });

  it('A2 NotResource applies to every resource it does not name', () => {
    const { Resource: _r, ...rest } = allow();
    expect(decision([{ ...rest, NotResource: `arn:aws:ssm:*:*:parameter/secret/*` }])).toBe('Allow');
    expect(decision([{ ...rest, NotResource: `arn:aws:ssm:*:*:parameter/app/*` }])).toBe('ImplicitDeny');
  });

  it('A2 an account principal (id or root) matches every principal of that account', () => {
    for (const AWS of [OTHER, ROOT]) {
      for (const principal of [USER, SESSION, ROOT, `arn:aws:iam::${OTHER}:user/path/bob`]) {
        expect(decision([allow({ Principal: { AWS } })], request({ principal })), `${AWS} ${principal}`).toBe(
          'Allow',
        );
      }
      expect(
        decision([allow({ Principal: { AWS } })], request({ principal: `arn:aws:iam::${THIRD}:user/alice` })),
      ).toBe('ImplicitDeny');
    }
    // The root ARN names the account in its own partition only.
    expect(decision([allow({ Principal: { AWS: `arn:aws-cn:iam::${OTHER}:root` } })])).toBe('ImplicitDeny');
  });

  it('A2 a user ARN matches that user only', () => {
    const Principal = { AWS: USER };
    expect(decision([allow({ Principal })])).toBe('Allow');
    for (const principal of [`arn:aws:iam::${OTHER}:user/bob`, ROOT, SESSION]) {
      expect(decision([allow({ Principal })], request({ principal })), principal).toBe('ImplicitDeny');
    }
  });

  it('A2 a role ARN (with or without a path) matches its assumed-role sessions; a session ARN only itself', () => {
    for (const AWS of [`arn:aws:iam::${OTHER}:role/Reader`, `arn:aws:iam::${OTHER}:role/team/Reader`]) {
      expect(decision([allow({ Principal: { AWS } })], request({ principal: SESSION })), AWS).toBe('Allow');
      expect(
        decision(
          [allow({ Principal: { AWS } })],
          request({ principal: `arn:aws:sts::${OTHER}:assumed-role/Writer/s1` }),
        ),
      ).toBe('ImplicitDeny');
      expect(decision([allow({ Principal: { AWS } })], request({ principal: ROOT }))).toBe('ImplicitDeny');
    }
    const Principal = { AWS: SESSION };
    expect(decision([allow({ Principal })], request({ principal: SESSION }))).toBe('Allow');
    expect(
      decision(
        [allow({ Principal })],
        request({ principal: `arn:aws:sts::${OTHER}:assumed-role/Reader/s2` }),
      ),
    ).toBe('ImplicitDeny');
  });

  it('A2 NotPrincipal excludes a caller only when it names the account, and for a session the role, too', () => {
    const denyAllBut = (AWS: string[]) => {
      const { Principal: _p, ...rest } = allow();
      return [allow({ Principal: '*' }), { ...rest, Effect: 'Deny', NotPrincipal: { AWS } }];
    };
    // The IAM User Guide's example: the user and the user's account
    expect(decision(denyAllBut([USER, ROOT]))).toBe('Allow');
    // The user alone leaves the account unnamed: denied
    expect(decision(denyAllBut([USER]))).toBe('ExplicitDeny');
    expect(decision(denyAllBut([OTHER]))).toBe('Allow');
    expect(decision(denyAllBut([ROOT]), request({ principal: `arn:aws:iam::${THIRD}:user/alice` }))).toBe(
      'ExplicitDeny',
    );
    // A session: account and role (or the session itself)
    const session = request({ principal: SESSION });
    expect(decision(denyAllBut([ROOT, `arn:aws:iam::${OTHER}:role/Reader`]), session)).toBe('Allow');
    expect(decision(denyAllBut([ROOT, `arn:aws:iam::${OTHER}:role/Reader`, SESSION]), session)).toBe('Allow');
    expect(decision(denyAllBut([`arn:aws:iam::${OTHER}:role/Reader`, SESSION]), session)).toBe(
      'ExplicitDeny',
    );
    expect(decision(denyAllBut([ROOT, SESSION]), session)).toBe('Allow');
  });

  it('A2 "*" matches everyone; a unique id matches only the entity whose aws:userid carries it', () => {
    for (const principal of [USER, SESSION, ROOT, `arn:aws:iam::${THIRD}:user/x`]) {
      expect(decision([allow({ Principal: { AWS: '*' } })], request({ principal }))).toBe('Allow');
    }
    const user = allow({ Principal: { AWS: 'AIDAJQABLZS4A3QDU576Q' } });
    expect(decision([user], request({ context: { 'aws:userid': 'AIDAJQABLZS4A3QDU576Q' } }))).toBe('Allow');
    expect(decision([user], request({ context: { 'aws:userid': 'AIDAOTHER0000000000' } }))).toBe(
      'ImplicitDeny',
    );
    expect(decision([user])).toBe('ImplicitDeny');
    const role = allow({ Principal: { AWS: 'AROAJQABLZS4A3QDU576Q' } });
    expect(
      decision(
        [role],
        request({ principal: SESSION, context: { 'aws:userid': 'AROAJQABLZS4A3QDU576Q:s1' } }),
      ),
    ).toBe('Allow');
  });
});

describe('A3 conditions', () => {
  it('A3 String operators: case rules, Like wildcards, negations', () => {
    const ctx = { 'aws:PrincipalTag/team': 'Red' };
    expect(when({ StringEquals: { 'aws:PrincipalTag/team': 'Red' } }, ctx)).toBe('Allow');
    expect(when({ StringEquals: { 'aws:PrincipalTag/team': 'red' } }, ctx)).toBe('ImplicitDeny');
    expect(when({ StringNotEquals: { 'aws:PrincipalTag/team': 'red' } }, ctx)).toBe('Allow');
    expect(when({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'RED' } }, ctx)).toBe('Allow');
    expect(when({ StringNotEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'red' } }, ctx)).toBe('ImplicitDeny');
    expect(when({ StringLike: { 'aws:PrincipalTag/team': 'R?d*' } }, ctx)).toBe('Allow');
    expect(when({ StringLike: { 'aws:PrincipalTag/team': 'r*' } }, ctx)).toBe('ImplicitDeny');
    expect(when({ StringNotLike: { 'aws:PrincipalTag/team': ['B*', 'G*'] } }, ctx)).toBe('Allow');
    expect(when({ StringNotLike: { 'aws:PrincipalTag/team': ['B*', 'R*'] } }, ctx)).toBe('ImplicitDeny');
  });

  it('A3 Numeric, Date and Bool operators', () => {
    const age = { 'aws:MultiFactorAuthAge': '300' };
    expect(when({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, age)).toBe('Allow');
    expect(when({ NumericLessThanEquals: { 'aws:MultiFactorAuthAge': 300 } }, age)).toBe('Allow');
    expect(when({ NumericGreaterThan: { 'aws:MultiFactorAuthAge': '300' } }, age)).toBe('ImplicitDeny');
    expect(when({ NumericGreaterThanEquals: { 'aws:MultiFactorAuthAge': '300.0' } }, age)).toBe('Allow');
    expect(when({ NumericEquals: { 'aws:MultiFactorAuthAge': ['1', '300'] } }, age)).toBe('Allow');
    expect(when({ NumericNotEquals: { 'aws:MultiFactorAuthAge': '300' } }, age)).toBe('ImplicitDeny');
    expect(
      when({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': 'x' }),
    ).toBe('ImplicitDeny');
    const now = { 'aws:CurrentTime': '2025-06-30T12:00:00Z' };
    expect(when({ DateLessThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, now)).toBe('Allow');
    expect(when({ DateGreaterThan: { 'aws:CurrentTime': '2026-01-01' } }, now)).toBe('ImplicitDeny');
    expect(when({ DateEquals: { 'aws:CurrentTime': '2025-06-30T14:00:00+02:00' } }, now)).toBe('Allow');
    expect(when({ DateNotEquals: { 'aws:CurrentTime': '2025-06-30T12:00:00Z' } }, now)).toBe('ImplicitDeny');
    expect(when({ DateLessThanEquals: { 'aws:CurrentTime': '1751284800' } }, now)).toBe('Allow'); // epoch seconds
    expect(when({ DateGreaterThanEquals: { 'aws:CurrentTime': '2025-06-30T12:00:00Z' } }, now)).toBe('Allow');
    // No clock: without aws:CurrentTime in the context, a date condition does not hold.
    expect(when({ DateLessThan: { 'aws:CurrentTime': '2999-01-01T00:00:00Z' } })).toBe('ImplicitDeny');
    expect(when({ Bool: { 'aws:SecureTransport': true } }, { 'aws:SecureTransport': 'true' })).toBe('Allow');
    expect(when({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'false' })).toBe(
      'ImplicitDeny',
    );
  });

  it('A3 BinaryEquals, IpAddress and NotIpAddress (IPv4 and IPv6)', () => {
    expect(when({ BinaryEquals: { 'ssm:Blob': 'QmluYXJ5' } }, { 'ssm:Blob': 'QmluYXJ5' })).toBe('Allow');
    expect(when({ BinaryEquals: { 'ssm:Blob': 'QmluYXJ5' } }, { 'ssm:Blob': 'QmluYXJ6' })).toBe(
      'ImplicitDeny',
    );
    const ip = (v: string) => ({ 'aws:SourceIp': v });
    expect(when({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, ip('10.1.2.3'))).toBe('Allow');
    expect(when({ IpAddress: { 'aws:SourceIp': ['192.168.0.0/16', '10.1.2.3'] } }, ip('10.1.2.3'))).toBe(
      'Allow',
    );
    expect(when({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, ip('11.0.0.1'))).toBe('ImplicitDeny');
    expect(when({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, ip('11.0.0.1'))).toBe('Allow');
    expect(when({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, ip('2001:db8:0:1::5'))).toBe('Allow');
    expect(when({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, ip('2001:db9::1'))).toBe('ImplicitDeny');
    expect(when({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, ip('2001:db8::1'))).toBe('ImplicitDeny');
    expect(when({ NotIpAddress: { 'aws:SourceIp': '10.0.0.1' } }, ip('2001:db8::1'))).toBe('Allow');
  });

  it('A3 Arn operators match each ARN field with wildcards, case-sensitively', () => {
    const arn = { 'aws:SourceArn': `arn:aws:sns:us-east-1:${OTHER}:topic` };
    expect(when({ ArnLike: { 'aws:SourceArn': `arn:aws:sns:*:${OTHER}:*` } }, arn)).toBe('Allow');
    expect(when({ ArnEquals: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${OTHER}:topic` } }, arn)).toBe(
      'Allow',
    );
    expect(when({ ArnEquals: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${OTHER}:Topic` } }, arn)).toBe(
      'ImplicitDeny',
    );
    expect(when({ ArnNotLike: { 'aws:SourceArn': `arn:aws:sns:*:${THIRD}:*` } }, arn)).toBe('Allow');
    expect(when({ ArnNotEquals: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${OTHER}:topic` } }, arn)).toBe(
      'ImplicitDeny',
    );
    expect(
      when({ ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${OTHER}:role/Read*` } }, undefined, {
        principal: SESSION,
      }),
    ).toBe('Allow');
  });

  it('A3 a missing key: false, except negated operators, IfExists, ForAllValues and Null', () => {
    expect(when({ StringEquals: { 'aws:PrincipalTag/team': 'red' } })).toBe('ImplicitDeny');
    expect(when({ StringNotEquals: { 'aws:PrincipalTag/team': 'red' } })).toBe('Allow');
    expect(when({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } })).toBe('Allow');
    expect(when({ StringEqualsIfExists: { 'aws:PrincipalTag/team': 'red' } })).toBe('Allow');
    expect(
      when({ StringEqualsIfExists: { 'aws:PrincipalTag/team': 'red' } }, { 'aws:PrincipalTag/team': 'blue' }),
    ).toBe('ImplicitDeny');
    expect(when({ 'ForAllValues:StringEquals': { 'aws:TagKeys': 'env' } })).toBe('Allow');
    expect(when({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'env' } })).toBe('ImplicitDeny');
    expect(when({ 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'env' } })).toBe('ImplicitDeny');
    expect(when({ Null: { 'aws:PrincipalTag/team': 'true' } })).toBe('Allow');
    expect(when({ Null: { 'aws:PrincipalTag/team': 'false' } })).toBe('ImplicitDeny');
    expect(when({ Null: { 'aws:PrincipalTag/team': 'false' } }, { 'aws:PrincipalTag/team': 'red' })).toBe(
      'Allow',
    );
  });

  it('A3 ForAllValues and ForAnyValue on multivalued keys', () => {
    const tags = { 'aws:TagKeys': ['env', 'team'] };
    expect(when({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team', 'cost'] } }, tags)).toBe(
      'Allow',
    );
    expect(when({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } }, tags)).toBe('ImplicitDeny');
    expect(when({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env'] } }, tags)).toBe('Allow');
    expect(when({ 'ForAnyValue:StringLike': { 'aws:TagKeys': ['x*'] } }, tags)).toBe('ImplicitDeny');
    expect(when({ 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'key1*' } }, tags)).toBe('Allow');
    expect(when({ 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'e*' } }, tags)).toBe('ImplicitDeny');
    expect(when({ 'ForAllValues:StringEquals': { 'aws:TagKeys': 'env' } }, { 'aws:TagKeys': [] })).toBe(
      'Allow',
    );
    expect(when({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'env' } }, { 'aws:TagKeys': [] })).toBe(
      'ImplicitDeny',
    );
  });

  it('A3 key names are case-insensitive; several values are OR, several keys and operators AND', () => {
    expect(
      when({ StringEquals: { 'AWS:PRINCIPALTAG/team': 'red' } }, { 'aws:principaltag/TEAM': 'red' }),
    ).toBe('Allow');
    expect(
      when(
        { StringEquals: { 'aws:PrincipalTag/team': ['blue', 'red'] } },
        { 'aws:PrincipalTag/team': 'red' },
      ),
    ).toBe('Allow');
    const both = {
      StringEquals: { 'aws:PrincipalTag/team': 'red', 'aws:PrincipalTag/env': 'prod' },
      Bool: { 'aws:SecureTransport': 'true' },
    };
    const ctx = {
      'aws:PrincipalTag/team': 'red',
      'aws:PrincipalTag/env': 'prod',
      'aws:SecureTransport': 'true',
    };
    expect(when(both, ctx)).toBe('Allow');
    expect(when(both, { ...ctx, 'aws:PrincipalTag/env': 'dev' })).toBe('ImplicitDeny');
    expect(when(both, { ...ctx, 'aws:SecureTransport': 'false' })).toBe('ImplicitDeny');
  });

  it('A3 policy variables in Resource and condition values, only in 2012-10-17', () => {
    const home = { Resource: `arn:aws:ssm:us-east-1:${OWNER}:parameter/home/\${aws:username}/*` };
    const alices = request({ resource: `arn:aws:ssm:us-east-1:${OWNER}:parameter/home/alice/key` });
    expect(decision([allow(home)], alices)).toBe('Allow');
    expect(decision([allow(home)], request({ ...alices, principal: `arn:aws:iam::${OTHER}:user/bob` }))).toBe(
      'ImplicitDeny',
    );
    // 2008-10-17 (and no Version): ${…} is literal text
    expect(decision([allow(home)], alices, '2008-10-17')).toBe('ImplicitDeny');
    expect(decide([JSON.stringify({ Statement: [allow(home)] })], alices).decision).toBe('ImplicitDeny');
    const literal = request({
      resource: `arn:aws:ssm:us-east-1:${OWNER}:parameter/home/\${aws:username}/key`,
    });
    expect(decision([allow(home)], literal, '2008-10-17')).toBe('Allow');
    // A variable's value is literal: a "*" in it is no wildcard.
    expect(decision([allow(home)], request({ ...alices, context: { 'aws:username': '*' } }))).toBe(
      'ImplicitDeny',
    );
    // ${*}, ${?}, ${$} are the characters themselves; a default covers a missing key
    const special = request({ resource: `arn:aws:ssm:us-east-1:${OWNER}:parameter/a*b?c$` });
    expect(
      decision([allow({ Resource: `arn:aws:ssm:us-east-1:${OWNER}:parameter/a\${*}b\${?}c\${$}` })], special),
    ).toBe('Allow');
    expect(
      decision(
        [
          allow({
            Resource: `arn:aws:ssm:us-east-1:${OWNER}:parameter/home/\${aws:PrincipalTag/home, 'alice'}/*`,
          }),
        ],
        alices,
      ),
    ).toBe('Allow');
    // In a condition value
    const same = { StringEquals: { 'aws:PrincipalTag/owner': '${aws:PrincipalAccount}' } };
    expect(when(same, { 'aws:PrincipalTag/owner': OTHER })).toBe('Allow');
    expect(when(same, { 'aws:PrincipalTag/owner': THIRD })).toBe('ImplicitDeny');
    // A variable without a value matches nothing
    expect(decision([allow(home)], request({ ...alices, principal: SESSION }))).toBe('ImplicitDeny');
  });
});

describe('A4 context keys derived from the request', () => {
  it('A4 derives PrincipalAccount, PrincipalArn, PrincipalType, username and ResourceAccount', () => {
    const check = (key: string, value: string, principal: string) =>
      when({ StringEquals: { [key]: value } }, undefined, { principal });
    expect(check('aws:PrincipalAccount', OTHER, SESSION)).toBe('Allow');
    expect(check('aws:PrincipalArn', `arn:aws:iam::${OTHER}:role/Reader`, SESSION)).toBe('Allow');
    expect(check('aws:PrincipalArn', USER, USER)).toBe('Allow');
    expect(check('aws:PrincipalType', 'AssumedRole', SESSION)).toBe('Allow');
    expect(check('aws:PrincipalType', 'User', USER)).toBe('Allow');
    expect(check('aws:PrincipalType', 'Account', ROOT)).toBe('Allow');
    expect(check('aws:username', 'alice', USER)).toBe('Allow');
    expect(check('aws:ResourceAccount', OWNER, USER)).toBe('Allow');
    // An assumed-role session has no aws:username; aws:userid only when the context gives it
    expect(
      when({ Null: { 'aws:username': 'true', 'aws:userid': 'true' } }, undefined, { principal: SESSION }),
    ).toBe('Allow');
    expect(
      when(
        { StringEquals: { 'aws:userid': 'AROAX:s1' } },
        { 'aws:userid': 'AROAX:s1' },
        { principal: SESSION },
      ),
    ).toBe('Allow');
  });

  it('A4 the context overrides a derived key', () => {
    expect(when({ StringEquals: { 'aws:PrincipalAccount': THIRD } }, { 'aws:PrincipalAccount': THIRD })).toBe(
      'Allow',
    );
    expect(when({ StringEquals: { 'aws:PrincipalAccount': OTHER } }, { 'AWS:PRINCIPALACCOUNT': THIRD })).toBe(
      'ImplicitDeny',
    );
  });

  it('A4 evaluateDocuments reads a parsed document as evaluateAccess reads its text', () => {
    const text = policy([
      allow(),
      { ...allow({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } }), Effect: 'Deny' },
    ]);
    const doc = parsePolicy(text);
    if (E.isLeft(doc)) throw new Error();
    for (const context of [{ 'aws:SecureTransport': 'true' }, { 'aws:SecureTransport': 'false' }]) {
      expect(evaluateDocuments([doc.right], request({ context }))).toEqual(
        decide([text], request({ context })),
      );
    }
  });
});

describe('A5 cross-account and same-account requests', () => {
  it('A5 a request from another account is allowed only when the resource policy allows it', () => {
    const r = request();
    expect(combineWithIdentity(decide([policy([allow()])], r), r)).toBe('Allow');
    expect(combineWithIdentity(decide([policy([allow({ Action: 'ssm:PutParameter' })])], r), r)).toBe(
      'ImplicitDeny',
    );
    expect(combineWithIdentity(decide([policy([allow()])], r), r, 'ImplicitDeny')).toBe('ImplicitDeny');
    expect(combineWithIdentity(decide([policy([allow()])], r), r, 'ExplicitDeny')).toBe('ExplicitDeny');
  });

  it("A5 a request from the owner's account is decided by its identity policies unless the policy denies it", () => {
    const r = request({ principal: `arn:aws:iam::${OWNER}:user/admin` });
    expect(decide([policy([allow()])], r).decision).toBe('ImplicitDeny');
    expect(combineWithIdentity(decide([policy([allow()])], r), r)).toBe('Allow');
    expect(combineWithIdentity(decide([policy([allow()])], r), r, 'ImplicitDeny')).toBe('ImplicitDeny');
    const deny = { ...allow({ Principal: '*' }), Effect: 'Deny' };
    expect(combineWithIdentity(decide([policy([deny])], r), r)).toBe('ExplicitDeny');
    // The resource policy alone can grant a principal of the owner's account
    const own = request({ principal: `arn:aws:iam::${OWNER}:user/admin` });
    expect(
      combineWithIdentity(decide([policy([allow({ Principal: { AWS: OWNER } })])], own), own, 'ImplicitDeny'),
    ).toBe('Allow');
  });
});
