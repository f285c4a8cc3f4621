/**
 * The items of the policy table and small helpers to read and write them: a resource's policy items
 * (`sk = "P#<PolicyId>"`), the counter item of a resource with a count limit (`sk = "#"`: `count` policies
 * held, `last` highest creation order given out), and a parameter's own item (`pk = <parameter ARN>`,
 * `sk = "@parameter"`) when the parameters live in the table too. See the package README for the whole design.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { partitionKeyOf, policyKey } from './policy-items.js';
 * const group = 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default';
 * assert.deepEqual(policyKey(partitionKeyOf({ arn: group }), 'p1'), { pk: { S: group }, sk: { S: 'P#p1' } });
 *
 * @since 0.1.0
 */
import type { ResourceKey } from '@ssm-policy/core';
import { PolicyTableSchema } from './policy-table.js';
import type { Item } from './sdk-errors.js';

/**
 * The policy table's key attributes and order index, by short names.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const { partitionKey: PK, sortKey: SK, orderKey: ORD, orderIndex: ORDER_INDEX } = PolicyTableSchema;

/**
 * The sort key of a resource's counter item.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const COUNTER = '#';
/**
 * The sort key of a parameter's own item, in the partition of its bare ARN (never `P#…` nor `#`).
 *
 * @category dynamodb store
 * @since 0.2.0
 */
export const PARAMETER = '@parameter';
/**
 * On a policy created without a count limit: no counter counted it, so deleting it lowers none. Items written
 * before this attribute existed lack it and were counted, so its absence means "counted".
 *
 * @category dynamodb store
 * @since 0.2.0
 */
export const UNCOUNTED = 'uncounted';
/**
 * The sort key of a policy item.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const policySortKey = (PolicyId: string): string => `P#${PolicyId}`;
/** DynamoDB refuses a sort key over 1024 bytes; no policy can have such an id. */
const MAX_SORT_KEY_BYTES = 1024;
/**
 * The policy id would not fit in a sort key.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const idTooLong = (PolicyId: string): boolean =>
  Buffer.byteLength(policySortKey(PolicyId), 'utf8') > MAX_SORT_KEY_BYTES;

/**
 * A string attribute value.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const S = (s: string) => ({ S: s });
/**
 * A number attribute value.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const N = (n: number | string) => ({ N: String(n) });
/**
 * A string attribute of an item.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const str = (item: Item | undefined, name: string): string | undefined => item?.[name]?.S;
/**
 * A number attribute of an item.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const num = (item: Item | undefined, name: string): number | undefined => {
  const n = item?.[name]?.N;
  return n === undefined ? undefined : Number(n);
};

/**
 * A resource's partition key value: its `ResourceKey` as this table spells it (see `partitionKeyOf`).
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export type PartitionKey = string;

/**
 * The one place this store serialises the core's structured key: the ARN, then `#` and the parameter's
 * incarnation when there is one (R7). The text is only ever written, never split back apart; it is the form
 * tables written by earlier versions already hold.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const partitionKeyOf = (key: ResourceKey): PartitionKey =>
  key.incarnation === undefined ? key.arn : `${key.arn}#${key.incarnation}`;

/**
 * The key of a resource's counter item.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const counterKey = (resource: PartitionKey): Item => ({ [PK]: S(resource), [SK]: S(COUNTER) });
/**
 * A parameter's own item: keyed by its canonical ARN alone, so every incarnation's policies can find it.
 *
 * @category dynamodb store
 * @since 0.2.0
 */
export const parameterKey = (arn: string): Item => ({ [PK]: S(arn), [SK]: S(PARAMETER) });
/**
 * The key of a policy item.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const policyKey = (resource: PartitionKey, PolicyId: string): Item => ({
  [PK]: S(resource),
  [SK]: S(policySortKey(PolicyId)),
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Full-jitter backoff before repeating a write that lost a race: up to 2, 4, 8 … 64 ms.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const backoff = (attempt: number): Promise<void> =>
  sleep(Math.random() * Math.min(64, 2 ** (attempt + 1)));

/** Random digits below the millisecond in a creation order: two processes rarely pick the same `ord`. */
const SUB_MS = 1_000_000n;

/**
 * Creation order (`ord`, an N of up to 38 digits): milliseconds since the epoch times 10⁶ plus a random
 * suffix, and above every `ord` in `floors` (the last one this process gave out, the highest one the table
 * holds). Larger than the microseconds of earlier versions, so a table they wrote keeps its order.
 *
 * @category dynamodb store
 * @since 0.2.0
 */
export const nextOrder = (nowMs: number, floors: ReadonlyArray<bigint>): bigint => {
  const random = BigInt(Math.floor(Math.random() * Number(SUB_MS)));
  const fromClock = BigInt(Math.floor(nowMs)) * SUB_MS + random;
  return floors.reduce((max, floor) => (floor + 1n > max ? floor + 1n : max), fromClock);
};

/**
 * A number attribute of an item as a bigint; an absent attribute is 0.
 *
 * @category dynamodb store
 * @since 0.2.0
 */
export const bigNum = (item: Item | undefined, name: string): bigint => {
  const n = item?.[name]?.N;
  return n === undefined ? 0n : BigInt(n);
};
