/**
 * Rule W6, the `Authorization` header read once and in linear time: what the parser finds, checked against a
 * plain reference tokenizer on generated headers, and on the hostile 16 KB shapes that made the old regex
 * backtrack. How long a parse takes is measured by `bench/authorization.ts`, not asserted here.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { callerFromAuthorization, credentialScopeOf, parseAuthorization } from '@ssm-policy/server';

const SCOPE = 'AKIDEXAMPLE/20260101/eu-west-1/ssm/aws4_request';
const SIGNATURE = 'ab'.repeat(32);
const ordinary = `AWS4-HMAC-SHA256 Credential=${SCOPE}, SignedHeaders=host;x-amz-date, Signature=${SIGNATURE}`;

/** The reference: split on separators, the first token with the key wins. Simple, and too slow to ship. */
const reference = (header: string) => {
  const tokens = header.split(/[ ,\t]+/).filter((t) => t !== '');
  const algorithm = tokens[0] ?? '';
  if (!header.trimStart().startsWith('AWS4-')) return { _tag: 'OtherScheme' };
  const first = (key: string) =>
    tokens
      .slice(1)
      .find((t) => t.startsWith(`${key}=`))
      ?.slice(key.length + 1);
  return {
    _tag: 'SigV4',
    algorithm,
    credential: first('Credential'),
    signedHeaders: first('SignedHeaders'),
    signature: first('Signature'),
  };
};

/** The reference scope: five parts, non-empty, an 8-digit date, the `aws4_request` terminator. */
const referenceScope = (credential: string | undefined) => {
  const parts = credential?.split('/') ?? [];
  const [accessKeyId = '', date = '', region = '', service = '', terminator] = parts;
  return parts.length === 5 &&
    accessKeyId &&
    region &&
    service &&
    /^\d{8}$/.test(date) &&
    terminator === 'aws4_request'
    ? { accessKeyId, date, region, service }
    : undefined;
};

const sixteenKb = (unit: string, tail = ''): string => {
  const prefix = 'AWS4-HMAC-SHA256 ';
  return prefix + unit.repeat(Math.ceil((16 * 1024 - prefix.length) / unit.length)) + tail;
};

describe('W6 the Authorization header, parsed once in linear time', () => {
  it('W6 an ordinary SigV4 header gives its algorithm, parameters and credential scope', () => {
    expect(parseAuthorization(ordinary)).toEqual({
      _tag: 'SigV4',
      algorithm: 'AWS4-HMAC-SHA256',
      credential: SCOPE,
      signedHeaders: 'host;x-amz-date',
      signature: SIGNATURE,
      scope: { accessKeyId: 'AKIDEXAMPLE', date: '20260101', region: 'eu-west-1', service: 'ssm' },
    });
    expect(parseAuthorization(undefined)).toEqual({ _tag: 'Absent' });
    expect(parseAuthorization('Basic Ym9iOnNlY3JldA==')).toEqual({ _tag: 'OtherScheme' });
  });

  it('W6 a repeated parameter counts once, the first time; a key inside another token is not a parameter', () => {
    const parsed = parseAuthorization(
      `AWS4-HMAC-SHA256 xCredential=bad/20260101/us-west-2/ssm/aws4_request Credential=${SCOPE},Credential=other/20260101/us-west-2/ssm/aws4_request`,
    );
    expect(parsed._tag === 'SigV4' && parsed.scope?.region).toBe('eu-west-1');
  });

  it('W6 a credential that is not five parts with an 8-digit date has no scope, and the caller takes the defaults', () => {
    for (const credential of [
      'AKID/2026/eu-west-1/ssm/aws4_request',
      'AKID/20260101/eu-west-1/ssm',
      'AKID/20260101/eu-west-1/ssm/aws4_request/extra',
      '/20260101/eu-west-1/ssm/aws4_request',
      'AKID/20260101/eu-west-1/ssm/aws4_requests',
    ]) {
      expect(credentialScopeOf(`AWS4-HMAC-SHA256 Credential=${credential}`)).toBeUndefined();
    }
    expect(
      callerFromAuthorization('AWS4-HMAC-SHA256 Credential=AKID/2026/eu-west-1/ssm/aws4_request'),
    ).toEqual({
      account: '123456789012',
      region: 'us-east-1',
      partition: 'aws',
    });
  });

  it('W6 hostile 16 KB headers (repeated Credential= and the like) parse to what they say, no scope, default caller', () => {
    const shapes = [
      sixteenKb('Credential='),
      sixteenKb('Credential=a/'),
      sixteenKb('Credential=a/20260101/'),
      sixteenKb('xCredential='),
      sixteenKb('xCredential= '),
      sixteenKb('xSignature=xSignedHeaders='),
      sixteenKb(', '),
      sixteenKb('a '),
    ];
    for (const header of shapes) {
      const parsed = parseAuthorization(header);
      expect(parsed).toMatchObject(reference(header));
      expect(parsed._tag === 'SigV4' && parsed.scope).toBe(undefined);
      expect(callerFromAuthorization(header)).toMatchObject({ account: '123456789012', region: 'us-east-1' });
    }
  });

  it('W6 a real parameter after 16 KB of decoys is still found', () => {
    const header = sixteenKb('xCredential=', ` Credential=${SCOPE}`);
    expect(callerFromAuthorization(header)).toMatchObject({ region: 'eu-west-1' });
  });

  const piece = fc.constantFrom(
    'Credential=',
    `Credential=${SCOPE}`,
    'Credential=210987654321/20260101/us-west-2/ssm/aws4_request',
    'SignedHeaders=host',
    'SignedHeaders=',
    `Signature=${SIGNATURE}`,
    'Signature==',
    'xCredential=a',
    'Credential',
    '=',
    'AWS4-HMAC-SHA256',
    'x',
  );
  const separator = fc.constantFrom(' ', ',', ', ', '\t', ' ,\t');

  test.prop([
    fc.constantFrom('AWS4-HMAC-SHA256', 'AWS4-X', 'Bearer', ' AWS4-HMAC-SHA256', ',AWS4-HMAC-SHA256'),
    fc.array(fc.tuple(separator, piece), { maxLength: 12 }),
  ])('W6 the parser agrees with a plain tokenizer on generated headers', (scheme, rest) => {
    const header = scheme + rest.map(([s, p]) => s + p).join('');
    const parsed = parseAuthorization(header);
    const expected = reference(header);
    if (expected._tag === 'OtherScheme') expect(parsed).toEqual(expected);
    else {
      expect(parsed).toMatchObject(expected);
      expect(parsed._tag === 'SigV4' ? parsed.scope : 'none').toEqual(
        expected.algorithm === 'AWS4-HMAC-SHA256' ? referenceScope(expected.credential) : undefined,
      );
    }
  });

  const part = fc.stringMatching(/^[a-z0-9/=-]{0,12}$/);
  test.prop([
    fc.oneof(part, fc.constant('20260101')),
    fc.oneof(part, fc.constant('eu-west-1')),
    fc.oneof(part, fc.constant('aws4_request')),
    part,
    fc.constantFrom(', ', ','),
    part,
  ])(
    'W6 headers in the usual SDK form parse as the plain tokenizer reads them, scope included',
    (date, region, terminator, headers, separator, signature) => {
      const credential = `AKID/${date}/${region}/ssm/${terminator}`;
      const header = `AWS4-HMAC-SHA256 Credential=${credential}${separator}SignedHeaders=${headers}${separator}Signature=${signature}`;
      const parsed = parseAuthorization(header);
      const expected = reference(header);
      expect(parsed).toMatchObject(expected);
      expect(parsed._tag === 'SigV4' ? parsed.scope : 'none').toEqual(referenceScope(expected.credential));
    },
  );
});
