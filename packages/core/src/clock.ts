/**
 * The `Clock` port: the time, in milliseconds since the epoch, for the rules that need one (H12's call rate).
 * The core never reads the system time itself; an adapter passes `{ now: () => Date.now() }`, a test a fake.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import type { Clock } from '@ssm-policy/core';
 * let t = 0;
 * const fake: Clock = { now: () => t };
 * t += 1000; // one second later
 * assert.equal(fake.now(), 1000);
 *
 * @since 0.1.0
 * @category ports
 */
/**
 * The time in milliseconds; only the write-rate limit (H12) reads it.
 *
 * @category ports
 * @since 0.1.0
 */
export interface Clock {
  /** Milliseconds since the epoch (any monotone origin works: only differences are used). */
  now(): number;
}
