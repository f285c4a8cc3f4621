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
 * import { getHeapStatistics } from 'node:v8';
 * import { bytesHeldBy, defaultMemoryBudgetBytes } from './memory-budget.js';
 * // Half of this process's V8 heap limit.
 * assert.equal(defaultMemoryBudgetBytes(), Math.floor(getHeapStatistics().heap_size_limit / 2));
 * // A store that cannot say what it holds counts nothing.
 * assert.equal(bytesHeldBy([{ bytesHeld: () => 10 }, {}])(), 10);
 *
 * @since 0.2.0
 */
import { getHeapStatistics } from 'node:v8';

/**
 * The share of the V8 heap limit (`--max-old-space-size`) the stores may hold by default.
 *
 * @category memory
 * @since 0.2.0
 */
export const DEFAULT_MEMORY_BUDGET_FRACTION = 0.5;

/**
 * Half of the heap limit: the other half is left to requests in flight, the garbage collector's headroom and
 * the process itself.
 *
 * @category memory
 * @since 0.2.0
 */
export const defaultMemoryBudgetBytes = (): number =>
  Math.floor(getHeapStatistics().heap_size_limit * DEFAULT_MEMORY_BUDGET_FRACTION);

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
