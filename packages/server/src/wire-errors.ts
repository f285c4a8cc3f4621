/**
 * Errors in their wire form (rule W3). Every error of the project is a `_tag`ged value with a `message` and,
 * for some, modeled members (`ParameterNames`, `Limit`, `LimitType`); on the wire the tag becomes `__type` and
 * the `X-Amzn-ErrorType` header, the message becomes `Message`, and the members are copied as they are.
 *
 * @example
 * import { resourcePolicyInvalidParameter } from '@ssm-policy/core';
 * import { wireError } from '@ssm-policy/server';
 * const res = wireError('req-1', resourcePolicyInvalidParameter(['ResourceArn'], 'bad ARN'));
 * // res.status === 400, JSON.parse(res.body) is
 * // { __type: 'ResourcePolicyInvalidParameterException', Message: 'bad ARN', ParameterNames: ['ResourceArn'] }
 *
 * @since 0.1.0
 */
import { errorResponse, type WireResponse } from './wire.js';

/** Any tagged error: a code, a message and the modeled members. */
export interface TaggedError {
  readonly _tag: string;
  readonly message: string;
}

/** W5: the `X-Amz-Target` is missing or names no operation of this service. */
export interface UnknownOperationException extends TaggedError {
  readonly _tag: 'UnknownOperationException';
}

/** The body is larger than `MAX_BODY_BYTES`; answered with 413. */
export interface RequestEntityTooLargeException extends TaggedError {
  readonly _tag: 'RequestEntityTooLargeException';
}

export const unknownOperation = (target: string | undefined): UnknownOperationException => ({
  _tag: 'UnknownOperationException',
  message:
    target === undefined
      ? 'The request has no X-Amz-Target header.'
      : `Unknown operation ${JSON.stringify(target)}.`,
});

export const requestEntityTooLarge = (limit: number): RequestEntityTooLargeException => ({
  _tag: 'RequestEntityTooLargeException',
  message: `The request body is larger than ${limit} bytes.`,
});

/** W3: 500 for `InternalServerError`, 413 for a body too large, 400 for every other error. */
export const statusOfError = (tag: string): number =>
  tag === 'InternalServerError' ? 500 : tag === 'RequestEntityTooLargeException' ? 413 : 400;

/** W3: the error as AWS sends it; members other than `_tag` and `message` are the modeled ones. */
export const wireError = (requestId: string, error: TaggedError): WireResponse => {
  const { _tag, message, ...members } = error;
  return errorResponse(requestId, statusOfError(_tag), _tag, message, members);
};
