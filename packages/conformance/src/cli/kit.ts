/**
 * What the runner needs of the conformance kit, in one place: the service-contract cases, a runner for one
 * case, and the model-based properties as results per rule. `runCli` takes a `ConformanceKit`, so a test can
 * hand it a smaller one.
 *
 * @example
 * import { defaultKit } from './kit.js';
 * // defaultKit.cases.length > 0
 *
 * @since 0.1.0
 */
import type { BehaviourProfile } from '@ssm-policy/core';
// The kit's modules, not its index: the index also loads the vitest side (describe.ts), which a command
// line program has no use for.
import { runConcurrencyChecks } from '../concurrency.js';
import type { ServiceFactory } from '../fixture.js';
import { MODEL_PROPERTY_RULES, runModelProperties } from '../properties.js';
import { runServiceCase, type CaseResult, type ServiceCase } from '../service-case.js';
import { serviceCases } from '../service-cases.js';
import { propertyChecks } from './property-rows.js';
import type { CheckResult } from './rule-table.js';

export interface PropertyRunOptions {
  readonly runs: number;
  readonly seed: number;
  /** fast-check's replay path of a counterexample (with its seed). */
  readonly path?: string;
  readonly profile: BehaviourProfile;
  /** Called as each property starts. */
  readonly onProperty?: (title: string) => void;
}

/** Every rule id of the rulebook (RULES.md), so that the table has a row for each. */
const FAMILIES = [
  ['W', 6],
  ['V', 5],
  ['R', 8],
  ['P', 7],
  ['H', 11],
  ['O', 1],
] as const;

export const RULEBOOK_IDS: ReadonlyArray<string> = FAMILIES.flatMap(([family, count]) =>
  Array.from({ length: count }, (_, i) => `${family}${i + 1}`),
);

export interface ConformanceKit {
  /** The ids the table lists even when no check names them. */
  readonly rules: ReadonlyArray<string>;
  readonly cases: ReadonlyArray<ServiceCase>;
  runCase(c: ServiceCase, factory: ServiceFactory, profile: BehaviourProfile): Promise<CaseResult>;
  /** How many properties `runProperties` runs (for progress). */
  readonly propertyCount: number;
  /** The rules the properties check: `--rule` runs them only when it names one of these. */
  readonly propertyRules: ReadonlyArray<string>;
  runProperties(factory: ServiceFactory, options: PropertyRunOptions): Promise<ReadonlyArray<CheckResult>>;
}

export const defaultKit: ConformanceKit = {
  rules: RULEBOOK_IDS,
  cases: serviceCases,
  runCase: (c, factory, profile) => runServiceCase(c, factory, { profile }),
  propertyCount: 2,
  propertyRules: [...MODEL_PROPERTY_RULES, 'H10'],
  runProperties: async (factory, options) => {
    const { runs, seed, profile } = options;
    options.onProperty?.('H1 H4 H5 H6 H7 H8 H9 P7 R7 random command lists against the reference model');
    const model = await runModelProperties(factory, {
      runs,
      seed,
      profile,
      ...(options.path === undefined ? {} : { path: options.path }),
    });
    options.onProperty?.('H10 concurrent batches are explainable by a sequential order');
    const concurrency = await runConcurrencyChecks(factory, { runs, seed, profile });
    return [model, ...concurrency].flatMap(propertyChecks);
  },
};
