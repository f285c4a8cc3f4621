import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { FLAT_ARN, OPS_ARN, PARAM_ARN, listAll, nthPolicy, policyFor, right, setup } from './fixtures.js';

const tags = (results: ReadonlyArray<E.Either<{ _tag: string }, unknown>>) => {
  const count: Record<string, number> = {};
  for (const r of results) {
    const k = E.isRight(r) ? 'Right' : r.left._tag;
    count[k] = (count[k] ?? 0) + 1;
  }
  return count;
};

describe('H10 atomic, linearizable commands', () => {
  it('H10 of 50 concurrent updates carrying one hash, exactly one wins; the rest are ResourcePolicyConflictException', async () => {
    const { service } = setup();
    const v1 = right(
      await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: nthPolicy(PARAM_ARN, 0) })(),
    );
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: nthPolicy(PARAM_ARN, i + 1), ...v1 })(),
      ),
    );
    expect(tags(results)).toEqual({ Right: 1, ResourcePolicyConflictException: 49 });
    const winner = results.findIndex(E.isRight);
    const stored = await listAll(service, PARAM_ARN);
    expect(stored).toEqual([{ ...right(results[winner]!), Policy: nthPolicy(PARAM_ARN, winner + 1) }]);
  });

  it('H10 of 20 concurrent creates on the OpsItemGroup, exactly one succeeds', async () => {
    const { service } = setup();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        service.PutResourcePolicy({ ResourceArn: OPS_ARN, Policy: policyFor(OPS_ARN, { Sid: `s${i}` }) })(),
      ),
    );
    expect(tags(results)).toEqual({ Right: 1, ResourcePolicyLimitExceededException: 19 });
    expect(await listAll(service, OPS_ARN)).toHaveLength(1);
  });

  it('H10 of 30 concurrent deletes with the current hash, exactly one succeeds', async () => {
    const { service } = setup();
    const p = right(
      await service.PutResourcePolicy({ ResourceArn: FLAT_ARN, Policy: nthPolicy(FLAT_ARN, 0) })(),
    );
    const results = await Promise.all(
      Array.from({ length: 30 }, () => service.DeleteResourcePolicy({ ResourceArn: FLAT_ARN, ...p })()),
    );
    expect(tags(results)).toEqual({ Right: 1, ResourcePolicyNotFoundException: 29 });
  });

  it('H10 concurrent updates and a delete on one hash: exactly one of them takes effect', async () => {
    const { service } = setup();
    const p = right(
      await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: nthPolicy(PARAM_ARN, 0) })(),
    );
    const results = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) =>
        service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: nthPolicy(PARAM_ARN, i + 1), ...p })(),
      ),
      service.DeleteResourcePolicy({ ResourceArn: PARAM_ARN, ...p })(),
    ]);
    expect(results.filter(E.isRight)).toHaveLength(1);
    const deleted = E.isRight(results[10]!);
    expect(await listAll(service, PARAM_ARN)).toHaveLength(deleted ? 0 : 1);
  });

  it('H1 H10 100 concurrent creates on parameters give 100 distinct ids, all listed once', async () => {
    const { service } = setup();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => {
        const arn = i % 2 === 0 ? PARAM_ARN : FLAT_ARN;
        return service.PutResourcePolicy({ ResourceArn: arn, Policy: nthPolicy(arn, i) })();
      }),
    );
    const ids = results.map((r) => right(r).PolicyId);
    expect(new Set(ids).size).toBe(100);
    const listed = [...(await listAll(service, PARAM_ARN, 13)), ...(await listAll(service, FLAT_ARN, 13))];
    expect(new Set(listed.map((p) => p.PolicyId))).toEqual(new Set(ids));
  });
});
