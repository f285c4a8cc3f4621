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

describe('resolveResourceArn (pure R1–R3)', () => {
  it('O1 R1/R2 are decided before R3, and R3 alone refuses a well-formed foreign ARN', () => {
    const bad = left(
      resolveResourceArn(`arn:aws:ssm:${REGION}:${OTHER_ACCOUNT}:document/x`, caller, {
        profile: defaultProfile,
      }),
    );
    expect(bad.ParameterNames).toEqual(['ResourceArn']);
    // With the ownership check off the foreign document ARN is still refused: R2 decided it, not R3.
    expect(
      left(
        resolveResourceArn(`arn:aws:ssm:${REGION}:${OTHER_ACCOUNT}:document/x`, caller, {
          profile: makeProfile({ requireOwnership: false }),
        }),
      ).ParameterNames,
    ).toEqual(['ResourceArn']);
    const mine = right(
      resolveResourceArn(`arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/a/b`, caller, {
        profile: defaultProfile,
      }),
    );
    expect(mine).toMatchObject({ _tag: 'Parameter', name: '/a/b' });
    const foreign = `arn:aws:ssm:${REGION}:${OTHER_ACCOUNT}:opsitemgroup/default`;
    expect(left(resolveResourceArn(foreign, caller, { profile: defaultProfile })).ParameterNames).toEqual([
      'ResourceArn',
    ]);
    right(resolveResourceArn(foreign, caller, { profile: makeProfile({ requireOwnership: false }) }));
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
    expect(right(await resolveResource(deps('life-1'), caller, arn)()).key).toEqual({
      arn,
      incarnation: 'life-1',
    });
    expect(right(await resolveResource(deps('life-2'), caller, arn)()).key).toEqual({
      arn,
      incarnation: 'life-2',
    });
    expect(right(await resolveResource(deps(), caller, arn)()).key).toEqual({ arn });
  });

  it('R7 the key is structured: the ARN as it is, the incarnation beside it (an empty one is none)', () => {
    expect(resourceKeyOf(arn, 'life-1')).toEqual({ arn, incarnation: 'life-1' });
    expect(resourceKeyOf(arn)).toEqual({ arn });
    expect(resourceKeyOf(arn, '')).toEqual({ arn });
  });
});
