// Model-based test of the PolicySet transitions against a plain array, at sizes that cross the structure's
// internal node and chunk sizes and make ids share hash slots.
import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect } from 'vitest';
import type { StoredPolicy } from '@ssm-policy/core';
import {
  addPolicy,
  emptyPolicySet,
  pagePolicies,
  removePolicy,
  replacePolicy,
  type PolicySet,
} from '../src/policy-set.js';

type Op =
  | { readonly kind: 'create'; readonly limit: number | undefined }
  | { readonly kind: 'readd'; readonly pick: number }
  | { readonly kind: 'update'; readonly pick: number; readonly stale: boolean }
  | { readonly kind: 'delete'; readonly pick: number; readonly stale: boolean }
  | { readonly kind: 'missing'; readonly remove: boolean }
  | { readonly kind: 'page'; readonly limit: number; readonly skip: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .option(fc.integer({ min: 0, max: 400 }), { nil: undefined, freq: 8 })
      .map((limit): Op => ({ kind: 'create', limit })),
  },
  { weight: 1, arbitrary: fc.nat().map((pick): Op => ({ kind: 'readd', pick })) },
  {
    weight: 2,
    arbitrary: fc.record({ pick: fc.nat(), stale: fc.boolean() }).map((r): Op => ({ kind: 'update', ...r })),
  },
  {
    weight: 2,
    arbitrary: fc.record({ pick: fc.nat(), stale: fc.boolean() }).map((r): Op => ({ kind: 'delete', ...r })),
  },
  { weight: 1, arbitrary: fc.boolean().map((remove): Op => ({ kind: 'missing', remove })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ limit: fc.integer({ min: 1, max: 70 }), skip: fc.nat() })
      .map((r): Op => ({ kind: 'page', ...r })),
  },
);

const tagOf = (e: E.Either<{ _tag: string }, unknown>) => (E.isRight(e) ? 'Right' : e.left._tag);

/** Every policy, paging `limit` at a time. */
const all = (set: PolicySet, limit: number): StoredPolicy[] => {
  const out: StoredPolicy[] = [];
  let after: number | undefined;
  for (;;) {
    const page = pagePolicies(set, after, limit);
    out.push(...page.policies);
    if (page.after === undefined) return out;
    after = page.after;
  }
};

describe('PolicySet against a model', () => {
  test.prop([fc.array(opArb, { minLength: 50, maxLength: 500 })], { numRuns: 30 })(
    'H4 H5 H7 H8 H9 every transition answers as the model does, and pages list the model in order',
    (ops) => {
      let set = emptyPolicySet;
      let model: StoredPolicy[] = [];
      const deleted: string[] = [];
      let n = 0;
      let version = 0;
      for (const op of ops) {
        const target = model.length === 0 || !('pick' in op) ? undefined : model[op.pick % model.length];
        switch (op.kind) {
          case 'create': {
            const policy = { PolicyId: `id-${n++}`, PolicyHash: `h-${version++}`, Policy: `{"n":${n}}` };
            const result = addPolicy(set, policy, op.limit);
            const full = op.limit !== undefined && model.length >= op.limit;
            expect(tagOf(result)).toBe(full ? 'PolicyLimitReached' : 'Right');
            if (E.isRight(result)) {
              set = result.right;
              model.push(policy);
            } else expect(result.left).toEqual({ _tag: 'PolicyLimitReached', limit: op.limit });
            break;
          }
          case 'readd': {
            if (deleted.length === 0) break;
            const PolicyId = deleted.splice(op.pick % deleted.length, 1)[0]!;
            const policy = { PolicyId, PolicyHash: `h-${version++}`, Policy: 'again' };
            set = E.getOrElseW(() => expect.fail('re-adding a deleted id failed'))(
              addPolicy(set, policy, undefined),
            );
            model.push(policy);
            break;
          }
          case 'update': {
            if (target === undefined) break;
            const change = {
              PolicyId: target.PolicyId,
              expectedHash: op.stale ? `${target.PolicyHash}-stale` : target.PolicyHash,
              Policy: `{"v":${version}}`,
              PolicyHash: `h-${version++}`,
            };
            const result = replacePolicy(set, change);
            expect(tagOf(result)).toBe(op.stale ? 'HashMismatch' : 'Right');
            if (E.isRight(result)) {
              set = result.right;
              model = model.map((p) =>
                p === target
                  ? { PolicyId: p.PolicyId, PolicyHash: change.PolicyHash, Policy: change.Policy }
                  : p,
              );
            }
            break;
          }
          case 'delete': {
            if (target === undefined) break;
            const expectedHash = op.stale ? `${target.PolicyHash}-stale` : target.PolicyHash;
            const result = removePolicy(set, { PolicyId: target.PolicyId, expectedHash });
            expect(tagOf(result)).toBe(op.stale ? 'HashMismatch' : 'Right');
            if (E.isRight(result)) {
              set = result.right;
              model = model.filter((p) => p !== target);
              deleted.push(target.PolicyId);
            }
            break;
          }
          case 'missing': {
            const PolicyId = deleted[0] ?? 'never-created';
            const result = op.remove
              ? removePolicy(set, { PolicyId, expectedHash: 'x' })
              : replacePolicy(set, { PolicyId, expectedHash: 'x', Policy: 'p', PolicyHash: 'y' });
            expect(tagOf(result)).toBe('PolicyMissing');
            break;
          }
          case 'page': {
            // A page from any position: the `limit` policies after the first `skip`.
            const skip = op.skip % (model.length + 1);
            if (skip > 0) {
              const first = pagePolicies(set, undefined, skip);
              expect(first.policies).toEqual(model.slice(0, skip));
              if (first.after === undefined) expect(skip).toBe(model.length);
              else
                expect(pagePolicies(set, first.after, op.limit).policies).toEqual(
                  model.slice(skip, skip + op.limit),
                );
            }
            expect(all(set, op.limit)).toEqual(model);
            break;
          }
        }
        expect(set.byId.size).toBe(model.length);
      }
      expect(all(set, 50)).toEqual(model);
      expect(all(set, 1)).toEqual(model);
      for (const p of model) expect(set.byId.get(p.PolicyId)).toMatchObject(p);
    },
  );
});
