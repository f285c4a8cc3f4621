/**
 * What the runner needs of the conformance kit, in one place: the service-contract cases, a runner for one
 * case, and the model-based properties as results per rule. `runCli` takes a `ConformanceKit`, so a test can
 * hand it a smaller one.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { defaultKit } from './kit.js';
 * assert.ok(defaultKit.cases.length > 0);
 * assert.equal(defaultKit.rules.length, 48);
 *
 * @since 0.1.0
 * @category command line
 */
import {
  MODEL_PROPERTY_RULES,
  runConcurrencyChecks,
  runModelProperties,
  runServiceCase,
  serviceCases,
  type CaseResult,
  type PropertyResult,
  type ServiceCase,
  type ServiceFactory,
} from '@ssm-policy/conformance';
import { RULE_IDS, type BehaviourProfile, type RuleId } from '@ssm-policy/core';
import { propertyChecks } from './property-rows.js';
import type { CheckResult } from './rule-table.js';

/**
 * Runs and seed of the properties.
 *
 * @category command line
 * @since 0.1.0
 */
export interface PropertyRunOptions {
  readonly runs: number;
  readonly seed: number;
  /** fast-check's replay path of a counterexample (with its seed). */
  readonly path?: string;
  /** The command list's replay hint (fast-check's `replayPath`), with the path. */
  readonly replayPath?: string;
  readonly profile: BehaviourProfile;
  /** Called as each property starts. */
  readonly onProperty?: (title: string) => void;
}

/**
 * The rules, cases and properties the command runs.
 *
 * @category command line
 * @since 0.1.0
 */
export interface ConformanceKit {
  /** The ids the table lists even when no check names them. */
  readonly rules: ReadonlyArray<RuleId>;
  readonly cases: ReadonlyArray<ServiceCase>;
  runCase(c: ServiceCase, factory: ServiceFactory, profile: BehaviourProfile): Promise<CaseResult>;
  /** How many properties `runProperties` runs (for progress). */
  readonly propertyCount: number;
  /** The rules the properties check: `--rule` runs them only when it names one of these. */
  readonly propertyRules: ReadonlyArray<RuleId>;
  runProperties(factory: ServiceFactory, options: PropertyRunOptions): Promise<ReadonlyArray<CheckResult>>;
}

/**
 * The conformance kit's rules, cases and properties.
 *
 * @category command line
 * @since 0.1.0
 */
export const defaultKit: ConformanceKit = {
  // Every rule of the rulebook (docs/rules.md), so that the table has a row for each.
  rules: RULE_IDS,
  cases: serviceCases,
  runCase: (c, factory, profile) => runServiceCase(c, factory, { profile }),
  propertyCount: 2,
  propertyRules: [...MODEL_PROPERTY_RULES, 'H10'],
  runProperties: async (factory, options) => {
    const { runs, seed, profile } = options;
    options.onProperty?.(
      `${MODEL_PROPERTY_RULES.join(' ')} random command lists against the reference model`,
    );
    const model = await runModelProperties(factory, {
      runs,
      seed,
      profile,
      ...(options.path === undefined ? {} : { path: options.path }),
      ...(options.replayPath === undefined ? {} : { replayPath: options.replayPath }),
    });
    options.onProperty?.('H10 concurrent batches are explainable by a sequential order');
    // The H10 checks share the seed and take no path of their own (`--path` replays the model property): their
    // replay line is the seed alone, which generates the same batches again.
    const concurrency = (await runConcurrencyChecks(factory, { runs, seed, profile })).map(
      ({ path: _path, replayPath: _replayPath, ...r }): PropertyResult => r,
    );
    return [model, ...concurrency].flatMap(propertyChecks);
  },
};
