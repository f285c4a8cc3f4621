/**
 * What the store does when its table disappears under it (deleted by hand, a DynamoDB Local restarted without
 * `-sharedDb` files): every call then fails with `ResourceNotFoundException`. The guard turns that failure into
 * a `StorageError` whose message says so plainly and, when asked (`recreate`), creates the table again — once,
 * however many requests notice at the same moment — so the next request works without restarting the process.
 * The recreated table is empty: what the lost one held is gone, and the message says that too.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
 * import { isMissingTable, tableGuard } from './table-guard.js';
 * const lost = new ResourceNotFoundException({ message: 'Requested resource not found', $metadata: {} });
 * assert.equal(isMissingTable(lost), true);
 * // Without `recreate` the guard only names the loss; a store returns `E.left(await guard.failure(cause))`.
 * const guard = tableGuard(new DynamoDBClient({ region: 'us-east-1' }), 'ssm-policies', { recreate: false });
 * const failure = await guard.failure(lost);
 * assert.equal(failure._tag, 'StorageError');
 *
 * @since 0.3.0
 */
import { ResourceNotFoundException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as E from 'fp-ts/lib/Either.js';
import { storageError, type StorageError } from '@ssm-policy/core';
import { createPolicyTable } from './policy-table.js';
import { toStorageError } from './sdk-errors.js';

/**
 * Turns a failed DynamoDB call into a `StorageError`, noticing a lost table.
 *
 * @category dynamodb store
 * @since 0.2.0
 */
export interface TableGuard {
  /** The `StorageError` for a failed call; recreates a lost table first when the guard was asked to. */
  failure(cause: unknown): Promise<StorageError>;
}

/**
 * Whether a DynamoDB failure says the table does not exist.
 *
 * @category dynamodb store
 * @since 0.2.0
 */
export const isMissingTable = (cause: unknown): boolean =>
  cause instanceof ResourceNotFoundException ||
  (cause instanceof Error && cause.name === 'ResourceNotFoundException');

/**
 * The guard of one table; with `recreate` it creates a lost table again (once for all who noticed).
 *
 * @category dynamodb store
 * @since 0.2.0
 */
export const tableGuard = (
  client: DynamoDBClient,
  tableName: string,
  options: { readonly recreate: boolean },
): TableGuard => {
  let recreating: Promise<E.Either<StorageError, void>> | undefined;
  const recreate = (): Promise<E.Either<StorageError, void>> => {
    // One creation for every request that noticed; the next loss starts another.
    recreating ??= createPolicyTable(client, tableName)().finally(() => (recreating = undefined));
    return recreating;
  };
  return {
    failure: async (cause) => {
      if (!isMissingTable(cause)) return toStorageError(cause);
      if (!options.recreate)
        return storageError(
          'DynamoDB: the table is missing. Create it again (ensurePolicyTable with { create: true }) or point the store at a table that exists.',
          cause,
        );
      const made = await recreate();
      return E.isLeft(made)
        ? storageError(`DynamoDB: the table is missing and could not be created again.`, made.left)
        : storageError(
            'DynamoDB: the table was missing and has been created again, empty (what it held is lost); repeat the request.',
            cause,
          );
    },
  };
};
