/**
 * Errors whose code the behaviour profile chooses (rules R3, R8, H4/H5, H8): AWS names the situation but does
 * not publish the code, so each constructor takes the profile's choice and builds that error with the members
 * its shape needs.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { rejectResource } from '@ssm-policy/core';
 * const e = rejectResource('ResourcePolicyInvalidParameterException', 'Not yours.');
 * assert.ok(e._tag === 'ResourcePolicyInvalidParameterException' && e.message === 'Not yours.');
 * assert.deepEqual(e.ParameterNames, ['ResourceArn']);
 *
 * @since 0.1.0
 * @category errors
 */
import {
  resourceNotFound,
  resourcePolicyConflict,
  resourcePolicyInvalidParameter,
  resourcePolicyNotFound,
  validationException,
  type ResourceNotFoundException,
  type ResourcePolicyConflictException,
  type ResourcePolicyInvalidParameterException,
  type ResourcePolicyNotFoundException,
  type ValidationException,
} from './errors.js';
import type { BehaviourProfile, ResourceRejection } from './profile.js';

/**
 * R3, R8: a resource the caller may not use, as `["ResourceArn"]` or as a resource that is not there.
 *
 * @since 0.1.0
 * @category errors
 */
export const rejectResource = (
  code: ResourceRejection,
  message: string,
): ResourcePolicyInvalidParameterException | ResourceNotFoundException =>
  code === 'ResourcePolicyInvalidParameterException'
    ? resourcePolicyInvalidParameter(['ResourceArn'], message)
    : resourceNotFound();

/**
 * H5 (or H4, by the profile's `staleHashError`): the policy exists and the hash is not its current one.
 *
 * @since 0.1.0
 * @category errors
 */
export const staleHash = (
  profile: Pick<BehaviourProfile, 'staleHashError'>,
): ResourcePolicyConflictException | ResourcePolicyNotFoundException =>
  profile.staleHashError === 'ResourcePolicyConflictException'
    ? resourcePolicyConflict()
    : resourcePolicyNotFound();

/**
 * H8: a `NextToken` that this resource never handed out (or that was changed).
 *
 * @since 0.1.0
 * @category errors
 */
export const invalidNextToken = (
  profile: Pick<BehaviourProfile, 'invalidNextTokenError'>,
): ResourcePolicyInvalidParameterException | ValidationException =>
  profile.invalidNextTokenError === 'ResourcePolicyInvalidParameterException'
    ? resourcePolicyInvalidParameter(['NextToken'], 'The NextToken is not valid for this resource.')
    : validationException('The NextToken is not valid for this resource.');
