/**
 * Rule H12: `MalformedResourcePolicyDocumentException` also means "excessive PutResourcePolicy or
 * DeleteResourcePolicy calls have been made". With the profile's `policyWriteRate` on, each account and
 * resource has a token bucket (full at first, `burst` tokens, refilled at `perSecond`): a Put or Delete that
 * reaches H12 takes a token, and one that finds none is refused, changing nothing. The bucket arithmetic is
 * a pure function; the buckets live in a `WriteRateState` the caller passes in (`Dependencies.writeRates`),
 * and the time comes from the `Clock` port, which the core never consults while the rate is off.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { takeToken } from '@ssm-policy/core';
 * const rate = { perSecond: 1, burst: 2 };
 * const a = takeToken(rate, undefined, 0); // allowed, 1 token left
 * const b = takeToken(rate, a.bucket, 0); // allowed, 0 left
 * assert.equal(takeToken(rate, b.bucket, 500).allowed, false); // half a token after 0.5 s
 * assert.equal(takeToken(rate, b.bucket, 1000).allowed, true);
 *
 * @since 0.1.0
 * @category rules
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Dependencies } from './dependencies.js';
import {
  internalServerError,
  malformedResourcePolicyDocument,
  type InternalServerError,
  type MalformedResourcePolicyDocumentException,
} from './errors.js';
import type { PolicyWriteRate } from './profile.js';

/**
 * The tokens left at a moment (milliseconds, as the clock gives them).
 *
 * @category rules
 * @since 0.1.0
 */
export interface TokenBucket {
  readonly tokens: number;
  readonly at: number;
}

/**
 * Where the buckets live between calls: one per account and resource.
 *
 * @category rules
 * @since 0.1.0
 */
export interface WriteRateState {
  get(key: string): TokenBucket | undefined;
  set(key: string, bucket: TokenBucket): void;
}

/**
 * H12, pure: refill `bucket` (a new one is full) up to `burst` for the time since it was last used, then take
 * one token if there is one. A refused call leaves the bucket as it was. A clock that goes back refills
 * nothing.
 *
 * @category rules
 * @since 0.1.0
 */
export const takeToken = (
  rate: PolicyWriteRate,
  bucket: TokenBucket | undefined,
  now: number,
): { readonly allowed: boolean; readonly bucket: TokenBucket } => {
  const tokens =
    bucket === undefined
      ? rate.burst
      : Math.min(rate.burst, bucket.tokens + (Math.max(0, now - bucket.at) * rate.perSecond) / 1000);
  return tokens >= 1
    ? { allowed: true, bucket: { tokens: tokens - 1, at: now } }
    : { allowed: false, bucket: bucket ?? { tokens, at: now } };
};

/** The fewest buckets held before the state looks for refilled ones to forget. */
const FORGET_FROM = 1024;

/**
 * A `WriteRateState` in a `Map`. Given the profile's `rate` (since 0.4.0), it forgets the buckets that have
 * refilled, looking for them whenever it holds twice as many buckets as after its last look (and over 1,024).
 * So it holds about the accounts and resources written in the last `burst / perSecond` seconds, not every one
 * ever written, and a process that keeps writing to new parameters no longer grows without end. Forgetting
 * changes no answer: a bucket full at the latest time the state has seen stays full from then on, as a new
 * bucket is (only a clock that goes back past that time finds it full where the kept bucket would have had
 * fewer tokens). Without `rate`, every bucket is kept.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createWriteRateState } from '@ssm-policy/core';
 * const state = createWriteRateState({ perSecond: 1, burst: 1 });
 * for (let i = 0; i < 1024; i++) state.set(`old ${i}`, { tokens: 0, at: 0 }); // all refilled by 1 s
 * state.set('new', { tokens: 0, at: 5000 }); // the 1,025th: the state looks for refilled buckets
 * assert.equal(state.get('old 0'), undefined); // forgotten: it answers as a new, full bucket would
 * assert.deepEqual(state.get('new'), { tokens: 0, at: 5000 });
 *
 * @category rules
 * @since 0.1.0
 */
export const createWriteRateState = (rate?: PolicyWriteRate): WriteRateState => {
  const buckets = new Map<string, TokenBucket>();
  // Looked for once the map has doubled since the last look: O(1) a write, amortised.
  let forgetAt = FORGET_FROM;
  const forgetRefilled = (rate: PolicyWriteRate, now: number): void => {
    for (const [key, bucket] of buckets) {
      if (bucket.tokens + (Math.max(0, now - bucket.at) * rate.perSecond) / 1000 >= rate.burst)
        buckets.delete(key);
    }
    forgetAt = Math.max(FORGET_FROM, 2 * buckets.size);
  };
  return {
    get: (key) => buckets.get(key),
    set: (key, bucket) => {
      buckets.set(key, bucket);
      if (rate !== undefined && buckets.size > forgetAt) forgetRefilled(rate, bucket.at);
    },
  };
};

/**
 * The bucket key of an account and a resource ARN.
 *
 * @category rules
 * @since 0.1.0
 */
export const writeRateKey = (account: string, resourceArn: string): string => `${account}\n${resourceArn}`;

/**
 * H12 for one Put or Delete by `account` on `resourceArn`: `Right` when the rate is off or a token was taken.
 * With the rate on but no clock or no state (`makeCommands` supplies the state; the clock is the embedder's)
 * the command cannot decide, and says so as an `InternalServerError`: a wiring fault, not the caller's.
 *
 * @category rules
 * @since 0.1.0
 */
export const checkWriteRate = (
  deps: Pick<Dependencies, 'profile' | 'clock' | 'writeRates'>,
  account: string,
  resourceArn: string,
): E.Either<MalformedResourcePolicyDocumentException | InternalServerError, void> => {
  const rate = deps.profile.policyWriteRate;
  if (rate === undefined) return E.right(undefined);
  if (deps.clock === undefined || deps.writeRates === undefined) {
    return E.left(
      internalServerError(
        'profile.policyWriteRate is set, but Dependencies.clock or Dependencies.writeRates is missing.',
      ),
    );
  }
  const key = writeRateKey(account, resourceArn);
  const taken = takeToken(rate, deps.writeRates.get(key), deps.clock.now());
  if (!taken.allowed) return E.left(malformedResourcePolicyDocument());
  deps.writeRates.set(key, taken.bucket);
  return E.right(undefined);
};
