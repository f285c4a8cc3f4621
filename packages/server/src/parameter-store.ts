/**
 * The emulator's own minimal parameter store: what `PutParameter` wrote, keyed by the parameter's canonical
 * ARN so that accounts and regions never see each other's parameters. It is also the `ParameterCatalog` the
 * resource-policy commands consult for rules R4–R6.
 *
 * Two sizes of port: an embedder who already has parameters gives the wire handler only the read side, a
 * `ParameterCatalog` (`describeParameter`), and gets the three policy operations; a full `ParameterStore`
 * (`lookup`, `save`, `remove` besides) also gets `PutParameter`, `GetParameter` and `DeleteParameter` served.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createParameterStore } from '@ssm-policy/server';
 * const store = createParameterStore();
 * const arn = 'arn:aws:ssm:us-east-1:123456789012:parameter/app/db';
 * store.save(arn, {
 *   Name: '/app/db', Type: 'String', Tier: 'Advanced', Value: 'x', Version: 1, LastModifiedDate: new Date(), DataType: 'text', Incarnation: '1',
 * });
 * assert.equal(store.lookup(arn)?.Value, 'x');
 *
 * @since 0.1.0
 */
import * as O from 'fp-ts/lib/Option.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { type ParameterCatalog, type ParameterTier, type ParameterType } from '@ssm-policy/core';
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
}

/**
 * The full store: what the parameter operations need besides the read side.
 *
 * @category parameters
 * @since 0.1.0
 */
export interface ParameterStore extends ParameterCatalog {
  /** The parameter under a canonical parameter ARN. */
  lookup(arn: string): StoredParameter | undefined;
  save(arn: string, parameter: StoredParameter): void;
  /** The parameter that was removed, if there was one. */
  remove(arn: string): StoredParameter | undefined;
}

/**
 * The emulator's own store, which can also show what it holds.
 *
 * @category parameters
 * @since 0.1.0
 */
export interface MemoryParameterStore extends ParameterStore {
  /** Every parameter now, by ARN (for tests and tools). */
  snapshot(): ReadonlyMap<string, StoredParameter>;
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
  return {
    // Keyed by the canonical ARN the core hands over with the parsed resource: never formatted again here.
    describeParameter: (resource, arn) => {
      const p = parameters.get(arn);
      return TE.right(
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
    },
    lookup: (arn) => parameters.get(arn),
    save: (arn, parameter) => {
      parameters.set(arn, parameter);
    },
    remove: (arn) => {
      const removed = parameters.get(arn);
      parameters.delete(arn);
      return removed;
    },
    snapshot: () => new Map(parameters),
  };
};
