/**
 * Small helpers shared by the service cases of group H: the error shapes they expect, a made-up id, a
 * distinct policy per number, and counting the outcomes of concurrent calls.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { countTags } from './helpers.js';
 * const counts = countTags([{ _tag: 'Right' }, { _tag: 'Left', left: { _tag: 'X' } }]);
 * assert.ok(counts['Right'] === 1 && counts['X'] === 1);
 *
 * @since 0.1.0
 * @category service contract
 */
import { parameterPolicy } from '../documents.js';

/**
 * The error of a stale hash (H5).
 *
 * @category service contract
 * @since 0.1.0
 */
export const CONFLICT = { _tag: 'ResourcePolicyConflictException' } as const;
/**
 * The error of an unknown policy id (H7).
 *
 * @category service contract
 * @since 0.1.0
 */
export const POLICY_NOT_FOUND = { _tag: 'ResourcePolicyNotFoundException' } as const;
/**
 * A policy id no service assigned.
 *
 * @category service contract
 * @since 0.1.0
 */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/**
 * A distinct valid parameter policy per `n`.
 *
 * @category service contract
 * @since 0.1.0
 */
export const nth = (arn: string, n: number): string => parameterPolicy(arn, { Sid: `S${n}` });

/**
 * Starts every task at once and waits for all.
 *
 * @category service contract
 * @since 0.1.0
 */
export const settle = <A>(tasks: ReadonlyArray<() => Promise<A>>): Promise<A[]> =>
  Promise.all(tasks.map((t) => t()));

/**
 * How many results carry each tag (a `Left`'s error tag, or `Right`).
 *
 * @category service contract
 * @since 0.1.0
 */
export const countTags = (
  results: ReadonlyArray<{ _tag: string; left?: unknown }>,
): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const r of results) {
    const key = r._tag === 'Right' ? 'Right' : String((r.left as { _tag?: string } | undefined)?._tag);
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
};
