/**
 * Runs the store contract outside vitest: each case against a fresh store from the factory, answering
 * `CaseResult`s. What a store can do comes from its `repository.capabilities`; whether the run may drive it
 * concurrently is the caller's choice (`concurrency`, on by default).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { repositoryCases, runRepositoryCases } from '@ssm-policy/conformance';
 * const results = await runRepositoryCases(async () => ({ repository: createMemoryPolicyRepository(), dispose: async () => {} }), {
 *   cases: repositoryCases.filter((c) => c.rule === 'H5'),
 * });
 * assert.ok(results.length > 0 && results.every((r) => r.status === 'pass'));
 *
 * @since 0.1.0
 * @category store contract
 */
import { runCase, runCases, type CaseResult, type CaseTarget } from '../case.js';
import { repositoryCases } from './cases.js';
import { makeRepositoryContext } from './context.js';
import type { RepositoryCase, RepositoryContext, RepositoryFactory } from './types.js';

/**
 * Which store cases to run.
 *
 * @since 0.1.0
 * @category store contract
 */
export interface RepositoryRunOptions {
  /** Leave out the cases that call the store concurrently (default: run them). */
  readonly concurrency?: boolean;
  /** Only these cases (all by default). */
  readonly cases?: ReadonlyArray<RepositoryCase>;
}

/**
 * A fresh store and its context per case.
 *
 * @since 0.1.0
 * @category store contract
 */
export const repositoryTarget = (
  factory: RepositoryFactory,
  options: RepositoryRunOptions = {},
): CaseTarget<RepositoryContext> => ({
  open: async () => {
    const handle = await factory();
    return {
      ctx: makeRepositoryContext(handle),
      lacks: (requirement) =>
        requirement === 'assignsIdentity'
          ? handle.repository.capabilities.assignsIdentity
            ? undefined
            : 'the store keeps the ids it is given (capabilities.assignsIdentity is false); the core chooses them'
          : requirement === 'concurrency'
            ? options.concurrency === false
              ? 'the run leaves out concurrent calls (concurrency: false)'
              : undefined
            : `the store contract has no ${requirement}`,
      close: () => handle.dispose(),
    };
  },
});

/**
 * Runs one store case on a fresh store from the factory.
 *
 * @since 0.1.0
 * @category store contract
 */
export const runRepositoryCase = (
  c: RepositoryCase,
  factory: RepositoryFactory,
  options: RepositoryRunOptions = {},
): Promise<CaseResult> => runCase(c, repositoryTarget(factory, options));

/**
 * Runs the store contract's cases, each on a fresh store; answers one result per case.
 *
 * @since 0.1.0
 * @category store contract
 */
export const runRepositoryCases = (
  factory: RepositoryFactory,
  options: RepositoryRunOptions = {},
): Promise<ReadonlyArray<CaseResult>> =>
  runCases(options.cases ?? repositoryCases, repositoryTarget(factory, options));
