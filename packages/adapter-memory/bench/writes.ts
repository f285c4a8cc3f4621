/**
 * Benchmark of one resource's policy set: µs per add, replace and remove on a resource already holding 1,000,
 * 10,000 and 100,000 policies. Three columns a row, measured in turns in the same run:
 * - `now`: the store's `PolicySet` (`src/policy-set.ts`);
 * - `before`: the structure it replaced (issue 13), kept here only: a 64 × 64 hash trie by id, and the creation
 *   order as a list of 64-entry chunks that every append copied;
 * - `floor`: a mutable `Map` (no versions at all): what a write costs without persistence.
 * Prints a table; asserts nothing. Each figure is the best of several rounds (noise only slows a round).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { StoredPolicy } from '@ssm-policy/core';
import { addPolicy, emptyPolicySet, removePolicy, replacePolicy, type PolicySet } from '../src/policy-set.js';

// ---- the structure before issue 13, trimmed to the writes measured ---------------------------------

interface OldEntry extends StoredPolicy {
  readonly seq: number;
}
type OldLeaf = ReadonlyArray<OldEntry>;
type OldBranch = ReadonlyArray<OldLeaf | undefined>;
type OldRoot = ReadonlyArray<OldBranch | undefined>;
const slotsOf = (id: string): [number, number] => {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  return [(h >>> 6) & 63, h & 63];
};
const OLD_EMPTY_BRANCH: OldBranch = new Array<OldLeaf | undefined>(64).fill(undefined);
class OldIndex {
  constructor(
    readonly root: OldRoot,
    readonly size: number,
  ) {
    Object.freeze(this);
  }
  get(id: string): OldEntry | undefined {
    const [r, b] = slotsOf(id);
    const leaf = this.root[r]?.[b];
    if (leaf === undefined) return undefined;
    for (const e of leaf) if (e.PolicyId === id) return e;
    return undefined;
  }
  with(entry: OldEntry): OldIndex {
    return this.rewrite(entry.PolicyId, (leaf) => {
      const at = leaf.findIndex((e) => e.PolicyId === entry.PolicyId);
      return at < 0 ? [...leaf, entry] : leaf.map((e, i) => (i === at ? entry : e));
    });
  }
  without(id: string): OldIndex {
    return this.rewrite(id, (leaf) => leaf.filter((e) => e.PolicyId !== id));
  }
  private rewrite(id: string, change: (leaf: OldLeaf) => OldEntry[]): OldIndex {
    const [r, b] = slotsOf(id);
    const branch = this.root[r] ?? OLD_EMPTY_BRANCH;
    const before = branch[b] ?? [];
    const after = change(before);
    const nextBranch = branch.slice();
    nextBranch[b] = after.length === 0 ? undefined : after;
    const nextRoot = this.root.slice();
    nextRoot[r] = nextBranch;
    return new OldIndex(nextRoot, this.size + after.length - before.length);
  }
}
type OldOrder = ReadonlyArray<ReadonlyArray<{ readonly seq: number; readonly PolicyId: string }>>;
interface OldSet {
  readonly byId: OldIndex;
  readonly order: OldOrder;
  readonly nextSeq: number;
}
const oldEmpty: OldSet = {
  byId: new OldIndex(new Array<OldBranch | undefined>(64).fill(undefined), 0),
  order: [],
  nextSeq: 0,
};
const firstAbove = (xs: ReadonlyArray<{ readonly seq: number }>, seq: number): number => {
  let lo = 0,
    hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]!.seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};
const oldAdd = (set: OldSet, p: StoredPolicy): OldSet => {
  if (set.byId.get(p.PolicyId) !== undefined) throw new Error('taken');
  const seq = set.nextSeq;
  const entry = Object.freeze({ ...p, seq });
  const last = set.order[set.order.length - 1];
  let order: OldOrder;
  if (last !== undefined && last.length < 64) {
    const next = set.order.slice();
    next[next.length - 1] = [...last, { seq, PolicyId: p.PolicyId }];
    order = next;
  } else order = [...set.order, [{ seq, PolicyId: p.PolicyId }]];
  return Object.freeze({ byId: set.byId.with(entry), order, nextSeq: seq + 1 });
};
const oldReplace = (set: OldSet, id: string, Policy: string, PolicyHash: string): OldSet => {
  const current = set.byId.get(id)!;
  const revised = Object.freeze({ ...current, Policy, PolicyHash });
  return Object.freeze({ byId: set.byId.with(revised), order: set.order, nextSeq: set.nextSeq });
};
const oldRemove = (set: OldSet, id: string): OldSet => {
  const { seq } = set.byId.get(id)!;
  let c = 0,
    hi = set.order.length;
  while (c < hi) {
    const mid = (c + hi) >>> 1;
    const last = set.order[mid]!;
    if (last[last.length - 1]!.seq < seq) c = mid + 1;
    else hi = mid;
  }
  const chunk = set.order[c]!;
  const i = firstAbove(chunk, seq - 1);
  const order = set.order.slice();
  if (chunk.length === 1) order.splice(c, 1);
  else order[c] = [...chunk.slice(0, i), ...chunk.slice(i + 1)];
  return Object.freeze({ byId: set.byId.without(id), order, nextSeq: set.nextSeq });
};

// ---- the three stores behind one face ------------------------------------------------------------

/** A store holding `held` policies, able to time `ops` writes of one kind from that state. */
interface Subject {
  readonly name: string;
  /** µs per write: `ops` adds, replaces (of random held ids) or removes (of distinct held ids). */
  time(kind: 'add' | 'replace' | 'remove', ops: number): number;
}

const policyOf = (n: number): StoredPolicy => ({
  PolicyId:
    `${(n * 2654435761) % 4294967296}`.padStart(10, '0') + `-4a1b-8c2d-${String(n).padStart(12, '0')}`,
  PolicyHash: `${n}`.padStart(64, 'f'),
  Policy: `{"Version":"2012-10-17","n":${n}}`,
});

const must = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};

/** `ops` distinct indexes below `held`, in random order (the same for every subject of a row). */
const picks = (held: number, ops: number): number[] => {
  const xs = Array.from({ length: held }, (_, i) => i);
  for (let i = 0; i < ops; i++) {
    const j = i + Math.floor(Math.random() * (held - i));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs.slice(0, ops);
};

const usPer = (ops: number, run: () => void): number => {
  const start = performance.now();
  run();
  return ((performance.now() - start) * 1000) / ops;
};

const subjects = (held: number, victims: number[]): Subject[] => {
  const fresh = Array.from({ length: 20_000 }, (_, i) => policyOf(held + i));
  const base = Array.from({ length: held }, (_, i) => policyOf(i));

  // Persistent sets: every round starts again from the same base version.
  let now: PolicySet = emptyPolicySet;
  for (const p of base) now = must(addPolicy(now, p, undefined));
  let old: OldSet = oldEmpty;
  for (const p of base) old = oldAdd(old, p);
  const floor = new Map<string, StoredPolicy>(base.map((p) => [p.PolicyId, p]));

  return [
    {
      name: 'now',
      time: (kind, ops) => {
        let set = now;
        return usPer(ops, () => {
          for (let i = 0; i < ops; i++) {
            if (kind === 'add') set = must(addPolicy(set, fresh[i]!, undefined));
            else {
              const p = base[victims[i]!]!;
              set =
                kind === 'replace'
                  ? must(
                      replacePolicy(set, {
                        PolicyId: p.PolicyId,
                        expectedHash: p.PolicyHash,
                        Policy: p.Policy,
                        PolicyHash: `r${i}`,
                      }),
                    )
                  : must(removePolicy(set, { PolicyId: p.PolicyId, expectedHash: p.PolicyHash }));
            }
          }
        });
      },
    },
    {
      name: 'before',
      time: (kind, ops) => {
        let set = old;
        return usPer(ops, () => {
          for (let i = 0; i < ops; i++) {
            if (kind === 'add') set = oldAdd(set, fresh[i]!);
            else {
              const p = base[victims[i]!]!;
              set =
                kind === 'replace'
                  ? oldReplace(set, p.PolicyId, p.Policy, `r${i}`)
                  : oldRemove(set, p.PolicyId);
            }
          }
        });
      },
    },
    {
      name: 'floor',
      time: (kind, ops) => {
        const us = usPer(ops, () => {
          for (let i = 0; i < ops; i++) {
            if (kind === 'add') floor.set(fresh[i]!.PolicyId, fresh[i]!);
            else {
              const p = base[victims[i]!]!;
              if (kind === 'replace') floor.set(p.PolicyId, { ...p, PolicyHash: `r${i}` });
              else floor.delete(p.PolicyId);
            }
          }
        });
        // Back to the base state, untimed.
        for (let i = 0; i < ops; i++) {
          if (kind === 'add') floor.delete(fresh[i]!.PolicyId);
          else floor.set(base[victims[i]!]!.PolicyId, base[victims[i]!]!);
        }
        return us;
      },
    },
  ];
};

// ---- table ---------------------------------------------------------------------------------------

const OPS = 2_000;
const ROUNDS = 7;
const kinds = ['add', 'replace', 'remove'] as const;
const rows: string[][] = [];
for (const held of [1_000, 10_000, 100_000]) {
  const victims = picks(held, Math.min(OPS, held));
  const ops = victims.length;
  const list = subjects(held, victims);
  const best = new Map<string, number>();
  for (let round = 0; round < ROUNDS; round++)
    for (const kind of kinds)
      for (const s of list) {
        const us = s.time(kind, ops);
        const key = `${s.name} ${kind}`;
        best.set(key, Math.min(best.get(key) ?? Infinity, us));
      }
  for (const kind of kinds) {
    const [now, before, floor] = ['now', 'before', 'floor'].map((n) => best.get(`${n} ${kind}`)!) as [
      number,
      number,
      number,
    ];
    rows.push([
      held.toLocaleString('en-US'),
      kind,
      now.toFixed(2),
      before.toFixed(2),
      floor.toFixed(2),
      `${(before / now).toFixed(1)}x`,
      `${(now / floor).toFixed(1)}x`,
    ]);
  }
}

const header = ['policies held', 'write', 'now µs', 'before µs', 'floor µs', 'before / now', 'now / floor'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
console.log(
  `\nOne resource's policy set, µs per write (best of ${ROUNDS} rounds of ${OPS.toLocaleString('en-US')} writes)\n` +
    `${line(header)}\n|${widths.map((w, i) => (i < 2 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
);
for (const r of rows) console.log(line(r));
