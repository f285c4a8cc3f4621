/**
 * `PolicyHash` values (rules H1, H6). With the default `versioned` strategy a hash covers the policy id, the
 * previous hash and the text, so every update gives a hash the policy never had (A → B → A cannot revive a
 * stale hash). With `content` it covers the text alone.
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
): string =>
  strategy === 'content' ? sha256Hex(policy) : sha256Hex(`${policyId}\n${previousHash ?? ''}\n${policy}`);
