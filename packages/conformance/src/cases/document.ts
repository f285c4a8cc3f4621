/**
 * Service-contract cases of group P (rules P1–P7): the size limit, the document's structure, what it may
 * grant and on what, and that the text comes back byte for byte. [U] expectations come from the profile.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { documentCases } from '@ssm-policy/conformance';
 * assert.ok(documentCases.some((c) => c.rule === 'P7'));
 *
 * @since 0.1.0
 */
import { expectEqual, expectError, expectRight, skip } from '../assert.js';
import {
  OTHER_ACCOUNT,
  opsItemGroupPolicy,
  opsItemGroupStatement,
  opsItemsArnOf,
  parameterPolicy,
  parameterStatement,
  policyOf,
  utf8Bytes,
} from '../documents.js';
import type { ServiceCase } from '../service/context.js';

const MALFORMED = { _tag: 'MalformedResourcePolicyDocumentException' } as const;

/** A valid parameter policy padded (through its Sid, alphanumeric as IAM wants) to exactly `bytes` bytes. */
const paddedPolicy = (arn: string, bytes: number): string => {
  const base = parameterPolicy(arn, { Sid: '' });
  return parameterPolicy(arn, { Sid: 'S'.repeat(bytes - utf8Bytes(base)) });
};

/**
 * The service cases of the policy document rules (P).
 *
 * @category service contract
 * @since 0.1.0
 */
export const documentCases: ReadonlyArray<ServiceCase> = [
  {
    rule: 'P1',
    title:
      'a policy over 1024 UTF-8 bytes is ResourcePolicyLimitExceededException Limit 1024 (profile LimitType)',
    run: async (ctx) => {
      const ResourceArn = await ctx.parameter('p');
      const expected = {
        _tag: 'ResourcePolicyLimitExceededException',
        Limit: 1024,
        LimitType: ctx.profile.policySizeLimitType,
      } as const;
      expectError(
        await ctx.put({ ResourceArn, Policy: paddedPolicy(ResourceArn, 1025) }),
        expected,
        'Put of 1025 bytes',
      );
      // 600 characters but 1200 bytes: the limit counts UTF-8 bytes.
      const wide = parameterPolicy(ResourceArn, { Sid: 'é'.repeat(600) });
      expectError(
        await ctx.put({ ResourceArn, Policy: wide }),
        expected,
        `Put of ${wide.length} characters, ${utf8Bytes(wide)} bytes`,
      );
      await ctx.create(ResourceArn, paddedPolicy(ResourceArn, 1024));
    },
  },
  {
    rule: 'P2',
    title: 'a document that is not a JSON object with a Statement is malformed',
    run: async (ctx) => {
      const ResourceArn = await ctx.parameter('p');
      const good = parameterStatement(ResourceArn);
      for (const Policy of [
        'not json',
        '{"Statement":',
        '[]',
        '42',
        '"text"',
        '{}',
        '{"Version":"2012-10-17"}',
        JSON.stringify({ Version: '2012-10-17', Statement: [] }),
        JSON.stringify({ Version: '2012-10-17', Statement: 'Allow' }),
        JSON.stringify({ Version: '2012-10-17', Statement: [good, 'x'] }),
      ])
        expectError(await ctx.put({ ResourceArn, Policy }), MALFORMED, `Put of ${Policy}`);
      // A single statement object (not in a list) is a valid Statement.
      await ctx.create(ResourceArn, JSON.stringify({ Version: '2012-10-17', Statement: good }));
      expectEqual((await ctx.list(ResourceArn)).length, 1, 'nothing malformed was stored');
    },
  },
  {
    rule: 'P3',
    title: 'each statement needs its required elements (profile.requiredStatementElements)',
    run: async (ctx) => {
      const ResourceArn = await ctx.parameter('p');
      for (const element of ctx.profile.requiredStatementElements) {
        const withoutIt = JSON.parse(parameterPolicy(ResourceArn)) as {
          Statement: Array<Record<string, unknown>>;
        };
        delete withoutIt.Statement[0]![element];
        expectError(
          await ctx.put({ ResourceArn, Policy: JSON.stringify(withoutIt) }),
          MALFORMED,
          `a statement without ${element}`,
        );
      }
    },
  },
  {
    rule: 'P3',
    title: 'Effect is Allow or Deny; Principal is {"AWS": account ids or IAM ARNs}',
    run: async (ctx) => {
      const ResourceArn = await ctx.parameter('p');
      for (const overrides of [
        { Effect: 'Maybe' },
        { Principal: '*' },
        { Principal: { AWS: 'not-an-account' } },
        { Principal: { Service: 'ssm.amazonaws.com' } },
        { Principal: { AWS: [] } },
        { Action: [] },
        { Resource: [] },
      ])
        expectError(
          await ctx.put({ ResourceArn, Policy: parameterPolicy(ResourceArn, overrides) }),
          MALFORMED,
          `a statement with ${JSON.stringify(overrides)}`,
        );
      for (const overrides of [
        { Effect: 'Deny' },
        { Principal: { AWS: [OTHER_ACCOUNT, '111122223333'] } },
        { Principal: { AWS: `arn:${ctx.caller.partition}:iam::${OTHER_ACCOUNT}:root` } },
        { Principal: { AWS: `arn:${ctx.caller.partition}:iam::${OTHER_ACCOUNT}:role/Reader` } },
        { Action: 'ssm:GetParameter', Resource: [ResourceArn] },
      ])
        expectRight(
          await ctx.put({ ResourceArn, Policy: parameterPolicy(ResourceArn, overrides) }),
          `a statement with ${JSON.stringify(overrides)}`,
        );
    },
  },
  {
    rule: 'P4',
    title: 'a parameter policy grants only the read-only actions (profile.parameterActions)',
    run: async (ctx) => {
      const ResourceArn = await ctx.parameter('p');
      for (const Action of ['ssm:PutParameter', 'ssm:DeleteParameter', 'ssm:*', 'ssm:CreateOpsItem'])
        expectError(
          await ctx.put({ ResourceArn, Policy: parameterPolicy(ResourceArn, { Action }) }),
          MALFORMED,
          `a parameter policy granting ${Action}`,
        );
      await ctx.create(
        ResourceArn,
        parameterPolicy(ResourceArn, { Action: [...ctx.profile.parameterActions] }),
      );
    },
  },
  {
    rule: 'P5',
    title: 'an OpsItemGroup policy grants only the OpsCenter actions (profile.opsItemGroupActions)',
    run: async (ctx) => {
      const ResourceArn = await ctx.opsItemGroup();
      for (const Action of ['ssm:GetParameter', 'ssm:DeleteOpsItem', 'ssm:*', 's3:GetObject'])
        expectError(
          await ctx.put({ ResourceArn, Policy: opsItemGroupPolicy(ctx.caller, { Action }) }),
          MALFORMED,
          `an OpsItemGroup policy granting ${Action}`,
        );
      await ctx.create(
        ResourceArn,
        opsItemGroupPolicy(ctx.caller, { Action: [...ctx.profile.opsItemGroupActions] }),
      );
    },
  },
  {
    rule: 'P6',
    title: "a statement's Resource names the target (profile.resourceMustNameTarget)",
    run: async (ctx) => {
      if (!ctx.profile.resourceMustNameTarget)
        skip('the profile does not require Resource to name the target');
      const ResourceArn = await ctx.parameter('p');
      const other = await ctx.parameter('other');
      for (const Resource of [other, '*', [ResourceArn, other], opsItemsArnOf(ctx.caller)])
        expectError(
          await ctx.put({ ResourceArn, Policy: parameterPolicy(ResourceArn, { Resource }) }),
          MALFORMED,
          `a policy on ${ResourceArn} naming ${JSON.stringify(Resource)}`,
        );
      const group = await ctx.opsItemGroup();
      expectError(
        await ctx.put({
          ResourceArn: group,
          Policy: opsItemGroupPolicy(ctx.caller, { Resource: ResourceArn }),
        }),
        MALFORMED,
        'an OpsItemGroup policy naming a parameter',
      );
      // An OpsItemGroup policy may name opsitem/* alone, or with the group.
      await ctx.create(
        group,
        policyOf([opsItemGroupStatement(ctx.caller, { Resource: opsItemsArnOf(ctx.caller) })]),
      );
    },
  },
  {
    rule: 'P7',
    title: 'the policy text is stored and returned byte for byte, on create and on update',
    run: async (ctx) => {
      const ResourceArn = await ctx.parameter('p');
      // Spaces, key order, an escaped and a literal non-ASCII character: a store that re-serializes loses them.
      const first = `{ "Statement" : [ {"Sid":"Caf\\u00e9","Resource":"${ResourceArn}","Action":"ssm:GetParameter","Effect":"Allow","Principal":{"AWS":"${OTHER_ACCOUNT}"}} ], "Version":"2012-10-17" }`;
      const created = await ctx.create(ResourceArn, first);
      expectEqual(
        (await ctx.list(ResourceArn)).map((p) => p.Policy),
        [first],
        'the stored text after create',
      );
      const second = `{"Version":"2012-10-17",  "Statement":{"Effect":"Allow","Principal":{"AWS":["${OTHER_ACCOUNT}"]},"Action":["ssm:GetParameters"],"Resource":["${ResourceArn}"],"Sid":"Thé"}}`;
      await ctx.update(ResourceArn, created, second);
      expectEqual(
        (await ctx.list(ResourceArn)).map((p) => p.Policy),
        [second],
        'the stored text after update',
      );
    },
  },
];
