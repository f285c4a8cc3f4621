/**
 * The reference model and the runners' plumbing: the model judges outcomes as RULES.md says, the
 * linearizability check finds (or rules out) a sequential order, settings come from the environment, and a
 * failing property reports a seed and a readable, replayable command list.
 */
import { describe, expect, it } from 'vitest';
import {
  coreServiceFactory,
  emptyModel,
  explainable,
  propertySettings,
  runModelProperties,
  step,
  type ModelOp,
  type ReferenceModel,
} from '@ssm-policy/conformance';
import { ignoresHash } from './mutants/mutant-repositories.js';

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

describe('reference model', () => {
  it('H1 accepts a create with a new id and refuses an id answered before', () => {
    const m = fresh();
    expect(
      step(m, { kind: 'create', arn: PARAM, Policy: 'a' }, ok({ PolicyId: 'p1', PolicyHash: 'h1' })),
    ).toBeUndefined();
    const v = step(m, { kind: 'create', arn: GROUP, Policy: 'a' }, ok({ PolicyId: 'p1', PolicyHash: 'h2' }));
    expect(v?.what).toMatch(/^H1 /);
  });

  it('H9 expects ResourcePolicyLimitExceededException with Limit 1 on a second OpsItemGroup create', () => {
    const m = fresh();
    step(m, { kind: 'create', arn: GROUP, Policy: 'a' }, ok({ PolicyId: 'p1', PolicyHash: 'h1' }));
    const op: ModelOp = { kind: 'create', arn: GROUP, Policy: 'b' };
    expect(
      step(m, op, err('ResourcePolicyLimitExceededException', { Limit: 1, LimitType: 'PolicyCount' })),
    ).toBeUndefined();
    expect(
      step(m, op, err('ResourcePolicyLimitExceededException', { Limit: 2, LimitType: 'PolicyCount' }))?.what,
    ).toMatch(/^H9 /);
    expect(step(m, op, ok({ PolicyId: 'p2', PolicyHash: 'h2' }))?.what).toMatch(/^H9 /);
  });

  it('H4 H5 tells an unknown id from a stale hash, and H6 wants a new versioned hash with the same id', () => {
    const m = fresh();
    step(m, { kind: 'create', arn: PARAM, Policy: 'a' }, ok({ PolicyId: 'p1', PolicyHash: 'h1' }));
    const update = (PolicyId: string, PolicyHash: string): ModelOp => ({
      kind: 'update',
      arn: PARAM,
      PolicyId,
      PolicyHash,
      Policy: 'a',
    });
    expect(step(m, update('p9', 'h1'), err('ResourcePolicyNotFoundException'))).toBeUndefined();
    expect(step(m, update('p1', 'h0'), err('ResourcePolicyConflictException'))).toBeUndefined();
    expect(step(m, update('p1', 'h0'), err('ResourcePolicyNotFoundException'))?.what).toMatch(/^H5 /);
    expect(step(fresh(), update('p1', 'h1'), ok({ PolicyId: 'p1', PolicyHash: 'h2' }))?.what).toMatch(/^H4 /);
    const same = step(m, update('p1', 'h1'), ok({ PolicyId: 'p1', PolicyHash: 'h1' }));
    expect(same?.what).toMatch(/^H6 .*versioned/);
  });

  it('H6 with content hashes: one text, one hash', () => {
    const m = fresh('content');
    step(m, { kind: 'create', arn: PARAM, Policy: 'a' }, ok({ PolicyId: 'p1', PolicyHash: 'ha' }));
    const v = step(
      m,
      { kind: 'create', arn: PARAM, Policy: 'a' },
      ok({ PolicyId: 'p2', PolicyHash: 'other' }),
    );
    expect(v?.what).toMatch(/^H6 /);
  });

  it('H8 P7 compares every listed policy, in creation order, text byte for byte', () => {
    const m = fresh();
    step(m, { kind: 'create', arn: PARAM, Policy: '{ "a": 1 }' }, ok({ PolicyId: 'p1', PolicyHash: 'h1' }));
    step(m, { kind: 'create', arn: PARAM, Policy: 'b' }, ok({ PolicyId: 'p2', PolicyHash: 'h2' }));
    const list: ModelOp = { kind: 'list', arn: PARAM };
    const p1 = { PolicyId: 'p1', PolicyHash: 'h1', Policy: '{ "a": 1 }' };
    const p2 = { PolicyId: 'p2', PolicyHash: 'h2', Policy: 'b' };
    expect(step(m, list, ok([p1, p2]))).toBeUndefined();
    expect(step(m, list, ok([p2, p1]))?.what).toMatch(/^H8 /);
    expect(step(m, list, ok([{ ...p1, Policy: '{"a":1}' }, p2]))?.what).toMatch(/^H8 /);
  });
});

describe('concurrency checker', () => {
  it('H10 explains two updates carrying one hash by one winner, and not by two winners', () => {
    const m = fresh();
    step(m, { kind: 'create', arn: PARAM, Policy: 'a' }, ok({ PolicyId: 'p1', PolicyHash: 'h1' }));
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
    const factory = coreServiceFactory({ repository: ignoresHash });
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
