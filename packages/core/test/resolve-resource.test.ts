import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { describe, expect, it } from 'vitest';
import {
  callPort,
  defaultProfile,
  makeProfile,
  resolveResource,
  resolveResourceArn,
  resourceKeyOf,
  storageError,
  toInternalServerError,
} from '@ssm-policy/core';
import { ACCOUNT, OTHER_ACCOUNT, REGION, caller, left, right } from './fixtures.js';

describe('resolveResourceArn (pure R1, R2, R8, R3)', () => {
  const invalid = (e: { _tag: string }) => {
    expect(e).toMatchObject({
      _tag: 'ResourcePolicyInvalidParameterException',
      ParameterNames: ['ResourceArn'],
    });
  };

  it("R2 an unsupported resource type is refused with the profile's unsupportedResourceError; R1 always invalid", () => {
    const notFound = makeProfile({ unsupportedResourceError: 'ResourceNotFoundException' });
    const document = `arn:aws:ssm:${REGION}:${ACCOUNT}:document/x`;
    invalid(left(resolveResourceArn(document, caller, { profile: defaultProfile }, 'write')));
    expect(left(resolveResourceArn(document, caller, { profile: notFound }, 'write'))).toEqual({
      _tag: 'ResourceNotFoundException',
      fault: 'client',
      message: 'The specified parameter to be shared could not be found.',
    });
    // R1 (the ARN's form) has no profile option: still ["ResourceArn"].
    invalid(left(resolveResourceArn('arn:aws:ssm:nowhere-1:x', caller, { profile: notFound }, 'read')));
    invalid(
      left(
        resolveResourceArn(
          `arn:aws:s3:${REGION}:${ACCOUNT}:parameter/x`,
          caller,
          { profile: notFound },
          'read',
        ),
      ),
    );
  });

  it('O1 R1/R2 are decided before R8 and R3, and R8 alone refuses a well-formed foreign ARN', () => {
    invalid(
      left(
        resolveResourceArn(
          `arn:aws:ssm:${REGION}:${OTHER_ACCOUNT}:document/x`,
          caller,
          { profile: defaultProfile },
          'write',
        ),
      ),
    );
    // With R8 and R3 answering NotFound, the foreign document ARN is still refused ["ResourceArn"]: R2 decided it.
    const notFound = makeProfile({
      foreignResourceError: 'ResourceNotFoundException',
      callerRegionError: 'ResourceNotFoundException',
    });
    invalid(
      left(
        resolveResourceArn(
          `arn:aws:ssm:eu-west-1:${OTHER_ACCOUNT}:document/x`,
          caller,
          { profile: notFound },
          'write',
        ),
      ),
    );
    const mine = right(
      resolveResourceArn(
        `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/a/b`,
        caller,
        { profile: defaultProfile },
        'write',
      ),
    );
    expect(mine).toMatchObject({ _tag: 'Parameter', name: '/a/b' });
    const foreign = `arn:aws:ssm:${REGION}:${OTHER_ACCOUNT}:opsitemgroup/default`;
    invalid(left(resolveResourceArn(foreign, caller, { profile: defaultProfile }, 'write')));
    expect(left(resolveResourceArn(foreign, caller, { profile: notFound }, 'write'))._tag).toBe(
      'ResourceNotFoundException',
    );
  });

  it("O1 R8 is decided before R3: another account's resource in another region gets R8's code", () => {
    const profile = makeProfile({ foreignResourceError: 'ResourceNotFoundException' });
    const both = `arn:aws:ssm:eu-west-1:${OTHER_ACCOUNT}:opsitemgroup/default`;
    for (const access of ['read', 'write'] as const)
      expect(left(resolveResourceArn(both, caller, { profile }, access))._tag).toBe(
        'ResourceNotFoundException',
      );
    // Only the region is wrong: R3's code (the invalid-parameter default).
    invalid(
      left(
        resolveResourceArn(
          `arn:aws:ssm:eu-west-1:${ACCOUNT}:opsitemgroup/default`,
          caller,
          { profile },
          'write',
        ),
      ),
    );
  });

  it('R8 holds with R3 off: requireCallerRegion false lets another region through, never another account', () => {
    const profile = makeProfile({ requireCallerRegion: false });
    right(
      resolveResourceArn(
        `arn:aws:ssm:eu-west-1:${ACCOUNT}:opsitemgroup/default`,
        caller,
        { profile },
        'write',
      ),
    );
    for (const access of ['read', 'write'] as const)
      invalid(
        left(
          resolveResourceArn(
            `arn:aws:ssm:${REGION}:${OTHER_ACCOUNT}:parameter/a`,
            caller,
            { profile },
            access,
          ),
        ),
      );
  });
});

describe('callPort', () => {
  it('H10 passes a port’s answer through, and turns a throw or a rejection into a StorageError', async () => {
    expect(await callPort(TE.right(1))).toEqual(E.right(1));
    expect(await callPort(TE.left(storageError('down')))).toEqual(E.left(storageError('down')));
    const thrown = new Error('sync');
    expect(
      left(
        await callPort(() => {
          throw thrown;
        }),
      ),
    ).toMatchObject({ _tag: 'StorageError', message: 'sync', cause: thrown });
    expect(left(await callPort(() => Promise.reject(new Error('async'))))).toMatchObject({
      _tag: 'StorageError',
      message: 'async',
    });
    expect(left(await callPort(() => Promise.reject(42)))).toMatchObject({ _tag: 'StorageError', cause: 42 });
  });

  it('H10 a storage failure is an InternalServerError to the caller', () => {
    expect(toInternalServerError(storageError('down'))._tag).toBe('InternalServerError');
  });
});

describe('policy keys (R7)', () => {
  const arn = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/app/db`;
  const deps = (Incarnation?: string) => ({
    repository: undefined as never,
    ids: undefined as never,
    profile: defaultProfile,
    catalog: {
      describeParameter: () =>
        TE.right(
          O.some({
            Name: '/app/db',
            Type: 'String' as const,
            Tier: 'Advanced' as const,
            ...(Incarnation === undefined ? {} : { Incarnation }),
          }),
        ),
    },
  });

  it("R7 a parameter's incarnation is part of its policy key, so a new life of the name has a key of its own", async () => {
    expect(right(await resolveResource(deps('life-1'), caller, arn, 'write')()).key).toEqual({
      arn,
      incarnation: 'life-1',
    });
    expect(right(await resolveResource(deps('life-2'), caller, arn, 'read')()).key).toEqual({
      arn,
      incarnation: 'life-2',
    });
    expect(right(await resolveResource(deps(), caller, arn, 'write')()).key).toEqual({ arn });
  });

  it('R7 the key is structured: the ARN as it is, the incarnation beside it (an empty one is none)', () => {
    expect(resourceKeyOf(arn, 'life-1')).toEqual({ arn, incarnation: 'life-1' });
    expect(resourceKeyOf(arn)).toEqual({ arn });
    expect(resourceKeyOf(arn, '')).toEqual({ arn });
  });
});
