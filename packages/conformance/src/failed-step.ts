/**
 * Which step of a property run failed, and what the service under test was seen to do in it. A property
 * reports its shrunk counterexample; to show *why* that list of commands fails, the runner also needs the
 * exchanges of the one command that broke (a remote endpoint: the raw requests and responses). A handle that
 * offers `trace()` (everything it observed, in order) lets `traceSteps` cut out the part of one step; a handle
 * without it still gets the step's name, and its `evidence()` (what it observed last) when it has one.
 *
 * fast-check records a failure each time a run fails, the shrunk counterexample being the last one, so the
 * property keeps the failed step of the last failing run: that is the step of the counterexample it reports.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { traceSteps } from './failed-step.js';
 * const seen: string[] = [];
 * const steps = traceSteps({ trace: () => seen });
 * await steps.step('Create(r1)', async () => void seen.push('PUT one'));
 * await steps
 *   .step('Get(r1)', async () => {
 *     seen.push('GET one');
 *     throw new Error('H1 the list differs');
 *   })
 *   .catch(() => undefined);
 * assert.deepEqual(steps.failed(), { step: 'Get(r1)', evidence: ['GET one'] });
 *
 * @since 0.2.0
 */
import type { ServiceHandle } from './fixture.js';

/**
 * The step of a property run that failed, with what the service was seen to do in it.
 *
 * @category reference model
 * @since 0.2.0
 */
export interface FailedStep {
  /** The command as the counterexample prints it, or the phase (`setting up the run`). */
  readonly step: string;
  /** What the handle observed during the step, in order (a remote endpoint: its raw exchanges). */
  readonly evidence: ReadonlyArray<unknown>;
}

/**
 * Runs named steps and remembers the first that threw.
 *
 * @category reference model
 * @since 0.2.0
 */
export interface StepTracer {
  /** Runs `task` as the step `name`; rethrows its failure after noting it. */
  step<A>(name: string, task: () => Promise<A>): Promise<A>;
  /** The first step that threw (an inner step before the one around it), if any. */
  failed(): FailedStep | undefined;
}

/**
 * A tracer over what `handle` observes.
 *
 * @category reference model
 * @since 0.2.0
 */
export const traceSteps = (handle: Pick<ServiceHandle, 'trace' | 'evidence'>): StepTracer => {
  let failed: FailedStep | undefined;
  const seen = (): ReadonlyArray<unknown> => handle.trace?.() ?? [];
  return {
    step: async (name, task) => {
      const from = seen().length;
      try {
        return await task();
      } catch (e) {
        if (failed === undefined) {
          const last = handle.evidence?.();
          const evidence = handle.trace !== undefined ? seen().slice(from) : last === undefined ? [] : [last];
          failed = { step: name, evidence };
        }
        throw e;
      }
    },
    failed: () => failed,
  };
};
