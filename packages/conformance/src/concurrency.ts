/**
 * Rule H10 under load: random batches of commands sent at once (`Promise.all`) against a fresh service. The
 * outcome must be explainable by some sequential order: the checker tries every order of the batch on the
 * reference model and accepts the batch when one order gives exactly the observed responses and final state.
 * Three shapes of batch: updates carrying one hash (exactly one winner, the others conflicts), creates on the
 * OpsItemGroup (exactly one policy), and mixed creates, updates, deletes and gets.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { coreServiceFactory, runConcurrencyChecks } from '@ssm-policy/conformance';
 * const factory = coreServiceFactory({ repository: createMemoryPolicyRepository, catalog: createMemoryParameterCatalog });
 * const results = await runConcurrencyChecks(factory, { runs: 30 });
 * assert.ok(results.every((r) => r.status === 'pass'), 'H10');
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import * as fc from 'fast-check';
import { defaultProfile } from '@ssm-policy/core';
import { ConformanceFailure } from './assert.js';
import type { ServiceFactory } from './fixture.js';
import {
  observeAll,
  perform,
  renderPolicy,
  textSpecArb,
  type HashChoice,
  type TextSpec,
} from './model/commands.js';
import { setupModelRun, teardownModelRun, type ModelWorld } from './model/model-run.js';
import {
  policiesOf,
  step,
  type ModelOp,
  type Observation,
  type ReferenceModel,
} from './model/reference-model.js';
import { traceSteps, type FailedStep } from './failed-step.js';
import { toPropertyResult, type PropertyOptions, type PropertyResult } from './properties.js';
import { propertySettings } from './settings.js';

// -------------------------------------------------------------------------------------------------
// batches
// -------------------------------------------------------------------------------------------------

/**
 * One command of a batch, naming policies by their place in the state before the batch.
 *
 * @category concurrency
 * @since 0.1.0
 */
export type BatchOp =
  | { readonly kind: 'create'; readonly resource: number; readonly text: TextSpec }
  | { readonly kind: 'update'; readonly policy: number; readonly hash: HashChoice; readonly text: TextSpec }
  | { readonly kind: 'delete'; readonly policy: number; readonly hash: HashChoice }
  | { readonly kind: 'list'; readonly resource: number };

/**
 * One batch of concurrent writes, and the state it starts from.
 *
 * @category concurrency
 * @since 0.1.0
 */
export interface Batch {
  /** Policies to create on each parameter before the batch (then each updated once, for stale hashes). */
  readonly before: ReadonlyArray<number>;
  /** Whether the OpsItemGroup holds a policy before the batch. */
  readonly groupHolds: boolean;
  readonly ops: ReadonlyArray<BatchOp>;
}

const showOp = (op: BatchOp): string =>
  op.kind === 'create' || op.kind === 'list'
    ? `${op.kind}(r${op.resource})`
    : `${op.kind}(policy #${op.policy}, ${op.hash} hash)`;

const showBatch = (b: Batch): string =>
  `{before: [${b.before.join(',')}], groupHolds: ${b.groupHolds}, ops: [${b.ops.map(showOp).join(', ')}]}`;

const withToString = (b: Batch): Batch => Object.assign(b, { toString: () => showBatch(b) });

const text = (sid: string): TextSpec => ({ sid, actions: 1, spaced: false, principals: 0 });

const mixedBatch: fc.Arbitrary<Batch> = fc
  .record({
    before: fc.array(fc.nat({ max: 2 }), { minLength: 3, maxLength: 3 }),
    groupHolds: fc.boolean(),
    ops: fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('create' as const), resource: fc.nat({ max: 3 }), text: textSpecArb }),
        fc.record({
          kind: fc.constant('update' as const),
          policy: fc.nat({ max: 7 }),
          hash: fc.constantFrom<HashChoice>('current', 'current', 'stale'),
          text: textSpecArb,
        }),
        fc.record({
          kind: fc.constant('delete' as const),
          policy: fc.nat({ max: 7 }),
          hash: fc.constantFrom<HashChoice>('current', 'stale'),
        }),
        fc.record({ kind: fc.constant('list' as const), resource: fc.nat({ max: 3 }) }),
      ),
      { minLength: 2, maxLength: 5 },
    ),
  })
  .map(withToString);

const oneHashBatch: fc.Arbitrary<Batch> = fc.integer({ min: 2, max: 6 }).map((n) =>
  withToString({
    before: [1, 0, 0],
    groupHolds: false,
    ops: Array.from({ length: n }, (_, i) => ({
      kind: 'update' as const,
      policy: 1,
      hash: 'current' as const,
      text: text(`W${i}`),
    })),
  }),
);

const groupCreatesBatch: fc.Arbitrary<Batch> = fc.integer({ min: 2, max: 6 }).map((n) =>
  withToString({
    before: [0, 0, 0],
    groupHolds: false,
    ops: Array.from({ length: n }, (_, i) => ({ kind: 'create' as const, resource: 0, text: text(`C${i}`) })),
  }),
);

// -------------------------------------------------------------------------------------------------
// checking
// -------------------------------------------------------------------------------------------------

const permutations = function* (n: number): Generator<number[]> {
  const a = Array.from({ length: n }, (_, i) => i);
  const c = new Array<number>(n).fill(0);
  yield [...a];
  for (let i = 0; i < n;) {
    if (c[i]! < i) {
      const j = i % 2 === 0 ? 0 : c[i]!;
      [a[j], a[i]] = [a[i]!, a[j]!];
      yield [...a];
      c[i]! += 1;
      i = 0;
    } else {
      c[i] = 0;
      i += 1;
    }
  }
};

/** The model after `ops` applied in `order`, or `undefined` when some outcome contradicts it. */
const replay = (
  model: ReferenceModel,
  steps: ReadonlyArray<readonly [ModelOp, Observation]>,
): ReferenceModel | undefined => {
  let m = model;
  for (const [op, o] of steps) {
    const next = step(m, op, o);
    if (E.isLeft(next)) return undefined;
    m = next.right;
  }
  return m;
};

/**
 * Some order of `ops` gives exactly `observed` and then `finals` on every resource.
 *
 * @since 0.1.0
 * @category concurrency
 */
export const explainable = (
  model: ReferenceModel,
  ops: ReadonlyArray<ModelOp>,
  observed: ReadonlyArray<Observation>,
  finals: ReadonlyArray<readonly [string, Observation]>,
): boolean => {
  for (const order of permutations(ops.length)) {
    const m = replay(
      model,
      order.map((i) => [ops[i]!, observed[i]!] as const),
    );
    if (m === undefined) continue;
    if (
      replay(
        m,
        finals.map(([arn, o]) => [{ kind: 'list', arn }, o] as const),
      ) !== undefined
    )
      return true;
  }
  return false;
};

/** Creates (and updates once, for stale hashes) what the batch needs; answers the world after it. */
const prepare = async (world: ModelWorld, batch: Batch): Promise<ModelWorld> => {
  const { real } = world;
  let model = world.model;
  const run = async (op: ModelOp): Promise<void> => {
    const next = step(model, op, await perform(real.service, op));
    if (E.isLeft(next))
      throw new ConformanceFailure(
        `setting up the batch: ${next.left.what}`,
        next.left.observed,
        next.left.expected,
      );
    model = next.right;
  };
  const group = real.resources[0]!;
  if (batch.groupHolds && policiesOf(model, group.arn).length === 0)
    await run({ kind: 'create', arn: group.arn, Policy: renderPolicy(text('Before'), group, real.scope) });
  for (const [i, count] of batch.before.entries()) {
    const r = real.resources[i + 1]!;
    for (let k = 0; k < count; k++)
      await run({ kind: 'create', arn: r.arn, Policy: renderPolicy(text(`Before${k}`), r, real.scope) });
    for (const p of [...policiesOf(model, r.arn)])
      await run({
        kind: 'update',
        arn: r.arn,
        PolicyId: p.PolicyId,
        PolicyHash: p.PolicyHash,
        Policy: renderPolicy(text(`Again${p.PolicyId.length}`), r, real.scope),
      });
  }
  return { ...world, model };
};

/** The batch's commands with concrete ids and hashes, from the state before it. */
const concretize = (world: ModelWorld, batch: Batch): ModelOp[] => {
  const { model, real } = world;
  const all = real.resources.flatMap((r) => policiesOf(model, r.arn).map((p) => ({ r, p })));
  return batch.ops.flatMap((op): ModelOp[] => {
    if (op.kind === 'create' || op.kind === 'list') {
      const r = real.resources[op.resource % real.resources.length]!;
      return [
        op.kind === 'list'
          ? { kind: 'list', arn: r.arn }
          : { kind: 'create', arn: r.arn, Policy: renderPolicy(op.text, r, real.scope) },
      ];
    }
    const target = all[op.policy % Math.max(1, all.length)];
    if (target === undefined) return [];
    const { r, p } = target;
    const stale = p.hashes.find((h) => h !== p.PolicyHash) ?? `stale-${op.policy}`;
    const PolicyHash = op.hash === 'current' ? p.PolicyHash : stale;
    return [
      op.kind === 'update'
        ? {
            kind: 'update',
            arn: r.arn,
            PolicyId: p.PolicyId,
            PolicyHash,
            Policy: renderPolicy(op.text, r, real.scope),
          }
        : { kind: 'delete', arn: r.arn, PolicyId: p.PolicyId, PolicyHash },
    ];
  });
};

const summarizeObservation = (o: Observation): unknown =>
  o.ok ? { answered: o.value } : { 'refused with': (o.error as { _tag?: unknown } | null)?._tag ?? o.error };

const batchProperty = (
  factory: ServiceFactory,
  options: PropertyOptions,
  arb: fc.Arbitrary<Batch>,
  onFailure: (step: FailedStep) => void,
) =>
  fc.asyncProperty(arb, async (batch) => {
    const handle = await factory();
    const steps = traceSteps(handle);
    try {
      const setup = await steps.step('setting up the run', () =>
        setupModelRun(handle, options.profile ?? defaultProfile),
      );
      try {
        const world = await steps.step('setting up the batch', () => prepare(setup, batch));
        const ops = concretize(world, batch);
        await steps.step('the concurrent batch and the final lists', async () => {
          const observed = await Promise.all(ops.map((op) => perform(world.real.service, op)));
          const finals = await Promise.all(
            world.real.resources.map(
              async (r) => [r.arn, await observeAll(world.real.service, r.arn)] as const,
            ),
          );
          if (!explainable(world.model, ops, observed, finals))
            throw new ConformanceFailure(
              'H10 no sequential order explains the outcome of the concurrent batch',
              {
                outcomes: ops.map((op, i) => ({
                  op: op.kind === 'list' ? `list ${op.arn}` : `${op.kind} ${op.arn}`,
                  observed: summarizeObservation(observed[i]!),
                })),
                finalCounts: finals.map(([arn, o]) => [
                  arn,
                  o.ok ? (o.value as unknown[]).length : summarizeObservation(o),
                ]),
              },
              'the outcome of some sequential order',
            );
        });
      } finally {
        await teardownModelRun(setup);
      }
    } catch (e) {
      onFailure(steps.failed() ?? { step: 'the run', evidence: [] });
      throw e;
    } finally {
      await handle.dispose();
    }
  });

/**
 * The H10 checks; `runs` is shared out among them (at least 10 each).
 *
 * @category concurrency
 * @since 0.1.0
 */
export const runConcurrencyChecks = async (
  factory: ServiceFactory,
  options: PropertyOptions = {},
): Promise<ReadonlyArray<PropertyResult>> => {
  const settings = propertySettings();
  const total = options.runs ?? settings.runs;
  const seed = options.seed ?? settings.seed;
  const checks = [
    [
      'concurrent updates carrying one hash: exactly one wins, the others are ResourcePolicyConflictException',
      oneHashBatch,
      0.2,
    ],
    ['concurrent creates on the OpsItemGroup: exactly one policy', groupCreatesBatch, 0.2],
    ['random concurrent batches are explainable by a sequential order', mixedBatch, 0.6],
  ] as const;
  const results: PropertyResult[] = [];
  for (const [name, arb, share] of checks) {
    const runs = Math.max(10, Math.round(total * share));
    const started = performance.now();
    // fast-check's counterexample is its last failing run: each failing run replaces this.
    let failedStep: FailedStep | undefined;
    const property = batchProperty(factory, options, arb, (step) => (failedStep = step));
    const details = await fc.check(property, { numRuns: runs, seed });
    results.push(
      toPropertyResult(name, ['H10'], details, runs, started, details.failed ? failedStep : undefined),
    );
  }
  return results;
};
