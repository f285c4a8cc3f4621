/**
 * Rules about the resource a policy is attached to: ownership (R3, R8) and which parameters can carry a
 * policy (R4, R5, R6). Pure functions: the command looks the parameter up in the catalog and hands the answer in.
 *
 * @example
 * import { checkOwnership, defaultProfile, makeCaller } from '@ssm-policy/core';
 * const caller = makeCaller({ account: '123456789012', region: 'us-east-1' });
 * checkOwnership({ _tag: 'OpsItemGroup', name: 'default', partition: 'aws', region: 'eu-west-1', account: '123456789012' }, caller, defaultProfile);
 * // Left(ResourcePolicyInvalidParameterException ['ResourceArn']): another region's resource
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import type { PolicyResource } from './arn.js';
import type { Caller } from './caller.js';
import type { ParameterInfo } from './catalog.js';
import {
  malformedResourcePolicyDocument,
  resourceNotFound,
  resourcePolicyInvalidParameter,
  type MalformedResourcePolicyDocumentException,
  type ResourceNotFoundException,
  type ResourcePolicyInvalidParameterException,
} from './errors.js';
import type { BehaviourProfile, ParameterRejection } from './profile.js';

/** R3, R8: only the owner (same partition, region and account) attaches, reads or deletes policies. */
export const checkOwnership = <R extends PolicyResource>(
  resource: R,
  caller: Caller,
  profile: BehaviourProfile,
): E.Either<ResourcePolicyInvalidParameterException, R> =>
  !profile.requireOwnership ||
  (resource.partition === caller.partition &&
    resource.region === caller.region &&
    resource.account === caller.account)
    ? E.right(resource)
    : E.left(
        resourcePolicyInvalidParameter(
          ['ResourceArn'],
          'The resource does not belong to the calling account and region; only its owner can manage its policies.',
        ),
      );

/** R4: the parameter exists. */
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

/** An AWS managed key: absent (the default `alias/aws/ssm`) or any `alias/aws/...`. */
export const isAwsManagedKey = (keyId: string | undefined): boolean =>
  keyId === undefined || keyId === '' || /^(arn:aws(-[a-z]+)*:kms:[^:]*:\d{12}:)?alias\/aws\//.test(keyId);

/** R5, R6: the parameter is Advanced, and a SecureString is encrypted with a customer managed key. */
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
    isAwsManagedKey(parameter.KeyId)
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
