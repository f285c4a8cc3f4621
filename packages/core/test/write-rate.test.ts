// H12: excessive Put/Delete calls are MalformedResourcePolicyDocumentException; time from a fake clock.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  checkWriteRate,
  createWriteRateState,
  defaultProfile,
  makeProfile,
  takeToken,
  type Clock,
  type TokenBucket,
  type WriteRateState,
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

describe('H12 the buckets kept', () => {
  const arn = (i: number): string => `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/p${i}`;
  /** Every bucket ever set, as the state kept them before it forgot refilled ones. */
  const keepingAll = (): WriteRateState => {
    const buckets = new Map<string, TokenBucket>();
    return { get: (key) => buckets.get(key), set: (key, bucket) => void buckets.set(key, bucket) };
  };

  it('H12 a state given the rate forgets buckets that have refilled, and answers for them as for new ones', () => {
    const rate = { perSecond: 10, burst: 1 };
    const clock = fakeClock();
    const writeRates = createWriteRateState(rate);
    const deps = { profile: makeProfile({ policyWriteRate: rate }), clock, writeRates };
    // 1,500 resources written at 0 s: each bucket is empty, and none is forgotten while all are empty.
    for (let i = 0; i < 1500; i++) right(checkWriteRate(deps, ACCOUNT, arn(i)));
    expect(writeRates.get(`${ACCOUNT}\n${arn(0)}`)).toEqual({ tokens: 0, at: 0 });
    // A second later they have all refilled; 1,000 more resources written then make the state look.
    clock.advance(1000);
    for (let i = 1500; i < 2500; i++) right(checkWriteRate(deps, ACCOUNT, arn(i)));
    const kept = (from: number, to: number): number => {
      let n = 0;
      for (let i = from; i < to; i++) if (writeRates.get(`${ACCOUNT}\n${arn(i)}`) !== undefined) n++;
      return n;
    };
    expect(kept(0, 1500)).toBe(0);
    expect(kept(1500, 2500)).toBe(1000);
    // Forgotten buckets answer as full ones; the kept ones are still empty.
    right(checkWriteRate(deps, ACCOUNT, arn(0)));
    left(checkWriteRate(deps, ACCOUNT, arn(0)));
    left(checkWriteRate(deps, ACCOUNT, arn(2000)));
  });

  it('H12 a state given no rate keeps every bucket', () => {
    const writeRates = createWriteRateState();
    for (let i = 0; i < 3000; i++) writeRates.set(`k${i}`, { tokens: 5, at: i });
    writeRates.set('last', { tokens: 0, at: 1_000_000 });
    expect(writeRates.get('k0')).toEqual({ tokens: 5, at: 0 });
  });

  test.prop(
    [
      fc.record({ perSecond: fc.integer({ min: 1, max: 5 }), burst: fc.integer({ min: 1, max: 3 }) }),
      // Half the calls on 20 hot resources, whose buckets are often not full when the state looks; half on
      // 2,980 others, so that the state holds enough buckets to look at all.
      fc.array(
        fc.tuple(
          fc.oneof(fc.integer({ min: 0, max: 19 }), fc.integer({ min: 20, max: 2999 })),
          fc.integer({ min: 0, max: 10 }),
        ),
        {
          minLength: 2000,
          maxLength: 5000,
        },
      ),
    ],
    { numRuns: 25 },
  )(
    'H12 forgetting refilled buckets never changes an answer (a clock that never goes back)',
    (rate, calls) => {
      const profile = makeProfile({ policyWriteRate: rate });
      const clock = fakeClock();
      const forgetting = { profile, clock, writeRates: createWriteRateState(rate) };
      const keeping = { profile, clock, writeRates: keepingAll() };
      for (const [resource, wait] of calls) {
        clock.advance(wait);
        const a = checkWriteRate(forgetting, ACCOUNT, arn(resource));
        const b = checkWriteRate(keeping, ACCOUNT, arn(resource));
        expect(a._tag).toBe(b._tag);
      }
    },
  );
});
