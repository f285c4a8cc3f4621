// The behaviour profile as a JSON file: every option decodes, an unknown key or a wrong type is refused with a
// message naming the option, and every profile survives encode → JSON → decode.
import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  BehaviourProfileCodec,
  decodeProfile,
  decodeProfileJson,
  defaultProfile,
  encodeProfile,
  makeProfile,
  profileOptionCodecs,
  type BehaviourProfile,
} from '@ssm-policy/core';

const problems = (json: unknown): ReadonlyArray<string> => {
  const decoded = decodeProfile(json);
  if (E.isRight(decoded)) throw new Error(`accepted ${JSON.stringify(json)}`);
  return decoded.left.problems;
};

const rejection = fc.constantFrom(
  'ResourcePolicyInvalidParameterException' as const,
  'MalformedResourcePolicyDocumentException' as const,
  false as const,
);
const resourceRejection = fc.constantFrom(
  'ResourcePolicyInvalidParameterException' as const,
  'ResourceNotFoundException' as const,
);

const anyProfile: fc.Arbitrary<BehaviourProfile> = fc.record({
  unsupportedResourceError: resourceRejection,
  requireCallerRegion: fc.boolean(),
  callerRegionError: resourceRejection,
  foreignResourceError: resourceRejection,
  refuseForeignGet: fc.boolean(),
  staleHashError: fc.constantFrom(
    'ResourcePolicyConflictException' as const,
    'ResourcePolicyNotFoundException' as const,
  ),
  invalidNextTokenError: fc.constantFrom(
    'ResourcePolicyInvalidParameterException' as const,
    'ValidationException' as const,
  ),
  policyWriteRate: fc.option(
    fc.record({
      perSecond: fc.double({ min: 0.001, max: 1e6, noNaN: true }),
      burst: fc.integer({ min: 1, max: 1e6 }),
    }),
    { nil: undefined },
  ),
  acceptAnyContentType: fc.boolean(),
  deleteResponseBody: fc.constantFrom('{}' as const, 'empty' as const),
  standardTierParameter: rejection,
  awsManagedKeySecureString: rejection,
  policySizeLimitType: fc.string(),
  policyCountLimitType: fc.string(),
  maxPoliciesPerParameter: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
  hashStrategy: fc.constantFrom('versioned' as const, 'content' as const),
  defaultPageSize: fc.integer({ min: 1, max: 50 }),
  hashWithoutIdIsInvalid: fc.boolean(),
  requiredStatementElements: fc.subarray(['Effect', 'Principal', 'Action', 'Resource'] as const),
  refuseNotPrincipal: fc.boolean(),
  refuseNotAction: fc.boolean(),
  refuseNotResource: fc.boolean(),
  refuseWildcardPrincipal: fc.boolean(),
  refuseNonAwsPrincipalKeys: fc.boolean(),
  refuseDeny: fc.boolean(),
  parameterActions: fc.array(fc.string()),
  opsItemGroupActions: fc.array(fc.string()),
  resourceMustNameTarget: fc.boolean(),
  parameterDeletionDropsPolicies: fc.boolean(),
  verifySignatures: fc.boolean(),
  crossAccountDenial: fc.constantFrom('AccessDeniedException' as const, 'ParameterNotFound' as const),
  assumeIdentityAllows: fc.boolean(),
  listSharedBeforePromotion: fc.boolean(),
});

describe('the behaviour profile as a file', () => {
  it('has a codec for exactly the options of the default profile', () => {
    expect(Object.keys(profileOptionCodecs).sort()).toEqual(Object.keys(defaultProfile).sort());
  });

  it('an empty file is the default profile, and the default profile encodes and decodes to itself', () => {
    expect(decodeProfile({})).toEqual(E.right(defaultProfile));
    expect(BehaviourProfileCodec.decode(encodeProfile(defaultProfile))).toEqual(E.right(defaultProfile));
  });

  test.prop([anyProfile])('every profile survives encode → JSON text → decode', (profile) => {
    expect(decodeProfileJson(JSON.stringify(encodeProfile(profile)))).toEqual(E.right(profile));
  });

  it('a file gives some options; the others keep their defaults (R3, H6, H12)', () => {
    expect(
      decodeProfileJson(
        '{"requireCallerRegion":false,"hashStrategy":"content","policyWriteRate":{"perSecond":2,"burst":5}}',
      ),
    ).toEqual(
      E.right(
        makeProfile({
          requireCallerRegion: false,
          hashStrategy: 'content',
          policyWriteRate: { perSecond: 2, burst: 5 },
        }),
      ),
    );
  });

  it('H9 H12 null turns off an option whose off is undefined', () => {
    const on = makeProfile({ policyWriteRate: { perSecond: 1, burst: 1 }, maxPoliciesPerParameter: 3 });
    const decoded = decodeProfile({
      ...encodeProfile(on),
      policyWriteRate: null,
      maxPoliciesPerParameter: null,
    });
    expect(decoded).toEqual(E.right(makeProfile({})));
  });

  it('refuses an unknown key, naming it (a misspelt option must not silently keep its default)', () => {
    expect(problems({ hashStrategi: 'content' })).toEqual(['unknown option "hashStrategi"']);
  });

  it('H6 refuses a wrong value, naming the option, the expected values and the value given', () => {
    expect(problems({ hashStrategy: 'md5' })).toEqual([
      'option "hashStrategy": expected "versioned" | "content", got "md5"',
    ]);
  });

  it('refuses a wrong JSON type of each kind of option', () => {
    expect(problems({ requireCallerRegion: 'true' })).toEqual([
      'option "requireCallerRegion": expected boolean, got "true"',
    ]);
    expect(problems({ parameterActions: 'ssm:GetParameter' })).toEqual([
      'option "parameterActions": expected an array of strings, got "ssm:GetParameter"',
    ]);
    expect(problems({ parameterActions: ['ssm:GetParameter', 7] })).toEqual([
      'option "parameterActions.1": expected string, got 7',
    ]);
    expect(problems({ defaultPageSize: 51 })).toEqual([
      'option "defaultPageSize": expected an integer 1..50, got 51',
    ]);
    expect(problems({ maxPoliciesPerParameter: 0 })).toEqual([
      'option "maxPoliciesPerParameter": expected a positive integer | null, got 0',
    ]);
    expect(problems({ standardTierParameter: true })).toEqual([
      'option "standardTierParameter": expected "ResourcePolicyInvalidParameterException" | "MalformedResourcePolicyDocumentException" | false, got true',
    ]);
  });

  it('H12 refuses a rate with a missing, wrong or unknown member, naming it', () => {
    expect(problems({ policyWriteRate: { perSecond: 0, burst: 1.5, extra: 1 } })).toEqual([
      'unknown option "policyWriteRate.extra"',
      'option "policyWriteRate.perSecond": expected a positive number, got 0',
      'option "policyWriteRate.burst": expected a positive integer, got 1.5',
    ]);
    expect(problems({ policyWriteRate: { perSecond: 1 } })).toEqual([
      'option "policyWriteRate.burst" is missing',
    ]);
  });

  it('reports every problem of a file in one message', () => {
    const decoded = decodeProfile({ pageSize: 5, verifySignatures: 1 });
    expect(E.isLeft(decoded) && decoded.left.message).toBe(
      'unknown option "pageSize"; option "verifySignatures": expected boolean, got 1',
    );
  });

  it('refuses a file that is not a JSON object, or not JSON', () => {
    expect(problems([])).toEqual(['a profile must be a JSON object of options, not []']);
    expect(problems(null)).toEqual(['a profile must be a JSON object of options, not null']);
    const text = decodeProfileJson('{"hashStrategy":');
    expect(E.isLeft(text) && text.left.message).toMatch(/^not JSON: /);
  });

  it('a whole profile needs every option', () => {
    const { verifySignatures: _, ...rest } = encodeProfile(defaultProfile);
    expect(E.isLeft(BehaviourProfileCodec.decode(rest))).toBe(true);
  });
});
