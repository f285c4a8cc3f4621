/**
 * The `ParameterCatalog` port: read-only facts about parameters that rules R4–R6 need. The emulator backs it
 * with its own parameter store; an embedder backs it with whatever holds their parameters.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import * as E from 'fp-ts/lib/Either.js';
 * import * as O from 'fp-ts/lib/Option.js';
 * import * as TE from 'fp-ts/lib/TaskEither.js';
 * import type { ParameterCatalog } from '@ssm-policy/core';
 * // A catalog that knows no parameter: every parameter ARN is then ResourceNotFoundException (R4).
 * const none: ParameterCatalog = { describeParameter: () => TE.right(O.none) };
 * const arn = 'arn:aws:ssm:us-east-1:123456789012:parameter/app/db';
 * const resource = { _tag: 'Parameter', name: '/app/db', partition: 'aws', region: 'us-east-1', account: '123456789012' } as const;
 * assert.deepEqual(await none.describeParameter(resource, arn)(), E.right(O.none));
 *
 * @since 0.1.0
 */
import type * as E from 'fp-ts/lib/Either.js';
import type * as O from 'fp-ts/lib/Option.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ParameterResource } from './arn.js';
import type { StorageError } from './repository.js';

/**
 * A parameter's type, as SSM names it.
 *
 * @category ports
 * @since 0.1.0
 */
export type ParameterType = 'String' | 'StringList' | 'SecureString';

/**
 * KMS's `KeyManager`: an AWS managed key (such as `aws/ssm`) or a customer managed one.
 *
 * @category ports
 * @since 0.1.0
 */
export type KeyManager = 'AWS' | 'CUSTOMER';

/**
 * The tier a parameter is in now (an Intelligent-Tiering parameter is in one of these two).
 *
 * @category ports
 * @since 0.1.0
 */
export type ParameterTier = 'Standard' | 'Advanced';

/**
 * What the rules need to know of a parameter.
 *
 * @category ports
 * @since 0.1.0
 */
export interface ParameterInfo {
  readonly Name: string;
  readonly Type: ParameterType;
  readonly Tier: ParameterTier;
  /** The KMS key of a SecureString: an id, an ARN or an alias; absent means the AWS managed `alias/aws/ssm`. */
  readonly KeyId?: string;
  /**
   * Who manages that key, as KMS's `DescribeKey` says (`KeyMetadata.KeyManager`): rule R6 refuses an `AWS`
   * key however `KeyId` names it (alias, key id or key ARN). Optional: without it R6 recognises AWS managed
   * keys by their `alias/aws/…` names alone (and an absent `KeyId` as `alias/aws/ssm`).
   */
  readonly KeyManager?: KeyManager;
  /**
   * Which life of the parameter this is: a parameter deleted and created again under the same name has a new
   * one. When a catalog gives it, stores keep the parameter's policies under the ARN and the incarnation
   * (`ResourceKey`), so no policy of an earlier life can reappear (R7) — not even one whose write was still in
   * flight when the parameter was deleted. Optional: without it the key is the ARN alone.
   */
  readonly Incarnation?: string;
}

/**
 * The read side of a parameter store: all an embedder that already has parameters implements to get the three
 * policy operations.
 *
 * @category ports
 * @since 0.1.0
 */
export interface ParameterCatalog {
  /**
   * `none` when no such parameter exists in the resource's account and region. `arn` is the resource's
   * canonical ARN, formatted once by the core: a catalog keyed by ARN uses it as it is (never formats the
   * resource again); one keyed otherwise reads the parsed `resource` and may ignore `arn`.
   */
  describeParameter(
    resource: ParameterResource,
    arn: string,
  ): TE.TaskEither<StorageError, O.Option<ParameterInfo>>;
  /**
   * The same answer at once, for a catalog that never waits (in memory). Optional: when it is there the
   * commands call it instead of `describeParameter`, and answer without a promise per port call.
   */
  describeParameterSync?(
    resource: ParameterResource,
    arn: string,
  ): E.Either<StorageError, O.Option<ParameterInfo>>;
}
