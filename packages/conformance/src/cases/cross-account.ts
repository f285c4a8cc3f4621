/**
 * Service-contract cases across two accounts (rules A6, A7, R8), for a target that supplies a consumer: a
 * second caller of another account on the same endpoint (`ServiceHandle.consumer`; the command line's
 * `--consumer-access-key`). Without one they skip, saying so.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { coreServiceFactory, crossAccountCases, runServiceCase } from '@ssm-policy/conformance';
 * assert.ok(crossAccountCases.every((c) => c.requirements?.includes('consumer')));
 * // The core alone has one caller: each case skips and says why.
 * const factory = coreServiceFactory({ repository: createMemoryPolicyRepository, catalog: createMemoryParameterCatalog });
 * const result = await runServiceCase(crossAccountCases[0]!, factory);
 * assert.equal(result.status, 'skip');
 *
 * @since 0.3.0
 */
import * as E from 'fp-ts/lib/Either.js';
import { errorSummary, expectEqual, expectError, expectRight, expectTrue, skip } from '../assert.js';
import { parameterPolicy } from '../documents.js';
import type { ConsumerHandle } from '../fixture.js';
import type { ServiceCase, ServiceContext } from '../service/context.js';

const consumerOf = (ctx: ServiceContext): ConsumerHandle =>
  ctx.handle.consumer ?? skip('no consumer (a second account) was supplied');

/** A6/P4: the owner's policy granting the consumer's account `actions` on `arn`. */
const grant = (
  arn: string,
  consumer: ConsumerHandle,
  actions: ReadonlyArray<string> = ['ssm:GetParameter'],
) => parameterPolicy(arn, { Principal: { AWS: consumer.caller.account }, Action: actions });

/** A7's answers: `AccessDeniedException` by default, `ParameterNotFound` as the profile may choose. */
const DENIALS = ['AccessDeniedException', 'ParameterNotFound'];

const expectDenied = (result: E.Either<unknown, unknown>, what: string): void => {
  if (E.isRight(result)) {
    // A denial never reveals the value: a Right is a failure whatever it holds.
    expectTrue(false, what, { Right: '<the parameter>' }, { Left: { _tag: DENIALS.join(' | ') } });
    return;
  }
  const tag = errorSummary(result.left)['_tag'];
  expectTrue(typeof tag === 'string' && DENIALS.includes(tag), what, errorSummary(result.left), {
    _tag: DENIALS.join(' | '),
  });
};

/**
 * The cases, in the order they run.
 *
 * @since 0.3.0
 * @category service contract
 */
export const crossAccountCases: ReadonlyArray<ServiceCase> = [
  {
    rule: 'A6',
    title:
      "cross-account: a consumer reads the owner's parameter by its ARN once a policy grants it ssm:GetParameter",
    requirements: ['consumer'],
    run: async (ctx) => {
      const consumer = consumerOf(ctx);
      const arn = await ctx.parameter('shared');
      await ctx.create(arn, grant(arn, consumer));
      const read = expectRight(await consumer.getParameter(arn), 'the consumer GetParameter by ARN');
      if (read.ARN !== undefined) expectEqual(read.ARN, arn, 'the ARN the consumer read');
    },
  },
  {
    rule: 'A7',
    title:
      "cross-account: a consumer's GetParameter by ARN is denied without a policy, and after the policy is deleted",
    requirements: ['consumer'],
    run: async (ctx) => {
      const consumer = consumerOf(ctx);
      const arn = await ctx.parameter('unshared');
      expectDenied(await consumer.getParameter(arn), 'GetParameter by ARN with no policy');
      const p = await ctx.create(arn, grant(arn, consumer));
      expectRight(await consumer.getParameter(arn), 'GetParameter by ARN with the policy');
      expectRight(
        await ctx.del({ ResourceArn: arn, PolicyId: p.PolicyId, PolicyHash: p.PolicyHash }),
        'the owner deletes the policy',
      );
      expectDenied(await consumer.getParameter(arn), 'GetParameter by ARN after the policy was deleted');
    },
  },
  {
    rule: 'A7',
    title: 'cross-account: a policy granting another action does not let the consumer GetParameter',
    requirements: ['consumer'],
    run: async (ctx) => {
      const consumer = consumerOf(ctx);
      const arn = await ctx.parameter('history-only');
      await ctx.create(arn, grant(arn, consumer, ['ssm:GetParameterHistory']));
      expectDenied(await consumer.getParameter(arn), 'GetParameter by ARN granted only GetParameterHistory');
    },
  },
  {
    rule: 'R8',
    title:
      "cross-account: a consumer cannot put or delete a policy on the owner's parameter, even one the owner shared with it",
    requirements: ['consumer'],
    run: async (ctx) => {
      const consumer = consumerOf(ctx);
      const arn = await ctx.parameter('owned');
      const p = await ctx.create(arn, grant(arn, consumer));
      const expected =
        ctx.profile.foreignResourceError === 'ResourcePolicyInvalidParameterException'
          ? { _tag: 'ResourcePolicyInvalidParameterException', ParameterNames: ['ResourceArn'] }
          : { _tag: 'ResourceNotFoundException' };
      expectError(
        await consumer.service.PutResourcePolicy({ ResourceArn: arn, Policy: grant(arn, consumer) })(),
        expected,
        "the consumer's PutResourcePolicy on the owner's parameter",
      );
      expectError(
        await consumer.service.DeleteResourcePolicy({ ResourceArn: arn, ...p })(),
        expected,
        "the consumer's DeleteResourcePolicy of the owner's policy",
      );
      expectEqual((await ctx.list(arn)).length, 1, "the owner's policies after the consumer's attempts");
    },
  },
];
