/**
 * The store contract as vitest tests: one call registers every store case, named by its rule id.
 *
 * @example
 * import { describePolicyRepository } from '@ssm-policy/conformance/vitest';
 * import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * describePolicyRepository('memory', async () => ({ repository: createMemoryPolicyRepository(), dispose: async () => {} }));
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
 * @since 0.1.0
 * @category vitest
 */
export interface DescribeRepositoryOptions extends RepositoryRunOptions {
  /** Per-case timeout in ms for a slow store (default 20 s). */
  readonly timeout?: number;
}

/**
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
