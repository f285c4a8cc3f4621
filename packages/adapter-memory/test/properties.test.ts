import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect } from 'vitest';
import {
  DeleteResourcePolicyErrorTags,
  GetResourcePoliciesErrorTags,
  PutResourcePolicyErrorTags,
  encodePageToken,
  type DeleteResourcePolicyInput,
  type GetResourcePoliciesInput,
  type PutResourcePolicyInput,
} from '@ssm-policy/core';
import {
  AWS_KEY_ARN,
  FLAT_ARN,
  MISSING_ARN,
  OPS_ARN,
  OTHER_ACCOUNT,
  PARAM_ARN,
  REGION,
  STANDARD_ARN,
  listAll,
  nthPolicy,
  policyFor,
  right,
  setup,
  stateOf,
  type Fixture,
} from './fixtures.js';

// -------------------------------------------------------------------------------------------------
// paging
// -------------------------------------------------------------------------------------------------

type Op =
  | { readonly kind: 'create' }
  | { readonly kind: 'update'; readonly pick: number }
  | { readonly kind: 'delete'; readonly pick: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Op>({ kind: 'create' }) },
  { weight: 1, arbitrary: fc.nat().map((pick): Op => ({ kind: 'update', pick })) },
  { weight: 1, arbitrary: fc.nat().map((pick): Op => ({ kind: 'delete', pick })) },
);

describe('paging properties', () => {
  test.prop([fc.integer({ min: 0, max: 80 }), fc.integer({ min: 1, max: 50 })], { numRuns: 60 })(
    'H8 for any number of creates and any MaxResults, paging returns every policy once, in creation order',
    async (count, maxResults) => {
      const { service } = setup();
      const created: string[] = [];
      for (let i = 0; i < count; i++) {
        created.push(
          right(
            await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: nthPolicy(PARAM_ARN, i) })(),
          ).PolicyId,
        );
      }
      expect((await listAll(service, PARAM_ARN, maxResults)).map((p) => p.PolicyId)).toEqual(created);
    },
  );

  test.prop([fc.array(opArb, { maxLength: 80 }), fc.integer({ min: 1, max: 50 })], { numRuns: 60 })(
    'H7 H8 with interleaved updates and deletes, paging returns exactly the live policies in creation order',
    async (ops, maxResults) => {
      const { service } = setup();
      let model: Array<{ PolicyId: string; PolicyHash: string; Policy: string }> = [];
      let n = 0;
      for (const op of ops) {
        if (op.kind === 'create') {
          const Policy = nthPolicy(PARAM_ARN, n++);
          model.push({
            ...right(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy })()),
            Policy,
          });
        } else if (model.length > 0) {
          const i = op.pick % model.length;
          const victim = model[i]!;
          const ids = { PolicyId: victim.PolicyId, PolicyHash: victim.PolicyHash };
          if (op.kind === 'update') {
            const Policy = nthPolicy(PARAM_ARN, n++);
            const updated = right(
              await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy, ...ids })(),
            );
            expect(updated.PolicyId).toBe(victim.PolicyId);
            model[i] = { ...updated, Policy };
          } else {
            right(await service.DeleteResourcePolicy({ ResourceArn: PARAM_ARN, ...ids })());
            model = model.filter((_, j) => j !== i);
          }
        }
      }
      expect(await listAll(service, PARAM_ARN, maxResults)).toEqual(model);
    },
  );
});

// -------------------------------------------------------------------------------------------------
// failed commands change nothing
// -------------------------------------------------------------------------------------------------

const FOREIGN_ARN = `arn:aws:ssm:${REGION}:${OTHER_ACCOUNT}:parameter/app/db`;
const arnPool = [
  OPS_ARN,
  PARAM_ARN,
  FLAT_ARN,
  STANDARD_ARN,
  AWS_KEY_ARN,
  MISSING_ARN,
  FOREIGN_ARN,
  'arn:aws:ssm',
  'x'.repeat(30),
];

/** A state with a few policies, and the ids and hashes (current and stale) a command may name. */
const seeded = async (): Promise<Fixture & { ids: string[]; hashes: string[] }> => {
  const fixture = setup({ seed: 5 });
  const { service } = fixture;
  const ops = right(await service.PutResourcePolicy({ ResourceArn: OPS_ARN, Policy: policyFor(OPS_ARN) })());
  const p1 = right(
    await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: nthPolicy(PARAM_ARN, 1) })(),
  );
  const p2 = right(
    await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: nthPolicy(PARAM_ARN, 2), ...p1 })(),
  );
  const p3 = right(
    await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: nthPolicy(PARAM_ARN, 3) })(),
  );
  const f1 = right(
    await service.PutResourcePolicy({ ResourceArn: FLAT_ARN, Policy: nthPolicy(FLAT_ARN, 1) })(),
  );
  return {
    ...fixture,
    ids: [ops.PolicyId, p1.PolicyId, p3.PolicyId, f1.PolicyId, 'no-such-id'],
    hashes: [ops.PolicyHash, p1.PolicyHash, p2.PolicyHash, p3.PolicyHash, f1.PolicyHash, 'stale'],
  };
};

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const idx = fc.nat({ max: 99 });
const commandArb = fc.oneof(
  fc.record({
    op: fc.constant('Put' as const),
    arn: fc.constantFrom(...arnPool),
    policy: fc.oneof(
      fc.constantFrom(...arnPool).map((a) => policyFor(a)),
      fc.constantFrom(
        '',
        ' ',
        '{}',
        'not json',
        '{\n}',
        'x'.repeat(1500),
        policyFor(PARAM_ARN, { Action: 'ssm:PutParameter' }),
      ),
      fc.string({ maxLength: 30 }),
    ),
    id: maybe(idx),
    hash: maybe(idx),
  }),
  fc.record({
    op: fc.constant('Get' as const),
    arn: fc.constantFrom(...arnPool),
    max: maybe(fc.integer({ min: -2, max: 60 })),
    token: maybe(
      fc.oneof(
        fc.constantFrom(
          'garbage',
          encodePageToken({ arn: PARAM_ARN }, '0'),
          encodePageToken({ arn: FLAT_ARN }, 'x'),
        ),
        fc.string(),
      ),
    ),
  }),
  fc.record({
    op: fc.constant('Delete' as const),
    arn: fc.constantFrom(...arnPool),
    id: maybe(idx),
    hash: maybe(idx),
  }),
);

describe('failed commands', () => {
  test.prop([fc.array(commandArb, { minLength: 1, maxLength: 6 })], { numRuns: 120 })(
    'H10 a failed command leaves the state exactly as it was, and its error is in the operation’s union',
    async (commands) => {
      const { service, repository, ids, hashes } = await seeded();
      const pick = <T>(pool: T[], i: number | undefined) =>
        i === undefined ? undefined : pool[i % pool.length];
      for (const c of commands) {
        const before = stateOf(repository);
        const id = 'id' in c ? pick(ids, c.id) : undefined;
        const hash = 'hash' in c ? pick(hashes, c.hash) : undefined;
        const ident = {
          ...(id === undefined ? {} : { PolicyId: id }),
          ...(hash === undefined ? {} : { PolicyHash: hash }),
        };
        let result: E.Either<{ _tag: string }, unknown>;
        let allowed: ReadonlyArray<string>;
        if (c.op === 'Put') {
          result = await service.PutResourcePolicy({ ResourceArn: c.arn, Policy: c.policy, ...ident })();
          allowed = PutResourcePolicyErrorTags;
        } else if (c.op === 'Get') {
          result = await service.GetResourcePolicies({
            ResourceArn: c.arn,
            ...(c.max === undefined ? {} : { MaxResults: c.max }),
            ...(c.token === undefined ? {} : { NextToken: c.token }),
          })();
          allowed = GetResourcePoliciesErrorTags;
        } else {
          result = await service.DeleteResourcePolicy({ ResourceArn: c.arn, ...ident })();
          allowed = DeleteResourcePolicyErrorTags;
        }
        if (E.isLeft(result)) {
          expect(allowed).toContain(result.left._tag);
          expect(result.left._tag).not.toBe('InternalServerError');
          expect(stateOf(repository)).toEqual(before);
        } else if (c.op === 'Get') {
          expect(stateOf(repository)).toEqual(before);
        }
      }
    },
  );

  const member = fc.oneof(
    fc.anything(),
    fc.constantFrom(OPS_ARN, PARAM_ARN, policyFor(OPS_ARN)),
    fc.integer(),
  );
  const anyInput = fc.oneof(
    fc.anything(),
    fc.record(
      {
        ResourceArn: member,
        Policy: member,
        PolicyId: member,
        PolicyHash: member,
        NextToken: member,
        MaxResults: member,
      },
      { requiredKeys: [] },
    ),
  );

  test.prop([anyInput], { numRuns: 120 })(
    'V1 V5 input of any shape, even past the types, never throws out of a command and changes nothing on failure',
    async (input) => {
      const { service, repository } = await seeded();
      const before = stateOf(repository);
      const runs: Array<[() => Promise<E.Either<{ _tag: string }, unknown>>, ReadonlyArray<string>]> = [
        [service.PutResourcePolicy(input as PutResourcePolicyInput), PutResourcePolicyErrorTags],
        [service.GetResourcePolicies(input as GetResourcePoliciesInput), GetResourcePoliciesErrorTags],
        [service.DeleteResourcePolicy(input as DeleteResourcePolicyInput), DeleteResourcePolicyErrorTags],
      ];
      for (const [run, allowed] of runs) {
        const result = await run();
        if (E.isLeft(result)) {
          expect(allowed).toContain(result.left._tag);
          expect(result.left._tag).not.toBe('InternalServerError');
          expect(stateOf(repository)).toEqual(before);
        }
      }
    },
  );
});
