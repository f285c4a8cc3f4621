/**
 * One SDK call as a `TaskEither`: what it throws (or rejects with) becomes a `Left` through `onError`, so the
 * task itself never rejects.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { attempt } from '@ssm-policy/adapter-ssm';
 * const run = attempt(() => Promise.reject(new Error('boom')), (e) => String(e));
 * assert.deepEqual(await run(), { _tag: 'Left', left: 'Error: boom' });
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';

/**
 * A promise-returning call as a TaskEither, its rejection mapped by `onError`.
 *
 * @category ssm client
 * @since 0.1.0
 */
export const attempt =
  <E, A>(call: () => Promise<A>, onError: (thrown: unknown) => E): TE.TaskEither<E, A> =>
  async () => {
    try {
      return E.right(await call());
    } catch (thrown) {
      return E.left(onError(thrown));
    }
  };
