/**
 * The emulator's own minimal parameter store: what `PutParameter` wrote, keyed by the parameter's canonical
 * ARN so that accounts and regions never see each other's parameters. It is also the `ParameterCatalog` the
 * resource-policy commands consult for rules R4–R6.
 *
 * Two sizes of port: an embedder who already has parameters gives the wire handler only the read side, a
 * `ParameterCatalog` (`describeParameter`), and gets the three policy operations; a full `ParameterStore`
 * (`lookup`, `save`, `remove` besides) also gets `PutParameter`, `GetParameter`, `GetParameters`,
 * `GetParameterHistory` and `DeleteParameter` served, and `DescribeParameters` when it can list its parameters.
 *
 Every operation is a lazy `TaskEither` like every other port, so a store
 * may live elsewhere (the DynamoDB store of `@ssm-policy/adapter-dynamodb` keeps parameters in the policy table).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createParameterStore } from '@ssm-policy/server';
 * const store = createParameterStore();
 * const arn = 'arn:aws:ssm:us-east-1:123456789012:parameter/app/db';
 * await store.save(arn, {
 *   Name: '/app/db', Type: 'String', Tier: 'Advanced', Value: 'x', Version: 1, LastModifiedDate: new Date(), DataType: 'text', Incarnation: '1',
 * })();
 * const found = await store.lookup(arn)();
 * assert.ok(found._tag === 'Right' && found.right._tag === 'Some' && found.right.value.Value === 'x');
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import {
  type ParameterCatalog,
  type ParameterTier,
  type ParameterType,
  type StorageError,
} from '@ssm-policy/core';
import { keyManagerOf } from './managed-keys.js';

/**
 * A parameter as the emulator keeps it.
 *
 * @category parameters
 * @since 0.1.0
 */
export interface StoredParameter {
  readonly Name: string;
  readonly Type: ParameterType;
  readonly Tier: ParameterTier;
  /** SecureString only: the KMS key; `alias/aws/ssm` (the account and region's AWS managed key) when the request named none. */
  readonly KeyId?: string;
  readonly Value: string;
  readonly Version: number;
  readonly LastModifiedDate: Date;
  readonly DataType: string;
  readonly Description?: string;
  /** S5: the pattern every later value of the parameter must match too. */
  readonly AllowedPattern?: string;
  /** This life of the parameter (rule R7): new when it is created, kept when it is overwritten. */
  readonly Incarnation: string;
  /** The principal ARN that wrote this version (`GetParameterHistory`'s `LastModifiedUser`). */
  readonly LastModifiedUser?: string;
  /** The earlier versions of this life, oldest first (`GetParameterHistory`); absent for version 1. */
  readonly History?: ReadonlyArray<ParameterVersion>;
}

/**
 * One earlier version of a parameter, as `GetParameterHistory` lists it.
 *
 * @category parameters
 * @since 0.2.0
 */
export type ParameterVersion = Omit<StoredParameter, 'Incarnation' | 'History'>;

/**
 * The full store: what the parameter operations need besides the read side. A store shared by several
 * processes may refuse a `save` that lost a race (another writer created or changed the parameter since it was
 * read) with a `StorageError`: it never overwrites a version it was not shown.
 *
 * @category parameters
 * @since 0.1.0
 */
export interface ParameterStore extends ParameterCatalog {
  /** The parameter under a canonical parameter ARN. */
  lookup(arn: string): TE.TaskEither<StorageError, O.Option<StoredParameter>>;
  /** Writes `parameter` (version 1: a new parameter; otherwise the next version of the stored one). */
  save(arn: string, parameter: StoredParameter): TE.TaskEither<StorageError, void>;
  /** The parameter that was removed, if there was one. */
  remove(arn: string): TE.TaskEither<StorageError, O.Option<StoredParameter>>;
  /**
   * How many parameters of each tier an account holds in a region (the published quotas are per account and
   * region). `scope` is the ARN's first five fields, `arn:<partition>:ssm:<region>:<account>` (`scopeOfArn`).
   * Optional: a store without it is not held to the quotas.
   */
  countParameters?(scope: string): ParameterCounts;
  /** Optional: an estimate of the heap the store holds, for the emulator's memory budget. */
  bytesHeld?(): number;
}

/**
 * Parameters of each tier in one account and region.
 *
 * @category parameters
 * @since 0.2.0
 */
export interface ParameterCounts {
  readonly Standard: number;
  readonly Advanced: number;
}

/**
 * `arn:<partition>:ssm:<region>:<account>`: the scope the parameter quotas count in.
 *
 * @category parameters
 * @since 0.2.0
 */
export const scopeOfArn = (arn: string): string => arn.split(':', 5).join(':');

// An estimate (two bytes a character, the worst case, plus the Map entry, the object and its Date), checked
// against the heap used by 10,000 parameters under Node 20.
const PARAMETER_OVERHEAD_BYTES = 384;
const parameterBytes = (arn: string, p: StoredParameter): number =>
  2 *
    (arn.length +
      p.Name.length +
      p.Value.length +
      p.Incarnation.length +
      p.DataType.length +
      (p.KeyId?.length ?? 0) +
      (p.Description?.length ?? 0)) +
  PARAMETER_OVERHEAD_BYTES;

/** The emulator's own store, which can also show what it holds. */
/**
 * The emulator's own store, which can also show what it holds.
 *
 * @category parameters
 * @since 0.1.0
 */
export interface MemoryParameterStore extends ParameterStore {
  /** Every parameter now, by ARN (for tests and tools). */
  snapshot(): ReadonlyMap<string, StoredParameter>;
  countParameters(scope: string): ParameterCounts;
  bytesHeld(): number;
}

/**
 * A full store (the parameter operations are served) rather than the read side alone.
 *
 * @category parameters
 * @since 0.1.0
 */
export const isParameterStore = (parameters: ParameterCatalog): parameters is ParameterStore => {
  const p = parameters as Partial<ParameterStore>;
  return typeof p.lookup === 'function' && typeof p.save === 'function' && typeof p.remove === 'function';
};

/**
 * An empty parameter store in memory.
 *
 * @category parameters
 * @since 0.1.0
 */
export const createParameterStore = (): MemoryParameterStore => {
  const parameters = new Map<string, StoredParameter>();
  const counts = new Map<string, { Standard: number; Advanced: number }>();
  let held = 0;
  /** Keeps the counts and the byte estimate: `sign` 1 when `p` is stored, -1 when it goes. */
  const account = (arn: string, p: StoredParameter, sign: 1 | -1): void => {
    const scope = scopeOfArn(arn);
    const count = counts.get(scope) ?? { Standard: 0, Advanced: 0 };
    count[p.Tier] += sign;
    if (count.Standard === 0 && count.Advanced === 0) counts.delete(scope);
    else counts.set(scope, count);
    held += sign * parameterBytes(arn, p);
  };
  // Keyed by the canonical ARN the core hands over with the parsed resource: never formatted again here.
  const describeNow: NonNullable<ParameterCatalog['describeParameterSync']> = (resource, arn) => {
    const p = parameters.get(arn);
    return E.right(
      p === undefined
        ? O.none
        : O.some({
            Name: p.Name,
            Type: p.Type,
            Tier: p.Tier,
            ...(p.KeyId === undefined ? {} : { KeyId: p.KeyId }),
            // R6: who manages the key, as KMS would say: the parameter's own aws/ssm key by any name is AWS's.
            ...(p.Type === 'SecureString' ? { KeyManager: keyManagerOf(resource, p.KeyId) } : {}),
            Incarnation: p.Incarnation,
          }),
    );
  };
  const store: MemoryParameterStore = {
    describeParameter: (resource, arn) => () => Promise.resolve(describeNow(resource, arn)),
    // Lazy, as a port's TaskEither must be: each reads or writes the map when the task runs.
    lookup: (arn) => async () => E.right(O.fromNullable(parameters.get(arn))),
    save: (arn, parameter) => async () => {
      const old = parameters.get(arn);
      if (old !== undefined) account(arn, old, -1);
      parameters.set(arn, parameter);
      account(arn, parameter, 1);
      return E.right(undefined);
    },
    remove: (arn) => async () => {
      const removed = parameters.get(arn);
      if (removed === undefined) return E.right(O.none);
      parameters.delete(arn);
      account(arn, removed, -1);
      return E.right(O.some(removed));
    },
    countParameters: (scope) => counts.get(scope) ?? { Standard: 0, Advanced: 0 },
    bytesHeld: () => held,
    snapshot: () => new Map(parameters),
  };
  // The same lookup at once, so that the policy commands need no promise for it. Not enumerable: a wrapper made
  // by spreading this store must not carry it past its own `describeParameter`.
  return Object.defineProperty(store, 'describeParameterSync', { value: describeNow, enumerable: false });
};
