/**
 * Where new `PolicyId`s come from (rule H1). Production uses random UUIDs from the platform's Web Crypto;
 * tests use a seeded source, so that the same commands yield the same ids and hashes (rule H11).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { seededIdSource } from '@ssm-policy/core';
 * const a = seededIdSource(42), b = seededIdSource(42);
 * assert.equal(a.newPolicyId(), b.newPolicyId()); // the same seed, the same ids
 *
 * @since 0.1.0
 */

/**
 * Where new policy ids come from: random in production, seeded in tests.
 *
 * @category ports
 * @since 0.1.0
 */
export interface IdSource {
  newPolicyId(): string;
}

const hex = (n: number, width: number): string => (n >>> 0).toString(16).padStart(width, '0').slice(-width);

/** A UUID (version 4 layout) from four 32-bit words. */
const uuidFromWords = (a: number, b: number, c: number, d: number): string =>
  `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b & 0xfff, 3)}-${hex(((c >>> 16) & 0x3fff) | 0x8000, 4)}-${hex(c & 0xffff, 4)}${hex(d, 8)}`;

/**
 * Deterministic ids from a seed (sfc32 generator): same seed, same sequence.
 *
 * @category ports
 * @since 0.1.0
 */
export const seededIdSource = (seed: number): IdSource => {
  let a = 0x9e3779b9,
    b = 0x243f6a88,
    c = 0xb7e15162,
    d = seed >>> 0;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  return { newPolicyId: () => uuidFromWords(next(), next(), next(), next()) };
};

interface WebCrypto {
  randomUUID(): string;
}

/**
 * Random ids from `globalThis.crypto` (Node 20, Deno, Bun and browsers all have it).
 *
 * @category ports
 * @since 0.1.0
 */
export const randomIdSource = (): IdSource => {
  const webCrypto = (globalThis as { crypto?: WebCrypto }).crypto;
  if (webCrypto === undefined)
    throw new Error('globalThis.crypto.randomUUID is not available: pass an IdSource');
  return { newPolicyId: () => webCrypto.randomUUID() };
};
