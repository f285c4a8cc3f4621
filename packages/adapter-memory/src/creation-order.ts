/**
 * A resource's policies in creation order, as a persistent value: the ids by ascending sequence number, with
 * append (a sequence number greater than every one held), remove by sequence number, and pages that start
 * after a sequence number. Every version stays valid and unchanged after later writes.
 *
 * The shape is a persistent vector with a tail (as Clojure's): full leaves of 64 positions sit in a tree of
 * 64-way branches that carry each child's last sequence number for a binary search, and the newest positions
 * sit in a tail. An append writes only the tail; every 64th append moves the full tail into the tree and
 * copies the tree's right edge (one branch a level). A remove copies the leaf and the branches above it. A
 * page costs O(log n + page). Leaves that removes have thinned are never merged; an empty one leaves the tree.
 * A leaf of consecutive sequence numbers (appends make them) keeps only its first one, not one per position.
 *
 * The tail's arrays are shared between versions and grow in place: a version reads its first `tailLength`
 * slots only, and those are never written again, so each version sees the same positions for ever. A version
 * pushes onto the arrays only while no later version has (their length is still its own `tailLength`);
 * otherwise it copies them first. So an append allocates no array: the chunk list that every append used to
 * copy (n / 64 references) cost 8 to 13 µs per append at 20,000 to 120,000 policies.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { emptyCreationOrder } from './creation-order.js';
 * let order = emptyCreationOrder();
 * for (let seq = 0; seq < 200; seq++) order = order.append(seq, `p${seq}`);
 * const gone = order.remove(1);
 * const ids: string[] = [];
 * const after = gone.forEachAfter(-1, 3, (id) => ids.push(id));
 * assert.ok(after === 3 && ids.join() === 'p0,p2,p3' && order.size === 200 && gone.size === 199);
 *
 * @since 0.3.0
 */

/**
 * Positions by ascending sequence number; never written after the leaf is built. A dense leaf (consecutive
 * sequence numbers, as appends make them until a remove) has no `seqs`: position `i` is `first + i`. That saves
 * a number a policy (8 bytes) in every leaf that no remove has thinned.
 */
class Leaf {
  constructor(
    readonly first: number,
    readonly seqs: number[] | undefined,
    readonly ids: string[],
  ) {}
}

const seqAt = (leaf: Leaf, i: number): number => (leaf.seqs === undefined ? leaf.first + i : leaf.seqs[i]!);

/** The first index in `leaf` whose sequence number is at least `x`. */
const leafLowerBound = (leaf: Leaf, x: number): number => {
  const n = leaf.ids.length;
  if (leaf.seqs !== undefined) return lowerBound(leaf.seqs, n, x);
  return x <= leaf.first ? 0 : Math.min(x - leaf.first, n);
};

/** A leaf of the first `n` positions of `seqs` and `ids` (tail arrays, maybe longer), at exact lengths. */
const leafOf = (seqs: number[], ids: string[], n: number): Leaf =>
  seqs[n - 1]! - seqs[0]! === n - 1
    ? new Leaf(seqs[0]!, undefined, ids.slice(0, n))
    : new Leaf(seqs[0]!, seqs.slice(0, n), ids.slice(0, n));

/** Children in order, with each child's last sequence number; never written after the branch is built. */
class Branch {
  constructor(
    readonly lasts: number[],
    readonly children: Array<Leaf | Branch>,
  ) {}
}

type Node = Leaf | Branch;

/** The first index in `xs[0, end)` whose value is at least `x`. */
const lowerBound = (xs: number[], end: number, x: number): number => {
  let lo = 0,
    hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

const lastOf = (node: Node): number =>
  node instanceof Leaf ? seqAt(node, node.ids.length - 1) : node.lasts[node.lasts.length - 1]!;

/** `leaf` under `height` single-child branches. */
const pathTo = (leaf: Leaf, height: number): Node => {
  let node: Node = leaf;
  const last = lastOf(leaf);
  for (let h = 0; h < height; h++) node = new Branch([last], [node]);
  return node;
};

/** `node` (of `height` ≥ 1) with `leaf` added at its right edge, or undefined when that edge is full. */
const pushInto = (node: Branch, height: number, leaf: Leaf, width: number): Branch | undefined => {
  const n = node.children.length;
  if (height > 1) {
    const pushed = pushInto(node.children[n - 1] as Branch, height - 1, leaf, width);
    if (pushed !== undefined) {
      const lasts = node.lasts.slice();
      const children = node.children.slice();
      lasts[n - 1] = lastOf(pushed);
      children[n - 1] = pushed;
      return new Branch(lasts, children);
    }
  }
  if (n >= width) return undefined;
  const lasts = node.lasts.slice();
  const children = node.children.slice();
  lasts.push(lastOf(leaf));
  children.push(pathTo(leaf, height - 1));
  return new Branch(lasts, children);
};

/**
 * A copy of `xs[0, end)` without index `i`, at its exact length: no `splice` (it allocates an array of what it
 * removes) and no `push` (an array grown by it keeps up to 16 spare slots for good).
 */
const without = <T>(xs: T[], i: number, end: number): T[] => {
  const out = xs.slice(0, end - 1);
  for (let k = i; k < end - 1; k++) out[k] = xs[k + 1]!;
  return out;
};

/** `first`, `first + 1`, … for `n` positions, without index `i`. */
const denseSeqs = (first: number, i: number, n: number): number[] => {
  const out: number[] = [];
  for (let k = 0; k < n; k++) if (k !== i) out.push(first + k);
  // `push` leaves spare slots: a copy at its exact length.
  return out.slice();
};

/** `node` without the position `seq`: the same node when it is absent, `undefined` when nothing is left. */
const removeFrom = (node: Node, seq: number): Node | undefined => {
  if (node instanceof Leaf) {
    const n = node.ids.length;
    const i = leafLowerBound(node, seq);
    if (i === n || seqAt(node, i) !== seq) return node;
    if (n === 1) return undefined;
    const ids = without(node.ids, i, n);
    // A dense leaf stays dense when it loses an end; otherwise it gets its sequence numbers.
    if (node.seqs === undefined && (i === 0 || i === n - 1))
      return new Leaf(i === 0 ? node.first + 1 : node.first, undefined, ids);
    const seqs = node.seqs === undefined ? denseSeqs(node.first, i, n) : without(node.seqs, i, n);
    return new Leaf(seqs[0]!, seqs, ids);
  }
  const n = node.children.length;
  const c = lowerBound(node.lasts, n, seq);
  if (c === n) return node;
  const child = node.children[c]!;
  const next = removeFrom(child, seq);
  if (next === child) return node;
  if (next === undefined)
    return n === 1 ? undefined : new Branch(without(node.lasts, c, n), without(node.children, c, n));
  const lasts = node.lasts.slice();
  const children = node.children.slice();
  lasts[c] = lastOf(next);
  children[c] = next;
  return new Branch(lasts, children);
};

/** What a page walk carries: how many ids it may still visit, and the last sequence number it visited. */
interface Walk {
  left: number;
  last: number;
  readonly visit: (id: string) => void;
}

/** Visits the positions of `node` after `after`, in order, while `walk.left` > 0. */
const walkFrom = (node: Node, after: number, walk: Walk): void => {
  if (node instanceof Leaf) {
    const n = node.ids.length;
    for (let i = leafLowerBound(node, after + 1); i < n && walk.left > 0; i++) {
      walk.visit(node.ids[i]!);
      walk.last = seqAt(node, i);
      walk.left--;
    }
    return;
  }
  const n = node.children.length;
  for (let c = lowerBound(node.lasts, n, after + 1); c < n && walk.left > 0; c++)
    walkFrom(node.children[c]!, after, walk);
};

/**
 * Ids in creation order, persistent. Sequence numbers are integers ≥ 0.
 *
 * @category memory store
 * @since 0.3.0
 */
export class CreationOrder {
  private constructor(
    /** Every position older than the tail; `height` is its number of branch levels (0: a leaf). */
    private readonly tree: Node | undefined,
    private readonly height: number,
    /** The newest positions: the first `tailLength` slots of these arrays (shared; see the module doc). */
    private readonly tailSeqs: number[],
    private readonly tailIds: string[],
    private readonly tailLength: number,
    /** How many positions the order holds. */
    readonly size: number,
    /** Positions a leaf holds and children a branch holds (64; tests use less to make deep trees small). */
    private readonly width: number,
  ) {}

  /** @internal */
  static empty(width: number): CreationOrder {
    return new CreationOrder(undefined, 0, [], [], 0, 0, width);
  }

  /** The order with `id` at `seq` added last; `seq` must be greater than every sequence number it holds. */
  append(seq: number, id: string): CreationOrder {
    let { tree, height, tailSeqs, tailIds } = this;
    const n = this.tailLength;
    if (n === this.width) {
      // The full tail becomes a leaf. Its arrays hold exactly its `n` positions and nobody pushes onto them any
      // more, but `push` grew them to 77 slots: the leaf takes copies at their exact length (2 bytes a policy),
      // and none of the sequence numbers when they are consecutive.
      const leaf = leafOf(tailSeqs, tailIds, n);
      if (tree === undefined) tree = leaf;
      else {
        const pushed = height === 0 ? undefined : pushInto(tree as Branch, height, leaf, this.width);
        if (pushed !== undefined) tree = pushed;
        else {
          tree = new Branch([lastOf(tree), lastOf(leaf)], [tree, pathTo(leaf, height)]);
          height++;
        }
      }
      tailSeqs = [seq];
      tailIds = [id];
      return new CreationOrder(tree, height, tailSeqs, tailIds, 1, this.size + 1, this.width);
    }
    if (tailSeqs.length !== n) {
      // A later version has pushed onto the shared arrays: this one branches off with its own copy.
      tailSeqs = tailSeqs.slice(0, n);
      tailIds = tailIds.slice(0, n);
    }
    tailSeqs.push(seq);
    tailIds.push(id);
    return new CreationOrder(tree, height, tailSeqs, tailIds, n + 1, this.size + 1, this.width);
  }

  /** The order without the position `seq` (the same order when it holds no such position). */
  remove(seq: number): CreationOrder {
    const n = this.tailLength;
    if (n > 0 && seq >= this.tailSeqs[0]!) {
      const i = lowerBound(this.tailSeqs, n, seq);
      if (i === n || this.tailSeqs[i] !== seq) return this;
      const { tree, height, size, width } = this;
      return new CreationOrder(
        tree,
        height,
        without(this.tailSeqs, i, n),
        without(this.tailIds, i, n),
        n - 1,
        size - 1,
        width,
      );
    }
    if (this.tree === undefined) return this;
    let tree = removeFrom(this.tree, seq);
    if (tree === this.tree) return this;
    let height = tree === undefined ? 0 : this.height;
    // A root with one child gives way to it, so that lookups stay as short as the tree is small.
    while (tree instanceof Branch && tree.children.length === 1) {
      tree = tree.children[0]!;
      height--;
    }
    return new CreationOrder(tree, height, this.tailSeqs, this.tailIds, n, this.size - 1, this.width);
  }

  /**
   * Calls `visit` with the ids of the first `limit` positions whose sequence number is greater than `after`,
   * in order (`after` = -1 for the start). Answers the sequence number of the last one visited when positions
   * follow it, undefined when none do.
   */
  forEachAfter(after: number, limit: number, visit: (id: string) => void): number | undefined {
    const walk: Walk = { left: limit, last: -1, visit };
    if (this.tree !== undefined) walkFrom(this.tree, after, walk);
    const n = this.tailLength;
    for (let i = lowerBound(this.tailSeqs, n, after + 1); i < n && walk.left > 0; i++) {
      visit(this.tailIds[i]!);
      walk.last = this.tailSeqs[i]!;
      walk.left--;
    }
    if (walk.left === limit) return undefined; // nothing visited
    const newest = n > 0 ? this.tailSeqs[n - 1]! : lastOf(this.tree!);
    return walk.last < newest ? walk.last : undefined;
  }
}

/**
 * The order without positions. `width` (positions a leaf holds, children a branch holds) is 64 unless a test
 * wants deep trees from few positions.
 *
 * @category memory store
 * @since 0.3.0
 */
export const emptyCreationOrder = (width = 64): CreationOrder => CreationOrder.empty(width);
