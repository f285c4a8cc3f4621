/**
 * The vitest side of the kit: one call registers a whole contract as named tests. `describeSsmService`
 * registers every service case (named by its rule id), the model-based property and the concurrency checks;
 * `describePolicyRepository` registers the store contract. Outside vitest, use the `run…` functions.
 *
 * @example
 * import { describePolicyRepository, describeSsmService, memoryServiceFactory } from '@ssm-policy/conformance';
 * import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * describePolicyRepository('memory', async () => ({ repository: createMemoryPolicyRepository(), dispose: async () => {} }), { supports: {} });
 * describeSsmService('core + memory', memoryServiceFactory);
 *
 * @since 0.1.0
 */
import { describe, it } from 'vitest';
import type { BehaviourProfile } from '@ssm-policy/core';
import { runConcurrencyChecks } from './concurrency.js';
import type { ServiceFactory } from './fixture.js';
import { runModelProperties, type PropertyResult } from './properties.js';
import { runServiceCase, formatCaseResult, type CaseResult, type ServiceCase } from './service-case.js';
import { serviceCases } from './service-cases.js';
import { propertySettings } from './settings.js';
import {
  repositoryCases,
  runRepositoryCase,
  type RepositoryFactory,
  type RepositorySupports,
} from './store-contract.js';

export interface DescribeServiceOptions {
  readonly profile?: BehaviourProfile;
  /** Only these cases (all by default). */
  readonly cases?: ReadonlyArray<ServiceCase>;
  /** Property runs and seed; `CONFORMANCE_RUNS` / `CONFORMANCE_SEED` by default. */
  readonly runs?: number;
  readonly seed?: number;
  readonly properties?: boolean;
  readonly concurrency?: boolean;
  /** Per-case timeout in ms for a slow endpoint (default 20 s). */
  readonly timeout?: number;
}

const report = (r: CaseResult, skip: (note: string) => never): void => {
  if (r.status === 'skip') skip(r.reason ?? 'skipped');
  if (r.status === 'fail') throw new Error(formatCaseResult(r));
};

const reportProperty = (r: PropertyResult): void => {
  if (r.status === 'fail') throw new Error(r.report ?? r.failure ?? 'the property failed');
};

/** About 40 ms per run on the memory adapter; a generous budget for a slow store. */
const propertyTimeout = (runs: number): number => 60_000 + runs * 200;

export const describeSsmService = (
  name: string,
  factory: ServiceFactory,
  options: DescribeServiceOptions = {},
): void => {
  const settings = propertySettings();
  const runs = options.runs ?? settings.runs;
  const seed = options.seed ?? settings.seed;
  const profile = options.profile;
  const withProfile = profile !== undefined ? { profile } : {};
  describe(name, () => {
    describe('service contract', () => {
      for (const c of options.cases ?? serviceCases)
        it(
          `${c.rule} ${c.title}`,
          async (ctx) => report(await runServiceCase(c, factory, withProfile), (note) => ctx.skip(note)),
          options.timeout ?? 20_000,
        );
    });
    if (options.properties !== false)
      describe('model-based properties', () => {
        it(
          `H1 H4 H5 H6 H7 H8 H9 P7 R7 every response and error of random command lists equals the reference model (${runs} runs)`,
          async () =>
            reportProperty(
              await runModelProperties(factory, {
                runs,
                seed,
                ...withProfile,
                ...(options.seed === undefined && settings.path !== undefined ? { path: settings.path } : {}),
                ...(options.seed === undefined && settings.replayPath !== undefined
                  ? { replayPath: settings.replayPath }
                  : {}),
              }),
            ),
          propertyTimeout(runs),
        );
      });
    if (options.concurrency !== false)
      describe('concurrency', () => {
        it(
          'H10 concurrent batches are explainable by a sequential order',
          async () => {
            const failed = (await runConcurrencyChecks(factory, { runs, seed, ...withProfile })).filter(
              (r) => r.status === 'fail',
            );
            if (failed.length > 0) throw new Error(failed.map((r) => r.report).join('\n\n'));
          },
          propertyTimeout(runs),
        );
      });
  });
};

export interface DescribeRepositoryOptions {
  readonly supports?: RepositorySupports;
  readonly timeout?: number;
}

export const describePolicyRepository = (
  name: string,
  factory: RepositoryFactory,
  options: DescribeRepositoryOptions = {},
): void => {
  describe(name, () => {
    describe('store contract', () => {
      for (const c of repositoryCases)
        it(
          `${c.rule} ${c.title}`,
          async (ctx) =>
            report(await runRepositoryCase(c, factory, options.supports ?? {}), (note) => ctx.skip(note)),
          options.timeout ?? 20_000,
        );
    });
  });
};
