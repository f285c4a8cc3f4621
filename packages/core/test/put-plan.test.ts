import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  OPS_ITEM_GROUP_POLICY_LIMIT,
  checkPolicyIdentity,
  defaultProfile,
  explainConditionFailure,
  explainRefusedWrite,
  hashMismatch,
  makeProfile,
  nextPolicyHash,
  planPutResourcePolicy,
  policyLimitOf,
  policyLimitReached,
  policyMissing,
  resourceMissing,
  seededIdSource,
  sha256Hex,
  type IdSource,
  type ParameterInfo,
  type PutResourcePolicyRequest,
} from '@ssm-policy/core';
import {
  OPS_ARN,
  PARAM_ARN,
  left,
  opsGroup,
  opsPolicy,
  parameter,
  parameterPolicy,
  right,
} from './fixtures.js';

const countingIds = (): IdSource & { readonly calls: () => number } => {
  let n = 0;
  return { newPolicyId: () => `id-${++n}`, calls: () => n };
};
const advanced: ParameterInfo = { Name: '/app/db', Type: 'String', Tier: 'Advanced' };
const paramTarget = { resource: parameter, key: { arn: PARAM_ARN }, parameter: advanced };
const opsTarget = { resource: opsGroup, key: { arn: OPS_ARN } };
const put = (p: Partial<PutResourcePolicyRequest> = {}): PutResourcePolicyRequest => ({
  ResourceArn: PARAM_ARN,
  Policy: parameterPolicy(),
  ...p,
});

describe('H1 create', () => {
  it('H1 a Put without PolicyId plans a create with a new id and its hash', () => {
    const ids = countingIds();
    const plan = right(planPutResourcePolicy(put(), paramTarget, defaultProfile, ids));
    expect(plan._tag).toBe('Create');
    if (plan._tag !== 'Create') return;
    expect(plan.write.resource).toEqual({ arn: PARAM_ARN });
    expect(plan.write.proposed.PolicyId).toBe('id-1');
    expect(plan.write.proposed.PolicyHash).toBe(
      nextPolicyHash('versioned', 'id-1', undefined, parameterPolicy()),
    );
    expect(plan.write.maxPolicies).toBeUndefined();
    expect(ids.calls()).toBe(1);
  });

  it('H1 asks the id source only for creates, never for updates or refusals', () => {
    const ids = countingIds();
    right(planPutResourcePolicy(put({ PolicyId: 'p', PolicyHash: 'h' }), paramTarget, defaultProfile, ids));
    left(planPutResourcePolicy(put({ Policy: '{}' }), paramTarget, defaultProfile, ids));
    left(planPutResourcePolicy(put({ PolicyId: 'p' }), paramTarget, defaultProfile, ids));
    expect(ids.calls()).toBe(0);
  });
});

describe('H11 determinism', () => {
  it('H11 with the same seed, the same requests plan the same ids and hashes', () => {
    const plans = (seed: number) => {
      const ids = seededIdSource(seed);
      return [
        planPutResourcePolicy(put(), paramTarget, defaultProfile, ids),
        planPutResourcePolicy(put({ Policy: parameterPolicy() }), paramTarget, defaultProfile, ids),
        planPutResourcePolicy(put({ PolicyId: 'p', PolicyHash: 'h' }), paramTarget, defaultProfile, ids),
        planPutResourcePolicy(
          put({ ResourceArn: OPS_ARN, Policy: opsPolicy() }),
          opsTarget,
          defaultProfile,
          ids,
        ),
      ].map(right);
    };
    expect(plans(11)).toEqual(plans(11));
    expect(plans(11)).not.toEqual(plans(12));
  });
});

describe('H2, H3 identity', () => {
  it("H2 refuses a PolicyHash without a PolicyId with ['PolicyId']", () => {
    const e = left(checkPolicyIdentity(put({ PolicyHash: 'h' }), defaultProfile));
    expect(e).toMatchObject({
      _tag: 'ResourcePolicyInvalidParameterException',
      ParameterNames: ['PolicyId'],
    });
    expect(
      left(planPutResourcePolicy(put({ PolicyHash: 'h' }), paramTarget, defaultProfile, countingIds())),
    ).toMatchObject({ _tag: 'ResourcePolicyInvalidParameterException', ParameterNames: ['PolicyId'] });
  });

  it('H2 follows the profile: hashWithoutIdIsInvalid false ignores the hash and creates', () => {
    const profile = makeProfile({ hashWithoutIdIsInvalid: false });
    expect(right(checkPolicyIdentity(put({ PolicyHash: 'h' }), profile))).toBeUndefined();
    expect(
      right(planPutResourcePolicy(put({ PolicyHash: 'h' }), paramTarget, profile, countingIds()))._tag,
    ).toBe('Create');
  });

  it("H3 refuses a PolicyId without a PolicyHash with ['PolicyHash']", () => {
    const e = left(checkPolicyIdentity(put({ PolicyId: 'p' }), defaultProfile));
    expect(e).toMatchObject({
      _tag: 'ResourcePolicyInvalidParameterException',
      ParameterNames: ['PolicyHash'],
    });
    expect(right(checkPolicyIdentity(put({ PolicyId: 'p', PolicyHash: 'h' }), defaultProfile))).toEqual({
      PolicyId: 'p',
      PolicyHash: 'h',
    });
    expect(right(checkPolicyIdentity(put(), defaultProfile))).toBeUndefined();
  });

  it('H3 an update plan is a compare-and-set on the given hash', () => {
    const plan = right(
      planPutResourcePolicy(
        put({ PolicyId: 'p', PolicyHash: 'h' }),
        paramTarget,
        defaultProfile,
        countingIds(),
      ),
    );
    expect(plan).toEqual({
      _tag: 'Update',
      write: {
        resource: { arn: PARAM_ARN },
        PolicyId: 'p',
        expectedHash: 'h',
        Policy: parameterPolicy(),
        proposedHash: nextPolicyHash('versioned', 'p', 'h', parameterPolicy()),
      },
    });
  });
});

describe('H4, H5 refusals', () => {
  it('H4 a missing policy is ResourcePolicyNotFoundException, whatever the profile says about stale hashes', () => {
    for (const staleHashError of [
      'ResourcePolicyConflictException',
      'ResourcePolicyNotFoundException',
    ] as const) {
      const profile = makeProfile({ staleHashError });
      expect(explainConditionFailure(policyMissing, profile)._tag).toBe('ResourcePolicyNotFoundException');
      expect(explainRefusedWrite(policyMissing, profile)._tag).toBe('ResourcePolicyNotFoundException');
    }
  });

  it('H5 a stale hash is ResourcePolicyConflictException by default', () => {
    expect(explainConditionFailure(hashMismatch, defaultProfile)).toEqual({
      _tag: 'ResourcePolicyConflictException',
      fault: 'client',
      message: "The hash provided in the call doesn't match the stored hash.",
    });
    expect(explainRefusedWrite(hashMismatch, defaultProfile)._tag).toBe('ResourcePolicyConflictException');
  });

  it('H5 H4 profile staleHashError: a stale hash can be answered as ResourcePolicyNotFoundException', () => {
    const profile = makeProfile({ staleHashError: 'ResourcePolicyNotFoundException' });
    expect(explainConditionFailure(hashMismatch, profile)._tag).toBe('ResourcePolicyNotFoundException');
    expect(explainRefusedWrite(hashMismatch, profile)._tag).toBe('ResourcePolicyNotFoundException');
  });

  it('R4 R7 a create whose parameter was deleted while it was under way is ResourceNotFoundException, a 400', () => {
    expect(explainRefusedWrite(resourceMissing, defaultProfile)).toEqual({
      _tag: 'ResourceNotFoundException',
      message: 'The specified parameter to be shared could not be found.',
      fault: 'client',
    });
  });
});

describe('H6 hashes', () => {
  const A = '{"a":1}';
  const B = '{"b":2}';

  it('H6 versioned (default): A → B → A gives three different hashes, and so does re-putting A', () => {
    expect(defaultProfile.hashStrategy).toBe('versioned');
    const h1 = nextPolicyHash('versioned', 'p1', undefined, A);
    const h2 = nextPolicyHash('versioned', 'p1', h1, B);
    const h3 = nextPolicyHash('versioned', 'p1', h2, A);
    const h4 = nextPolicyHash('versioned', 'p1', h3, A);
    expect(new Set([h1, h2, h3, h4]).size).toBe(4);
    // The same text under another id hashes differently, and each hash is hex sha256.
    expect(nextPolicyHash('versioned', 'p2', undefined, A)).not.toBe(h1);
    for (const h of [h1, h2, h3, h4]) expect(h).toMatch(/^[0-9a-f]{64}$/);
    // Deterministic.
    expect(nextPolicyHash('versioned', 'p1', undefined, A)).toBe(h1);
  });

  it('H6 content (profile option): A → B → A brings A’s hash back', () => {
    const h1 = nextPolicyHash('content', 'p1', undefined, A);
    const h2 = nextPolicyHash('content', 'p1', h1, B);
    const h3 = nextPolicyHash('content', 'p1', h2, A);
    expect(h3).toBe(h1);
    expect(h2).not.toBe(h1);
    expect(h1).toBe(sha256Hex(A));
    const profile = makeProfile({ hashStrategy: 'content' });
    const plan = right(
      planPutResourcePolicy(put({ PolicyId: 'p', PolicyHash: 'old' }), paramTarget, profile, countingIds()),
    );
    expect(plan._tag === 'Update' && plan.write.proposedHash).toBe(sha256Hex(parameterPolicy()));
  });

  it('H6 an update plan keeps the PolicyId', () => {
    const plan = right(
      planPutResourcePolicy(
        put({ PolicyId: 'keep-me', PolicyHash: 'h' }),
        paramTarget,
        defaultProfile,
        countingIds(),
      ),
    );
    expect(plan._tag === 'Update' && plan.write.PolicyId).toBe('keep-me');
  });
});

describe('H9 limits', () => {
  it('H9 the OpsItemGroup holds one policy; parameters follow the profile (unlimited by default)', () => {
    expect(OPS_ITEM_GROUP_POLICY_LIMIT).toBe(1);
    expect(policyLimitOf(opsGroup, defaultProfile)).toBe(1);
    expect(policyLimitOf(parameter, defaultProfile)).toBeUndefined();
    expect(policyLimitOf(parameter, makeProfile({ maxPoliciesPerParameter: 3 }))).toBe(3);
    expect(policyLimitOf(opsGroup, makeProfile({ maxPoliciesPerParameter: 3 }))).toBe(1);
    const plan = right(
      planPutResourcePolicy(
        put({ ResourceArn: OPS_ARN, Policy: opsPolicy() }),
        opsTarget,
        defaultProfile,
        countingIds(),
      ),
    );
    expect(plan._tag === 'Create' && plan.write.maxPolicies).toBe(1);
  });

  it('H9 a full resource is ResourcePolicyLimitExceededException with Limit and LimitType PolicyCount', () => {
    expect(explainRefusedWrite(policyLimitReached(1), defaultProfile)).toMatchObject({
      _tag: 'ResourcePolicyLimitExceededException',
      Limit: 1,
      LimitType: 'PolicyCount',
    });
    expect(
      explainRefusedWrite(policyLimitReached(7), makeProfile({ policyCountLimitType: 'Count' })),
    ).toMatchObject({
      Limit: 7,
      LimitType: 'Count',
    });
  });
});

describe('P7 text kept', () => {
  it('P7 the planned write carries the policy text exactly as it was put', () => {
    const odd = ` {  "Statement" :{"Resource":"${PARAM_ARN}","Action":"ssm:GetParameter","Principal":{"AWS":"210987654321"},"Effect":"Allow","Sid":"\\u00e9t\\u00E9 é"}}\t`;
    const plan = right(
      planPutResourcePolicy(put({ Policy: odd }), paramTarget, defaultProfile, countingIds()),
    );
    expect(plan.write.Policy).toBe(odd);
  });
});

describe('O1 order of checks (pure part)', () => {
  const ids = countingIds();
  const tagOf = (request: PutResourcePolicyRequest, target: Parameters<typeof planPutResourcePolicy>[1]) =>
    left(planPutResourcePolicy(request, target, defaultProfile, ids))._tag;
  const standard = { ...paramTarget, parameter: { ...advanced, Tier: 'Standard' as const } };
  const oversize = `not json ${'x'.repeat(1100)}`;

  it('O1 R5/R6 before P1: a Standard parameter with an oversize policy is refused for its tier', () => {
    expect(tagOf(put({ Policy: oversize }), standard)).toBe('ResourcePolicyInvalidParameterException');
    expect(
      left(
        planPutResourcePolicy(
          put({ Policy: oversize }),
          standard,
          makeProfile({ standardTierParameter: 'MalformedResourcePolicyDocumentException' }),
          ids,
        ),
      )._tag,
    ).toBe('MalformedResourcePolicyDocumentException');
  });

  it('O1 P1 before P2–P6, and P before H2/H3', () => {
    expect(tagOf(put({ Policy: oversize, PolicyId: 'p' }), paramTarget)).toBe(
      'ResourcePolicyLimitExceededException',
    );
    expect(tagOf(put({ Policy: '{}', PolicyId: 'p' }), paramTarget)).toBe(
      'MalformedResourcePolicyDocumentException',
    );
    expect(tagOf(put({ Policy: opsPolicy(), PolicyHash: 'h' }), paramTarget)).toBe(
      'MalformedResourcePolicyDocumentException',
    );
    expect(
      left(planPutResourcePolicy(put({ PolicyHash: 'h' }), paramTarget, defaultProfile, ids)),
    ).toMatchObject({
      ParameterNames: ['PolicyId'],
    });
  });

  it('O1 the plan of a valid request on an eligible parameter is a Right', () => {
    expect(E.isRight(planPutResourcePolicy(put(), paramTarget, defaultProfile, seededIdSource(1)))).toBe(
      true,
    );
  });
});

describe('H11 the hash function is a dependency', () => {
  // A stand-in that no SHA-256 could produce: proves the plan used what it was given, not the built-in.
  const tagged = (text: string): string => `hash-of-${text.length}:${text.slice(0, 8)}`;

  it('H11 a create and an update hash with the injected function, over the same input as the pure one', () => {
    const created = right(
      planPutResourcePolicy(put(), paramTarget, defaultProfile, countingIds(), undefined, tagged),
    );
    if (created._tag !== 'Create') throw new Error('expected a create');
    expect(created.write.proposed.PolicyHash).toBe(
      nextPolicyHash('versioned', 'id-1', undefined, parameterPolicy(), tagged),
    );
    expect(created.write.proposed.PolicyHash).toMatch(/^hash-of-/);
    const updated = right(
      planPutResourcePolicy(
        put({ PolicyId: 'id-1', PolicyHash: 'h0' }),
        paramTarget,
        defaultProfile,
        countingIds(),
        undefined,
        tagged,
      ),
    );
    if (updated._tag !== 'Update') throw new Error('expected an update');
    expect(updated.write.proposedHash).toBe(tagged(`id-1\nh0\n${parameterPolicy()}`));
  });

  it('H11 without one, the pure sha256Hex hashes (content strategy: the text alone)', () => {
    const content = makeProfile({ hashStrategy: 'content' });
    const created = right(planPutResourcePolicy(put(), paramTarget, content, countingIds()));
    if (created._tag !== 'Create') throw new Error('expected a create');
    expect(created.write.proposed.PolicyHash).toBe(sha256Hex(parameterPolicy()));
  });
});
