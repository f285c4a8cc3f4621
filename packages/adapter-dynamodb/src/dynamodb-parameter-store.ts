/**
 * The emulator's parameters on DynamoDB, in the policy table itself, so that a restarted emulator, or a second
 * one on the same table, sees the same parameters — and with them the same incarnations, under which their
 * policies are kept (R7). One item per parameter, in the partition of its canonical ARN:
 *
 *     { pk: <parameter ARN>, sk: "@parameter", Incarnation, Version, doc, writeId }
 *
 * `doc` is the whole record as JSON (dates tagged `{"$date": ISO}`), opaque to this store: a field the server
 * adds to its records is kept without any change here. `Incarnation` and `Version` are copied out because
 * conditions need them: a save of version 1 requires that no parameter exists, a later version that the stored
 * one has the same incarnation and the version before it, so two writers never both win; a policy create
 * checks `Incarnation` in its own transaction (`checkParameters` of the repository).
 *
 * The store satisfies the server's `ParameterStore` port structurally: this package does not depend on
 * `@ssm-policy/server` (the server depends on adapters, not the other way round), so the shape it fills is
 * declared here, generic in the record, and the emulator, which imports both, is where the compiler checks that
 * they fit.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 * import {
 *   createDynamoDbParameterStore,
 *   decodeParameter,
 *   encodeParameter,
 *   type ParameterRecord,
 * } from './dynamodb-parameter-store.js';
 * // A record is stored as JSON whose dates come back as dates.
 * type Stored = ParameterRecord & { readonly LastModifiedDate: Date };
 * const when = new Date('2026-01-02T03:04:05.000Z');
 * const record: Stored = { Name: 'a', Type: 'String', Tier: 'Standard', Version: 1, Incarnation: 'i', LastModifiedDate: when };
 * assert.deepEqual(decodeParameter<Stored>(encodeParameter(record)), record);
 * // Nothing listens on port 1: a lookup answers a StorageError instead of throwing.
 * const parameters = createDynamoDbParameterStore({
 *   client: new DynamoDBClient({
 *     endpoint: 'http://127.0.0.1:1',
 *     region: 'us-east-1',
 *     credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
 *     maxAttempts: 1,
 *   }),
 *   tableName: 'ssm-policies',
 * });
 * const found = await parameters.lookup('arn:aws:ssm:us-east-1:123456789012:parameter/app/db')();
 * assert.equal(found._tag === 'Left' && found.left._tag, 'StorageError');
 *
 * @since 0.3.0
 */
import { randomUUID } from 'node:crypto';
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import {
  storageError,
  type KeyManager,
  type ParameterCatalog,
  type ParameterResource,
  type ParameterTier,
  type ParameterType,
  type StorageError,
} from '@ssm-policy/core';
import { N, PARAMETER, PK, S, SK, parameterKey, str } from './policy-items.js';
import { conditionFailure, type Item } from './sdk-errors.js';
import { tableGuard } from './table-guard.js';

/**
 * What this store needs of a parameter record; everything else in it is kept as it is.
 *
 * @category dynamodb store
 * @since 0.2.0
 */
export interface ParameterRecord {
  readonly Name: string;
  readonly Type: ParameterType;
  readonly Tier: ParameterTier;
  readonly KeyId?: string;
  readonly Version: number;
  readonly Incarnation: string;
}

/**
 * The server's `ParameterStore` port, for records of type `P`.
 *
 * @category dynamodb store
 * @since 0.2.0
 */
export interface DynamoDbParameterStore<P extends ParameterRecord> extends ParameterCatalog {
  lookup(arn: string): TE.TaskEither<StorageError, O.Option<P>>;
  /** Version 1 creates (refused when one exists); a later version must follow the stored one. */
  save(arn: string, parameter: P): TE.TaskEither<StorageError, void>;
  remove(arn: string): TE.TaskEither<StorageError, O.Option<P>>;
  /**
   * Every parameter of every account, by canonical ARN (the server's `ParameterListing`, which
   * `DescribeParameters` reads). A consistent Scan of the parameter items, every page followed; a DynamoDB
   * failure rejects with the `StorageError`'s message, which the server answers as its own fault.
   */
  listParameters(): Promise<ReadonlyMap<string, P>>;
}

/**
 * What the DynamoDB parameter store needs: its client and table, and whether to recreate a lost table.
 *
 * @category dynamodb store
 * @since 0.2.0
 */
export interface DynamoDbParameterStoreOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Create the table again when it disappears (see `tableGuard`); off by default. */
  readonly recreateMissingTable?: boolean;
  /**
   * R6: who manages a SecureString's key, as KMS's `DescribeKey` would say (`KeyManager`), given the parameter's
   * account and region and its `KeyId` (absent: the default `aws/ssm`). The emulator passes the server's
   * `keyManagerOf`, which knows each account and region's `aws/ssm` key by id and ARN; without it the catalog
   * reports no `KeyManager`, and R6 recognises AWS managed keys by their `alias/aws/…` names alone.
   */
  readonly keyManagerOf?: (resource: ParameterResource, keyId: string | undefined) => KeyManager;
  /** The most items one Scan page of `listParameters` reads (DynamoDB's `Limit`); default: up to 1 MB a page. */
  readonly listPageSize?: number;
}

// -------------------------------------------------------------------------------------------------
// the record as a document
// -------------------------------------------------------------------------------------------------

const DATE = '$date';

/**
 * JSON, with each `Date` as `{"$date": ISO}` so that it comes back a `Date`.
 *
 * @category dynamodb store
 * @since 0.2.0
 */
export const encodeParameter = (parameter: ParameterRecord): string =>
  JSON.stringify(parameter, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { [DATE]: raw.toISOString() } : value;
  });

/**
 * The record from its stored JSON, each `{"$date": ISO}` a `Date` again.
 *
 * @category dynamodb store
 * @since 0.2.0
 */
export const decodeParameter = <P extends ParameterRecord>(doc: string): P =>
  JSON.parse(doc, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const entries = Object.entries(value);
      const [only] = entries;
      if (entries.length === 1 && only?.[0] === DATE && typeof only[1] === 'string') return new Date(only[1]);
    }
    return value;
  }) as P;

// -------------------------------------------------------------------------------------------------
// store
// -------------------------------------------------------------------------------------------------

const DOC = 'doc';

/**
 * The parameter store on a DynamoDB table, next to the policies it guards.
 *
 * @category dynamodb store
 * @since 0.2.0
 */
export const createDynamoDbParameterStore = <P extends ParameterRecord = ParameterRecord>(
  options: DynamoDbParameterStoreOptions,
): DynamoDbParameterStore<P> => {
  const { client, tableName: TableName } = options;
  const guard = tableGuard(client, TableName, { recreate: options.recreateMissingTable === true });

  const decoded = (item: Item | undefined): O.Option<P> => {
    const doc = str(item, DOC);
    return doc === undefined ? O.none : O.some(decodeParameter<P>(doc));
  };

  const read =
    (arn: string): TE.TaskEither<StorageError, O.Option<P>> =>
    async () => {
      try {
        const out = await client.send(
          new GetItemCommand({ TableName, Key: parameterKey(arn), ConsistentRead: true }),
        );
        return E.right(decoded(out.Item));
      } catch (cause) {
        return E.left(await guard.failure(cause));
      }
    };

  return {
    describeParameter: (resource, arn) => async () => {
      const found = await read(arn)();
      const { keyManagerOf } = options;
      return E.map(
        O.map((p: P) => ({
          Name: p.Name,
          Type: p.Type,
          Tier: p.Tier,
          ...(p.KeyId === undefined ? {} : { KeyId: p.KeyId }),
          ...(p.Type === 'SecureString' && keyManagerOf !== undefined
            ? { KeyManager: keyManagerOf(resource, p.KeyId) }
            : {}),
          Incarnation: p.Incarnation,
        })),
      )(found);
    },

    lookup: read,

    save: (arn, parameter) => async () => {
      const writeId = randomUUID();
      const first = parameter.Version <= 1;
      try {
        await client.send(
          new PutItemCommand({
            TableName,
            Item: {
              ...parameterKey(arn),
              Incarnation: S(parameter.Incarnation),
              Version: N(parameter.Version),
              [DOC]: S(encodeParameter(parameter)),
              writeId: S(writeId),
            },
            ConditionExpression: first
              ? 'attribute_not_exists(pk)'
              : 'Incarnation = :incarnation AND Version = :previous',
            ...(first
              ? {}
              : {
                  ExpressionAttributeValues: {
                    ':incarnation': S(parameter.Incarnation),
                    ':previous': N(parameter.Version - 1),
                  },
                }),
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return E.right(undefined);
      } catch (cause) {
        const refused = conditionFailure(cause);
        if (refused === undefined) return E.left(await guard.failure(cause));
        // The SDK repeated our own write after losing its answer: it is done, once.
        if (str(refused.old, 'writeId') === writeId) return E.right(undefined);
        return E.left(
          storageError(
            'DynamoDB: the parameter was created, changed or deleted by another writer meanwhile; nothing was written.',
          ),
        );
      }
    },

    remove: (arn) => async () => {
      try {
        const out = await client.send(
          new DeleteItemCommand({ TableName, Key: parameterKey(arn), ReturnValues: 'ALL_OLD' }),
        );
        return E.right(decoded(out.Attributes));
      } catch (cause) {
        return E.left(await guard.failure(cause));
      }
    },

    listParameters: async () => {
      // The table has no index by item kind: policies, counters and parameters share it, so the Scan filters
      // on the parameter items' sort key. A page may hold no parameter at all and still have a next one.
      const all = new Map<string, P>();
      let start: Item | undefined;
      do {
        let out;
        try {
          out = await client.send(
            new ScanCommand({
              TableName,
              ConsistentRead: true,
              FilterExpression: '#sk = :parameter',
              ExpressionAttributeNames: { '#sk': SK },
              ExpressionAttributeValues: { ':parameter': S(PARAMETER) },
              ...(options.listPageSize === undefined ? {} : { Limit: options.listPageSize }),
              ...(start === undefined ? {} : { ExclusiveStartKey: start }),
            }),
          );
        } catch (cause) {
          throw new Error((await guard.failure(cause)).message, { cause });
        }
        for (const item of out.Items ?? []) {
          const arn = str(item, PK);
          const found = decoded(item);
          if (arn !== undefined && O.isSome(found)) all.set(arn, found.value);
        }
        start = out.LastEvaluatedKey;
      } while (start !== undefined);
      return all;
    },
  };
};
