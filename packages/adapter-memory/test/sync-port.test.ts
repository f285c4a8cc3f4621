// The synchronous fast path: the memory stores also offer their operations synchronously, and the commands then
// answer without a promise. The same sequence of requests must give the same answers and leave the same state
// whether the commands go through the synchronous operations or through the tasks.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
import {
  DeleteResourcePolicy,
  GetResourcePolicies,
  PutResourcePolicy,
  defaultProfile,
  seededIdSource,
  type Dependencies,
  type ParameterCatalog,
  type PolicyRepository,
} from '@ssm-policy/core';
import { OPS_ARN, PARAM, PARAM_ARN, caller, policyFor, scope } from './fixtures.js';

const setup = (synchronous: boolean) => {
  const repository = createMemoryPolicyRepository();
  const catalog = createMemoryParameterCatalog();
  catalog.put(scope, { Name: PARAM, Type: 'String', Tier: 'Advanced', Incarnation: '1' });
  // Spreading drops the non-enumerable synchronous operations: what a wrapper of the store looks like.
  const deps: Dependencies = {
    repository: synchronous ? repository : ({ ...repository } satisfies PolicyRepository),
    catalog: synchronous ? catalog : ({ ...catalog } satisfies ParameterCatalog),
    ids: seededIdSource(3),
    profile: { ...defaultProfile, maxPoliciesPerParameter: 3 },
  };
  return { deps, repository };
};

/** A fixed sequence touching every outcome: creates, an update, a stale hash, a missing id, the limit, pages. */
const script = async (deps: Dependencies) => {
  const put = PutResourcePolicy.runNow(deps);
  const get = GetResourcePolicies.runNow(deps);
  const del = DeleteResourcePolicy.runNow(deps);
  const answers: unknown[] = [];
  const kinds: boolean[] = [];
  const record = async (answer: unknown) => {
    kinds.push(answer instanceof Promise);
    answers.push(await answer);
  };
  const first = put(caller, { ResourceArn: PARAM_ARN, Policy: policyFor(PARAM_ARN) });
  await record(first);
  const created = (await first) as E.Right<{ PolicyId: string; PolicyHash: string }>;
  const { PolicyId, PolicyHash } = created.right;
  await record(put(caller, { ResourceArn: PARAM_ARN, Policy: policyFor(PARAM_ARN, { Sid: 'b' }) }));
  await record(put(caller, { ResourceArn: PARAM_ARN, Policy: policyFor(PARAM_ARN, { Sid: 'c' }) }));
  await record(put(caller, { ResourceArn: PARAM_ARN, Policy: policyFor(PARAM_ARN, { Sid: 'd' }) }));
  const updated = put(caller, {
    ResourceArn: PARAM_ARN,
    Policy: policyFor(PARAM_ARN, { Sid: 'e' }),
    PolicyId,
    PolicyHash,
  });
  await record(updated);
  await record(put(caller, { ResourceArn: PARAM_ARN, Policy: policyFor(PARAM_ARN), PolicyId, PolicyHash }));
  await record(
    put(caller, { ResourceArn: PARAM_ARN, Policy: policyFor(PARAM_ARN), PolicyId: 'nope', PolicyHash }),
  );
  await record(get(caller, { ResourceArn: PARAM_ARN, MaxResults: 2 }));
  await record(get(caller, { ResourceArn: PARAM_ARN, NextToken: 'not-a-token' }));
  await record(get(caller, { ResourceArn: OPS_ARN }));
  const current = ((await updated) as E.Right<{ PolicyHash: string }>).right.PolicyHash;
  await record(del(caller, { ResourceArn: PARAM_ARN, PolicyId, PolicyHash }));
  await record(del(caller, { ResourceArn: PARAM_ARN, PolicyId, PolicyHash: current }));
  await record(get(caller, { ResourceArn: PARAM_ARN }));
  return { answers, kinds };
};

describe('the synchronous fast path', () => {
  it('H4 H5 H7 H8 H9 gives the same answers and state through the synchronous operations as through the tasks', async () => {
    const fast = setup(true);
    const tasks = setup(false);
    const viaSync = await script(fast.deps);
    const viaTasks = await script(tasks.deps);
    expect(viaSync.answers).toEqual(viaTasks.answers);
    expect(fast.repository.snapshot()).toEqual(tasks.repository.snapshot());
    // And the point of it: from memory, no answer was a promise; through the tasks, every one that reached a port was.
    expect(viaSync.kinds.every((k) => !k)).toBe(true);
    expect(viaTasks.kinds.filter((k) => k).length).toBeGreaterThan(10);
    // The sequence really met the outcomes it is meant to: a conflict, a missing policy, the limit.
    const tags = viaSync.answers.map((a) =>
      E.isLeft(a as E.Either<{ _tag: string }, unknown>) ? (a as E.Left<{ _tag: string }>).left._tag : 'ok',
    );
    expect(tags).toContain('ResourcePolicyConflictException');
    expect(tags).toContain('ResourcePolicyNotFoundException');
    expect(tags).toContain('ResourcePolicyLimitExceededException');
  });

  it('a store wrapped by spreading it falls back to its tasks, so an overridden task is never bypassed', async () => {
    const memory = createMemoryPolicyRepository();
    let creates = 0;
    const counted: PolicyRepository = { ...memory, create: (input) => (creates++, memory.create(input)) };
    expect(counted.sync).toBeUndefined();
    const catalog = createMemoryParameterCatalog();
    catalog.put(scope, { Name: PARAM, Type: 'String', Tier: 'Advanced' });
    const deps: Dependencies = {
      repository: counted,
      catalog,
      ids: seededIdSource(1),
      profile: defaultProfile,
    };
    const answer = await PutResourcePolicy.runNow(deps)(caller, {
      ResourceArn: PARAM_ARN,
      Policy: policyFor(PARAM_ARN),
    });
    expect(E.isRight(answer)).toBe(true);
    expect(creates).toBe(1);
  });
});
