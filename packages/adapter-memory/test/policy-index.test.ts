// Model-based tests of the id index (a hash array mapped trie) against a `Map`: random adds, replaces, removes
// and writes from older versions, with the real hash and with weak hashes that make ids collide in every bit
// (buckets) or share long prefixes (deep paths).
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { emptyPolicyIndex, type PolicyIndex } from '../src/policy-index.js';

interface Entry {
  readonly PolicyId: string;
  readonly v: number;
}

type Op =
  | { readonly kind: 'add'; readonly id: number }
  | { readonly kind: 'with'; readonly id: number }
  | { readonly kind: 'revise'; readonly id: number; readonly decline: boolean }
  | { readonly kind: 'remove'; readonly id: number; readonly extract: boolean }
  | { readonly kind: 'branch'; readonly pick: number };

const opArb = (ids: number): fc.Arbitrary<Op> => {
  const id = fc.nat({ max: ids - 1 });
  return fc.oneof(
    { weight: 4, arbitrary: id.map((i): Op => ({ kind: 'add', id: i })) },
    { weight: 2, arbitrary: id.map((i): Op => ({ kind: 'with', id: i })) },
    {
      weight: 2,
      arbitrary: fc.record({ id, decline: fc.boolean() }).map((r): Op => ({ kind: 'revise', ...r })),
    },
    {
      weight: 3,
      arbitrary: fc.record({ id, extract: fc.boolean() }).map((r): Op => ({ kind: 'remove', ...r })),
    },
    { weight: 1, arbitrary: fc.nat().map((pick): Op => ({ kind: 'branch', pick })) },
  );
};

/** Each hash with how many distinct ids its test uses (fewer where every lookup scans a bucket). */
const hashes: Record<string, [((id: string) => number) | undefined, number]> = {
  'the real hash': [undefined, 200],
  'all ids colliding in 32 bits': [() => 0x5a5a5a5a, 40],
  'a 3-bit hash (buckets under every slot of the last level)': [(id) => id.length % 8, 60],
  'hashes agreeing in the low 25 bits (paths 5 levels deep)': [
    (id) => (0x1ffffff | ((id.charCodeAt(id.length - 1) & 127) << 25)) >>> 0,
    120,
  ],
};

const check = (index: PolicyIndex<Entry>, model: ReadonlyMap<string, Entry>, ids: number) => {
  expect(index.size).toBe(model.size);
  for (let i = 0; i < ids; i++) expect(index.get(`id-${i}`)).toBe(model.get(`id-${i}`));
};

describe('policy index against a Map', () => {
  for (const [name, [hash, ids]] of Object.entries(hashes)) {
    test.prop([fc.array(opArb(ids), { minLength: 20, maxLength: 400 })], { numRuns: 20 })(
      `H1 H4 H7 every answer matches the model, every older version stays as it was: ${name}`,
      (ops) => {
        let index = emptyPolicyIndex<Entry>(hash);
        let model = new Map<string, Entry>();
        const versions: Array<[PolicyIndex<Entry>, Map<string, Entry>]> = [[index, model]];
        let v = 0;
        for (const op of ops) {
          if (op.kind === 'branch') {
            [index, model] = versions[op.pick % versions.length]!;
            continue;
          }
          const PolicyId = `id-${op.id}`;
          const held = model.get(PolicyId);
          const entry = { PolicyId, v: v++ };
          switch (op.kind) {
            case 'add': {
              const next = index.adding(entry);
              if (held !== undefined) expect(next).toBeUndefined();
              else {
                index = next!;
                model = new Map(model).set(PolicyId, entry);
              }
              break;
            }
            case 'with':
              index = index.with(entry);
              model = new Map(model).set(PolicyId, entry);
              break;
            case 'revise': {
              const seen: Entry[] = [];
              const next = index.revised(PolicyId, (current) => {
                seen.push(current);
                return op.decline ? undefined : entry;
              });
              expect(seen).toEqual(held === undefined ? [] : [held]);
              if (held === undefined || op.decline) expect(next).toBeUndefined();
              else {
                index = next!;
                model = new Map(model).set(PolicyId, entry);
              }
              break;
            }
            case 'remove': {
              if (op.extract) {
                const taken = index.extract(PolicyId);
                if (held === undefined) expect(taken).toBeUndefined();
                else {
                  expect(taken?.[1]).toBe(held);
                  index = taken![0];
                }
              } else {
                const next = index.without(PolicyId);
                if (held === undefined) expect(next).toBe(index);
                index = next;
              }
              model = new Map(model);
              model.delete(PolicyId);
              break;
            }
          }
          expect(index.size).toBe(model.size);
          expect(index.get(PolicyId)).toBe(model.get(PolicyId));
          if (versions.length % 25 === 0) check(index, model, ids);
          versions.push([index, model]);
        }
        for (const [i, m] of versions) check(i, m, ids);
      },
      60_000,
    );
  }

  it('H1 H7 holds 20,000 ids with the real hash, and gives them all back', () => {
    let index = emptyPolicyIndex<Entry>();
    for (let i = 0; i < 20_000; i++) index = index.with({ PolicyId: `${i}-${(i * 7919) % 1009}`, v: i });
    expect(index.size).toBe(20_000);
    for (let i = 0; i < 20_000; i++) expect(index.get(`${i}-${(i * 7919) % 1009}`)?.v).toBe(i);
    for (let i = 0; i < 20_000; i += 2) index = index.without(`${i}-${(i * 7919) % 1009}`);
    expect(index.size).toBe(10_000);
    for (let i = 0; i < 20_000; i++)
      expect(index.get(`${i}-${(i * 7919) % 1009}`)?.v).toBe(i % 2 === 0 ? undefined : i);
  });
});
