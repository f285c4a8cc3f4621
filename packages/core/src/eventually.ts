/**
 * A value now or later: what a command's steps hand on when a port may answer synchronously. A store whose
 * operations complete at once (the memory store) offers them synchronously too (`PolicyRepository.sync`,
 * `ParameterCatalog.describeParameterSync`); a command then runs to its answer without a promise per port call,
 * and only a store that really waits (DynamoDB) makes it asynchronous. Each command is written once, with
 * `andThen` between its steps, so its rules are the same on both paths.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { andThen } from '@ssm-policy/core';
 * assert.equal(andThen(2, (n) => n + 1), 3); // synchronous in, synchronous out
 * assert.equal(await andThen(Promise.resolve(2), (n) => n + 1), 3);
 *
 * @since 0.3.0
 */

/**
 * A value, or a promise of it.
 *
 * @category ports
 * @since 0.3.0
 */
export type Eventually<A> = A | Promise<A>;

/**
 * `f` of the value: at once when it is there, once it arrives when it is a promise.
 *
 * @category ports
 * @since 0.3.0
 */
export const andThen = <A, B>(value: Eventually<A>, f: (a: A) => Eventually<B>): Eventually<B> =>
  value instanceof Promise ? value.then(f) : f(value);
