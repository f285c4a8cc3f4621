/**
 * `PolicyHash` values (rules H1, H6). With the default `versioned` strategy a hash covers the policy id, the
 * previous hash and the text, so every update gives a hash the policy never had (A → B → A cannot revive a
 * stale hash). With `content` it covers the text alone. The SHA-256 function is a parameter (the core's pure
 * `sha256Hex` by default) so that a Node adapter can pass `node:crypto`'s, several times faster; both give the
 * same hex digest of the same UTF-8 bytes (H11).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { nextPolicyHash } from '@ssm-policy/core';
 * const h1 = nextPolicyHash('versioned', 'id-1', undefined, '{}');
 * const h2 = nextPolicyHash('versioned', 'id-1', h1, '{}');
 * assert.notEqual(h1, h2); // although the text is the same
 *
 * @since 0.1.0
 */
import { sha256Hex } from './hash.js';
import type { HashStrategy } from './profile.js';

/**
 * SHA-256 of the UTF-8 bytes of a string, as 64 lower-case hex digits: the core's pure `sha256Hex`, or an
 * equivalent a platform offers (`node:crypto`'s in the Node adapters).
 *
 * @category hashing
 * @since 0.2.0
 */
export type Sha256Hex = (text: string) => string;

/**
 * The hash of a policy's next version; `previousHash` is `undefined` when the policy is created.
 *
 * @category rules
 * @since 0.1.0
 */
export const nextPolicyHash = (
  strategy: HashStrategy,
  policyId: string,
  previousHash: string | undefined,
  policy: string,
  hash: Sha256Hex = sha256Hex,
): string => (strategy === 'content' ? hash(policy) : hash(`${policyId}\n${previousHash ?? ''}\n${policy}`));
