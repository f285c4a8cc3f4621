// P3: the IAM JSON policy grammar (one parser for PutResourcePolicy and the evaluator), the profile's
// restrictions on top of it, P4/P5 wildcard expansion against the generated catalogue, P6 and NotResource;
// and the property that a document PutResourcePolicy accepts is always one the evaluator reads.
import { fc } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  SSM_ACTIONS,
  checkPolicyDocument,
  defaultProfile,
  evaluateAccess,
  makeProfile,
  optionalStatementElements,
  parsePolicy,
  type BehaviourProfile,
} from '@ssm-policy/core';
import {
  ACCOUNT,
  OPS_ARN,
  OPS_ITEMS_ARN,
  OTHER_ACCOUNT,
  PARAM_ARN,
  left,
  opsGroup,
  opsStatement,
  parameter,
  parameterStatement,
  policyWith,
  right,
} from './fixtures.js';

const PREFIX = 'The specified policy document is malformed or invalid: ';
const messageOf = (text: string): string => {
  const r = parsePolicy(text);
  return E.isLeft(r) ? r.left.message.slice(PREFIX.length) : 'accepted';
};
const statement = (extra: Record<string, unknown> = {}) => ({ ...parameterStatement(), ...extra });
const two = (second: Record<string, unknown>) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [statement(), second] });

describe('P3 grammar', () => {
  it('P3 names the element at fault', () => {
    const cases: Array<[string, string]> = [
      [
        two(statement({ Condition: { StringEquls: { 'aws:username': 'a' } } })),
        'Statement[1].Condition.StringEquls: unknown condition operator',
      ],
      [two(statement({ Effect: 'allow' })), 'Statement[1].Effect: must be "Allow" or "Deny"'],
      [
        two(statement({ Principal: { AWS: ['123456789012', '12345'] } })),
        'Statement[1].Principal.AWS[1]: must be "*", an account id, an IAM ARN or an IAM unique id',
      ],
      [
        two(statement({ Principal: { Aws: OTHER_ACCOUNT } })),
        'Statement[1].Principal.Aws: unknown principal key',
      ],
      [two(statement({ NotAction: 'ssm:GetParameter' })), 'Statement[1]: has both Action and NotAction'],
      [
        two({ Effect: 'Allow', Principal: '*', Resource: '*' }),
        'Statement[1]: must have Action or NotAction',
      ],
      [
        two(statement({ Action: 'GetParameter' })),
        'Statement[1].Action: must be "*" or "<service>:<action>" (letters, digits, * and ?)',
      ],
      [two(statement({ Resource: 'parameter/x' })), 'Statement[1].Resource: must be "*" or an ARN'],
      [
        two(statement({ Condition: { StringEquals: { 'aws:username': [] } } })),
        'Statement[1].Condition.StringEquals.aws:username: must be a string, number or boolean, or a non-empty list of them',
      ],
      [
        two(statement({ Condition: { NullIfExists: { 'aws:username': 'true' } } })),
        'Statement[1].Condition.NullIfExists: unknown condition operator',
      ],
      [two(statement({ Extra: 1 })), 'Statement[1].Extra: unknown statement element'],
      [
        JSON.stringify({ Version: '2012-10-17', Statement: statement({ Sid: 1 }) }),
        'Statement.Sid: must be a string',
      ],
      [
        JSON.stringify({ Version: '2012-10-18', Statement: statement() }),
        'Version: must be "2012-10-17" or "2008-10-17"',
      ],
    ];
    for (const [text, message] of cases) expect(messageOf(text), text).toBe(message);
  });

  it('P3 accepts the whole grammar: every principal form and key, Not* elements, every operator form', () => {
    for (const s of [
      statement({ Principal: '*' }),
      statement({ Principal: { AWS: '*' } }),
      statement({
        Principal: {
          AWS: [
            OTHER_ACCOUNT,
            `arn:aws:iam::${OTHER_ACCOUNT}:root`,
            `arn:aws-cn:iam::${OTHER_ACCOUNT}:role/a/b`,
          ],
        },
      }),
      statement({
        Principal: { AWS: `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/R/s`, Service: 'ssm.amazonaws.com' },
      }),
      statement({ Principal: { AWS: ['AIDAJQABLZS4A3QDU576Q', 'AROAJQABLZS4A3QDU576Q'] } }),
      statement({ Principal: { Federated: 'cognito-identity.amazonaws.com', CanonicalUser: 'abc123' } }),
      { Effect: 'Deny', NotPrincipal: { AWS: OTHER_ACCOUNT }, NotAction: 'ssm:Get*', NotResource: PARAM_ARN },
      statement({
        Condition: {
          'ForAllValues:StringLikeIfExists': { 'aws:TagKeys': ['a*', 'b'] },
          'ForAnyValue:StringEquals': { 'aws:TagKeys': 'x' },
          NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 },
          Bool: { 'aws:SecureTransport': true },
          Null: { 'aws:username': 'false' },
          ArnNotLikeIfExists: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/x' },
        },
      }),
      statement({ Resource: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/\${aws:username}` }),
    ]) {
      expect(messageOf(policyWith(s)), JSON.stringify(s)).toBe('accepted');
    }
  });

  it('P3 normalises single values to lists and keeps condition values as text', () => {
    const doc = right(
      parsePolicy(
        policyWith(
          statement({
            Condition: {
              NumericEquals: { 'aws:MultiFactorAuthAge': [1, '2'] },
              Bool: { 'aws:SecureTransport': true },
            },
          }),
        ),
      ),
    );
    expect(doc.Statements[0]).toMatchObject({
      Principal: { kind: 'Keys', keys: { AWS: [OTHER_ACCOUNT] } },
      Action: ['ssm:GetParameter'],
      Resource: [PARAM_ARN],
      Condition: [
        {
          operator: 'NumericEquals',
          base: 'NumericEquals',
          set: undefined,
          ifExists: false,
          key: 'aws:MultiFactorAuthAge',
          values: ['1', '2'],
        },
        { operator: 'Bool', base: 'Bool', key: 'aws:SecureTransport', values: ['true'] },
      ],
    });
  });

  it('P3 PutResourcePolicy refuses NotPrincipal, NotAction, NotResource, wildcard and non-AWS principals by default, each an option', () => {
    const { Principal: _p, Action: _a, Resource: _r, ...base } = statement();
    const cases: Array<[Record<string, unknown>, keyof BehaviourProfile, string]> = [
      [
        { ...base, NotPrincipal: { AWS: OTHER_ACCOUNT }, Action: 'ssm:GetParameter', Resource: PARAM_ARN },
        'refuseNotPrincipal',
        'Statement[0].NotPrincipal: NotPrincipal is not accepted',
      ],
      [
        statement({ Principal: '*' }),
        'refuseWildcardPrincipal',
        'Statement[0].Principal: a wildcard principal is not accepted',
      ],
      [
        statement({ Principal: { AWS: [OTHER_ACCOUNT, '*'] } }),
        'refuseWildcardPrincipal',
        'Statement[0].Principal.AWS: a wildcard principal is not accepted',
      ],
      [
        statement({ Principal: { Service: 'ssm.amazonaws.com' } }),
        'refuseNonAwsPrincipalKeys',
        'Statement[0].Principal.Service: only AWS principals (accounts and IAM identities) are accepted',
      ],
      [{ ...statement(), Effect: 'Deny' }, 'refuseDeny', 'Statement[0].Effect: Deny is not accepted'],
    ];
    for (const [s, option, message] of cases) {
      const strict = makeProfile({ [option]: true });
      expect(left(checkPolicyDocument(policyWith(s), parameter, strict)).message).toBe(PREFIX + message);
      right(checkPolicyDocument(policyWith(s), parameter, makeProfile({ [option]: false })));
    }
    // Deny is accepted by default; the Not* elements are refused by default
    right(checkPolicyDocument(policyWith({ ...statement(), Effect: 'Deny' }), parameter, defaultProfile));
    for (const s of [
      { ...base, NotPrincipal: { AWS: OTHER_ACCOUNT }, Action: 'ssm:GetParameter', Resource: PARAM_ARN },
      {
        ...base,
        Principal: { AWS: OTHER_ACCOUNT },
        NotAction: 'ssm:PutParameter',
        Resource: PARAM_ARN,
        Effect: 'Deny',
      },
      {
        ...base,
        Principal: { AWS: OTHER_ACCOUNT },
        Action: 'ssm:GetParameter',
        NotResource: OPS_ARN,
        Effect: 'Deny',
      },
    ]) {
      expect(left(checkPolicyDocument(policyWith(s), parameter, defaultProfile))._tag).toBe(
        'MalformedResourcePolicyDocumentException',
      );
    }
    const lenient = makeProfile({ refuseNotAction: false });
    right(
      checkPolicyDocument(
        policyWith({
          ...base,
          Principal: { AWS: OTHER_ACCOUNT },
          NotAction: 'ssm:PutParameter',
          Resource: PARAM_ARN,
          Effect: 'Deny',
        }),
        parameter,
        lenient,
      ),
    );
    // An Allow with NotAction grants actions outside the list (P4)
    expect(
      left(
        checkPolicyDocument(
          policyWith({
            ...base,
            Principal: { AWS: OTHER_ACCOUNT },
            NotAction: 'ssm:PutParameter',
            Resource: PARAM_ARN,
          }),
          parameter,
          lenient,
        ),
      ).message,
    ).toMatch(/NotAction: grants ssm:\w+, which cannot be granted on a Parameter resource/);
  });
});

describe('P4 and P5 against the generated catalogue', () => {
  it('P4 expands wildcard actions against Systems Manager actions: ssm:GetParameter* also matches GetParametersByPath', () => {
    expect(
      left(
        checkPolicyDocument(
          policyWith(statement({ Action: 'ssm:GetParameter*' })),
          parameter,
          defaultProfile,
        ),
      ).message,
    ).toBe(
      `${PREFIX}Statement[0].Action: ssm:GetParameter* (it matches ssm:GetParametersByPath) cannot be granted on a Parameter resource`,
    );
    for (const Action of ['ssm:*', '*', 'ss?:GetParameter', 'ssm:Describe*', 'ssm:Nothing*']) {
      expect(
        left(checkPolicyDocument(policyWith(statement({ Action })), parameter, defaultProfile))._tag,
        Action,
      ).toBe('MalformedResourcePolicyDocumentException');
    }
    // A wildcard that matches only allowed actions is accepted; so is every spelling of an allowed action
    for (const Action of [
      'ssm:GetParameterH*',
      'ssm:GetParameterHistor?',
      'ssm:DescribeParameter?',
      'SSM:GETPARAMETERS',
    ]) {
      right(checkPolicyDocument(policyWith(statement({ Action })), parameter, defaultProfile));
    }
    // The list is a profile option: with GetParametersByPath allowed, ssm:GetParameter* is accepted
    const wider = makeProfile({
      parameterActions: [...defaultProfile.parameterActions, 'ssm:GetParametersByPath'],
    });
    right(checkPolicyDocument(policyWith(statement({ Action: 'ssm:GetParameter*' })), parameter, wider));
    // A Deny grants nothing: its actions are not limited
    right(
      checkPolicyDocument(
        policyWith({ ...statement({ Action: 'ssm:*' }), Effect: 'Deny' }),
        parameter,
        defaultProfile,
      ),
    );
  });

  it('P4 the catalogue is Systems Manager actions with their resource types and condition keys', () => {
    const byName = new Map(SSM_ACTIONS.map(([name, types, keys]) => [name, { types, keys }]));
    expect(byName.size).toBeGreaterThan(100);
    expect(byName.get('GetParameter')?.types).toEqual(['parameter']);
    expect(byName.get('GetParametersByPath')?.keys).toContain('ssm:Recursive');
    // The P4 and P5 lists name real Systems Manager actions
    for (const a of [...defaultProfile.parameterActions, ...defaultProfile.opsItemGroupActions]) {
      expect(byName.has(a.slice(4)), a).toBe(true);
    }
  });

  it('P5 the OpsItemGroup list is exactly the four actions of the OpsCenter cross-account policy', () => {
    expect(defaultProfile.opsItemGroupActions).toEqual([
      'ssm:CreateOpsItem',
      'ssm:AddTagsToResource',
      'ssm:GetOpsItem',
      'ssm:UpdateOpsItem',
    ]);
    for (const Action of ['ssm:DescribeOpsItems', 'ssm:GetOpsSummary', 'ssm:*OpsItem', 'ssm:GetOps*']) {
      expect(
        left(checkPolicyDocument(policyWith({ ...opsStatement(), Action }), opsGroup, defaultProfile))._tag,
        Action,
      ).toBe('MalformedResourcePolicyDocumentException');
    }
    right(
      checkPolicyDocument(
        policyWith({ ...opsStatement(), Action: 'ssm:GetOpsItem' }),
        opsGroup,
        defaultProfile,
      ),
    );
  });

  it('P6 a NotResource statement does not name the target', () => {
    const profile = makeProfile({ refuseNotResource: false });
    const { Resource: _r, ...rest } = opsStatement();
    expect(
      left(checkPolicyDocument(policyWith({ ...rest, NotResource: OPS_ITEMS_ARN }), opsGroup, profile))
        .message,
    ).toBe(`${PREFIX}Statement[0].NotResource: does not name the resource the policy is attached to`);
    right(
      checkPolicyDocument(
        policyWith({ ...rest, NotResource: OPS_ITEMS_ARN }),
        opsGroup,
        makeProfile({ refuseNotResource: false, resourceMustNameTarget: false }),
      ),
    );
  });
});

// -------------------------------------------------------------------------------------------------
// accepted ⇒ never Left
// -------------------------------------------------------------------------------------------------

const principalValue = fc.oneof(
  fc.constantFrom(OTHER_ACCOUNT, ACCOUNT, '*', 'AIDAJQABLZS4A3QDU576Q'),
  fc.constantFrom('root', 'user/a', 'role/p/r').map((r) => `arn:aws:iam::${OTHER_ACCOUNT}:${r}`),
  fc.constant(`arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/r/s`),
  fc.string({ maxLength: 12 }),
);
// Mostly grammatical statements (so that many are accepted), with some elements swapped for their Not*
// forms and some values that the grammar or the profile refuses.
const anyStatement = fc
  .record({
    Sid: fc.option(fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { nil: undefined }),
    Effect: fc.constantFrom('Allow', 'Allow', 'Deny', 'allow'),
    Principal: fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({
          AWS: fc.oneof(principalValue, fc.array(principalValue, { minLength: 1, maxLength: 3 })),
        }),
      },
      { weight: 1, arbitrary: fc.constant('*') },
      { weight: 1, arbitrary: fc.record({ Service: fc.constant('ssm.amazonaws.com') }) },
    ),
    Action: fc.oneof(
      fc.constantFrom(
        'ssm:GetParameter',
        'ssm:GetParameter*',
        'ssm:GetParameterH*',
        'ssm:*',
        'ssm:GetOpsItem',
        'ssm:Get?arameters',
        'GetParameter',
      ),
      fc.array(fc.constantFrom('ssm:GetParameters', 'ssm:CreateOpsItem', 'ssm:UpdateOpsItem', 'x'), {
        minLength: 1,
        maxLength: 3,
      }),
    ),
    Resource: fc.oneof(
      fc.constantFrom(PARAM_ARN, OPS_ARN, OPS_ITEMS_ARN, '*', 'nope', `${PARAM_ARN}\${aws:username}`),
      fc.array(fc.constantFrom(PARAM_ARN, OPS_ARN, OPS_ITEMS_ARN), { minLength: 1, maxLength: 2 }),
    ),
    not: fc.subarray(['Principal', 'Action', 'Resource'] as const),
    Condition: fc.option(
      fc.dictionary(
        fc.constantFrom(
          'StringEquals',
          'ForAnyValue:StringLike',
          'NullIfExists',
          'BoolIfExists',
          'IpAddress',
          'DateLessThan',
        ),
        fc.dictionary(
          fc.constantFrom('aws:username', 'aws:SourceIp', 'aws:CurrentTime'),
          fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.array(fc.boolean(), { maxLength: 2 })),
          { minKeys: 1, maxKeys: 2 },
        ),
        { maxKeys: 2 },
      ),
      { nil: undefined },
    ),
  })
  .map(({ not, Sid, Condition, ...s }) => {
    const out: Record<string, unknown> = { Effect: s.Effect };
    if (Sid !== undefined) out['Sid'] = Sid;
    if (Condition !== undefined) out['Condition'] = Condition;
    for (const k of ['Principal', 'Action', 'Resource'] as const) out[not.includes(k) ? `Not${k}` : k] = s[k];
    return out;
  });
const STATEMENT_ELEMENTS: Array<'Effect' | 'Principal' | 'Action' | 'Resource'> = [
  'Effect',
  'Principal',
  'Action',
  'Resource',
];
const anyProfile = fc.record({
  refuseNotPrincipal: fc.boolean(),
  refuseNotAction: fc.boolean(),
  refuseNotResource: fc.boolean(),
  refuseWildcardPrincipal: fc.boolean(),
  refuseNonAwsPrincipalKeys: fc.boolean(),
  refuseDeny: fc.boolean(),
  resourceMustNameTarget: fc.boolean(),
});

it('P3 any document PutResourcePolicy accepts is one evaluateAccess reads (never Left), with any required elements', () => {
  let accepted = 0;
  let leftOut = 0;
  fc.assert(
    fc.property(
      fc.record(
        {
          Version: fc.constantFrom('2012-10-17', '2008-10-17'),
          Statement: fc.oneof(anyStatement, fc.array(anyStatement, { minLength: 1, maxLength: 2 })),
        },
        { requiredKeys: ['Statement'] },
      ),
      anyProfile,
      fc.boolean(),
      // Elements the profile lets a statement leave out, and those the statements do leave out.
      fc.subarray(STATEMENT_ELEMENTS),
      fc.subarray(STATEMENT_ELEMENTS),
      (doc, options, ops, optional, dropped) => {
        const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
        for (const statement of statements)
          for (const element of dropped) {
            delete statement[element];
            delete statement[`Not${element}`];
          }
        const text = JSON.stringify(doc);
        const profile = makeProfile({
          ...options,
          requiredStatementElements: STATEMENT_ELEMENTS.filter((e) => !optional.includes(e)),
        });
        if (E.isLeft(checkPolicyDocument(text, ops ? opsGroup : parameter, profile))) return;
        accepted++;
        if (dropped.length > 0) leftOut++;
        const r = evaluateAccess(
          [text],
          {
            principal: `arn:aws:iam::${OTHER_ACCOUNT}:user/a`,
            action: 'ssm:GetParameter',
            resource: PARAM_ARN,
          },
          optionalStatementElements(profile),
        );
        expect(E.isRight(r), text).toBe(true);
      },
    ),
    { numRuns: 3000 },
  );
  // The generator must reach accepted documents often enough for the property to say something.
  expect(accepted).toBeGreaterThan(20);
  expect(leftOut).toBeGreaterThan(10);
}, 60_000);
