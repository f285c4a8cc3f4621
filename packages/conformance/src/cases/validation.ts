/**
 * Service-contract cases of group V (rules V1–V5): model constraints answer `ValidationException`, every
 * violation in one message (V5 is the one place the kit compares message text).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { validationCases } from '@ssm-policy/conformance';
 * const rules = validationCases.map((c) => c.rule);
 * assert.ok(rules[0] === 'V1' && rules.at(-1) === 'V5'); // V1 first, …, V5 last
 *
 * @since 0.1.0
 */
import { expectError } from '../assert.js';
import { parameterPolicy } from '../documents.js';
import type { ServiceCase } from '../service/context.js';

const VALIDATION = { _tag: 'ValidationException' } as const;
const SHORT_ARN = 'arn:aws:ssm'; // 11 characters
const LONG_ARN = `arn:aws:ssm:us-east-1:123456789012:parameter/${'a'.repeat(2048)}`;
const POLICY = parameterPolicy('arn:aws:ssm:us-east-1:123456789012:parameter/x');

const v = (message: string) => ({ _tag: 'ValidationException', message }) as const;
const violation = (value: string | null, member: string, constraint: string): string =>
  `Value ${value === null ? 'null' : `'${value}'`} at '${member}' failed to satisfy constraint: ${constraint}`;

/**
 * The service cases of request validation (V).
 *
 * @category service contract
 * @since 0.1.0
 */
export const validationCases: ReadonlyArray<ServiceCase> = [
  {
    rule: 'V1',
    title: 'a missing ResourceArn is a ValidationException on Put, Get and Delete',
    run: async (ctx) => {
      expectError(await ctx.put({ Policy: POLICY }), VALIDATION, 'Put without ResourceArn');
      expectError(await ctx.get({}), VALIDATION, 'Get without ResourceArn');
      expectError(
        await ctx.del({ PolicyId: 'p', PolicyHash: 'h' }),
        VALIDATION,
        'Delete without ResourceArn',
      );
    },
  },
  {
    rule: 'V1',
    title: 'a ResourceArn shorter than 20 or longer than 2048 characters is a ValidationException',
    run: async (ctx) => {
      for (const ResourceArn of [SHORT_ARN, LONG_ARN]) {
        const what = `ResourceArn of length ${ResourceArn.length}`;
        expectError(await ctx.put({ ResourceArn, Policy: POLICY }), VALIDATION, `Put, ${what}`);
        expectError(await ctx.get({ ResourceArn }), VALIDATION, `Get, ${what}`);
        expectError(
          await ctx.del({ ResourceArn, PolicyId: 'p', PolicyHash: 'h' }),
          VALIDATION,
          `Delete, ${what}`,
        );
      }
    },
  },
  {
    rule: 'V2',
    title: 'a missing, empty, blank or multi-line Policy is a ValidationException',
    run: async (ctx) => {
      const ResourceArn = await ctx.parameter('p');
      expectError(await ctx.put({ ResourceArn }), VALIDATION, 'Put without Policy');
      const pretty = JSON.stringify(JSON.parse(parameterPolicy(ResourceArn)), null, 2);
      for (const Policy of ['', '   ', '\t\n', pretty])
        expectError(
          await ctx.put({ ResourceArn, Policy }),
          VALIDATION,
          `Put with Policy ${JSON.stringify(Policy.slice(0, 30))}`,
        );
      // Compact one-line JSON passes the pattern.
      await ctx.create(ResourceArn, parameterPolicy(ResourceArn));
    },
  },
  {
    rule: 'V3',
    title: 'MaxResults outside 1..50 is a ValidationException; 1 and 50 are accepted',
    run: async (ctx) => {
      const ResourceArn = await ctx.opsItemGroup();
      for (const MaxResults of [0, -1, 51, 1000])
        expectError(
          await ctx.get({ ResourceArn, MaxResults }),
          VALIDATION,
          `Get with MaxResults ${MaxResults}`,
        );
      for (const MaxResults of [1, 50]) await ctx.list(ResourceArn, MaxResults);
    },
  },
  {
    rule: 'V4',
    title: 'Delete without PolicyId or without PolicyHash is a ValidationException',
    run: async (ctx) => {
      const ResourceArn = await ctx.opsItemGroup();
      expectError(await ctx.del({ ResourceArn, PolicyHash: 'h' }), VALIDATION, 'Delete without PolicyId');
      expectError(await ctx.del({ ResourceArn, PolicyId: 'p' }), VALIDATION, 'Delete without PolicyHash');
      expectError(await ctx.del({ ResourceArn }), VALIDATION, 'Delete without either');
    },
  },
  {
    rule: 'V5',
    title: "one violation reads \"1 validation error detected: Value '51' at 'maxResults' …\"",
    run: async (ctx) => {
      const ResourceArn = await ctx.opsItemGroup();
      expectError(
        await ctx.get({ ResourceArn, MaxResults: 51 }),
        v(
          `1 validation error detected: ${violation('51', 'maxResults', 'Member must have value less than or equal to 50')}`,
        ),
        'Get with MaxResults 51',
      );
      expectError(
        await ctx.get({ ResourceArn, MaxResults: 0 }),
        v(
          `1 validation error detected: ${violation('0', 'maxResults', 'Member must have value greater than or equal to 1')}`,
        ),
        'Get with MaxResults 0',
      );
    },
  },
  {
    rule: 'V5',
    title: 'every violation in one message, in member order; a missing member reads "Value null"',
    run: async (ctx) => {
      const ResourceArn = await ctx.opsItemGroup();
      expectError(
        await ctx.del({ ResourceArn }),
        v(
          `2 validation errors detected: ${violation(null, 'policyId', 'Member must not be null')}; ${violation(null, 'policyHash', 'Member must not be null')}`,
        ),
        'Delete without PolicyId and PolicyHash',
      );
      expectError(
        await ctx.put({ ResourceArn: SHORT_ARN }),
        v(
          `2 validation errors detected: ${violation(SHORT_ARN, 'resourceArn', 'Member must have length greater than or equal to 20')}; ${violation(null, 'policy', 'Member must not be null')}`,
        ),
        'Put with a short ResourceArn and no Policy',
      );
    },
  },
  {
    rule: 'V5',
    title: 'length and pattern violations name the constraint in AWS words',
    run: async (ctx) => {
      expectError(
        await ctx.get({ ResourceArn: LONG_ARN }),
        v(
          `1 validation error detected: ${violation(LONG_ARN, 'resourceArn', 'Member must have length less than or equal to 2048')}`,
        ),
        'Get with a 2096-character ResourceArn',
      );
      const ResourceArn = await ctx.opsItemGroup();
      expectError(
        await ctx.put({ ResourceArn, Policy: '  ' }),
        v(
          `1 validation error detected: ${violation('  ', 'policy', 'Member must satisfy regular expression pattern: ^(?!\\s*$).+')}`,
        ),
        'Put with a blank Policy',
      );
    },
  },
];
