import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { describe, expect, it } from 'vitest';
import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
import { encodePageToken, makeProfile, parseResourceArn, type ParameterResource } from '@ssm-policy/core';
import {
  OPS_ARN,
  PARAM,
  PARAM_ARN,
  REGION,
  left,
  listAll,
  nthPolicy,
  policyFor,
  right,
  scope,
  setup,
  stateOf,
} from './fixtures.js';

const create = (n: number, arn = PARAM_ARN, maxPolicies: number | undefined = undefined) => ({
  resource: { arn },
  Policy: `{"n":${n}}`,
  proposed: { PolicyId: `id-${n}`, PolicyHash: `h-${n}` },
  maxPolicies,
});

describe('memory policy repository', () => {
  it('H10 building a task changes nothing; running it does (the port returns lazy TaskEithers)', async () => {
    const repository = createMemoryPolicyRepository();
    const task = repository.create(create(1));
    expect(repository.snapshot().size).toBe(0);
    right(await task());
    expect(repository.snapshot().get(PARAM_ARN)?.length).toBe(1);
    const del = repository.delete({ resource: { arn: PARAM_ARN }, PolicyId: 'id-1', expectedHash: 'h-1' });
    const drop = repository.dropResource({ arn: PARAM_ARN });
    const upd = repository.update({
      resource: { arn: PARAM_ARN },
      PolicyId: 'id-1',
      expectedHash: 'h-1',
      Policy: 'x',
      proposedHash: 'y',
    });
    expect(repository.snapshot().get(PARAM_ARN)?.length).toBe(1);
    right(await upd());
    expect(left(await del())._tag).toBe('HashMismatch');
    right(await drop());
    expect(repository.snapshot().size).toBe(0);
  });

  it('H8 a list task reads the state when it runs', async () => {
    const repository = createMemoryPolicyRepository();
    const list = repository.list({ resource: { arn: PARAM_ARN }, limit: 10 });
    right(await repository.create(create(1))());
    expect(right(await list()).policies).toHaveLength(1);
  });

  it('H4 H5 H9 the conditional writes refuse with the port’s tags and change nothing', async () => {
    const repository = createMemoryPolicyRepository();
    right(await repository.create(create(1, OPS_ARN, 1))());
    const before = stateOf(repository);
    expect(left(await repository.create(create(2, OPS_ARN, 1))())).toEqual({
      _tag: 'PolicyLimitReached',
      limit: 1,
    });
    expect(
      left(
        await repository.update({
          resource: { arn: OPS_ARN },
          PolicyId: 'id-9',
          expectedHash: 'h-1',
          Policy: 'x',
          proposedHash: 'y',
        })(),
      )._tag,
    ).toBe('PolicyMissing');
    expect(
      left(await repository.delete({ resource: { arn: OPS_ARN }, PolicyId: 'id-1', expectedHash: 'stale' })())
        ._tag,
    ).toBe('HashMismatch');
    expect(stateOf(repository)).toEqual(before);
  });

  it('H8 a cursor that this store did not make is CursorInvalid', async () => {
    const repository = createMemoryPolicyRepository();
    for (const cursor of ['x', '-1', '01', '1.5', '', '99999999999999999999']) {
      expect(left(await repository.list({ resource: { arn: PARAM_ARN }, cursor, limit: 5 })())._tag).toBe(
        'CursorInvalid',
      );
    }
  });

  it('H8 a well-signed token whose cursor the store refuses is NextToken-invalid at the command', async () => {
    const { service } = setup();
    const forged = encodePageToken({ arn: PARAM_ARN }, 'not-a-number');
    expect(
      left(await service.GetResourcePolicies({ ResourceArn: PARAM_ARN, NextToken: forged })()),
    ).toMatchObject({
      _tag: 'ResourcePolicyInvalidParameterException',
      ParameterNames: ['NextToken'],
    });
  });

  it('R7 keys of one ARN with different incarnations hold separate policies; a drop takes one life only', async () => {
    const repository = createMemoryPolicyRepository();
    const lives = [
      { arn: PARAM_ARN },
      { arn: PARAM_ARN, incarnation: 'life-1' },
      { arn: PARAM_ARN, incarnation: 'life-2' },
    ];
    for (const [n, resource] of lives.entries()) right(await repository.create({ ...create(n), resource })());
    for (const [n, resource] of lives.entries()) {
      expect(right(await repository.list({ resource, limit: 10 })()).policies.map((p) => p.PolicyId)).toEqual(
        [`id-${n}`],
      );
    }
    right(await repository.dropResource(lives[1]!)());
    expect(right(await repository.list({ resource: lives[1]!, limit: 10 })()).policies).toEqual([]);
    expect(right(await repository.list({ resource: lives[2]!, limit: 10 })()).policies).toHaveLength(1);
    expect([...repository.snapshot().keys()].sort()).toEqual([PARAM_ARN, `${PARAM_ARN} life-2`]);
  });

  it('H7 bytesHeld follows every write: two bytes a character more for a longer text, back to 0 when all is gone', async () => {
    const repository = createMemoryPolicyRepository();
    const life = { arn: PARAM_ARN, incarnation: 'life-1' };
    expect(repository.bytesHeld()).toBe(0);
    right(await repository.create(create(1))());
    const one = repository.bytesHeld();
    expect(one).toBeGreaterThan(0);
    right(await repository.create(create(2))());
    const perPolicy = repository.bytesHeld() - one;
    right(await repository.create({ ...create(3), resource: life })());
    right(await repository.create({ ...create(4), resource: life })());
    const full = repository.bytesHeld();
    // A refused write changes nothing, the estimate included.
    left(await repository.create({ ...create(2), proposed: { PolicyId: 'id-2', PolicyHash: 'x' } })());
    left(
      await repository.update({
        resource: { arn: PARAM_ARN },
        PolicyId: 'id-1',
        expectedHash: 'stale',
        Policy: '{}',
        proposedHash: 'h',
      })(),
    );
    expect(repository.bytesHeld()).toBe(full);
    // `{"n":1}` → ten characters longer, and a hash of the same length.
    right(
      await repository.update({
        resource: { arn: PARAM_ARN },
        PolicyId: 'id-1',
        expectedHash: 'h-1',
        Policy: '{"n":1,"more":1}',
        proposedHash: 'h-9',
      })(),
    );
    expect(repository.bytesHeld()).toBe(full + 2 * ('{"n":1,"more":1}'.length - '{"n":1}'.length));
    right(await repository.delete({ resource: { arn: PARAM_ARN }, PolicyId: 'id-2', expectedHash: 'h-2' })());
    expect(repository.bytesHeld()).toBe(full + 18 - perPolicy);
    right(await repository.dropResource(life)());
    right(await repository.delete({ resource: { arn: PARAM_ARN }, PolicyId: 'id-1', expectedHash: 'h-9' })());
    expect(repository.bytesHeld()).toBe(0);
  });

  it('H7 snapshot holds only resources that have policies, and is a copy', async () => {
    const repository = createMemoryPolicyRepository();
    right(await repository.create(create(1))());
    const snap = repository.snapshot();
    right(await repository.delete({ resource: { arn: PARAM_ARN }, PolicyId: 'id-1', expectedHash: 'h-1' })());
    expect(repository.snapshot().size).toBe(0);
    expect(snap.size).toBe(1);
  });
});

describe('memory parameter catalog', () => {
  const resource = (arn: string) => right(parseResourceArn(arn)) as ParameterResource;

  it('R4 describes a parameter by ARN, within its own account and region only', async () => {
    const catalog = createMemoryParameterCatalog();
    catalog.put(scope, { Name: PARAM, Type: 'String', Tier: 'Advanced' });
    expect(right(await catalog.describeParameter(resource(PARAM_ARN), PARAM_ARN)())).toEqual(
      O.some({ Name: PARAM, Type: 'String', Tier: 'Advanced' }),
    );
    for (const arn of [
      `arn:aws:ssm:eu-west-1:123456789012:parameter/app/db`,
      `arn:aws:ssm:${REGION}:210987654321:parameter/app/db`,
      `arn:aws:ssm:${REGION}:123456789012:parameter/app/other`,
    ]) {
      expect(right(await catalog.describeParameter(resource(arn), arn)())).toEqual(O.none);
    }
    // Lazy like every port: the lookup happens when the task runs.
    const later = catalog.describeParameter(resource(PARAM_ARN), PARAM_ARN);
    expect(catalog.remove(scope, PARAM)).toBe(true);
    expect(right(await later())).toEqual(O.none);
    expect(catalog.remove(scope, PARAM)).toBe(false);
    expect(E.isRight(await catalog.describeParameter(resource(PARAM_ARN), PARAM_ARN)())).toBe(true);
  });
});

describe('R7 parameter deletion', () => {
  it('R7 deleting a parameter from the memory service catalog drops its policies; re-created, it has none', async () => {
    const { service, catalog, repository } = setup();
    right(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: nthPolicy(PARAM_ARN, 1) })());
    right(await service.PutResourcePolicy({ ResourceArn: OPS_ARN, Policy: policyFor(OPS_ARN) })());
    expect(catalog.remove(scope, PARAM)).toBe(true);
    expect(repository.snapshot().has(PARAM_ARN)).toBe(false);
    catalog.put(scope, { Name: PARAM, Type: 'String', Tier: 'Advanced' });
    expect(right(await service.GetResourcePolicies({ ResourceArn: PARAM_ARN })())).toEqual({ Policies: [] });
    expect(await listAll(service, OPS_ARN)).toHaveLength(1);
  });

  it('R7 is a profile option: with parameterDeletionDropsPolicies false the policies outlive the parameter', async () => {
    const { service, catalog } = setup({ profile: makeProfile({ parameterDeletionDropsPolicies: false }) });
    const p = right(
      await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: nthPolicy(PARAM_ARN, 1) })(),
    );
    expect(catalog.remove(scope, PARAM)).toBe(true);
    catalog.put(scope, { Name: PARAM, Type: 'String', Tier: 'Advanced' });
    expect((await listAll(service, PARAM_ARN)).map((x) => x.PolicyId)).toEqual([p.PolicyId]);
  });
});

describe('a page listed again', () => {
  const list = async (
    repository: ReturnType<typeof createMemoryPolicyRepository>,
    limit = 50,
    cursor?: string,
  ) =>
    right(
      await repository.list({
        resource: { arn: PARAM_ARN },
        limit,
        ...(cursor === undefined ? {} : { cursor }),
      })(),
    );

  it('H8 with nothing written in between is the same frozen page; after any write it is the page as it is now', async () => {
    const repository = createMemoryPolicyRepository();
    for (let n = 1; n <= 5; n++) right(await repository.create(create(n))());
    const first = await list(repository);
    const again = await list(repository);
    // Kept: the very same policies, frozen, since every caller is handed them.
    expect(again.policies).toBe(first.policies);
    expect(Object.isFrozen(again.policies) && again.policies.every((p) => Object.isFrozen(p))).toBe(true);
    // Another limit or cursor is another page.
    const two = await list(repository, 2);
    expect(two.policies.map((p) => p.PolicyId)).toEqual(['id-1', 'id-2']);
    const rest = await list(repository, 50, two.cursor);
    expect(rest.policies.map((p) => p.PolicyId)).toEqual(['id-3', 'id-4', 'id-5']);
    expect((await list(repository, 2)).policies.map((p) => p.PolicyId)).toEqual(['id-1', 'id-2']);

    right(
      await repository.update({
        resource: { arn: PARAM_ARN },
        PolicyId: 'id-3',
        expectedHash: 'h-3',
        Policy: '{"n":33}',
        proposedHash: 'h-33',
      })(),
    );
    const updated = await list(repository);
    expect(updated.policies[2]).toEqual({ PolicyId: 'id-3', PolicyHash: 'h-33', Policy: '{"n":33}' });
    right(await repository.delete({ resource: { arn: PARAM_ARN }, PolicyId: 'id-1', expectedHash: 'h-1' })());
    expect((await list(repository)).policies.map((p) => p.PolicyId)).toEqual([
      'id-2',
      'id-3',
      'id-4',
      'id-5',
    ]);
    right(await repository.create(create(6))());
    expect((await list(repository)).policies.map((p) => p.PolicyId)).toEqual([
      'id-2',
      'id-3',
      'id-4',
      'id-5',
      'id-6',
    ]);
    right(await repository.dropResource({ arn: PARAM_ARN })());
    expect((await list(repository)).policies).toEqual([]);
  });
});
