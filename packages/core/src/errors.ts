/**
 * Domain errors of the three SSM resource-policy operations, as `_tag`ged values named exactly as AWS names
 * them, with the members the AWS model gives each one. Errors are returned, never thrown. Each carries its
 * `fault`, as the AWS model's `@error` trait gives it: `client` (the request is wrong: HTTP 400) or `server`
 * (the service failed: HTTP 500); a wire layer reads the status from it.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { resourcePolicyConflict } from '@ssm-policy/core';
 * const e = resourcePolicyConflict();
 * assert.equal(e._tag, 'ResourcePolicyConflictException');
 * assert.equal(e.fault, 'client'); // the wire status (400) is read from it
 *
 * @since 0.1.0
 */

// -------------------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------------------

/**
 * Whose fault an error is (the AWS model's `@error("client")` or `@error("server")`).
 *
 * @since 0.2.0
 * @category errors
 */
export type Fault = 'client' | 'server';

/**
 * A model constraint was violated (rules V1–V5); common to every AWS JSON service.
 *
 * @category errors
 * @since 0.1.0
 */
export interface ValidationException {
  readonly _tag: 'ValidationException';
  readonly message: string;
  readonly fault: 'client';
}

/**
 * The body is not a JSON object, or a member has the wrong JSON type (rule W4).
 *
 * @category errors
 * @since 0.1.0
 */
export interface SerializationException {
  readonly _tag: 'SerializationException';
  readonly message: string;
  readonly fault: 'client';
}

/**
 * A parameter of the request is not acceptable; `ParameterNames` says which.
 *
 * @category errors
 * @since 0.1.0
 */
export interface ResourcePolicyInvalidParameterException {
  readonly _tag: 'ResourcePolicyInvalidParameterException';
  readonly message: string;
  readonly fault: 'client';
  readonly ParameterNames: ReadonlyArray<string>;
}

/**
 * The resource holds as many policies as it may (H9).
 *
 * @category errors
 * @since 0.1.0
 */
export interface ResourcePolicyLimitExceededException {
  readonly _tag: 'ResourcePolicyLimitExceededException';
  readonly message: string;
  readonly fault: 'client';
  readonly Limit: number;
  readonly LimitType: string;
}

/**
 * The PolicyHash given is not the policy's current one (H5).
 *
 * @category errors
 * @since 0.1.0
 */
export interface ResourcePolicyConflictException {
  readonly _tag: 'ResourcePolicyConflictException';
  readonly message: string;
  readonly fault: 'client';
}

/**
 * No policy with the PolicyId given (H7).
 *
 * @category errors
 * @since 0.1.0
 */
export interface ResourcePolicyNotFoundException {
  readonly _tag: 'ResourcePolicyNotFoundException';
  readonly message: string;
  readonly fault: 'client';
}

/**
 * The resource does not exist (R4).
 *
 * @category errors
 * @since 0.1.0
 */
export interface ResourceNotFoundException {
  readonly _tag: 'ResourceNotFoundException';
  readonly message: string;
  readonly fault: 'client';
}

/**
 * The policy document is not one the rulebook accepts (P rules).
 *
 * @category errors
 * @since 0.1.0
 */
export interface MalformedResourcePolicyDocumentException {
  readonly _tag: 'MalformedResourcePolicyDocumentException';
  readonly message: string;
  readonly fault: 'client';
}

/**
 * A failure of ours (the store), never of the request.
 *
 * @category errors
 * @since 0.1.0
 */
export interface InternalServerError {
  readonly _tag: 'InternalServerError';
  readonly message: string;
  readonly fault: 'server';
}

/**
 * Every error of AWS's model for PutResourcePolicy, plus `ValidationException`.
 *
 * @category errors
 * @since 0.1.0
 */
export type PutResourcePolicyError =
  | ValidationException
  | ResourcePolicyInvalidParameterException
  | ResourcePolicyLimitExceededException
  | ResourcePolicyConflictException
  | ResourcePolicyNotFoundException
  | ResourceNotFoundException
  | MalformedResourcePolicyDocumentException
  | InternalServerError;

/**
 * Every error of AWS's model for GetResourcePolicies, plus `ValidationException`.
 *
 * @category errors
 * @since 0.1.0
 */
export type GetResourcePoliciesError =
  | ValidationException
  | ResourcePolicyInvalidParameterException
  | ResourceNotFoundException
  | InternalServerError;

/**
 * Every error of AWS's model for DeleteResourcePolicy, plus `ValidationException`.
 *
 * @category errors
 * @since 0.1.0
 */
export type DeleteResourcePolicyError =
  | ValidationException
  | ResourcePolicyInvalidParameterException
  | ResourcePolicyConflictException
  | ResourcePolicyNotFoundException
  | ResourceNotFoundException
  | MalformedResourcePolicyDocumentException
  | InternalServerError;

/**
 * Any error a command can return.
 *
 * @category errors
 * @since 0.1.0
 */
export type ResourcePolicyError =
  PutResourcePolicyError | GetResourcePoliciesError | DeleteResourcePolicyError;

/**
 * The tags of each operation's error union, as data: the wire layer and the tests read them.
 *
 * @category errors
 * @since 0.1.0
 */
export const PutResourcePolicyErrorTags = [
  'ValidationException',
  'ResourcePolicyInvalidParameterException',
  'ResourcePolicyLimitExceededException',
  'ResourcePolicyConflictException',
  'ResourcePolicyNotFoundException',
  'ResourceNotFoundException',
  'MalformedResourcePolicyDocumentException',
  'InternalServerError',
] as const satisfies ReadonlyArray<PutResourcePolicyError['_tag']>;

/**
 * The error codes GetResourcePolicies answers.
 *
 * @category errors
 * @since 0.1.0
 */
export const GetResourcePoliciesErrorTags = [
  'ValidationException',
  'ResourcePolicyInvalidParameterException',
  'ResourceNotFoundException',
  'InternalServerError',
] as const satisfies ReadonlyArray<GetResourcePoliciesError['_tag']>;

/**
 * The error codes DeleteResourcePolicy answers.
 *
 * @category errors
 * @since 0.1.0
 */
export const DeleteResourcePolicyErrorTags = [
  'ValidationException',
  'ResourcePolicyInvalidParameterException',
  'ResourcePolicyConflictException',
  'ResourcePolicyNotFoundException',
  'ResourceNotFoundException',
  'MalformedResourcePolicyDocumentException',
  'InternalServerError',
] as const satisfies ReadonlyArray<DeleteResourcePolicyError['_tag']>;

// -------------------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------------------

/**
 * A `ValidationException` with its message.
 *
 * @category errors
 * @since 0.1.0
 */
export const validationException = (message: string): ValidationException => ({
  _tag: 'ValidationException',
  message,
  fault: 'client',
});

/**
 * A `SerializationException` with its message.
 *
 * @category errors
 * @since 0.1.0
 */
export const serializationException = (message: string): SerializationException => ({
  _tag: 'SerializationException',
  message,
  fault: 'client',
});

/**
 * A `ResourcePolicyInvalidParameterException` naming the parameters at fault.
 *
 * @category errors
 * @since 0.1.0
 */
export const resourcePolicyInvalidParameter = (
  ParameterNames: ReadonlyArray<string>,
  message: string,
): ResourcePolicyInvalidParameterException => ({
  _tag: 'ResourcePolicyInvalidParameterException',
  message,
  fault: 'client',
  ParameterNames,
});

/**
 * A `ResourcePolicyLimitExceededException` with the limit reached.
 *
 * @category errors
 * @since 0.1.0
 */
export const resourcePolicyLimitExceeded = (
  Limit: number,
  LimitType: string,
  message: string,
): ResourcePolicyLimitExceededException => ({
  _tag: 'ResourcePolicyLimitExceededException',
  message,
  fault: 'client',
  Limit,
  LimitType,
});

/**
 * A `ResourcePolicyConflictException` (H5).
 *
 * @category errors
 * @since 0.1.0
 */
export const resourcePolicyConflict = (
  message = "The hash provided in the call doesn't match the stored hash.",
): ResourcePolicyConflictException => ({
  _tag: 'ResourcePolicyConflictException',
  message,
  fault: 'client',
});

/**
 * A `ResourcePolicyNotFoundException` (H7).
 *
 * @category errors
 * @since 0.1.0
 */
export const resourcePolicyNotFound = (
  message = 'No policies with the specified policy ID and hash could be found.',
): ResourcePolicyNotFoundException => ({
  _tag: 'ResourcePolicyNotFoundException',
  message,
  fault: 'client',
});

/**
 * A `ResourceNotFoundException` (R4).
 *
 * @category errors
 * @since 0.1.0
 */
export const resourceNotFound = (
  message = 'The specified parameter to be shared could not be found.',
): ResourceNotFoundException => ({
  _tag: 'ResourceNotFoundException',
  message,
  fault: 'client',
});

/**
 * A `MalformedResourcePolicyDocumentException` with the reason.
 *
 * @category errors
 * @since 0.1.0
 */
export const malformedResourcePolicyDocument = (
  message = 'The specified policy document is malformed or invalid, or excessive PutResourcePolicy or DeleteResourcePolicy calls have been made.',
): MalformedResourcePolicyDocumentException => ({
  _tag: 'MalformedResourcePolicyDocumentException',
  message,
  fault: 'client',
});

/**
 * An `InternalServerError`, the one error whose fault is the server's.
 *
 * @category errors
 * @since 0.1.0
 */
export const internalServerError = (message = 'An internal error occurred.'): InternalServerError => ({
  _tag: 'InternalServerError',
  message,
  fault: 'server',
});
