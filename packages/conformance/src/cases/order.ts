/**
 * Service-contract cases of rule O1: when several rules fail, the first in the rulebook's order wins
 * (V → R1/R2 → R3 → R4 → R5/R6 → P1 → P2..P6 → H2/H3 → H4 → H5 → H9). W4 is a wire rule, checked by the
 * server's tests: a `ResourcePolicyService` receives typed requests.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { orderCases } from '@ssm-policy/conformance';
 * assert.ok(orderCases.every((c) => c.rule === 'O1'));
 *
 * @since 0.1.0
 */
import { expectEqual, expectError, skip, type ExpectedError } from '../assert.js';
import { opsItemGroupPolicy, parameterPolicy } from '../documents.js';
import type { ServiceCase, ServiceContext } from '../service/context.js';

const INVALID_ARN = {
  _tag: 'ResourcePolicyInvalidParameterException',
  ParameterNames: ['ResourceArn'],
} as const;
const MALFORMED = { _tag: 'MalformedResourcePolicyDocumentException' } as const;
const OVERSIZED = (arn: string): string => parameterPolicy(arn, { Sid: 'X'.repeat(1100) });

const order = (title: string, run: (ctx: ServiceContext) => Promise<void>): ServiceCase => ({
  rule: 'O1',
  title,
  run,
});

/** R3's and R8's error, as the profile chooses it. */
const rejection = (code: ServiceContext['profile']['foreignResourceError']): ExpectedError =>
  code === 'ResourcePolicyInvalidParameterException' ? INVALID_ARN : { _tag: 'ResourceNotFoundException' };

const r5 = (ctx: ServiceContext): ExpectedError => {
  const choice = ctx.profile.standardTierParameter;
  return choice === false ? skip('the profile allows Standard-tier parameters') : { _tag: choice };
};

/**
 * The service cases of the policies' order (O1).
 *
 * @category service contract
 * @since 0.1.0
 */
export const orderCases: ReadonlyArray<ServiceCase> = [
  order('validation (V) comes before the ARN rules (R1)', async (ctx) => {
    expectError(
      await ctx.put({ ResourceArn: 'not-an-arn' }),
      { _tag: 'ValidationException' },
      'Put with a short non-ARN and no Policy',
    );
    expectError(
      await ctx.get({ ResourceArn: 'this-is-not-any-kind-of-arn', MaxResults: 99 }),
      { _tag: 'ValidationException' },
      'Get with a non-ARN and MaxResults 99',
    );
    expectError(
      await ctx.del({ ResourceArn: 'this-is-not-any-kind-of-arn' }),
      { _tag: 'ValidationException' },
      'Delete with a non-ARN and no id',
    );
  }),
  order('the ARN rules (R1/R2) come before ownership (R3)', async (ctx) => {
    const arn = `arn:aws:ssm:eu-north-1:999999999999:document/not-a-policy-resource`;
    expectError(
      await ctx.put({ ResourceArn: arn, Policy: 'not json' }),
      rejection(ctx.profile.unsupportedResourceError),
      'Put on a foreign document ARN',
    );
  }),
  order('ownership (R8) comes before existence (R4)', async (ctx) => {
    const expected = rejection(ctx.profile.foreignResourceError);
    const scope = {
      ...ctx.caller,
      account: ctx.caller.account === '111122223333' ? '444455556666' : '111122223333',
    };
    const arn = ctx.parameterArn('missing', scope);
    for (const [what, result] of [
      ['Put', await ctx.put({ ResourceArn: arn, Policy: parameterPolicy(arn) })],
      ['Delete', await ctx.del({ ResourceArn: arn, PolicyId: 'p', PolicyHash: 'h' })],
      ...(ctx.profile.refuseForeignGet ? ([['Get', await ctx.get({ ResourceArn: arn })]] as const) : []),
    ] as const)
      expectError(result, expected, `${what} on a missing parameter of another account`);
  }),
  order('existence (R4) comes before the parameter and document rules (R5, P1, P2)', async (ctx) => {
    const arn = ctx.parameterArn('missing');
    for (const Policy of [OVERSIZED(arn), 'not json'])
      expectError(
        await ctx.put({ ResourceArn: arn, Policy }),
        { _tag: 'ResourceNotFoundException' },
        'Put of a bad policy on a missing parameter',
      );
  }),
  order('the parameter rules (R5) come before the size limit (P1)', async (ctx) => {
    const expected = r5(ctx);
    const arn = await ctx.parameter('standard', { Tier: 'Standard' });
    expectError(
      await ctx.put({ ResourceArn: arn, Policy: OVERSIZED(arn) }),
      expected,
      'Put of 1100+ bytes on a Standard parameter',
    );
  }),
  order('the size limit (P1) comes before the document rules (P2)', async (ctx) => {
    const arn = await ctx.parameter('p');
    expectError(
      await ctx.put({ ResourceArn: arn, Policy: `not json ${'x'.repeat(1100)}` }),
      {
        _tag: 'ResourcePolicyLimitExceededException',
        Limit: 1024,
        LimitType: ctx.profile.policySizeLimitType,
      },
      'Put of 1100+ bytes that are not JSON',
    );
  }),
  order('the document rules (P2..P6) come before the id and hash rules (H2, H3)', async (ctx) => {
    const arn = await ctx.parameter('p');
    expectError(
      await ctx.put({ ResourceArn: arn, Policy: 'not json', PolicyId: 'p' }),
      MALFORMED,
      'Put of a non-JSON policy with only a PolicyId',
    );
    expectError(
      await ctx.put({
        ResourceArn: arn,
        Policy: parameterPolicy(arn, { Action: 'ssm:PutParameter' }),
        PolicyHash: 'h',
      }),
      MALFORMED,
      'Put granting PutParameter with only a PolicyHash',
    );
  }),
  order('the id and hash rules (H3) come before not found (H4)', async (ctx) => {
    const arn = await ctx.parameter('p');
    expectError(
      await ctx.put({
        ResourceArn: arn,
        Policy: parameterPolicy(arn),
        PolicyId: '00000000-0000-4000-8000-000000000000',
      }),
      { _tag: 'ResourcePolicyInvalidParameterException', ParameterNames: ['PolicyHash'] },
      'Put with an unknown PolicyId and no PolicyHash',
    );
  }),
  order('not found (H4) comes before conflict (H5)', async (ctx) => {
    const arn = await ctx.parameter('p');
    const other = await ctx.parameter('other');
    const theirs = await ctx.create(other, parameterPolicy(other));
    expectError(
      await ctx.put({
        ResourceArn: arn,
        Policy: parameterPolicy(arn),
        PolicyId: theirs.PolicyId,
        PolicyHash: 'stale',
      }),
      { _tag: 'ResourcePolicyNotFoundException' },
      "Put with another resource's PolicyId and a wrong hash",
    );
    expectError(
      await ctx.del({ ResourceArn: arn, PolicyId: theirs.PolicyId, PolicyHash: 'stale' }),
      { _tag: 'ResourcePolicyNotFoundException' },
      "Delete with another resource's PolicyId and a wrong hash",
    );
  }),
  order('the id and hash rules (H2) come before the count limit (H9)', async (ctx) => {
    if (!ctx.profile.hashWithoutIdIsInvalid) skip('the profile accepts a PolicyHash without a PolicyId');
    const group = await ctx.opsItemGroup();
    const first = await ctx.create(group, opsItemGroupPolicy(ctx.caller));
    expectError(
      await ctx.put({
        ResourceArn: group,
        Policy: opsItemGroupPolicy(ctx.caller, { Sid: 'Second' }),
        PolicyHash: first.PolicyHash,
      }),
      { _tag: 'ResourcePolicyInvalidParameterException', ParameterNames: ['PolicyId'] },
      'Put with only a PolicyHash on a full OpsItemGroup',
    );
  }),
  order('the document rules (P5) come before the count limit (H9)', async (ctx) => {
    const group = await ctx.opsItemGroup();
    await ctx.create(group, opsItemGroupPolicy(ctx.caller));
    expectError(
      await ctx.put({
        ResourceArn: group,
        Policy: opsItemGroupPolicy(ctx.caller, { Action: 'ssm:GetParameter' }),
      }),
      MALFORMED,
      'a second create with a malformed policy on a full OpsItemGroup',
    );
    expectEqual((await ctx.list(group)).length, 1, 'policies on the OpsItemGroup');
  }),
];
