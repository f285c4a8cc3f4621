import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  decodePageToken,
  defaultProfile,
  encodePageToken,
  pageResponse,
  planGetResourcePolicies,
} from '@ssm-policy/core';
import { OPS_ARN, PARAM_ARN, left, right } from './fixtures.js';

const expectInvalidToken = (e: E.Either<{ _tag: string; ParameterNames?: ReadonlyArray<string> }, unknown>) =>
  expect(left(e)).toMatchObject({
    _tag: 'ResourcePolicyInvalidParameterException',
    ParameterNames: ['NextToken'],
  });

describe('H8 page tokens', () => {
  it('H8 a token decodes back to its cursor for its own resource', () => {
    for (const cursor of ['0', '17', '', 'cursor with spaces', 'é😀', '{"k":"v"}']) {
      expect(right(decodePageToken({ arn: OPS_ARN }, encodePageToken({ arn: OPS_ARN }, cursor)))).toBe(
        cursor,
      );
    }
    expect(encodePageToken({ arn: OPS_ARN }, '17')).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('H8 R7 tokens are the same text as before the checksum read the ARN, incarnation and cursor piece by piece', () => {
    // Made by the earlier checksum, which joined `arn \n [incarnation \n] cursor` into one string first: a
    // token a client holds must mean the same after the change.
    const P = 'arn:aws:ssm:us-east-1:123456789012:parameter/p';
    expect(encodePageToken({ arn: P }, '17')).toBe('aNmU3YWExMjM5YWNmYzYyMDE3');
    expect(encodePageToken({ arn: P, incarnation: 'life-1' }, '49')).toBe('aOGZiYTc5YjllODI1NTIyZjQ5');
    expect(encodePageToken({ arn: OPS_ARN }, 'é😀')).toBe(
      'wADMANAAxAGYAZgBmADcAMABhADcANgBjADMAYwA0ADcA6dg93gA',
    );
  });

  it('H8 R7 the pieces are kept apart: a token of ARN x, incarnation a is refused for ARN xa', () => {
    // Read without the newline between them, `arn:x` + `a` and `arn:xa` would give the same checksum.
    const token = encodePageToken({ arn: 'arn:x', incarnation: 'a' }, 'b');
    expect(right(decodePageToken({ arn: 'arn:x', incarnation: 'a' }, token))).toBe('b');
    expectInvalidToken(decodePageToken({ arn: 'arn:xa' }, token));
    expectInvalidToken(
      decodePageToken({ arn: 'arn:x', incarnation: 'ab' }, encodePageToken({ arn: 'arn:x' }, 'ab')),
    );
  });

  it("H8 refuses a token of another resource with ['NextToken']", () => {
    expectInvalidToken(decodePageToken({ arn: PARAM_ARN }, encodePageToken({ arn: OPS_ARN }, '3')));
  });

  it("H8 R7 refuses a token of an earlier life of the parameter with ['NextToken']", () => {
    const token = encodePageToken({ arn: PARAM_ARN, incarnation: 'life-1' }, '3');
    expect(right(decodePageToken({ arn: PARAM_ARN, incarnation: 'life-1' }, token))).toBe('3');
    expectInvalidToken(decodePageToken({ arn: PARAM_ARN, incarnation: 'life-2' }, token));
    expectInvalidToken(decodePageToken({ arn: PARAM_ARN }, token));
  });

  it("H8 refuses garbage with ['NextToken']", () => {
    for (const token of ['', 'x', '!!!!', 'AAAA', '17', 'null', '=', 'a'.repeat(500), '\u00e9\u00e9']) {
      expectInvalidToken(decodePageToken({ arn: OPS_ARN }, token));
    }
  });

  it("H8 planGetResourcePolicies refuses a tampered token with ['NextToken'] and uses the default page size", () => {
    const token = encodePageToken({ arn: OPS_ARN }, '3');
    const tampered = `${token.slice(0, 5)}${token[5] === 'A' ? 'B' : 'A'}${token.slice(6)}`;
    expectInvalidToken(
      planGetResourcePolicies(
        { ResourceArn: OPS_ARN, NextToken: tampered },
        { arn: OPS_ARN },
        defaultProfile,
      ),
    );
    expect(
      right(
        planGetResourcePolicies({ ResourceArn: OPS_ARN, NextToken: token }, { arn: OPS_ARN }, defaultProfile),
      ),
    ).toEqual({
      resource: { arn: OPS_ARN },
      limit: 50,
      cursor: '3',
    });
    expect(
      right(
        planGetResourcePolicies({ ResourceArn: OPS_ARN, MaxResults: 7 }, { arn: OPS_ARN }, defaultProfile),
      ),
    ).toEqual({
      resource: { arn: OPS_ARN },
      limit: 7,
    });
  });

  it('H8 a page answers its policies and a NextToken for its cursor; the last page carries none', () => {
    const policy = { PolicyId: 'p', PolicyHash: 'h', Policy: '{}' };
    expect(pageResponse({ arn: OPS_ARN }, { policies: [] })).toEqual({ Policies: [] });
    expect(pageResponse({ arn: OPS_ARN }, { policies: [policy] })).toEqual({ Policies: [policy] });
    const more = pageResponse({ arn: OPS_ARN }, { policies: [policy], cursor: '4' });
    expect(more.Policies).toEqual([policy]);
    expect(right(decodePageToken({ arn: OPS_ARN }, more.NextToken!))).toBe('4');
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 40 })], { numRuns: 150 })(
    'H8 any cursor round-trips through a token',
    (cursor) => {
      expect(right(decodePageToken({ arn: PARAM_ARN }, encodePageToken({ arn: PARAM_ARN }, cursor)))).toBe(
        cursor,
      );
    },
  );

  test.prop(
    [
      fc.stringMatching(/^\d{1,6}$/),
      fc.nat(),
      fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=.'),
    ],
    { numRuns: 200 },
  )(
    "H8 changing any one character of a token makes it invalid with ['NextToken']",
    (cursor, at, replacement) => {
      const token = encodePageToken({ arn: OPS_ARN }, cursor);
      const i = at % token.length;
      fc.pre(token[i] !== replacement);
      expectInvalidToken(
        decodePageToken({ arn: OPS_ARN }, token.slice(0, i) + replacement + token.slice(i + 1)),
      );
    },
  );

  test.prop([fc.string({ maxLength: 60 })], { numRuns: 150 })(
    "H8 a random string is refused with ['NextToken'] (and never throws)",
    (token) => {
      expectInvalidToken(decodePageToken({ arn: OPS_ARN }, token));
    },
  );
});
