/**
 * A failing property names the step of its shrunk counterexample that failed, and hands over what the service
 * was seen to do in that step (for a remote endpoint, the runner turns this into the raw requests and
 * responses). The handle here traces every service call it makes, as the runner's handle traces exchanges.
 */
import { describe, expect, it } from 'vitest';
import type { ResourcePolicyService } from '@ssm-policy/core';
import {
  runConcurrencyChecks,
  runModelProperties,
  traceSteps,
  type ServiceFactory,
} from '@ssm-policy/conformance';
import { ignoresHash, notAtomic } from './mutants/mutant-repositories.js';
import { tinyCoreFactory } from './support/tiny-store.js';

interface Call {
  readonly op: string;
  readonly input: unknown;
}

/** The factory's handles, each with a trace of its own service calls. */
const tracing =
  (factory: ServiceFactory): ServiceFactory =>
  async (setup) => {
    const handle = await factory(setup);
    const calls: Call[] = [];
    const traced = (op: keyof ResourcePolicyService) => (input: never) => () => {
      calls.push({ op, input });
      return (handle.service[op] as (i: never) => () => Promise<unknown>)(input)();
    };
    const service = {
      PutResourcePolicy: traced('PutResourcePolicy'),
      GetResourcePolicies: traced('GetResourcePolicies'),
      DeleteResourcePolicy: traced('DeleteResourcePolicy'),
    } as unknown as ResourcePolicyService;
    return { ...handle, service, trace: () => calls };
  };

/** The last command of a printed counterexample, before fast-check's replay comment. */
const lastCommand = (counterexample: string): string => counterexample.replace(/ \/\*replayPath=.*\*\/$/, '');

describe('the failed step of a property', () => {
  it('H5 names the last command of the shrunk counterexample, with the calls that command made', async () => {
    const failed = await runModelProperties(tracing(tinyCoreFactory({ repository: ignoresHash })), {
      runs: 100,
      seed: 99,
    });
    expect(failed.status).toBe('fail');
    const step = failed.failedStep!;
    expect(step.step).toMatch(/^(Update|Delete)\(r\d, policy #\d+, stale hash/);
    expect(lastCommand(failed.counterexample!).endsWith(step.step)).toBe(true);
    // One call: the stale-hash write the model expected to be refused, and nothing of the teardown after it.
    expect(step.evidence).toHaveLength(1);
    expect(step.evidence[0]).toMatchObject({
      op: expect.stringMatching(/^(PutResourcePolicy|DeleteResourcePolicy)$/),
      input: { PolicyHash: expect.any(String) },
    });
    expect(failed.report).toContain(`Failed at: ${step.step}`);
  });

  it('H10 a failing concurrency check names its batch step, with every call of the batch', async () => {
    const results = await runConcurrencyChecks(tracing(tinyCoreFactory({ repository: notAtomic })), {
      runs: 30,
      seed: 99,
    });
    const oneHash = results.find((r) => r.name.startsWith('concurrent updates carrying one hash'))!;
    expect(oneHash.status).toBe('fail');
    expect(oneHash.failedStep?.step).toBe('the concurrent batch and the final lists');
    const ops = (oneHash.failedStep?.evidence ?? []).map((c) => (c as Call).op);
    expect(ops.filter((op) => op === 'PutResourcePolicy').length).toBeGreaterThan(1);
    expect(ops).toContain('GetResourcePolicies');
  });

  it('H1 a passing property has no failed step; a handle without a trace still gets the step and its last evidence', async () => {
    const passed = await runModelProperties(tinyCoreFactory(), { runs: 5, seed: 1 });
    expect(passed.status).toBe('pass');
    expect(passed.failedStep).toBeUndefined();
    const steps = traceSteps({ evidence: () => 'the last thing seen' });
    await expect(
      steps.step('outer', () =>
        steps.step('inner', () => {
          throw new Error('broke');
        }),
      ),
    ).rejects.toThrow('broke');
    expect(steps.failed()).toEqual({ step: 'inner', evidence: ['the last thing seen'] });
  });
});
