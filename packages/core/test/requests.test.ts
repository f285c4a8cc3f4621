import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  decodeDeleteResourcePolicyRequest,
  decodeGetResourcePoliciesRequest,
  decodePutResourcePolicyRequest,
  validateDeleteResourcePolicyRequest,
  validateGetResourcePoliciesRequest,
  validatePutResourcePolicyRequest,
} from '@ssm-policy/core';
import { OPS_ARN, left, right } from './fixtures.js';

const POLICY = '{"Statement":{}}';
const messageOf = (e: E.Either<{ _tag: string; message: string }, unknown>) => {
  const l = left(e);
  expect(l._tag).toBe('ValidationException');
  return l.message;
};

describe('V1 ResourceArn', () => {
  it('V1 rejects a missing or null ResourceArn with ValidationException', () => {
    for (const v of [
      validatePutResourcePolicyRequest({ Policy: POLICY }),
      validatePutResourcePolicyRequest({ ResourceArn: null, Policy: POLICY }),
      validateGetResourcePoliciesRequest({}),
      validateDeleteResourcePolicyRequest({ PolicyId: 'p', PolicyHash: 'h' }),
    ]) {
      expect(messageOf(v)).toBe(
        "1 validation error detected: Value null at 'resourceArn' failed to satisfy constraint: Member must not be null",
      );
    }
  });

  it('V1 rejects a ResourceArn shorter than 20 or longer than 2048 characters', () => {
    const short = 'arn:aws:ssm:x:1:abc'; // 19
    expect(short).toHaveLength(19);
    expect(messageOf(validateGetResourcePoliciesRequest({ ResourceArn: short }))).toBe(
      `1 validation error detected: Value '${short}' at 'resourceArn' failed to satisfy constraint: Member must have length greater than or equal to 20`,
    );
    const long = `${OPS_ARN}${'x'.repeat(2049 - OPS_ARN.length)}`;
    expect(long).toHaveLength(2049);
    expect(messageOf(validateGetResourcePoliciesRequest({ ResourceArn: long }))).toBe(
      `1 validation error detected: Value '${long}' at 'resourceArn' failed to satisfy constraint: Member must have length less than or equal to 2048`,
    );
    expect(E.isRight(validateGetResourcePoliciesRequest({ ResourceArn: 'a'.repeat(20) }))).toBe(true);
    expect(E.isRight(validateGetResourcePoliciesRequest({ ResourceArn: 'a'.repeat(2048) }))).toBe(true);
    expect(left(validatePutResourcePolicyRequest({ ResourceArn: '', Policy: POLICY }))._tag).toBe(
      'ValidationException',
    );
  });
});

describe('V2 Policy', () => {
  it('V2 rejects a missing, empty, blank or multi-line Policy and accepts compact JSON', () => {
    const pattern = 'Member must satisfy regular expression pattern: ^(?!\\s*$).+';
    expect(messageOf(validatePutResourcePolicyRequest({ ResourceArn: OPS_ARN }))).toBe(
      "1 validation error detected: Value null at 'policy' failed to satisfy constraint: Member must not be null",
    );
    expect(messageOf(validatePutResourcePolicyRequest({ ResourceArn: OPS_ARN, Policy: '   ' }))).toBe(
      `1 validation error detected: Value '   ' at 'policy' failed to satisfy constraint: ${pattern}`,
    );
    for (const Policy of ['', ' ', '\t \t', '{\n"Statement":{}}', '{}\n', '\r\n', '{}\u2028', '{}\u0085']) {
      expect(left(validatePutResourcePolicyRequest({ ResourceArn: OPS_ARN, Policy }))._tag).toBe(
        'ValidationException',
      );
    }
    for (const Policy of [POLICY, ' {} ', 'x', '{"a":"\\n"}', '\u00a0']) {
      expect(right(validatePutResourcePolicyRequest({ ResourceArn: OPS_ARN, Policy })).Policy).toBe(Policy);
    }
  });
});

describe('V3 MaxResults', () => {
  it('V3 rejects MaxResults outside 1..50', () => {
    expect(messageOf(validateGetResourcePoliciesRequest({ ResourceArn: OPS_ARN, MaxResults: 0 }))).toBe(
      "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expect(left(validateGetResourcePoliciesRequest({ ResourceArn: OPS_ARN, MaxResults: -3 }))._tag).toBe(
      'ValidationException',
    );
    for (const MaxResults of [1, 25, 50]) {
      expect(right(validateGetResourcePoliciesRequest({ ResourceArn: OPS_ARN, MaxResults })).MaxResults).toBe(
        MaxResults,
      );
    }
  });

  it('V3 accepts an absent or null MaxResults', () => {
    expect(right(validateGetResourcePoliciesRequest({ ResourceArn: OPS_ARN }))).toEqual({
      ResourceArn: OPS_ARN,
    });
    expect(right(validateGetResourcePoliciesRequest({ ResourceArn: OPS_ARN, MaxResults: null }))).toEqual({
      ResourceArn: OPS_ARN,
    });
  });
});

describe('V4 Delete identity', () => {
  it('V4 rejects a Delete without PolicyId or without PolicyHash', () => {
    expect(messageOf(validateDeleteResourcePolicyRequest({ ResourceArn: OPS_ARN, PolicyId: 'p' }))).toBe(
      "1 validation error detected: Value null at 'policyHash' failed to satisfy constraint: Member must not be null",
    );
    expect(
      messageOf(
        validateDeleteResourcePolicyRequest({ ResourceArn: OPS_ARN, PolicyHash: 'h', PolicyId: null }),
      ),
    ).toBe(
      "1 validation error detected: Value null at 'policyId' failed to satisfy constraint: Member must not be null",
    );
    expect(
      right(validateDeleteResourcePolicyRequest({ ResourceArn: OPS_ARN, PolicyId: 'p', PolicyHash: 'h' })),
    ).toEqual({ ResourceArn: OPS_ARN, PolicyId: 'p', PolicyHash: 'h' });
  });
});

describe('V5 message format', () => {
  it("V5 reads exactly \"1 validation error detected: Value '51' at 'maxResults' ...\"", () => {
    expect(messageOf(validateGetResourcePoliciesRequest({ ResourceArn: OPS_ARN, MaxResults: 51 }))).toBe(
      "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
  });

  it('V5 lists every violation in one message, joined with "; "', () => {
    expect(messageOf(validateDeleteResourcePolicyRequest({ ResourceArn: OPS_ARN }))).toBe(
      "2 validation errors detected: Value null at 'policyId' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'policyHash' failed to satisfy constraint: Member must not be null",
    );
    expect(messageOf(validateGetResourcePoliciesRequest({ ResourceArn: 'short', MaxResults: 51 }))).toBe(
      "2 validation errors detected: Value 'short' at 'resourceArn' failed to satisfy constraint: Member must have length greater than or equal to 20; " +
        "Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
    expect(messageOf(validateDeleteResourcePolicyRequest({}))).toMatch(/^3 validation errors detected: /);
    expect(messageOf(validatePutResourcePolicyRequest({ ResourceArn: 'x', Policy: '' }))).toBe(
      "2 validation errors detected: Value 'x' at 'resourceArn' failed to satisfy constraint: Member must have length greater than or equal to 20; " +
        "Value '' at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?!\\s*$).+",
    );
  });

  it('V5 reads a missing member as "Value null at \'policyHash\' failed to satisfy constraint: Member must not be null"', () => {
    expect(
      messageOf(decodeDeleteResourcePolicyRequest({ ResourceArn: OPS_ARN, PolicyId: 'p', PolicyHash: null })),
    ).toBe(
      "1 validation error detected: Value null at 'policyHash' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe('W4, W5 decoding', () => {
  it('W4 answers SerializationException for a body that is not an object or a member of the wrong JSON type', () => {
    for (const body of [null, [], 'x', 3, true]) {
      expect(left(decodePutResourcePolicyRequest(body))._tag).toBe('SerializationException');
      expect(left(decodeGetResourcePoliciesRequest(body))._tag).toBe('SerializationException');
      expect(left(decodeDeleteResourcePolicyRequest(body))._tag).toBe('SerializationException');
    }
    expect(left(decodePutResourcePolicyRequest({ ResourceArn: 1, Policy: POLICY }))._tag).toBe(
      'SerializationException',
    );
    expect(left(decodeGetResourcePoliciesRequest({ ResourceArn: OPS_ARN, MaxResults: '5' }))._tag).toBe(
      'SerializationException',
    );
    expect(left(decodeGetResourcePoliciesRequest({ ResourceArn: OPS_ARN, MaxResults: 1.5 }))._tag).toBe(
      'SerializationException',
    );
    expect(
      left(decodeDeleteResourcePolicyRequest({ ResourceArn: OPS_ARN, PolicyId: {}, PolicyHash: 'h' }))._tag,
    ).toBe('SerializationException');
  });

  it('W5 ignores unknown members and drops null ones', () => {
    expect(
      right(
        decodePutResourcePolicyRequest({
          ResourceArn: OPS_ARN,
          Policy: POLICY,
          PolicyId: null,
          Extra: [1],
          x: null,
        }),
      ),
    ).toEqual({ ResourceArn: OPS_ARN, Policy: POLICY });
    expect(
      right(
        decodeGetResourcePoliciesRequest({ ResourceArn: OPS_ARN, NextToken: null, MaxResults: 7, Junk: 'y' }),
      ),
    ).toEqual({ ResourceArn: OPS_ARN, MaxResults: 7 });
  });
});

// -------------------------------------------------------------------------------------------------
// properties
// -------------------------------------------------------------------------------------------------

// The issue says decoding returns a request or a ValidationException; W4 makes a wrong JSON type a
// SerializationException, so a Left is one of the two.
const DECODE_TAGS = ['ValidationException', 'SerializationException'];

const member = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.constant(null),
  fc.integer({ min: -5, max: 60 }),
  fc.constantFrom(OPS_ARN, '', ' ', '{}', 'x'.repeat(2049)),
);
const requestLike = fc.record(
  {
    ResourceArn: member,
    Policy: member,
    PolicyId: member,
    PolicyHash: member,
    NextToken: member,
    MaxResults: member,
  },
  { requiredKeys: [] },
);
const anyInput = fc.oneof(fc.jsonValue(), fc.anything(), requestLike);

const decoders = [
  ['Put', decodePutResourcePolicyRequest],
  ['Get', decodeGetResourcePoliciesRequest],
  ['Delete', decodeDeleteResourcePolicyRequest],
] as const;

describe('decoding any value (V1–V5, W4)', () => {
  for (const [name, decode] of decoders) {
    test.prop([anyInput], { numRuns: 150 })(
      `V1 V5 ${name}: any JSON value decodes to a valid request or a Validation/Serialization exception, never a throw`,
      (input) => {
        const result = decode(input);
        if (E.isLeft(result)) {
          expect(DECODE_TAGS).toContain(result.left._tag);
          expect(typeof result.left.message).toBe('string');
          if (result.left._tag === 'ValidationException') {
            expect(result.left.message).toMatch(/^[1-9]\d* validation errors? detected: Value /);
          }
        } else {
          const req: Record<string, unknown> = { ...result.right };
          expect(typeof req['ResourceArn']).toBe('string');
          const arnLength = (req['ResourceArn'] as string).length;
          expect(arnLength).toBeGreaterThanOrEqual(20);
          expect(arnLength).toBeLessThanOrEqual(2048);
          for (const v of Object.values(req)) expect(v).not.toBeNull();
          if (req['MaxResults'] !== undefined) {
            expect(Number.isInteger(req['MaxResults'])).toBe(true);
            expect(req['MaxResults']).toBeGreaterThanOrEqual(1);
            expect(req['MaxResults']).toBeLessThanOrEqual(50);
          }
        }
      },
    );
  }

  test.prop([requestLike], { numRuns: 100 })(
    'V2 V4 a decoded request carries exactly the members its validator requires',
    (input) => {
      const put = decodePutResourcePolicyRequest(input);
      if (E.isRight(put)) expect(typeof put.right.Policy).toBe('string');
      const del = decodeDeleteResourcePolicyRequest(input);
      if (E.isRight(del)) {
        expect(typeof del.right.PolicyId).toBe('string');
        expect(typeof del.right.PolicyHash).toBe('string');
      }
    },
  );
});
