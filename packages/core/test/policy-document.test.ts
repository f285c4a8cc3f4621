import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  MAX_POLICY_BYTES,
  checkPolicyActions,
  checkPolicyDocument,
  checkPolicyResources,
  checkPolicySize,
  defaultProfile,
  formatResourceArn,
  makeProfile,
  parsePolicyDocument,
  utf8Length,
} from '@ssm-policy/core';
import {
  ACCOUNT,
  OPS_ARN,
  OPS_ITEMS_ARN,
  OTHER_ACCOUNT,
  PARAM_ARN,
  REGION,
  left,
  opsGroup,
  opsPolicy,
  opsStatement,
  parameter,
  parameterPolicy,
  parameterStatement,
  policyWith,
  right,
} from './fixtures.js';

const MALFORMED = 'MalformedResourcePolicyDocumentException';
const malformedOnParameter = (policy: string) =>
  expect(left(checkPolicyDocument(policy, parameter, defaultProfile))._tag).toBe(MALFORMED);

/** A valid parameter policy padded (with a Sid) to exactly `bytes` UTF-8 bytes using `unit`. */
const paddedPolicy = (bytes: number, unit: string): string => {
  const base = policyWith({ Sid: '', ...parameterStatement() });
  const room = bytes - utf8Length(base);
  const unitBytes = utf8Length(unit);
  const filler = unit.repeat(Math.floor(room / unitBytes)) + 'a'.repeat(room % unitBytes);
  const policy = policyWith({ Sid: filler, ...parameterStatement() });
  expect(utf8Length(policy)).toBe(bytes);
  return policy;
};

describe('P1 size', () => {
  it('P1 accepts 1024 bytes and refuses 1025 with Limit 1024 and LimitType PolicySize', () => {
    expect(MAX_POLICY_BYTES).toBe(1024);
    expect(right(checkPolicySize('a'.repeat(1024), defaultProfile))).toHaveLength(1024);
    const e = left(checkPolicySize('a'.repeat(1025), defaultProfile));
    expect(e).toMatchObject({
      _tag: 'ResourcePolicyLimitExceededException',
      Limit: 1024,
      LimitType: 'PolicySize',
    });
    expect(
      left(checkPolicySize('a'.repeat(1025), makeProfile({ policySizeLimitType: 'Size' }))).LimitType,
    ).toBe('Size');
  });

  it('P1 counts UTF-8 bytes: multi-byte characters count as their bytes, not as one', () => {
    expect(right(checkPolicySize('é'.repeat(512), defaultProfile))).toHaveLength(512); // 1024 bytes
    expect(left(checkPolicySize('é'.repeat(513), defaultProfile))._tag).toBe(
      'ResourcePolicyLimitExceededException',
    );
    expect(left(checkPolicySize('€'.repeat(342), defaultProfile))._tag).toBe(
      'ResourcePolicyLimitExceededException',
    ); // 1026
    expect(right(checkPolicySize('😀'.repeat(256), defaultProfile))).toHaveLength(512); // 1024 bytes
    expect(left(checkPolicySize(`${'😀'.repeat(256)}a`, defaultProfile))._tag).toBe(
      'ResourcePolicyLimitExceededException',
    );
    // Real documents at the edge, with non-ASCII text in a Sid.
    for (const unit of ['a', 'é', '€', '😀']) {
      expect(
        right(checkPolicyDocument(paddedPolicy(1024, unit), parameter, defaultProfile)).Statements,
      ).toHaveLength(1);
      expect(left(checkPolicyDocument(paddedPolicy(1025, unit), parameter, defaultProfile))._tag).toBe(
        'ResourcePolicyLimitExceededException',
      );
    }
  });

  test.prop([fc.string({ unit: 'binary', minLength: 250, maxLength: 1100 })], { numRuns: 200 })(
    'P1 refuses exactly the strings of more than 1024 UTF-8 bytes',
    (s) => {
      const over = Buffer.byteLength(s, 'utf8') > 1024;
      expect(checkPolicySize(s, defaultProfile)._tag).toBe(over ? 'Left' : 'Right');
    },
  );

  it('P1 is checked before P2–P6: an oversize malformed document is refused for its size', () => {
    expect(left(checkPolicyDocument(`not json ${'x'.repeat(1100)}`, parameter, defaultProfile))._tag).toBe(
      'ResourcePolicyLimitExceededException',
    );
  });
});

describe('P2 structure', () => {
  it('P2 refuses a document that is not a JSON object with a Statement', () => {
    for (const policy of [
      'not json',
      '{"Statement":',
      '[]',
      '"text"',
      '42',
      'null',
      '{}',
      '{"Version":"2012-10-17"}',
      '{"Statement":[]}',
      '{"Statement":"x"}',
      '{"Statement":null}',
      '{"Statement":[1]}',
      '{"Statement":[[]]}',
      `{"Statement":[${JSON.stringify(parameterStatement())}, "x"]}`,
      `{"Statement":${JSON.stringify(parameterStatement())},"Other":1}`,
      `{"Version":"2020-01-01","Statement":${JSON.stringify(parameterStatement())}}`,
      `{"Id":5,"Statement":${JSON.stringify(parameterStatement())}}`,
    ]) {
      malformedOnParameter(policy);
    }
  });

  it('P2 accepts a Statement object or a non-empty list of objects', () => {
    const s = parameterStatement();
    for (const policy of [
      JSON.stringify({ Statement: s }),
      JSON.stringify({ Version: '2012-10-17', Statement: [s, s] }),
      JSON.stringify({ Version: '2008-10-17', Id: 'x', Statement: [s] }),
    ]) {
      expect(right(checkPolicyDocument(policy, parameter, defaultProfile)).Statements.length).toBeGreaterThan(
        0,
      );
    }
  });
});

describe('P3 statements', () => {
  it('P3 refuses a statement without Effect, Principal, Action or Resource, or with a bad one', () => {
    const s = parameterStatement();
    const without = (k: string) => Object.fromEntries(Object.entries(s).filter(([key]) => key !== k));
    for (const statement of [
      without('Effect'),
      without('Principal'),
      without('Action'),
      without('Resource'),
      { ...s, Effect: 'Maybe' },
      { ...s, Effect: 'allow' },
      { ...s, Principal: '*' },
      { ...s, Principal: { AWS: '*' } },
      { ...s, Principal: { AWS: '12345' } },
      { ...s, Principal: { AWS: [] } },
      { ...s, Principal: { Service: 'ssm.amazonaws.com' } },
      { ...s, Principal: { AWS: OTHER_ACCOUNT, Service: 'x' } },
      { ...s, Principal: { AWS: 'arn:aws:iam::12345:root' } },
      { ...s, Action: [] },
      { ...s, Action: 1 },
      { ...s, Action: ['ssm:GetParameter', 2] },
      { ...s, Resource: [] },
      { ...s, Resource: {} },
      { ...s, Condition: 'x' },
      { ...s, Sid: 3 },
      { ...s, NotAction: 'ssm:GetParameter' },
    ]) {
      malformedOnParameter(policyWith(statement));
    }
  });

  it('P3 accepts every principal form: account id, account root, IAM role or user, a list of them', () => {
    for (const AWS of [
      OTHER_ACCOUNT,
      `arn:aws:iam::${OTHER_ACCOUNT}:root`,
      `arn:aws:iam::${OTHER_ACCOUNT}:role/Reader`,
      `arn:aws:iam::${OTHER_ACCOUNT}:user/team/alice`,
      [OTHER_ACCOUNT, `arn:aws:iam::${OTHER_ACCOUNT}:root`],
    ]) {
      const doc = right(
        checkPolicyDocument(
          policyWith({ ...parameterStatement(), Principal: { AWS } }),
          parameter,
          defaultProfile,
        ),
      );
      expect(doc.Statements[0]?.Principal).toEqual({
        kind: 'Keys',
        keys: { AWS: Array.isArray(AWS) ? AWS : [AWS] },
      });
    }
    const deny = right(
      parsePolicyDocument(
        policyWith({ ...parameterStatement(), Effect: 'Deny', Condition: {} }),
        defaultProfile,
      ),
    );
    expect(deny.Statements[0]).toMatchObject({ Effect: 'Deny', Condition: [] });
  });

  it('P3 follows the profile: elements left out of requiredStatementElements may be absent', () => {
    const profile = makeProfile({ requiredStatementElements: ['Effect', 'Action', 'Resource'] });
    const { Principal: _unused, ...noPrincipal } = parameterStatement();
    expect(
      right(parsePolicyDocument(policyWith(noPrincipal), profile)).Statements[0]?.Principal,
    ).toBeUndefined();
    expect(left(parsePolicyDocument(policyWith(noPrincipal), defaultProfile))._tag).toBe(MALFORMED);
  });
});

describe('P4 parameter actions', () => {
  it('P4 allows the four read-only parameter actions, case-insensitively', () => {
    for (const Action of [
      'ssm:GetParameter',
      'ssm:GetParameters',
      'ssm:DescribeParameters',
      'ssm:GetParameterHistory',
      'SSM:getparameter',
      ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:DescribeParameters', 'ssm:GetParameterHistory'],
    ]) {
      right(checkPolicyDocument(policyWith({ ...parameterStatement(), Action }), parameter, defaultProfile));
    }
  });

  it('P4 refuses any other action on a parameter', () => {
    for (const Action of [
      'ssm:PutParameter',
      'ssm:DeleteParameter',
      'ssm:*',
      '*',
      'ssm:CreateOpsItem',
      ['ssm:GetParameter', 'ssm:PutParameter'],
      'kms:Decrypt',
    ]) {
      malformedOnParameter(policyWith({ ...parameterStatement(), Action }));
    }
    const doc = right(parsePolicyDocument(parameterPolicy(), defaultProfile));
    expect(
      left(
        checkPolicyActions(
          { ...doc, Statements: [{ ...doc.Statements[0]!, Action: ['ssm:PutParameter'] }] },
          parameter,
          defaultProfile,
        ),
      )._tag,
    ).toBe(MALFORMED);
  });
});

describe('P5 OpsItemGroup actions', () => {
  it('P5 allows the OpsCenter cross-account actions on the OpsItemGroup', () => {
    const doc = right(checkPolicyDocument(opsPolicy(), opsGroup, defaultProfile));
    expect(doc.Statements[0]?.Action).toEqual(['ssm:CreateOpsItem', 'ssm:GetOpsItem']);
    const all = defaultProfile.opsItemGroupActions;
    expect(all).toEqual([
      'ssm:CreateOpsItem',
      'ssm:AddTagsToResource',
      'ssm:GetOpsItem',
      'ssm:UpdateOpsItem',
    ]);
    right(checkPolicyDocument(policyWith({ ...opsStatement(), Action: [...all] }), opsGroup, defaultProfile));
  });

  it('P5 refuses other actions on the OpsItemGroup', () => {
    for (const Action of [
      'ssm:GetParameter',
      'ssm:DeleteOpsItem',
      'ssm:*',
      ['ssm:CreateOpsItem', 'ssm:PutParameter'],
    ]) {
      expect(
        left(checkPolicyDocument(policyWith({ ...opsStatement(), Action }), opsGroup, defaultProfile))._tag,
      ).toBe(MALFORMED);
    }
  });
});

describe('P6 resources', () => {
  it('P6 refuses a statement that does not name the target resource', () => {
    for (const Resource of [
      `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/app/other`,
      `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/app/*`,
      '*',
      OPS_ITEMS_ARN,
      [PARAM_ARN, OPS_ARN],
      `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/db`,
    ]) {
      malformedOnParameter(parameterPolicy().replace(JSON.stringify(PARAM_ARN), JSON.stringify(Resource)));
    }
    for (const Resource of [
      `arn:aws:ssm:${REGION}:${OTHER_ACCOUNT}:opsitem/*`,
      `arn:aws:ssm:${REGION}:${OTHER_ACCOUNT}:opsitemgroup/default`,
      PARAM_ARN,
    ]) {
      expect(
        left(checkPolicyDocument(policyWith({ ...opsStatement(), Resource }), opsGroup, defaultProfile))._tag,
      ).toBe(MALFORMED);
    }
  });

  it('P6 accepts the target itself, and opsitem/* for an OpsItemGroup', () => {
    right(checkPolicyDocument(parameterPolicy(), parameter, defaultProfile));
    for (const Resource of [OPS_ARN, OPS_ITEMS_ARN, [OPS_ITEMS_ARN, OPS_ARN]]) {
      right(checkPolicyDocument(policyWith({ ...opsStatement(), Resource }), opsGroup, defaultProfile));
    }
    const doc = right(parsePolicyDocument(parameterPolicy(OPS_ARN), defaultProfile));
    expect(right(checkPolicyResources(doc, parameter, makeProfile({ resourceMustNameTarget: false })))).toBe(
      doc,
    );
  });

  it("P6 given the target's canonical ARN (as a command has it, formatted once), decides as without it", () => {
    const resources = [PARAM_ARN, OPS_ARN, OPS_ITEMS_ARN, '*', [OPS_ITEMS_ARN, OPS_ARN], `${PARAM_ARN}/x`];
    for (const [target, statement] of [
      [parameter, parameterStatement()],
      [opsGroup, opsStatement()],
    ] as const) {
      for (const Resource of resources) {
        const policy = policyWith({ ...statement, Resource });
        expect(checkPolicyDocument(policy, target, defaultProfile, formatResourceArn(target))).toEqual(
          checkPolicyDocument(policy, target, defaultProfile),
        );
      }
    }
    // The ARN given is the one compared: the caller's canonical form is not made again.
    const named = policyWith({ ...parameterStatement(), Resource: `${PARAM_ARN}/x` });
    right(checkPolicyDocument(named, parameter, defaultProfile, `${PARAM_ARN}/x`));
  });
});
