/**
 * The emulator's own minimal parameter store: what `PutParameter` wrote, keyed by the parameter's canonical
 * ARN so that accounts and regions never see each other's parameters. It is also the `ParameterCatalog` the
 * resource-policy commands consult for rules R4–R6.
 *
 * @example
 * import { createParameterStore } from '@ssm-policy/server';
 * const store = createParameterStore();
 * store.save('arn:aws:ssm:us-east-1:123456789012:parameter/app/db', {
 *   Name: '/app/db', Type: 'String', Tier: 'Advanced', Value: 'x', Version: 1, LastModifiedDate: new Date(), DataType: 'text', Incarnation: '1',
 * });
 *
 * @since 0.1.0
 */
import * as O from 'fp-ts/lib/Option.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import {
  formatResourceArn,
  type ParameterCatalog,
  type ParameterTier,
  type ParameterType,
} from '@ssm-policy/core';

export interface StoredParameter {
  readonly Name: string;
  readonly Type: ParameterType;
  readonly Tier: ParameterTier;
  /** SecureString only: the KMS key; `alias/aws/ssm` (AWS managed) when the request named none. */
  readonly KeyId?: string;
  readonly Value: string;
  readonly Version: number;
  readonly LastModifiedDate: Date;
  readonly DataType: string;
  readonly Description?: string;
  /** This life of the parameter (rule R7): new when it is created, kept when it is overwritten. */
  readonly Incarnation: string;
}

export interface ParameterStore extends ParameterCatalog {
  /** The parameter under a canonical parameter ARN. */
  lookup(arn: string): StoredParameter | undefined;
  save(arn: string, parameter: StoredParameter): void;
  /** The parameter that was removed, if there was one. */
  remove(arn: string): StoredParameter | undefined;
  /** Every parameter now, by ARN (for tests and tools). */
  snapshot(): ReadonlyMap<string, StoredParameter>;
}

export const createParameterStore = (): ParameterStore => {
  const parameters = new Map<string, StoredParameter>();
  return {
    describeParameter: (resource) => {
      const p = parameters.get(formatResourceArn(resource));
      return TE.right(
        p === undefined
          ? O.none
          : O.some({
              Name: p.Name,
              Type: p.Type,
              Tier: p.Tier,
              ...(p.KeyId === undefined ? {} : { KeyId: p.KeyId }),
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
