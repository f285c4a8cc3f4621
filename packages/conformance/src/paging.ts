/**
 * The kit's one "page until there is no cursor" loop, for the store's `list`, the service's
 * `GetResourcePolicies` and the reference model's observations alike. A page that fails ends the loop with
 * its error; more than `MAX_PAGES` pages is a failure of rule H8 (paging must end), never a hang.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { listAll } from '@ssm-policy/conformance';
 * const pages = [[1, 2], [3]];
 * const all = await listAll(async (cursor: number | undefined) => {
 *   const at = cursor ?? 0;
 *   return { _tag: 'Right', right: { items: pages[at]!, ...(at + 1 < pages.length ? { cursor: at + 1 } : {}) } } as const;
 * }, 'numbers');
 * assert.deepEqual(all, { _tag: 'Right', right: [1, 2, 3] });
 *
 * @since 0.1.0
 * @category helpers
 */
import * as E from 'fp-ts/lib/Either.js';
import { ConformanceFailure } from './assert.js';

/**
 * The most pages one listing may take.
 *
 * @since 0.1.0
 * @category helpers
 */
export const MAX_PAGES = 1000;

/**
 * One page: its items, and the cursor of the next page while more follow.
 *
 * @since 0.1.0
 * @category helpers
 */
export interface Page<T, C> {
  readonly items: ReadonlyArray<T>;
  readonly cursor?: C | undefined;
}

/**
 * Every item of every page, in order, or the first page's error.
 *
 * @since 0.1.0
 * @category helpers
 */
export const listAll = async <L, T, C>(
  page: (cursor: C | undefined) => Promise<E.Either<L, Page<T, C>>>,
  what: string,
): Promise<E.Either<L, ReadonlyArray<T>>> => {
  const out: T[] = [];
  let cursor: C | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const r = await page(cursor);
    if (E.isLeft(r)) return r;
    out.push(...r.right.items);
    if (r.right.cursor === undefined) return E.right(out);
    cursor = r.right.cursor;
  }
  throw new ConformanceFailure(`H8 paging of ${what} ends`, `more than ${MAX_PAGES} pages`, 'a last page');
};
