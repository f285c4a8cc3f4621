/**
 * `NextToken` (rule H8): an opaque token that wraps a store's cursor together with the resource it belongs
 * to and a checksum, so that a token of another resource, or one changed by a single character, is refused
 * with `ResourcePolicyInvalidParameterException` `["NextToken"]` instead of reaching the store.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { decodePageToken, encodePageToken } from '@ssm-policy/core';
 * const key = { arn: 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default' };
 * const token = encodePageToken(key, '17');
 * assert.deepEqual(decodePageToken(key, token), { _tag: 'Right', right: '17' });
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import { resourcePolicyInvalidParameter, type ResourcePolicyInvalidParameterException } from './errors.js';
import { hex32 } from './hex.js';
import type { ResourceKey } from './repository.js';

const NEWLINE = 10;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// Character code → 6-bit value, -1 for anything else.
const B64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_VALUE[B64.charCodeAt(i)] = i;

/**
 * base64url of the text's code units, 8 bits each when they all fit (cursors are almost always ASCII), else
 * 16 bits each; a leading `a` or `w` says which (the core has no Buffer or TextEncoder).
 */
const encode = (s: string): string => {
  let width = 8;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) width = 16;
  let bits = 0,
    n = 0,
    out = width === 8 ? 'a' : 'w';
  for (let i = 0; i < s.length; i++) {
    bits = (bits << width) | s.charCodeAt(i);
    n += width;
    while (n >= 6) {
      n -= 6;
      out += B64[(bits >>> n) & 63];
    }
    bits &= (1 << n) - 1;
  }
  if (n > 0) out += B64[(bits << (6 - n)) & 63];
  return out;
};

const decode = (s: string): string | undefined => {
  const width = s.charAt(0) === 'a' ? 8 : s.charAt(0) === 'w' ? 16 : 0;
  if (width === 0) return undefined;
  const mask = (1 << width) - 1;
  let bits = 0,
    n = 0,
    out = '';
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B64_VALUE[c]! : -1;
    if (v < 0) return undefined;
    bits = (bits << 6) | v;
    n += 6;
    if (n >= width) {
      n -= width;
      out += String.fromCharCode((bits >>> n) & mask);
    }
    bits &= (1 << n) - 1;
  }
  // Leftover bits are padding and must be zero, so that each text has exactly one token.
  return bits === 0 && n < 6 ? out : undefined;
};

/**
 * A 64-bit checksum (two 32-bit multiplicative hashes) of the resource and the cursor, as 16 hex digits. It
 * tells a changed or foreign token from a good one. It is no secret and needs not be: a cursor only ever
 * reads the caller's own resource, and the store checks the cursor again.
 *
 * What it hashes is the text `arn \n [incarnation \n] cursor`, read piece by piece rather than joined first:
 * joining made a new string to flatten on every token, and with `toString(16)` for the digits the checksum cost
 * 0.8 µs, a third of a page's whole cost in the memory store (issue #2's page target). Now 0.2 µs, same value.
 */
const checksum = (resource: ResourceKey, cursor: string): string => {
  // The incarnation (R7) counts: a token of an earlier life of a parameter is foreign to the new one.
  const incarnation = resource.incarnation;
  const pieces = incarnation === undefined ? 2 : 3;
  let h1 = 0xdeadbeef,
    h2 = 0x41c6ce57;
  for (let p = 0; p < pieces; p++) {
    const text = p === 0 ? resource.arn : p === pieces - 1 ? cursor : incarnation!;
    if (p > 0) {
      h1 = Math.imul(h1 ^ NEWLINE, 2654435761);
      h2 = Math.imul(h2 ^ NEWLINE, 1597334677);
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return hex32(h2) + hex32(h1);
};

/**
 * The `NextToken` of a store cursor, bound to the resource it pages.
 *
 * @category paging
 * @since 0.1.0
 */
export const encodePageToken = (resource: ResourceKey, cursor: string): string =>
  encode(`${checksum(resource, cursor)}${cursor}`);

const invalidToken = (): ResourcePolicyInvalidParameterException =>
  resourcePolicyInvalidParameter(['NextToken'], 'The NextToken is not valid for this resource.');

/**
 * The store cursor inside `token`, if the token was made for this resource and is unchanged.
 *
 * @category paging
 * @since 0.1.0
 */
export const decodePageToken = (
  resource: ResourceKey,
  token: string,
): E.Either<ResourcePolicyInvalidParameterException, string> => {
  const text = decode(token);
  if (text === undefined || text.length < 16) return E.left(invalidToken());
  const cursor = text.slice(16);
  return text.slice(0, 16) === checksum(resource, cursor) ? E.right(cursor) : E.left(invalidToken());
};
