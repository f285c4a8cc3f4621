/**
 * The store contract as vitest tests: one call registers every store case, named by its rule id.
 *
 * @example
 * // needs: a vitest test file's top level (it registers suites)
 * import assert from 'node:assert/strict';
 * import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { describePolicyRepository } from '@ssm-policy/conformance/vitest';
 * const factory = async () => ({ repository: createMemoryPolicyRepository(), dispose: async () => {} });
 * describePolicyRepository('memory', factory);
 * assert.equal((await factory()).repository.capabilities.assignsIdentity, false);
 *
 * @since 0.1.0
 * @category vitest
 */
import { describe, it } from 'vitest';
import { runRepositoryCase, type RepositoryRunOptions } from '../store/runner.js';
import { repositoryCases } from '../store/cases.js';
import type { RepositoryFactory } from '../store/types.js';
import { reportCase } from './report.js';

/**
 * Which store cases to register.
 *
 * @since 0.1.0
 * @category vitest
 */
export interface DescribeRepositoryOptions extends RepositoryRunOptions {
  /** Per-case timeout in ms for a slow store (default 20 s). */
  readonly timeout?: number;
}

/**
 * Registers the store contract as a vitest suite, one test per case.
 *
 * @since 0.1.0
 * @category vitest
 */
export const describePolicyRepository = (
  name: string,
  factory: RepositoryFactory,
  options: DescribeRepositoryOptions = {},
): void => {
  describe(name, () => {
    describe('store contract', () => {
      for (const c of options.cases ?? repositoryCases)
        it(
          `${c.rule} ${c.title}`,
          async (ctx) => reportCase(await runRepositoryCase(c, factory, options), (note) => ctx.skip(note)),
          options.timeout ?? 20_000,
        );
    });
  });
};
