/**
 * The store cursor of a page: the last policy returned, as its place in the `byOrder` index (creation order
 * and `PolicyId`), with a checksum over the resource. It becomes the next `Query`'s `ExclusiveStartKey`; the
 * partition key always comes from the request, never from the cursor, so even a forged cursor cannot reach
 * another resource's policies. A malformed or altered cursor is refused with `CursorInvalid`.
 *
 * Form: `<ord>.<base64url(PolicyId)>.<16 hex of sha256(resource, ord, PolicyId)>`.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { decodeCursor, encodeCursor } from './page-cursor.js';
 * const group = 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default';
 * const cursor = encodeCursor(group, { ord: '17', PolicyId: 'p1' });
 * assert.deepEqual(decodeCursor(group, cursor), { _tag: 'Right', right: { ord: '17', PolicyId: 'p1' } });
 * assert.equal(decodeCursor(`${group}x`, cursor)._tag, 'Left'); // another resource's cursor is refused
 *
 * @since 0.1.0
 */
import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { cursorInvalid, type CursorInvalid } from '@ssm-policy/core';
import type { PartitionKey } from './policy-items.js';

/**
 * Where a page stopped: the `ord` (decimal digits) and `PolicyId` of its last policy.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export interface PagePosition {
  readonly ord: string;
  readonly PolicyId: string;
}

const FORM = /^(0|[1-9]\d{0,37})\.([A-Za-z0-9_-]{1,1400})\.([0-9a-f]{16})$/;

const checksum = (resource: PartitionKey, at: PagePosition): string =>
  createHash('sha256').update(`${resource}\n${at.ord}\n${at.PolicyId}`).digest('hex').slice(0, 16);

/**
 * The cursor of a page position, bound to its resource by a checksum.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const encodeCursor = (resource: PartitionKey, at: PagePosition): string =>
  `${at.ord}.${Buffer.from(at.PolicyId, 'utf8').toString('base64url')}.${checksum(resource, at)}`;

/**
 * The page position of a cursor, or `CursorInvalid` for one of another resource or made up.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const decodeCursor = (
  resource: PartitionKey,
  cursor: string,
): E.Either<CursorInvalid, PagePosition> => {
  const m = FORM.exec(cursor);
  if (m === null) return E.left(cursorInvalid);
  const at = { ord: m[1]!, PolicyId: Buffer.from(m[2]!, 'base64url').toString('utf8') };
  // Re-encoding catches base64url text that decodes loosely (stray bits, invalid UTF-8).
  return encodeCursor(resource, at) === cursor ? E.right(at) : E.left(cursorInvalid);
};
