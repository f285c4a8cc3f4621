/**
 * The model-based property: random command lists (`fc.commands`) run with `fc.asyncModelRun` against a fresh
 * service and the reference model; every response and every error `_tag` must be the model's. Runs and seed
 * come from `CONFORMANCE_RUNS` / `CONFORMANCE_SEED` unless given; a failure answers the seed, the replay path
 * and the shrunk command list.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { coreServiceFactory, runModelProperties } from '@ssm-policy/conformance';
 * const factory = coreServiceFactory({ repository: createMemoryPolicyRepository, catalog: createMemoryParameterCatalog });
 * const r = await runModelProperties(factory, { runs: 10, seed: 42 });
 * assert.equal(r.status, 'pass', r.report);
 *
 * @since 0.1.0
 */
import * as fc from 'fast-check';
import { defaultProfile, type BehaviourProfile, type RuleId } from '@ssm-policy/core';
import { traceSteps, type FailedStep } from './failed-step.js';
import type { ServiceFactory } from './fixture.js';
import { modelCommands } from './model/commands.js';
import { setupModelRun, teardownModelRun } from './model/model-run.js';
import { propertySettings } from './settings.js';

/**
 * Runs and seed of the properties.
 *
 * @category reference model
 * @since 0.1.0
 */
export interface PropertyOptions {
  readonly runs?: number;
  readonly seed?: number;
  /** Replays one counterexample (with its seed and `replayPath`). */
  readonly path?: string;
  readonly replayPath?: string;
  readonly profile?: BehaviourProfile;
  /** Most commands per run (default 60). */
  readonly maxCommands?: number;
}

/**
 * How a property ended, with what to replay a failure.
 *
 * @category reference model
 * @since 0.1.0
 */
export interface PropertyResult {
  readonly name: string;
  /** The rules the property checks. */
  readonly rules: ReadonlyArray<RuleId>;
  readonly status: 'pass' | 'fail';
  readonly runs: number;
  readonly seed: number;
  readonly path?: string;
  readonly replayPath?: string;
  /** The shrunk counterexample, readable. */
  readonly counterexample?: string;
  /** What went wrong in the shrunk counterexample. */
  readonly failure?: string;
  /** The step of the shrunk counterexample that failed, with what the service was seen to do in it. */
  readonly failedStep?: FailedStep;
  /** fast-check's report and the environment that replays it. */
  readonly report?: string;
  readonly durationMs: number;
}

/**
 * The rules the model-based property checks.
 *
 * @category reference model
 * @since 0.1.0
 */
export const MODEL_PROPERTY_RULES: ReadonlyArray<RuleId> = [
  'H1',
  'H4',
  'H5',
  'H6',
  'H7',
  'H8',
  'H9',
  'P7',
  'R7',
];

/**
 * Turns fast-check's run details into a result (shared with the concurrency checks).
 *
 * @category reference model
 * @since 0.1.0
 */
export const toPropertyResult = <Ts>(
  name: string,
  rules: ReadonlyArray<RuleId>,
  details: fc.RunDetails<Ts>,
  runs: number,
  started: number,
  failedStep?: FailedStep,
): PropertyResult => {
  const durationMs = Math.round(performance.now() - started);
  const base = { name, rules, runs, seed: details.seed, durationMs };
  if (!details.failed) return { ...base, status: 'pass' };
  const values = details.counterexample as ReadonlyArray<unknown> | null | undefined;
  const counterexample = values == null ? undefined : values.map((v) => String(v)).join(', ');
  const error = details.errorInstance;
  const failure = error instanceof Error ? error.message : error === null ? undefined : String(error);
  const path = details.counterexamplePath ?? undefined;
  const replayPath = /\/\*replayPath="([^"]*)"\*\//.exec(counterexample ?? '')?.[1];
  const replay =
    `Replay: CONFORMANCE_SEED=${details.seed}` +
    (path !== undefined ? ` CONFORMANCE_PATH=${path}` : '') +
    (replayPath !== undefined ? ` CONFORMANCE_REPLAY_PATH='${replayPath}'` : '');
  return {
    ...base,
    status: 'fail',
    ...(path !== undefined ? { path } : {}),
    ...(replayPath !== undefined ? { replayPath } : {}),
    ...(counterexample !== undefined ? { counterexample } : {}),
    ...(failure !== undefined ? { failure } : {}),
    ...(failedStep !== undefined ? { failedStep } : {}),
    report:
      `${name} failed after ${details.numRuns} run(s), seed ${details.seed}\n${replay}\nCommands: ${counterexample ?? '?'}\n` +
      (failedStep !== undefined ? `Failed at: ${failedStep.step}\n` : '') +
      `Failure: ${failure ?? '?'}\n\n${fc.defaultReportMessage(details) ?? ''}`,
  };
};

/**
 * Every response and error of random command lists equals the reference model's.
 *
 * @category reference model
 * @since 0.1.0
 */
export const runModelProperties = async (
  factory: ServiceFactory,
  options: PropertyOptions = {},
): Promise<PropertyResult> => {
  const settings = propertySettings();
  const runs = options.runs ?? settings.runs;
  const seed = options.seed ?? settings.seed;
  const fromEnv = options.seed === undefined;
  const path = options.path ?? (fromEnv ? settings.path : undefined);
  const replayPath = options.replayPath ?? (fromEnv ? settings.replayPath : undefined);
  const profile = options.profile ?? defaultProfile;
  const started = performance.now();
  // fast-check's counterexample is its last failing run: each failing run replaces this.
  let failedStep: FailedStep | undefined;
  const property = fc.asyncProperty(
    fc.commands(modelCommands(4), {
      maxCommands: options.maxCommands ?? 60,
      size: 'large',
      ...(replayPath !== undefined ? { replayPath } : {}),
    }),
    async (commands) => {
      const handle = await factory();
      const steps = traceSteps(handle);
      try {
        const world = await steps.step('setting up the run', () => setupModelRun(handle, profile));
        try {
          // Each command runs as a step of its own, through fast-check's wrapper (which marks it as run).
          const traced = [...commands].map((c): typeof c => ({
            check: (m) => c.check(m),
            run: (m, r) => steps.step(String(c), () => c.run(m, r)),
            toString: () => String(c),
          }));
          await fc.asyncModelRun(() => ({ model: { current: world.model }, real: world.real }), traced);
        } finally {
          await teardownModelRun(world);
        }
      } catch (e) {
        failedStep = steps.failed() ?? { step: 'the run', evidence: [] };
        throw e;
      } finally {
        await handle.dispose();
      }
    },
  );
  const details = await fc.check(property, { numRuns: runs, seed, ...(path !== undefined ? { path } : {}) });
  return toPropertyResult(
    'every response and error of random command lists equals the reference model',
    MODEL_PROPERTY_RULES,
    details,
    runs,
    started,
    details.failed ? failedStep : undefined,
  );
};
