/**
 * The reference model and the runners' plumbing: the model judges outcomes as docs/rules.md says, the
 * linearizability check finds (or rules out) a sequential order, settings come from the environment, and a
 * failing property reports a seed and a readable, replayable command list.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import {
  emptyModel,
  explainable,
  propertySettings,
  runModelProperties,
  dropResource,
  policiesOf,
  step,
  type ModelOp,
  type ModelPolicy,
  type Observation,
  type ReferenceModel,
} from '@ssm-policy/conformance';
import { ignoresHash } from './mutants/mutant-repositories.js';
import { tinyCoreFactory } from './support/tiny-store.js';

const GROUP = 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default';
const PARAM = 'arn:aws:ssm:us-east-1:123456789012:parameter/app/db';

const fresh = (hashStrategy: 'versioned' | 'content' = 'versioned'): ReferenceModel =>
  emptyModel({ hashStrategy, policyCountLimitType: 'PolicyCount', maxPoliciesPerParameter: undefined }, [
    [GROUP, 'OpsItemGroup'],
    [PARAM, 'Parameter'],
  ]);

const ok = (value: unknown) => ({ ok: true as const, value });
const err = (_tag: string, members: Record<string, unknown> = {}) => ({
  ok: false as const,
  error: { _tag, message: 'x', ...members },
});

/** The model after outcomes that must all be consistent. */
const apply = (m: ReferenceModel, ...steps: ReadonlyArray<readonly [ModelOp, Observation]>): ReferenceModel =>
  steps.reduce((acc, [op, o]) => {
    const next = step(acc, op, o);
    if (E.isLeft(next)) throw new Error(`unexpected violation: ${next.left.what}`);
    return next.right;
  }, m);

/** What `step` blames, or `undefined` when the outcome is consistent. */
const blame = (m: ReferenceModel, op: ModelOp, o: Observation): string | undefined => {
  const next = step(m, op, o);
  return E.isLeft(next) ? next.left.what : undefined;
};

const create = (arn: string, Policy: string): ModelOp => ({ kind: 'create', arn, Policy });

describe('reference model', () => {
  it('H1 accepts a create with a new id and refuses an id answered before', () => {
    const m = apply(fresh(), [create(PARAM, 'a'), ok({ PolicyId: 'p1', PolicyHash: 'h1' })]);
    expect(blame(m, create(GROUP, 'a'), ok({ PolicyId: 'p1', PolicyHash: 'h2' }))).toMatch(/^H1 /);
  });

  it('H9 expects ResourcePolicyLimitExceededException with Limit 1 on a second OpsItemGroup create', () => {
    const m = apply(fresh(), [create(GROUP, 'a'), ok({ PolicyId: 'p1', PolicyHash: 'h1' })]);
    const op = create(GROUP, 'b');
    expect(
      blame(m, op, err('ResourcePolicyLimitExceededException', { Limit: 1, LimitType: 'PolicyCount' })),
    ).toBeUndefined();
    expect(
      blame(m, op, err('ResourcePolicyLimitExceededException', { Limit: 2, LimitType: 'PolicyCount' })),
    ).toMatch(/^H9 /);
    expect(blame(m, op, ok({ PolicyId: 'p2', PolicyHash: 'h2' }))).toMatch(/^H9 /);
  });

  it('H4 H5 tells an unknown id from a stale hash, and H6 wants a new versioned hash with the same id', () => {
    const m = apply(fresh(), [create(PARAM, 'a'), ok({ PolicyId: 'p1', PolicyHash: 'h1' })]);
    const update = (PolicyId: string, PolicyHash: string): ModelOp => ({
      kind: 'update',
      arn: PARAM,
      PolicyId,
      PolicyHash,
      Policy: 'a',
    });
    expect(blame(m, update('p9', 'h1'), err('ResourcePolicyNotFoundException'))).toBeUndefined();
    expect(blame(m, update('p1', 'h0'), err('ResourcePolicyConflictException'))).toBeUndefined();
    expect(blame(m, update('p1', 'h0'), err('ResourcePolicyNotFoundException'))).toMatch(/^H5 /);
    expect(blame(fresh(), update('p1', 'h1'), ok({ PolicyId: 'p1', PolicyHash: 'h2' }))).toMatch(/^H4 /);
    expect(blame(m, update('p1', 'h1'), ok({ PolicyId: 'p1', PolicyHash: 'h1' }))).toMatch(/^H6 .*versioned/);
  });

  it('H6 with content hashes: one text, one hash', () => {
    const m = apply(fresh('content'), [create(PARAM, 'a'), ok({ PolicyId: 'p1', PolicyHash: 'ha' })]);
    expect(blame(m, create(PARAM, 'a'), ok({ PolicyId: 'p2', PolicyHash: 'other' }))).toMatch(/^H6 /);
  });

  it('H8 P7 compares every listed policy, in creation order, text byte for byte', () => {
    const m = apply(
      fresh(),
      [create(PARAM, '{ "a": 1 }'), ok({ PolicyId: 'p1', PolicyHash: 'h1' })],
      [create(PARAM, 'b'), ok({ PolicyId: 'p2', PolicyHash: 'h2' })],
    );
    const list: ModelOp = { kind: 'list', arn: PARAM };
    const p1 = { PolicyId: 'p1', PolicyHash: 'h1', Policy: '{ "a": 1 }' };
    const p2 = { PolicyId: 'p2', PolicyHash: 'h2', Policy: 'b' };
    expect(blame(m, list, ok([p1, p2]))).toBeUndefined();
    expect(blame(m, list, ok([p2, p1]))).toMatch(/^H8 /);
    expect(blame(m, list, ok([{ ...p1, Policy: '{"a":1}' }, p2]))).toMatch(/^H8 /);
  });

  it('H6 step answers a new model and leaves the one it was given alone, even after a violation', () => {
    const before = apply(fresh('content'), [create(PARAM, 'a'), ok({ PolicyId: 'p1', PolicyHash: 'ha' })]);
    const after = apply(before, [create(PARAM, 'b'), ok({ PolicyId: 'p2', PolicyHash: 'hb' })]);
    expect(policiesOf(before, PARAM).map((p) => p.PolicyId)).toEqual(['p1']);
    expect(policiesOf(after, PARAM).map((p) => p.PolicyId)).toEqual(['p1', 'p2']);
    // A violation found after the create's own checks (the content hash of a known text) applies nothing.
    expect(blame(after, create(PARAM, 'a'), ok({ PolicyId: 'p3', PolicyHash: 'hb' }))).toMatch(/^H6 /);
    expect(after.ids.has('p3')).toBe(false);
    expect(after.hashOfText.get('a')).toBe('ha');
  });

  it('R7 dropResource answers a new model; a model is frozen, so a command that mutates one throws', () => {
    const m = apply(fresh(), [create(PARAM, 'a'), ok({ PolicyId: 'p1', PolicyHash: 'h1' })]);
    expect(() => (m.policies as Map<string, unknown>).set(PARAM, [])).toThrow();
    expect(() => (m.ids as Set<string>).add('p2')).toThrow();
    expect(() => (policiesOf(m, PARAM) as ModelPolicy[]).push(policiesOf(m, PARAM)[0]!)).toThrow();
    const dropped = dropResource(m, PARAM);
    expect(policiesOf(dropped, PARAM)).toEqual([]);
    expect(policiesOf(m, PARAM)).toHaveLength(1);
  });
});

describe('concurrency checker', () => {
  it('H10 explains two updates carrying one hash by one winner, and not by two winners', () => {
    const m = apply(fresh(), [create(PARAM, 'a'), ok({ PolicyId: 'p1', PolicyHash: 'h1' })]);
    const ops: ModelOp[] = [
      { kind: 'update', arn: PARAM, PolicyId: 'p1', PolicyHash: 'h1', Policy: 'x' },
      { kind: 'update', arn: PARAM, PolicyId: 'p1', PolicyHash: 'h1', Policy: 'y' },
    ];
    const final = (Policy: string, PolicyHash: string) => [
      [PARAM, ok([{ PolicyId: 'p1', PolicyHash, Policy }])] as const,
    ];
    const oneWinner = [err('ResourcePolicyConflictException'), ok({ PolicyId: 'p1', PolicyHash: 'hy' })];
    expect(explainable(m, ops, oneWinner, final('y', 'hy'))).toBe(true);
    expect(explainable(m, ops, oneWinner, final('x', 'hy'))).toBe(false);
    const twoWinners = [ok({ PolicyId: 'p1', PolicyHash: 'hx' }), ok({ PolicyId: 'p1', PolicyHash: 'hy' })];
    expect(explainable(m, ops, twoWinners, final('y', 'hy'))).toBe(false);
  });
});

describe('settings and reports', () => {
  it('reads CONFORMANCE_RUNS and CONFORMANCE_SEED, with 100 runs by default', () => {
    expect(propertySettings({ CONFORMANCE_RUNS: '1000', CONFORMANCE_SEED: '42' })).toEqual({
      runs: 1000,
      seed: 42,
    });
    expect(propertySettings({}).runs).toBe(100);
    expect(propertySettings({ CONFORMANCE_RUNS: 'lots' }).runs).toBe(100);
    expect(propertySettings({ CONFORMANCE_SEED: '7', CONFORMANCE_PATH: '3:1' })).toMatchObject({
      seed: 7,
      path: '3:1',
    });
  });

  it('H5 a failing property reports its seed and the shrunk command list, and the path replays it', async () => {
    const factory = tinyCoreFactory({ repository: ignoresHash });
    const failed = await runModelProperties(factory, { runs: 100, seed: 99 });
    expect(failed.status).toBe('fail');
    expect(failed.seed).toBe(99);
    expect(failed.report).toContain('CONFORMANCE_SEED=99');
    expect(failed.report).toContain(`CONFORMANCE_PATH=${failed.path}`);
    expect(failed.report).toContain(`CONFORMANCE_REPLAY_PATH='${failed.replayPath}'`);
    expect(failed.counterexample).toMatch(/(Update|Delete)\(r\d, policy #\d+, stale hash/);
    expect(failed.failure).toMatch(/^H5 /);
    const replayed = await runModelProperties(factory, {
      runs: 100,
      seed: 99,
      ...(failed.path ? { path: failed.path } : {}),
      ...(failed.replayPath ? { replayPath: failed.replayPath } : {}),
    });
    expect(replayed.status).toBe('fail');
    expect(replayed.counterexample).toBe(failed.counterexample);
  });
});
