/**
 * Service-contract cases of group R (rules R1–R8): which ARNs can carry a policy, whose they are, and which
 * parameters qualify. R3, R5, R6 and R7 are [U]: their expectations come from the profile.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { resourceCases } from '@ssm-policy/conformance';
 * assert.equal(resourceCases.filter((c) => c.rule === 'R4').length, 2);
 *
 * @since 0.1.0
 */
import { expectEqual, expectError, expectRight, skip, summarize } from '../assert.js';
import { opsItemGroupPolicy, parameterPolicy, type Scope } from '../documents.js';
import type { ServiceCase, ServiceContext } from '../service/context.js';

const INVALID_ARN = {
  _tag: 'ResourcePolicyInvalidParameterException',
  ParameterNames: ['ResourceArn'],
} as const;
const NOT_FOUND = { _tag: 'ResourceNotFoundException' } as const;
/** R2's, R3's and R8's error, as the profile chooses it. */
const rejection = (code: ServiceContext['profile']['foreignResourceError']) =>
  code === 'ResourcePolicyInvalidParameterException' ? INVALID_ARN : NOT_FOUND;

/** Put, Get and Delete on `ResourceArn` all answer `expected`. */
const allOperations = async (
  ctx: ServiceContext,
  ResourceArn: string,
  Policy: string,
  expected: Parameters<typeof expectError>[1],
  what: string,
): Promise<void> => {
  expectError(await ctx.put({ ResourceArn, Policy }), expected, `Put, ${what}`);
  expectError(await ctx.get({ ResourceArn }), expected, `Get, ${what}`);
  expectError(
    await ctx.del({ ResourceArn, PolicyId: '00000000-0000-4000-8000-000000000000', PolicyHash: 'h' }),
    expected,
    `Delete, ${what}`,
  );
};

const otherRegion = (scope: Scope): Scope => ({
  ...scope,
  region: scope.region === 'eu-west-1' ? 'us-east-1' : 'eu-west-1',
});
const otherAccount = (scope: Scope): Scope => ({
  ...scope,
  account: scope.account === '111122223333' ? '444455556666' : '111122223333',
});

/**
 * The service cases of the ResourceArn rules (R).
 *
 * @category service contract
 * @since 0.1.0
 */
export const resourceCases: ReadonlyArray<ServiceCase> = [
  {
    rule: 'R1',
    title:
      'a ResourceArn that is not arn:<partition>:ssm:<region>:<account>:<resource> is refused ["ResourceArn"]',
    run: async (ctx) => {
      const { account, region } = ctx.caller;
      for (const arn of [
        'this-is-not-an-arn-at-all',
        `arn:aws:s3:${region}:${account}:parameter/x`,
        `arn:aws:ssm:${region}:${account}`,
        `arn:aws:ssm:${region}:not-an-account:opsitemgroup/default`,
      ])
        await allOperations(ctx, arn, parameterPolicy(arn), INVALID_ARN, `ResourceArn ${arn}`);
    },
  },
  {
    rule: 'R2',
    title:
      'only opsitemgroup/default and parameter/<name> carry policies (code: profile.unsupportedResourceError)',
    run: async (ctx) => {
      const { partition, account, region } = ctx.caller;
      const expected = rejection(ctx.profile.unsupportedResourceError);
      for (const resource of ['document/conformance', 'opsitemgroup/other', 'association/x', 'parameter'])
        await allOperations(
          ctx,
          `arn:${partition}:ssm:${region}:${account}:${resource}`,
          parameterPolicy('x'),
          expected,
          `resource ${resource}`,
        );
    },
  },
  {
    rule: 'R2',
    title: 'parameter /a/b is parameter/a/b (no leading slash) and both resource types answer Get',
    run: async (ctx) => {
      const arn = await ctx.parameter('nested/name');
      expectEqual(arn.includes(':parameter//'), false, 'the ARN leaves the leading slash out');
      expectEqual(await ctx.list(arn), [], 'Get on a fresh parameter');
      await ctx.create(arn, parameterPolicy(arn));
      expectEqual((await ctx.list(arn)).length, 1, 'policies of the parameter');
      expectEqual(await ctx.list(await ctx.opsItemGroup()), [], 'Get on the empty OpsItemGroup');
    },
  },
  {
    rule: 'R3',
    title: "another region's resource is refused (profile.requireCallerRegion, profile.callerRegionError)",
    run: async (ctx) => {
      if (!ctx.profile.requireCallerRegion) skip('the profile does not require the caller region');
      const expected = rejection(ctx.profile.callerRegionError);
      const scope = otherRegion(ctx.caller);
      await allOperations(
        ctx,
        ctx.opsItemGroupArn(scope),
        opsItemGroupPolicy(scope),
        expected,
        `OpsItemGroup of ${scope.account}/${scope.region}`,
      );
      const arn = ctx.parameterArn('foreign', scope);
      await allOperations(
        ctx,
        arn,
        parameterPolicy(arn),
        expected,
        `parameter of ${scope.account}/${scope.region}`,
      );
    },
  },
  {
    rule: 'R4',
    title: 'a parameter that does not exist is ResourceNotFoundException on Put, Get and Delete',
    run: async (ctx) => {
      const arn = ctx.parameterArn('missing');
      await allOperations(ctx, arn, parameterPolicy(arn), NOT_FOUND, 'a missing parameter');
    },
  },
  {
    rule: 'R4',
    title: 'the OpsItemGroup default always exists',
    run: async (ctx) => {
      const arn = await ctx.opsItemGroup();
      expectEqual(
        summarize(await ctx.get({ ResourceArn: arn })),
        { answered: { Policies: [] } },
        'Get on the OpsItemGroup',
      );
      await ctx.create(arn, opsItemGroupPolicy(ctx.caller));
    },
  },
  {
    rule: 'R5',
    title: 'a Standard-tier parameter cannot carry a policy (profile.standardTierParameter)',
    run: async (ctx) => {
      const choice = ctx.profile.standardTierParameter;
      for (const Tier of ['Standard', 'Intelligent-Tiering'] as const) {
        const arn = await ctx.parameter(`tier-${Tier}`, { Tier });
        const result = await ctx.put({ ResourceArn: arn, Policy: parameterPolicy(arn) });
        if (choice === false) {
          expectRight(result, `Put on a ${Tier} parameter`);
        } else expectError(result, { _tag: choice }, `Put on a ${Tier} parameter`);
      }
    },
  },
  {
    rule: 'R6',
    title: 'a SecureString needs a customer managed KMS key (profile.awsManagedKeySecureString)',
    run: async (ctx) => {
      const choice = ctx.profile.awsManagedKeySecureString;
      const managed = [
        ['default key', {}],
        ['alias/aws/ssm', { KeyId: 'alias/aws/ssm' }],
      ] as const;
      for (const [label, key] of managed) {
        const arn = await ctx.parameter(`secure-${managed.findIndex((m) => m[0] === label)}`, {
          Type: 'SecureString',
          ...key,
        });
        const result = await ctx.put({ ResourceArn: arn, Policy: parameterPolicy(arn) });
        if (choice === false) {
          expectRight(result, `Put on a SecureString with the ${label}`);
        } else expectError(result, { _tag: choice }, `Put on a SecureString with the ${label}`);
      }
      const arn = await ctx.parameter('secure-cmk', {
        Type: 'SecureString',
        KeyId: `arn:${ctx.caller.partition}:kms:${ctx.caller.region}:${ctx.caller.account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      });
      await ctx.create(arn, parameterPolicy(arn));
    },
  },
  {
    rule: 'R7',
    title: 'deleting a parameter deletes its policies; a new parameter of the name starts with none',
    run: async (ctx) => {
      const arn = await ctx.parameter('recreated');
      await ctx.create(arn, parameterPolicy(arn));
      await ctx.create(arn, parameterPolicy(arn, { Sid: 'Second' }));
      await ctx.deleteParameter('recreated');
      expectError(await ctx.get({ ResourceArn: arn }), NOT_FOUND, 'Get while the parameter is deleted');
      await ctx.parameter('recreated');
      const left = await ctx.list(arn);
      if (ctx.profile.parameterDeletionDropsPolicies)
        expectEqual(left, [], 'policies of the recreated parameter');
      else expectEqual(left.length, 2, 'policies of the recreated parameter (profile keeps them)');
    },
  },
  {
    rule: 'R8',
    title:
      "another account's resource (a parameter shared with the caller) cannot be given or rid of policies, whatever the profile (code: profile.foreignResourceError)",
    run: async (ctx) => {
      const expected = rejection(ctx.profile.foreignResourceError);
      const owner = otherAccount(ctx.caller);
      for (const [ResourceArn, Policy] of [
        [
          ctx.parameterArn('shared-with-me', owner),
          parameterPolicy(ctx.parameterArn('shared-with-me', owner)),
        ],
        [ctx.opsItemGroupArn(owner), opsItemGroupPolicy(owner)],
      ] as const) {
        expectError(await ctx.put({ ResourceArn, Policy }), expected, `Put on ${ResourceArn}`);
        expectError(
          await ctx.del({ ResourceArn, PolicyId: '00000000-0000-4000-8000-000000000000', PolicyHash: 'h' }),
          expected,
          `Delete on ${ResourceArn}`,
        );
        if (ctx.profile.refuseForeignGet)
          expectError(await ctx.get({ ResourceArn }), expected, `Get on ${ResourceArn}`);
      }
    },
  },
];
