/**
 * The memory budget of the in-memory stores: the emulator holds what callers write, so without a bound one
 * caller could make the process run out of heap and abort (`FATAL ERROR: Reached heap limit`). The stores
 * keep an estimate of the bytes they hold (`bytesHeld()`, updated on every write); once the sum reaches the
 * budget, writes that store more (`PutParameter`, `PutResourcePolicy`) are refused with an error the SDKs map
 * (`ParameterLimitExceeded`, `ResourcePolicyLimitExceededException`), while reads and deletes keep working.
 * A store that keeps its data elsewhere (DynamoDB) has no `bytesHeld` and counts nothing.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { bytesHeldBy, defaultMemoryBudgetBytes, oldGenerationLimitBytes } from './memory-budget.js';
 * // Half of the old generation's limit: `--max-old-space-size` when the process was given it.
 * assert.equal(oldGenerationLimitBytes(['--max-old-space-size=96'], ''), 96 * 1024 * 1024);
 * assert.equal(defaultMemoryBudgetBytes(), Math.floor(oldGenerationLimitBytes() / 2));
 * // A store that cannot say what it holds counts nothing.
 * assert.equal(bytesHeldBy([{ bytesHeld: () => 10 }, {}])(), 10);
 *
 * @since 0.2.0
 */
import { getHeapStatistics } from 'node:v8';

/**
 * The share of the old generation's limit (`oldGenerationLimitBytes`) the stores may hold by default.
 *
 * @category memory
 * @since 0.2.0
 */
export const DEFAULT_MEMORY_BUDGET_FRACTION = 0.5;

const MAX_OLD_SPACE = /^--max[-_]old[-_]space[-_]size(?:=(.*))?$/;

/**
 * The limit of V8's old generation, where what the stores hold ends up, in bytes: the process's
 * `--max-old-space-size` (or `--max_old_space_size`), in MiB, when it was given one on its command line or in
 * `NODE_OPTIONS` (the command line wins, as in Node); otherwise V8's heap limit.
 *
 * Why not the heap limit alone: it also counts the young generation, three semi-spaces, and Node 24 gives each
 * 64 MiB on a machine with memory to spare (Node 20: 16). With `--max-old-space-size=96` the heap limit is
 * 288 MiB on Node 24, and half of it, 144 MiB, is more than the old generation itself: a flood of parameters
 * aborted the process (`Reached heap limit`) at 64 and 80 MiB before the budget refused anything. Without the
 * flag, V8 sizes both generations from the machine's memory, and the young one is a small share of the limit.
 * (`--max-heap-size`, which sets both at once, is not read: with it, the heap limit is used.)
 *
 * @category memory
 * @since 0.4.0
 */
export const oldGenerationLimitBytes = (
  execArgv: ReadonlyArray<string> = process.execArgv,
  nodeOptions: string = process.env['NODE_OPTIONS'] ?? '',
): number => {
  const args = [...nodeOptions.split(/\s+/), ...execArgv];
  let mib: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const flag = MAX_OLD_SPACE.exec(args[i]!);
    if (flag === null) continue;
    // `--max-old-space-size=96`, or V8's other form, `--max-old-space-size 96`.
    const value = Number(flag[1] ?? args[i + 1]);
    if (Number.isFinite(value) && value > 0) mib = value;
  }
  const heapLimit = getHeapStatistics().heap_size_limit;
  return mib === undefined ? heapLimit : Math.min(heapLimit, Math.floor(mib * 1024 * 1024));
};

/**
 * Half of the old generation's limit: the other half is left to requests in flight, the garbage collector's
 * headroom and the process itself.
 *
 * @category memory
 * @since 0.2.0
 */
export const defaultMemoryBudgetBytes = (): number =>
  Math.floor(oldGenerationLimitBytes() * DEFAULT_MEMORY_BUDGET_FRACTION);

/**
 * Something that can say how much heap it holds.
 *
 * @category memory
 * @since 0.2.0
 */
export interface HoldsBytes {
  bytesHeld(): number;
}

/**
 * Whether a store can say how much heap it holds.
 *
 * @category memory
 * @since 0.2.0
 */
export const holdsBytes = (x: unknown): x is HoldsBytes =>
  typeof x === 'object' && x !== null && typeof (x as Partial<HoldsBytes>).bytesHeld === 'function';

/**
 * The estimated bytes the given stores hold now (those that cannot say count nothing).
 *
 * @category memory
 * @since 0.2.0
 */
export const bytesHeldBy =
  (stores: ReadonlyArray<unknown>): (() => number) =>
  () => {
    let total = 0;
    for (const s of stores) if (holdsBytes(s)) total += s.bytesHeld();
    return total;
  };
