/**
 * The service contract as vitest tests: one call registers every service case (named by its rule id), the
 * model-based property and the concurrency checks.
 *
 * @example
 * // needs: a vitest test file's top level (it registers suites)
 * import assert from 'node:assert/strict';
 * import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { coreServiceFactory } from '@ssm-policy/conformance';
 * import { describeSsmService } from '@ssm-policy/conformance/vitest';
 * const factory = coreServiceFactory({ repository: createMemoryPolicyRepository, catalog: createMemoryParameterCatalog });
 * describeSsmService('core + memory', factory);
 * assert.equal(typeof factory, 'function');
 *
 * @since 0.1.0
 * @category vitest
 */
import { describe, it } from 'vitest';
import type { BehaviourProfile } from '@ssm-policy/core';
import { runConcurrencyChecks } from '../concurrency.js';
import type { ServiceFactory } from '../fixture.js';
import { MODEL_PROPERTY_RULES, runModelProperties, type PropertyResult } from '../properties.js';
import { serviceCases } from '../service/cases.js';
import type { ServiceCase } from '../service/context.js';
import { runServiceCase } from '../service/runner.js';
import { propertySettings } from '../settings.js';
import { reportCase } from './report.js';

/**
 * Which service cases to register, and whether the properties and concurrency checks run.
 *
 * @since 0.1.0
 * @category vitest
 */
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

const reportProperty = (r: PropertyResult): void => {
  if (r.status === 'fail') throw new Error(r.report ?? r.failure ?? 'the property failed');
};

// About 40 ms per run on the memory adapter. A guard against a hang, not a speed check: a run against
// DynamoDB Local takes 0.3–0.7 s on a loaded 2-core machine (100 runs took 66 s in one CI trial), so allow
// 2 s a run.
const propertyTimeout = (runs: number): number => 60_000 + runs * 2_000;

/**
 * Registers the service contract as a vitest suite, one test per case.
 *
 * @since 0.1.0
 * @category vitest
 */
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
          async (ctx) => reportCase(await runServiceCase(c, factory, withProfile), (note) => ctx.skip(note)),
          options.timeout ?? 20_000,
        );
    });
    if (options.properties !== false)
      describe('model-based properties', () => {
        it(
          `${MODEL_PROPERTY_RULES.join(' ')} every response and error of random command lists equals the reference model (${runs} runs)`,
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
