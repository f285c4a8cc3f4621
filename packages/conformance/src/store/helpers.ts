/**
 * Small helpers of the store cases: run a port task so that a throw becomes a failure, and read its `Either`
 * as the success or the refusal a case expects.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import * as E from 'fp-ts/lib/Either.js';
 * import { MISMATCH, attempt, left, right } from './helpers.js';
 * const ok = right(await attempt('list', async () => E.right(1)), 'list');
 * left(E.left({ _tag: 'HashMismatch' }), MISMATCH, 'a stale update');
 * assert.equal(ok, 1);
 *
 * @since 0.1.0
 * @category store contract
 */
import * as E from 'fp-ts/lib/Either.js';
import { ConformanceFailure, deepEqual, fail, summarize } from '../assert.js';

/**
 * Runs a port task; a task that throws instead of answering a `Left` fails the case.
 *
 * @category store contract
 * @since 0.1.0
 */
export const attempt = async <L, A>(
  what: string,
  task: () => Promise<E.Either<L, A>>,
): Promise<E.Either<L, A>> => {
  try {
    return await task();
  } catch (e) {
    throw new ConformanceFailure(`${what} threw`, e instanceof Error ? e.message : String(e), 'an Either');
  }
};

/**
 * The success value, or a failure naming what came instead.
 *
 * @category store contract
 * @since 0.1.0
 */
export const right = <A>(r: E.Either<unknown, A>, what: string): A =>
  E.isRight(r) ? r.right : fail(what, summarize(r), 'Right');

/** The members of `error` that `expected` names. */
const pick = (error: unknown, expected: Record<string, unknown>): Record<string, unknown> => {
  const e = (error ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.keys(expected).map((k) => [k, e[k]]));
};

/**
 * A refusal with the members `expected` names, or a failure.
 *
 * @category store contract
 * @since 0.1.0
 */
export const left = (
  r: E.Either<unknown, unknown>,
  expected: Record<string, unknown>,
  what: string,
): void => {
  if (E.isRight(r) || !deepEqual(pick(r.left, expected), expected))
    fail(what, summarize(r), { Left: expected });
};

/**
 * A small valid-looking document, numbered so that texts differ.
 *
 * @category store contract
 * @since 0.1.0
 */
export const doc = (n: number | string): string => `{"Version":"2012-10-17","Statement":[{"Sid":"S${n}"}]}`;

/**
 * The store's answer for an unknown policy id.
 *
 * @category store contract
 * @since 0.1.0
 */
export const MISSING = { _tag: 'PolicyMissing' } as const;
/**
 * The store's answer for a stale hash.
 *
 * @category store contract
 * @since 0.1.0
 */
export const MISMATCH = { _tag: 'HashMismatch' } as const;
