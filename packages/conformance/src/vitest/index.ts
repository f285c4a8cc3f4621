/**
 * `@ssm-policy/conformance/vitest`: the kit's contracts registered as vitest tests. The only part of the kit
 * that imports vitest (a peer dependency: vitest 3.2 or 4), so that `@ssm-policy/conformance` itself loads
 * in any program.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { describePolicyRepository, describeSsmService } from '@ssm-policy/conformance/vitest';
 * assert.ok(typeof describePolicyRepository === 'function' && typeof describeSsmService === 'function');
 *
 * @since 0.1.0
 * @category vitest
 */
export { describePolicyRepository, type DescribeRepositoryOptions } from './describe-policy-repository.js';
export { describeSsmService, type DescribeServiceOptions } from './describe-ssm-service.js';
