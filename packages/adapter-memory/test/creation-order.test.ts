// Model-based tests of the creation order (a persistent vector with a shared tail) against a plain array: random
// appends, removes, pages and writes from older versions, at widths that make trees of many levels from few
// positions, and at the store's width with thousands of positions (several leaves, branches and levels).
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { emptyCreationOrder, type CreationOrder } from '../src/creation-order.js';

interface Position {
  readonly seq: number;
  readonly id: string;
}

const idOf = (seq: number) => `p${seq}`;

/** Every id, in order. */
const idsOf = (order: CreationOrder): string[] => {
  const ids: string[] = [];
  expect(order.forEachAfter(-1, Number.MAX_SAFE_INTEGER, (id) => ids.push(id))).toBeUndefined();
  return ids;
};

/** What a page after `after` must be: the ids, and the cursor when positions follow. */
const expectedPage = (model: readonly Position[], after: number, limit: number) => {
  const rest = model.filter((p) => p.seq > after);
  const page = rest.slice(0, limit);
  return {
    ids: page.map((p) => p.id),
    after: page.length > 0 && rest.length > page.length ? page[page.length - 1]!.seq : undefined,
  };
};

const pageOf = (order: CreationOrder, after: number, limit: number) => {
  const ids: string[] = [];
  return { after: order.forEachAfter(after, limit, (id) => ids.push(id)), ids };
};

type Op =
  | { readonly kind: 'append'; readonly gap: number }
  | { readonly kind: 'remove'; readonly pick: number; readonly absent: boolean }
  | { readonly kind: 'page'; readonly pick: number; readonly limit: number }
  | { readonly kind: 'branch'; readonly pick: number };

const opArb = (appendWeight: number): fc.Arbitrary<Op> =>
  fc.oneof(
    {
      weight: appendWeight,
      // Mostly consecutive sequence numbers (dense leaves, which keep no sequence numbers), sometimes gaps.
      arbitrary: fc
        .oneof(
          { weight: 3, arbitrary: fc.constant(0) },
          { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) },
        )
        .map((gap): Op => ({ kind: 'append', gap })),
    },
    {
      weight: 3,
      arbitrary: fc
        .record({ pick: fc.nat(), absent: fc.boolean() })
        .map((r): Op => ({ kind: 'remove', ...r })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ pick: fc.nat(), limit: fc.integer({ min: 1, max: 90 }) })
        .map((r): Op => ({ kind: 'page', ...r })),
    },
    { weight: 1, arbitrary: fc.nat().map((pick): Op => ({ kind: 'branch', pick })) },
  );

/**
 * Runs `ops` from `start` (with its model), checking every answer against the model; every version made is
 * kept and checked again at the end, so a write that changed an older version fails.
 */
const runAgainstModel = (start: CreationOrder, startModel: readonly Position[], ops: readonly Op[]) => {
  let order = start;
  let model: readonly Position[] = startModel;
  let nextSeq = (model[model.length - 1]?.seq ?? -1) + 1;
  const versions: Array<[CreationOrder, readonly Position[], number]> = [[order, model, nextSeq]];
  for (const op of ops) {
    switch (op.kind) {
      case 'append': {
        const seq = nextSeq + op.gap;
        order = order.append(seq, idOf(seq));
        model = [...model, { seq, id: idOf(seq) }];
        nextSeq = seq + 1;
        break;
      }
      case 'remove': {
        if (op.absent || model.length === 0) {
          // A sequence number the order does not hold: a gap, a removed one, or one past the end.
          const held = new Set(model.map((p) => p.seq));
          let seq = op.pick % (nextSeq + 2);
          while (held.has(seq)) seq++;
          expect(order.remove(seq)).toBe(order);
          break;
        }
        const victim = model[op.pick % model.length]!;
        order = order.remove(victim.seq);
        model = model.filter((p) => p !== victim);
        break;
      }
      case 'page': {
        // From the start, from a held position, or from a sequence number between or past them.
        const after =
          op.pick % 3 === 0 ? -1 : (model[op.pick % (model.length + 1)]?.seq ?? op.pick % (nextSeq + 2));
        expect(pageOf(order, after, op.limit)).toEqual(expectedPage(model, after, op.limit));
        break;
      }
      case 'branch': {
        // Go on from an older version: its tail arrays may have been pushed onto since.
        [order, model, nextSeq] = versions[op.pick % versions.length]!;
        break;
      }
    }
    expect(order.size).toBe(model.length);
    expect(idsOf(order)).toEqual(model.map((p) => p.id));
    versions.push([order, model, nextSeq]);
  }
  for (const [v, m] of versions) expect(idsOf(v)).toEqual(m.map((p) => p.id));
};

describe('creation order against an array model', () => {
  test.prop([fc.integer({ min: 2, max: 5 }), fc.array(opArb(6), { minLength: 20, maxLength: 400 })], {
    numRuns: 60,
  })(
    'H7 H8 small widths (trees of many levels): appends, removes, pages and writes from older versions',
    (width, ops) => runAgainstModel(emptyCreationOrder(width), [], ops),
    60_000,
  );

  test.prop(
    [
      fc.integer({ min: 5_000, max: 9_000 }),
      fc.array(opArb(2), { minLength: 50, maxLength: 150 }),
      fc.array(fc.nat(), { maxLength: 3_000 }),
    ],
    { numRuns: 5 },
  )(
    'H7 H8 the store width with 5,000 to 9,000 positions (two branch levels), thinned by removes',
    (count, ops, removals) => {
      let order = emptyCreationOrder();
      let model: Position[] = [];
      for (let seq = 0; seq < count; seq++) {
        order = order.append(seq, idOf(seq));
        model.push({ seq, id: idOf(seq) });
      }
      // Thin it out (whole leaves empty out when the picks cluster), then run random ops on it.
      for (const pick of removals) {
        if (model.length === 0) break;
        const victim = model[pick % model.length]!;
        order = order.remove(victim.seq);
        model = model.filter((p) => p !== victim);
      }
      runAgainstModel(order, model, ops);
    },
    120_000,
  );

  it('H8 removing every position, oldest first, newest first and from the middle, empties the order', () => {
    for (const width of [2, 3, 64]) {
      const full = Array.from({ length: 1_000 }, (_, i) => i).reduce(
        (o, seq) => o.append(seq, idOf(seq)),
        emptyCreationOrder(width),
      );
      const orders = [
        Array.from({ length: 1_000 }, (_, i) => i),
        Array.from({ length: 1_000 }, (_, i) => 999 - i),
        Array.from({ length: 1_000 }, (_, i) => (i * 389) % 1_000),
      ];
      for (const seqs of orders) {
        const empty = seqs.reduce((o, seq) => o.remove(seq), full);
        expect(empty.size).toBe(0);
        expect(idsOf(empty)).toEqual([]);
        expect(pageOf(empty, -1, 50)).toEqual({ ids: [], after: undefined });
        // And it grows again from there.
        expect(idsOf(empty.append(5_000, 'again'))).toEqual(['again']);
      }
      expect(full.size).toBe(1_000);
    }
  });

  it('H8 two writes from one version each keep their own tail (the shared arrays are copied, not overwritten)', () => {
    const base = emptyCreationOrder().append(0, 'a').append(1, 'b');
    const left = base.append(2, 'left');
    const right = base.append(2, 'right');
    const rightMore = right.append(3, 'right-2');
    expect(idsOf(left)).toEqual(['a', 'b', 'left']);
    expect(idsOf(right)).toEqual(['a', 'b', 'right']);
    expect(idsOf(rightMore)).toEqual(['a', 'b', 'right', 'right-2']);
    expect(idsOf(base)).toEqual(['a', 'b']);
    expect(idsOf(left.append(3, 'left-2'))).toEqual(['a', 'b', 'left', 'left-2']);
  });
});
