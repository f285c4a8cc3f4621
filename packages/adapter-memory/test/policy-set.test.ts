import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { StoredPolicy } from '@ssm-policy/core';
import {
  addPolicy,
  emptyPolicySet,
  pagePolicies,
  removePolicy,
  replacePolicy,
  type PolicySet,
} from '../src/policy-set.js';
import { left, right } from './fixtures.js';

const p = (n: number): StoredPolicy => ({ PolicyId: `id-${n}`, PolicyHash: `h-${n}`, Policy: `{"n":${n}}` });
const withPolicies = (...ns: number[]): PolicySet =>
  ns.reduce((set, n) => right(addPolicy(set, p(n), undefined)), emptyPolicySet);
const all = (set: PolicySet, limit: number): StoredPolicy[] => {
  const out: StoredPolicy[] = [];
  let after: number | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = pagePolicies(set, after, limit);
    expect(page.policies.length).toBeLessThanOrEqual(limit);
    out.push(...page.policies);
    if (page.after === undefined) return out;
    expect(page.policies.length).toBe(limit);
    after = page.after;
  }
  return expect.fail('paging did not end');
};

describe('policy sets', () => {
  it('H9 H10 addPolicy refuses past the limit and leaves the set as it was', () => {
    const one = right(addPolicy(emptyPolicySet, p(1), 1));
    const e = left(addPolicy(one, p(2), 1));
    expect(e).toEqual({ _tag: 'PolicyLimitReached', limit: 1 });
    expect(all(one, 50)).toEqual([p(1)]);
    const three = withPolicies(1, 2, 3);
    expect(left(addPolicy(three, p(4), 3))).toEqual({ _tag: 'PolicyLimitReached', limit: 3 });
    expect(E.isRight(addPolicy(three, p(4), 4))).toBe(true);
    expect(E.isRight(addPolicy(three, p(4), undefined))).toBe(true);
  });

  it('H1 addPolicy refuses an id the set already holds, so a repeating id source cannot list a policy twice', () => {
    const set = withPolicies(1, 2);
    expect(left(addPolicy(set, { ...p(1), Policy: '{"other":true}' }, undefined))).toEqual({
      _tag: 'PolicyIdTaken',
      PolicyId: 'id-1',
    });
    expect(all(set, 50)).toEqual([p(1), p(2)]);
  });

  it('H4 replacePolicy and removePolicy answer PolicyMissing for an unknown id', () => {
    const set = withPolicies(1);
    expect(
      left(replacePolicy(set, { PolicyId: 'nope', expectedHash: 'h-1', Policy: '{}', PolicyHash: 'x' }))._tag,
    ).toBe('PolicyMissing');
    expect(left(removePolicy(set, { PolicyId: 'nope', expectedHash: 'h-1' }))._tag).toBe('PolicyMissing');
    expect(left(removePolicy(emptyPolicySet, { PolicyId: 'id-1', expectedHash: 'h-1' }))._tag).toBe(
      'PolicyMissing',
    );
  });

  it('H5 H10 replacePolicy and removePolicy answer HashMismatch for a stale hash and change nothing', () => {
    const set = withPolicies(1, 2);
    const updated = right(
      replacePolicy(set, { PolicyId: 'id-1', expectedHash: 'h-1', Policy: 'B', PolicyHash: 'h-1b' }),
    );
    expect(
      left(replacePolicy(updated, { PolicyId: 'id-1', expectedHash: 'h-1', Policy: 'C', PolicyHash: 'h-1c' }))
        ._tag,
    ).toBe('HashMismatch');
    expect(left(removePolicy(updated, { PolicyId: 'id-1', expectedHash: 'h-1' }))._tag).toBe('HashMismatch');
    expect(all(updated, 50)).toEqual([{ PolicyId: 'id-1', PolicyHash: 'h-1b', Policy: 'B' }, p(2)]);
    // The old value is untouched (immutable transitions).
    expect(all(set, 50)).toEqual([p(1), p(2)]);
  });

  it('H7 removePolicy removes once; a second remove is PolicyMissing', () => {
    const set = withPolicies(1, 2, 3);
    const removed = right(removePolicy(set, { PolicyId: 'id-2', expectedHash: 'h-2' }));
    expect(all(removed, 50)).toEqual([p(1), p(3)]);
    expect(left(removePolicy(removed, { PolicyId: 'id-2', expectedHash: 'h-2' }))._tag).toBe('PolicyMissing');
    expect(all(set, 50)).toEqual([p(1), p(2), p(3)]);
  });

  it('H8 pages follow creation order; an update keeps its place; the last page has no cursor', () => {
    const set = right(
      replacePolicy(withPolicies(1, 2, 3, 4, 5), {
        PolicyId: 'id-2',
        expectedHash: 'h-2',
        Policy: 'new',
        PolicyHash: 'n',
      }),
    );
    const first = pagePolicies(set, undefined, 2);
    expect(first.policies.map((x) => x.PolicyId)).toEqual(['id-1', 'id-2']);
    expect(first.policies[1]).toEqual({ PolicyId: 'id-2', PolicyHash: 'n', Policy: 'new' });
    expect(first.after).toBeDefined();
    const second = pagePolicies(set, first.after, 3);
    expect(second.policies.map((x) => x.PolicyId)).toEqual(['id-3', 'id-4', 'id-5']);
    expect(second.after).toBeUndefined();
    expect(pagePolicies(emptyPolicySet, undefined, 50)).toEqual({ policies: [] });
    // A cursor stays valid when the policy it points at is deleted.
    const gone = right(removePolicy(set, { PolicyId: 'id-2', expectedHash: 'n' }));
    expect(pagePolicies(gone, first.after, 50).policies.map((x) => x.PolicyId)).toEqual([
      'id-3',
      'id-4',
      'id-5',
    ]);
  });
});

// -------------------------------------------------------------------------------------------------
// property: paging returns every policy exactly once, in creation order
// -------------------------------------------------------------------------------------------------

type Op = { readonly kind: 'create' } | { readonly kind: 'delete'; readonly pick: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Op>({ kind: 'create' }) },
  { weight: 1, arbitrary: fc.nat().map((pick): Op => ({ kind: 'delete', pick })) },
);

describe('paging properties', () => {
  test.prop([fc.integer({ min: 0, max: 120 }), fc.integer({ min: 1, max: 50 })], { numRuns: 150 })(
    'H8 for any number of creates and any page size, paging returns every policy once, in creation order',
    (count, limit) => {
      const ns = Array.from({ length: count }, (_, i) => i);
      expect(all(withPolicies(...ns), limit)).toEqual(ns.map(p));
    },
  );

  test.prop([fc.array(opArb, { maxLength: 120 }), fc.integer({ min: 1, max: 50 })], { numRuns: 150 })(
    'H7 H8 with interleaved deletes, paging returns exactly the live policies in creation order',
    (ops, limit) => {
      let set = emptyPolicySet;
      let model: StoredPolicy[] = [];
      let n = 0;
      for (const op of ops) {
        if (op.kind === 'create') {
          const policy = p(n++);
          set = right(addPolicy(set, policy, undefined));
          model.push(policy);
        } else if (model.length > 0) {
          const victim = model[op.pick % model.length]!;
          set = right(removePolicy(set, { PolicyId: victim.PolicyId, expectedHash: victim.PolicyHash }));
          model = model.filter((x) => x !== victim);
        }
      }
      expect(all(set, limit)).toEqual(model);
      expect(set.byId.size).toBe(model.length);
    },
  );
});
