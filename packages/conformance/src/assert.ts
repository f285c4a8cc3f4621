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
 * JSON, with `undefined` shown and long strings cut, for failure messages.
 *
 * @category helpers
 * @since 0.1.0
 */
export const show = (v: unknown): string => {
  if (v === undefined) return 'undefined';
  try {
    const s = JSON.stringify(v);
    return s.length > 600 ? `${s.slice(0, 600)}…` : s;
  } catch {
    return String(v);
  }
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
 * What a result looks like in a report: the value, or the error's tag and modeled members.
 *
 * @category helpers
 * @since 0.1.0
 */
export const summarize = (result: E.Either<unknown, unknown>, withMessage = false): unknown =>
  E.isRight(result) ? { Right: result.right } : { Left: errorSummary(result.left, withMessage) };

/**
 * The parts of an error a case compares: its tag, and its message if asked.
 *
 * @category helpers
 * @since 0.1.0
 */
export const errorSummary = (error: unknown, withMessage = false): Record<string, unknown> => {
  if (typeof error !== 'object' || error === null) return { _tag: String(error) };
  const e = error as Record<string, unknown>;
  const out: Record<string, unknown> = { _tag: e['_tag'] };
  for (const k of ['ParameterNames', 'Limit', 'LimitType'] as const) if (e[k] !== undefined) out[k] = e[k];
  // An InternalServerError's message is the only trace of what really failed (a live endpoint's own code).
  if (withMessage || e['_tag'] === 'InternalServerError') out['message'] = e['message'];
  return out;
};

/**
 * True when `error` has the expected tag and every modeled member the expectation names.
 *
 * @category helpers
 * @since 0.1.0
 */
export const matchesError = (error: unknown, expected: ExpectedError): boolean => {
  const observed = errorSummary(error, true);
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
  if (E.isLeft(result)) return fail(what, summarize(result), 'Right');
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
    fail(what, summarize(result, expected.message !== undefined), { Left: expected });
};
