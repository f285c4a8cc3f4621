/**
 * The items of the policy table and small helpers to read and write them: a resource's counter item
 * (`sk = "#"`: `count` policies held, `last` highest creation order given out) and its policy items
 * (`sk = "P#<PolicyId>"`). See the package README for the whole design.
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
