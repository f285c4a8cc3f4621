/**
 * `NextToken` (rule H8): an opaque token that wraps a store's cursor together with the resource it belongs
 * to and a checksum, so that a token of another resource, or one changed by a single character, is refused
 * with `ResourcePolicyInvalidParameterException` `["NextToken"]` instead of reaching the store.
 *
 * @example
 * import { encodePageToken, decodePageToken } from '@ssm-policy/core';
 * const token = encodePageToken('arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default', '17');
 * decodePageToken('arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default', token); // Right('17')
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import { resourcePolicyInvalidParameter, type ResourcePolicyInvalidParameterException } from './errors.js';
import type { ResourceKey } from './repository.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

/** base64url of the UTF-16 code units as 16-bit values (the core has no Buffer or TextEncoder). */
const encode = (s: string): string => {
  let bits = 0,
    n = 0,
    out = '';
  for (let i = 0; i < s.length; i++) {
    bits = (bits << 16) | s.charCodeAt(i);
    n += 16;
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
  let bits = 0,
    n = 0,
    out = '';
  for (const c of s) {
    const v = B64_INDEX.get(c);
    if (v === undefined) return undefined;
    bits = (bits << 6) | v;
    n += 6;
    if (n >= 16) {
      n -= 16;
      out += String.fromCharCode((bits >>> n) & 0xffff);
    }
    bits &= (1 << n) - 1;
  }
  return bits === 0 ? out : undefined;
};

/**
 * A 64-bit checksum (two 32-bit multiplicative hashes) of the resource and the cursor, as 16 hex digits. It
 * tells a changed or foreign token from a good one. It is no secret and needs not be: a cursor only ever
 * reads the caller's own resource, and the store checks the cursor again.
 */
const checksum = (resource: ResourceKey, cursor: string): string => {
  const text = `${resource}\n${cursor}`;
  let h1 = 0xdeadbeef,
    h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
};

export const encodePageToken = (resource: ResourceKey, cursor: string): string =>
  encode(`${checksum(resource, cursor)}${cursor}`);

const invalidToken = (): ResourcePolicyInvalidParameterException =>
  resourcePolicyInvalidParameter(['NextToken'], 'The NextToken is not valid for this resource.');

/** The store cursor inside `token`, if the token was made for this resource and is unchanged. */
export const decodePageToken = (
  resource: ResourceKey,
  token: string,
): E.Either<ResourcePolicyInvalidParameterException, string> => {
  const text = decode(token);
  if (text === undefined || text.length < 16) return E.left(invalidToken());
  const cursor = text.slice(16);
  return text.slice(0, 16) === checksum(resource, cursor) ? E.right(cursor) : E.left(invalidToken());
};
