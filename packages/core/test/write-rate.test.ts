// H12: excessive Put/Delete calls are MalformedResourcePolicyDocumentException; time from a fake clock.
import { describe, expect, it } from 'vitest';
import {
  checkWriteRate,
  createWriteRateState,
  defaultProfile,
  makeProfile,
  takeToken,
  type Clock,
} from '@ssm-policy/core';
import { ACCOUNT, OPS_ARN, OTHER_ACCOUNT, PARAM_ARN, left, right } from './fixtures.js';

const fakeClock = (start = 0): Clock & { advance(ms: number): void } => {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
};

describe('H12 token bucket (pure)', () => {
  const rate = { perSecond: 2, burst: 3 };

  it('H12 a new bucket is full: burst calls pass at once, the next one does not', () => {
    let bucket = undefined as ReturnType<typeof takeToken>['bucket'] | undefined;
    for (let i = 0; i < 3; i++) {
      const r = takeToken(rate, bucket, 1000);
      expect(r.allowed, `call ${i + 1}`).toBe(true);
      bucket = r.bucket;
    }
    const refused = takeToken(rate, bucket, 1000);
    expect(refused.allowed).toBe(false);
    expect(refused.bucket).toBe(bucket);
  });

  it('H12 tokens come back at perSecond, never above burst, and a clock going back refills nothing', () => {
    const empty = { tokens: 0, at: 10_000 };
    expect(takeToken(rate, empty, 10_499).allowed).toBe(false);
    expect(takeToken(rate, empty, 10_500)).toEqual({ allowed: true, bucket: { tokens: 0, at: 10_500 } });
    expect(takeToken(rate, empty, 1_000_000).bucket).toEqual({ tokens: 2, at: 1_000_000 });
    expect(takeToken(rate, empty, 0).allowed).toBe(false);
  });
});

describe('H12 checkWriteRate', () => {
  it('H12 off by default: the clock is never read and nothing is kept', () => {
    const clock: Clock = {
      now: () => {
        throw new Error('read the clock');
      },
    };
    const writeRates = createWriteRateState();
    for (let i = 0; i < 100; i++)
      right(checkWriteRate({ profile: defaultProfile, clock, writeRates }, ACCOUNT, PARAM_ARN));
    expect(writeRates.get(`${ACCOUNT}\n${PARAM_ARN}`)).toBeUndefined();
    expect(defaultProfile.policyWriteRate).toBeUndefined();
  });

  it("H12 an excess call is MalformedResourcePolicyDocumentException with the model's message; per account and resource", () => {
    const clock = fakeClock();
    const deps = {
      profile: makeProfile({ policyWriteRate: { perSecond: 1, burst: 2 } }),
      clock,
      writeRates: createWriteRateState(),
    };
    right(checkWriteRate(deps, ACCOUNT, PARAM_ARN));
    right(checkWriteRate(deps, ACCOUNT, PARAM_ARN));
    expect(left(checkWriteRate(deps, ACCOUNT, PARAM_ARN))).toEqual({
      _tag: 'MalformedResourcePolicyDocumentException',
      fault: 'client',
      message:
        'The specified policy document is malformed or invalid, or excessive PutResourcePolicy or DeleteResourcePolicy calls have been made.',
    });
    // Another resource and another account have buckets of their own.
    right(checkWriteRate(deps, ACCOUNT, OPS_ARN));
    right(checkWriteRate(deps, OTHER_ACCOUNT, PARAM_ARN));
    clock.advance(1000);
    right(checkWriteRate(deps, ACCOUNT, PARAM_ARN));
    left(checkWriteRate(deps, ACCOUNT, PARAM_ARN));
  });

  it('H12 with the rate on but no clock, the command cannot decide: InternalServerError, not a guess', () => {
    const profile = makeProfile({ policyWriteRate: { perSecond: 1, burst: 1 } });
    expect(
      left(checkWriteRate({ profile, writeRates: createWriteRateState() }, ACCOUNT, PARAM_ARN))._tag,
    ).toBe('InternalServerError');
  });
});
