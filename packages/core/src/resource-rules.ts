/**
 * Rules about the resource a policy is attached to: its owner (R8), its partition and region (R3), and which
 * parameters can carry a policy (R4, R5, R6). Pure functions: the command looks the parameter up in the catalog and hands the answer in.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { checkOwnership, defaultProfile, makeCaller } from '@ssm-policy/core';
 * const caller = makeCaller({ account: '123456789012', region: 'us-east-1' });
 * const checked = checkOwnership({ _tag: 'OpsItemGroup', name: 'default', partition: 'aws', region: 'eu-west-1', account: '123456789012' }, caller, 'write', defaultProfile);
 * assert.equal(checked._tag === 'Left' && checked.left._tag, 'ResourcePolicyInvalidParameterException'); // R3: another region's resource
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import type { PolicyResource } from './arn.js';
import type { Caller } from './caller.js';
import type { KeyManager, ParameterInfo } from './catalog.js';
import {
  malformedResourcePolicyDocument,
  resourceNotFound,
  resourcePolicyInvalidParameter,
  type MalformedResourcePolicyDocumentException,
  type ResourceNotFoundException,
  type ResourcePolicyInvalidParameterException,
} from './errors.js';
import { rejectResource } from './chosen-errors.js';
import type { BehaviourProfile, ParameterRejection } from './profile.js';

/**
 * Whether a command reads a resource's policies (Get) or changes them (Put, Delete): R8 treats them apart.
 *
 * @category rules
 * @since 0.1.0
 */
export type ResourceAccess = 'read' | 'write';

/**
 * R8: only the owner's account attaches or deletes policies, always ("You can't share a parameter that has
 * been shared with you"), whatever R3's option says; reading another account's policies is refused too unless
 * the profile's `refuseForeignGet` is off. The code is the profile's `foreignResourceError`.
 *
 * @category rules
 * @since 0.1.0
 */
export const checkOwner = <R extends PolicyResource>(
  resource: R,
  caller: Caller,
  access: ResourceAccess,
  profile: Pick<BehaviourProfile, 'foreignResourceError' | 'refuseForeignGet'>,
): E.Either<ResourcePolicyInvalidParameterException | ResourceNotFoundException, R> =>
  resource.account === caller.account || (access === 'read' && !profile.refuseForeignGet)
    ? E.right(resource)
    : E.left(
        rejectResource(
          profile.foreignResourceError,
          'The resource belongs to another account; only its owner can manage its policies.',
        ),
      );

/**
 * R3: the resource is in the caller's partition and region (profile `requireCallerRegion`, code
 * `callerRegionError`). The account is R8's business.
 *
 * @category rules
 * @since 0.1.0
 */
export const checkCallerRegion = <R extends PolicyResource>(
  resource: R,
  caller: Caller,
  profile: Pick<BehaviourProfile, 'requireCallerRegion' | 'callerRegionError'>,
): E.Either<ResourcePolicyInvalidParameterException | ResourceNotFoundException, R> =>
  !profile.requireCallerRegion ||
  (resource.partition === caller.partition && resource.region === caller.region)
    ? E.right(resource)
    : E.left(
        rejectResource(
          profile.callerRegionError,
          `The resource is in ${resource.partition}/${resource.region}, not in the calling region ${caller.partition}/${caller.region}.`,
        ),
      );

/**
 * R8 then R3, in the order of rule O1.
 *
 * @category rules
 * @since 0.1.0
 */
export const checkOwnership = <R extends PolicyResource>(
  resource: R,
  caller: Caller,
  access: ResourceAccess,
  profile: BehaviourProfile,
): E.Either<ResourcePolicyInvalidParameterException | ResourceNotFoundException, R> => {
  const owned = checkOwner(resource, caller, access, profile);
  return E.isLeft(owned) ? owned : checkCallerRegion(resource, caller, profile);
};

/**
 * R4: the parameter exists.
 *
 * @category rules
 * @since 0.1.0
 */
export const checkParameterExists = (
  found: O.Option<ParameterInfo>,
): E.Either<ResourceNotFoundException, ParameterInfo> =>
  O.isSome(found) ? E.right(found.value) : E.left(resourceNotFound());

const reject = (
  code: ParameterRejection,
  message: string,
): ResourcePolicyInvalidParameterException | MalformedResourcePolicyDocumentException =>
  code === 'ResourcePolicyInvalidParameterException'
    ? resourcePolicyInvalidParameter(['ResourceArn'], message)
    : malformedResourcePolicyDocument(message);

/** An `alias/aws/…` name, bare or as an alias ARN: KMS reserves these names for AWS managed keys. */
const AWS_ALIAS = /^(arn:aws(-[a-z]+)*:kms:[^:]*:\d{12}:)?alias\/aws\//;

/**
 * R6: whether a SecureString's key is AWS managed. The catalog's `KeyManager` (KMS `DescribeKey`) decides when
 * it is given, so the `aws/ssm` key named by its key id or key ARN is AWS managed too; an `alias/aws/…` name
 * always is. Without `KeyManager`, an absent key (the default `alias/aws/ssm`) or an `alias/aws/…` name.
 *
 * @category rules
 * @since 0.1.0
 */
export const isAwsManagedKey = (keyId: string | undefined, keyManager?: KeyManager): boolean =>
  keyManager === 'AWS' ||
  (keyId !== undefined && keyId !== '' ? AWS_ALIAS.test(keyId) : keyManager === undefined);

/**
 * R5, R6: the parameter is Advanced, and a SecureString is encrypted with a customer managed key.
 *
 * @category rules
 * @since 0.1.0
 */
export const checkParameterEligibility = (
  parameter: ParameterInfo,
  profile: BehaviourProfile,
): E.Either<
  ResourcePolicyInvalidParameterException | MalformedResourcePolicyDocumentException,
  ParameterInfo
> => {
  if (profile.standardTierParameter !== false && parameter.Tier !== 'Advanced') {
    return E.left(
      reject(
        profile.standardTierParameter,
        'Only parameters in the Advanced tier can have a resource policy.',
      ),
    );
  }
  if (
    profile.awsManagedKeySecureString !== false &&
    parameter.Type === 'SecureString' &&
    isAwsManagedKey(parameter.KeyId, parameter.KeyManager)
  ) {
    return E.left(
      reject(
        profile.awsManagedKeySecureString,
        'A SecureString parameter must be encrypted with a customer managed KMS key to have a resource policy.',
      ),
    );
  }
  return E.right(parameter);
};
