/**
 * A `ParameterCatalog` kept in memory, for embedders and tests that have no parameter store of their own.
 * Parameters are keyed by their ARN, so accounts and regions never see each other's.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryParameterCatalog } from '@ssm-policy/adapter-memory';
 * const catalog = createMemoryParameterCatalog();
 * const scope = { partition: 'aws', region: 'us-east-1', account: '123456789012' };
 * catalog.put(scope, { Name: '/app/db', Type: 'String', Tier: 'Advanced' });
 * assert.equal(catalog.remove(scope, '/app/db'), true);
 * assert.equal(catalog.remove(scope, '/app/db'), false);
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { parameterArn, type ParameterCatalog, type ParameterInfo } from '@ssm-policy/core';

/**
 * The account, region and partition a parameter name lives in.
 *
 * @category memory store
 * @since 0.1.0
 */
export interface ParameterScope {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/**
 * A parameter catalog in memory, with `put` and `remove` for tests and the emulator.
 *
 * @category memory store
 * @since 0.1.0
 */
export interface MemoryParameterCatalog extends ParameterCatalog {
  put(scope: ParameterScope, parameter: ParameterInfo): void;
  /** True when the parameter existed. */
  remove(scope: ParameterScope, name: string): boolean;
}

/**
 * An empty in-memory parameter catalog.
 *
 * @category memory store
 * @since 0.1.0
 */
export const createMemoryParameterCatalog = (): MemoryParameterCatalog => {
  const parameters = new Map<string, ParameterInfo>();
  const catalog: MemoryParameterCatalog = {
    // Lazy, as a port's TaskEither must be: the lookup happens when the task runs.
    // Keyed by the canonical ARN the core hands over with the parsed resource: never formatted again here.
    describeParameter: (_resource, arn) => () =>
      Promise.resolve(E.right(O.fromNullable(parameters.get(arn)))),
    put: (scope, parameter) => {
      parameters.set(parameterArn(scope, parameter.Name), parameter);
    },
    remove: (scope, name) => parameters.delete(parameterArn(scope, name)),
  };
  // The same lookup at once, so that the commands need no promise for it. Not enumerable: a wrapper made by
  // spreading this catalog must not carry it past its own `describeParameter`.
  return Object.defineProperty(catalog, 'describeParameterSync', {
    value: ((_resource, arn) => E.right(O.fromNullable(parameters.get(arn)))) satisfies NonNullable<
      ParameterCatalog['describeParameterSync']
    >,
    enumerable: false,
  });
};
