// Fault injection: stores and catalogs that fail in every way a port can fail. A command answers
// InternalServerError and never throws or rejects.
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { describe, expect, it } from 'vitest';
import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
import {
  bindCaller,
  defaultProfile,
  makeCommands,
  seededIdSource,
  storageError,
  type ParameterCatalog,
  type PolicyRepository,
  type ResourcePolicyService,
} from '@ssm-policy/core';
import { OPS_ARN, PARAM, PARAM_ARN, caller, policyFor, right, scope } from './fixtures.js';

type Failure = 'left' | 'reject' | 'throw-in-task' | 'throw-on-call' | 'reject-non-error';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const failing = (how: Failure): any => {
  switch (how) {
    case 'left':
      return () => TE.left(storageError('disk on fire'));
    case 'reject':
      return () => () => Promise.reject(new Error('connection reset'));
    case 'reject-non-error':
      return () => () => Promise.reject('a string, not an Error');
    case 'throw-in-task':
      return () => () => {
        throw new Error('boom inside the task');
      };
    case 'throw-on-call':
      return () => {
        throw new Error('boom before any task exists');
      };
  }
};

const FAILURES: Failure[] = ['left', 'reject', 'reject-non-error', 'throw-in-task', 'throw-on-call'];

/** A repository whose every operation fails in the given way. */
const failingRepository = (how: Failure): PolicyRepository => ({
  capabilities: { assignsIdentity: false },
  create: failing(how),
  update: failing(how),
  delete: failing(how),
  list: failing(how),
  dropResource: failing(how),
});

const serviceWith = (repository: PolicyRepository, catalog?: ParameterCatalog): ResourcePolicyService => {
  const memoryCatalog = createMemoryParameterCatalog();
  memoryCatalog.put(scope, { Name: PARAM, Type: 'String', Tier: 'Advanced' });
  return bindCaller(
    makeCommands({
      repository,
      catalog: catalog ?? memoryCatalog,
      ids: seededIdSource(3),
      profile: defaultProfile,
    }),
    caller,
  );
};

/** Runs a command and checks that it resolved (no throw, no rejection) to an InternalServerError. */
const expectInternal = async (run: () => Promise<E.Either<{ _tag: string }, unknown>>) => {
  let result: E.Either<{ _tag: string }, unknown> | undefined;
  await expect(
    (async () => {
      result = await run();
    })(),
  ).resolves.toBeUndefined();
  expect(result && E.isLeft(result) ? result.left._tag : result).toBe('InternalServerError');
};

describe('a failing store gives InternalServerError, never a throw', () => {
  for (const how of FAILURES) {
    it(`H10 repository failure (${how}) → InternalServerError for Put (create and update), Get and Delete`, async () => {
      const service = serviceWith(failingRepository(how));
      for (const ResourceArn of [OPS_ARN, PARAM_ARN]) {
        await expectInternal(service.PutResourcePolicy({ ResourceArn, Policy: policyFor(ResourceArn) }));
        await expectInternal(
          service.PutResourcePolicy({
            ResourceArn,
            Policy: policyFor(ResourceArn),
            PolicyId: 'p',
            PolicyHash: 'h',
          }),
        );
        await expectInternal(service.GetResourcePolicies({ ResourceArn }));
        await expectInternal(service.DeleteResourcePolicy({ ResourceArn, PolicyId: 'p', PolicyHash: 'h' }));
      }
    });

    it(`R4 catalog failure (${how}) → InternalServerError for a parameter, while the OpsItemGroup needs no catalog`, async () => {
      const catalog: ParameterCatalog = { describeParameter: failing(how) };
      const service = serviceWith(createMemoryPolicyRepository(), catalog);
      await expectInternal(
        service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: policyFor(PARAM_ARN) }),
      );
      await expectInternal(service.GetResourcePolicies({ ResourceArn: PARAM_ARN }));
      await expectInternal(
        service.DeleteResourcePolicy({ ResourceArn: PARAM_ARN, PolicyId: 'p', PolicyHash: 'h' }),
      );
      right(await service.PutResourcePolicy({ ResourceArn: OPS_ARN, Policy: policyFor(OPS_ARN) })());
    });
  }

  it('O1 rules decided before the store still answer first when the store is down', async () => {
    const service = serviceWith(failingRepository('reject'));
    const put = await service.PutResourcePolicy({ ResourceArn: OPS_ARN, Policy: '{}' })();
    expect(E.isLeft(put) && put.left._tag).toBe('MalformedResourcePolicyDocumentException');
    const get = await service.GetResourcePolicies({ ResourceArn: OPS_ARN, MaxResults: 99 })();
    expect(E.isLeft(get) && get.left._tag).toBe('ValidationException');
    const token = await service.GetResourcePolicies({ ResourceArn: OPS_ARN, NextToken: 'garbage' })();
    expect(E.isLeft(token) && token.left._tag).toBe('ResourcePolicyInvalidParameterException');
  });
});
