/**
 * What a DynamoDB call's failure means to the repository: a refused condition (an answer, with the item as it
 * was when `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'` was asked), a transient race between
 * transactions (retry), or anything else (throttling, timeouts, dropped connections, a missing table: a
 * `StorageError`, which the core answers with `InternalServerError`).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { toStorageError } from './sdk-errors.js';
 * const e = toStorageError(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
 * assert.equal(e._tag, 'StorageError');
 * assert.equal(e.message, 'DynamoDB ThrottlingException: slow down');
 *
 * @since 0.1.0
 */
import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  TransactionConflictException,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { storageError, type StorageError } from '@ssm-policy/core';

/**
 * A DynamoDB item.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export type Item = Record<string, AttributeValue>;

/**
 * One entry per transaction item, in order: `Code` is `None` for the items that were not at fault.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export interface CancellationReason {
  readonly Code?: string | undefined;
  readonly Item?: Item | undefined;
}

/**
 * A thrown SDK error as the store port's `StorageError`.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const toStorageError = (cause: unknown): StorageError => {
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    const name = typeof code === 'string' && cause.name === 'Error' ? code : cause.name;
    const hint =
      name === 'ResourceNotFoundException' ? ' (is the policy table missing? see ensurePolicyTable)' : '';
    return storageError(`DynamoDB ${name}: ${cause.message}${hint}`, cause);
  }
  return storageError('DynamoDB call failed.', cause);
};

/**
 * A single-item write refused by its condition: the item as it was, or `undefined` when there was none.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const conditionFailure = (cause: unknown): { readonly old: Item | undefined } | undefined =>
  cause instanceof ConditionalCheckFailedException ? { old: cause.Item } : undefined;

/**
 * A cancelled transaction's reasons, or `undefined` when `cause` is another failure.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const cancellationReasons = (cause: unknown): ReadonlyArray<CancellationReason> | undefined =>
  cause instanceof TransactionCanceledException ? (cause.CancellationReasons ?? []) : undefined;

/**
 * Two writers touched the same item at once; nothing was written and the call may be repeated.
 *
 * @category dynamodb store
 * @since 0.1.0
 */
export const isTransactionConflict = (cause: unknown): boolean =>
  cause instanceof TransactionConflictException ||
  (cancellationReasons(cause)?.some((r) => r.Code === 'TransactionConflict') ?? false);
