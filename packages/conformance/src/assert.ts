/**
 * Assertions of the conformance kit. A case runs outside vitest too (the command-line runner), so it does not
 * use vitest's `expect`: a failed check throws a `ConformanceFailure` that carries what was observed and what
 * the rulebook expects, and the runners turn it into a `fail` row. Only modeled members are compared
 * (`_tag`, `ParameterNames`, `Limit`, `LimitType`), never message text unless a case asks for it (V5).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import * as E from 'fp-ts/lib/Either.js';
 * import { ConformanceFailure, expectError } from '@ssm-policy/conformance';
 * expectError(E.left({ _tag: 'ResourcePolicyConflictException', message: 'x' }), { _tag: 'ResourcePolicyConflictException' }, 'H5 delete');
 * // a success where an error is expected fails
 * assert.throws(() => expectError(E.right({}), { _tag: 'ResourcePolicyConflictException' }, 'H5 delete'), ConformanceFailure);
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';

/**
 * A check failed: `observed` is what the system under test did, `expected` what the rulebook asks.
 *
 * @category helpers
 * @since 0.1.0
 */
export class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';
  constructor(
    readonly what: string,
    readonly observed: unknown,
    readonly expected: unknown,
  ) {
    super(`${what}: observed ${show(observed)}, expected ${show(expected)}`);
  }
}

/**
 * The case cannot be observed here (a profile choice, a missing capability, shared state in the way).
 *
 * @category helpers
 * @since 0.1.0
 */
export class ConformanceSkip extends Error {
  override readonly name = 'ConformanceSkip';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * The modeled members of an expected error. `message` is compared only when given.
 *
 * @category helpers
 * @since 0.1.0
 */
export interface ExpectedError {
  readonly _tag: string;
  readonly ParameterNames?: ReadonlyArray<string>;
  readonly Limit?: number;
  readonly LimitType?: string;
  readonly message?: string;
}

/**
 * JSON, with `undefined` shown, for failure messages; `max` cuts it (a terminal may shorten, a report keeps
 * everything: the default is no cut).
 *
 * @category helpers
 * @since 0.2.0
 */
export const show = (v: unknown, max = Number.POSITIVE_INFINITY): string => {
  if (v === undefined) return 'undefined';
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > max ? `${s.slice(0, max)}…` : s;
};

/**
 * Fails the case: what was checked, what was observed, what was expected.
 *
 * @category helpers
 * @since 0.1.0
 */
export const fail = (what: string, observed: unknown, expected: unknown): never => {
  throw new ConformanceFailure(what, observed, expected);
};

/**
 * Skips the case, with the reason.
 *
 * @category helpers
 * @since 0.1.0
 */
export const skip = (reason: string): never => {
  throw new ConformanceSkip(reason);
};

/**
 * Structural equality of JSON-like values (key order ignored).
 *
 * @category helpers
 * @since 0.1.0
 */
export const deepEqual = (a: unknown, b: unknown): boolean => {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
};

/**
 * Fails the case unless `observed` deeply equals `expected`.
 *
 * @category helpers
 * @since 0.1.0
 */
export const expectEqual = (observed: unknown, expected: unknown, what: string): void => {
  if (!deepEqual(observed, expected)) fail(what, observed, expected);
};

/**
 * Fails the case unless `condition` holds.
 *
 * @category helpers
 * @since 0.1.0
 */
export const expectTrue = (condition: boolean, what: string, observed: unknown, expected: unknown): void => {
  if (!condition) fail(what, observed, expected);
};

/**
 * What a result looks like in a report, in words a JavaScript reader knows: `{ answered: value }` or
 * `{ 'refused with': error }` (the error's tag, modeled members, message and, when the endpoint sent it, the
 * HTTP status).
 *
 * @category helpers
 * @since 0.2.0
 */
export const summarize = (result: E.Either<unknown, unknown>): unknown =>
  E.isRight(result) ? { answered: result.right } : { 'refused with': errorSummary(result.left) };

/**
 * An error's tag, modeled members, message (a message received is always shown, never compared unless a case
 * asks) and HTTP `status` when the error came over the wire.
 *
 * @category helpers
 * @since 0.2.0
 */
export const errorSummary = (error: unknown): Record<string, unknown> => {
  if (typeof error !== 'object' || error === null) return { _tag: String(error) };
  const e = error as Record<string, unknown>;
  const out: Record<string, unknown> = { _tag: e['_tag'] };
  for (const k of ['ParameterNames', 'Limit', 'LimitType', 'message', 'status'] as const)
    if (e[k] !== undefined) out[k] = e[k];
  return out;
};

/**
 * True when `error` has the expected tag and every modeled member the expectation names.
 *
 * @category helpers
 * @since 0.1.0
 */
export const matchesError = (error: unknown, expected: ExpectedError): boolean => {
  const observed = errorSummary(error);
  if (observed['_tag'] !== expected._tag) return false;
  if (
    expected.ParameterNames !== undefined &&
    !deepEqual(observed['ParameterNames'], expected.ParameterNames)
  )
    return false;
  if (expected.Limit !== undefined && observed['Limit'] !== expected.Limit) return false;
  if (expected.LimitType !== undefined && observed['LimitType'] !== expected.LimitType) return false;
  if (expected.message !== undefined && observed['message'] !== expected.message) return false;
  return true;
};

/**
 * The success value, or a failure naming the error that came instead.
 *
 * @category helpers
 * @since 0.1.0
 */
export const expectRight = <A>(result: E.Either<unknown, A>, what: string): A => {
  if (E.isLeft(result)) return fail(what, summarize(result), 'an answer');
  return result.right;
};

/**
 * Fails the case unless the result is the error expected.
 *
 * @category helpers
 * @since 0.1.0
 */
export const expectError = (
  result: E.Either<unknown, unknown>,
  expected: ExpectedError,
  what: string,
): void => {
  if (E.isRight(result) || !matchesError(result.left, expected))
    fail(what, summarize(result), { 'refused with': expected });
};
