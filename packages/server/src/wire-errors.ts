/**
 * Errors in their wire form (rule W3). Every error of the project is a `_tag`ged value with a `message`, its
 * `fault` and, for some, modeled members (`ParameterNames`, `Limit`, `LimitType`); on the wire the tag becomes
 * `__type` and the `X-Amzn-ErrorType` header, the message becomes `Message` (or `message`, for the shapes that
 * name it so: `messageMember`), the members are copied as they are,
 * and the status is read from the fault (400 for `client`, 500 for `server`; a wire-level error may name a
 * more precise `httpStatus`, as Smithy's `@httpError` does), never from a list of tags.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { resourcePolicyInvalidParameter } from '@ssm-policy/core';
 * import { wireError } from '@ssm-policy/server';
 * const res = wireError('req-1', resourcePolicyInvalidParameter(['ResourceArn'], 'bad ARN'));
 * assert.equal(res.status, 400); // read from the error's fault: 'client'
 * assert.deepEqual(JSON.parse(String(res.body)), {
 *   __type: 'ResourcePolicyInvalidParameterException',
 *   Message: 'bad ARN',
 *   ParameterNames: ['ResourceArn'],
 * });
 *
 * @since 0.1.0
 */
import type { Fault } from '@ssm-policy/core';
import { errorResponse, type WireResponse } from './wire.js';

/**
 * Any tagged error: a code, a message, whose fault it is, and the modeled members.
 *
 * @category wire
 * @since 0.1.0
 */
export interface TaggedError {
  readonly _tag: string;
  readonly message: string;
  readonly fault: Fault;
  /** A status more precise than the fault's 400 or 500 (a wire-level error only; not sent as a member). */
  readonly httpStatus?: number;
  /**
   * W3: how the model's shape names the message member: `message` for shapes such as `ParameterNotFound`;
   * absent for `Message`. Not sent as a member.
   */
  readonly messageMember?: 'message';
}

/**
 * W5: the `X-Amz-Target` is missing or names no operation of this service.
 *
 * @category wire
 * @since 0.1.0
 */
export interface UnknownOperationException extends TaggedError {
  readonly _tag: 'UnknownOperationException';
}

/**
 * The body is larger than `MAX_BODY_BYTES`; answered with 413.
 *
 * @category wire
 * @since 0.1.0
 */
export interface RequestEntityTooLargeException extends TaggedError {
  readonly _tag: 'RequestEntityTooLargeException';
  readonly httpStatus: 413;
}

/**
 * The error of an `X-Amz-Target` the emulator does not serve.
 *
 * @category wire
 * @since 0.1.0
 */
export const unknownOperation = (target: string | undefined): UnknownOperationException => ({
  _tag: 'UnknownOperationException',
  fault: 'client',
  message:
    target === undefined
      ? 'The request has no X-Amz-Target header.'
      : `Unknown operation ${JSON.stringify(target)}.`,
});

/**
 * W1 with the profile's `acceptAnyContentType: false`: a request whose `Content-Type` is not
 * `application/x-amz-json-1.1`. AWS publishes nothing about it; Kinesis, another awsJson1_1 service, was observed
 * to answer `UnknownOperationException` to a body sent as `application/octet-stream`, so this is that error.
 *
 * @category wire
 * @since 0.2.0
 */
export const unsupportedContentType = (contentType: string | undefined): UnknownOperationException => ({
  _tag: 'UnknownOperationException',
  fault: 'client',
  message:
    contentType === undefined
      ? 'The request has no Content-Type; this service reads application/x-amz-json-1.1.'
      : `The Content-Type ${JSON.stringify(contentType)} is not application/x-amz-json-1.1.`,
});

/**
 * The error of a body over the limit (413).
 *
 * @category wire
 * @since 0.1.0
 */
export const requestEntityTooLarge = (limit: number): RequestEntityTooLargeException => ({
  _tag: 'RequestEntityTooLargeException',
  fault: 'client',
  httpStatus: 413,
  message: `The request body is larger than ${limit} bytes.`,
});

/**
 * W3: the status of an error, from its fault (500 for `server`, 400 for `client`) or its own `httpStatus`.
 *
 * @category wire
 * @since 0.1.0
 */
export const statusOfError = (error: Pick<TaggedError, 'fault' | 'httpStatus'>): number =>
  error.httpStatus ?? (error.fault === 'server' ? 500 : 400);

/**
 * W3: the error as AWS sends it; members other than `_tag`, `message`, `fault`, `httpStatus` and
 * `messageMember` are the modeled ones, and the message member is cased as `messageMember` says.
 *
 * @category wire
 * @since 0.1.0
 */
export const wireError = (requestId: string, error: TaggedError): WireResponse => {
  const { _tag, message, fault: _fault, httpStatus: _status, messageMember, ...members } = error;
  return errorResponse(requestId, statusOfError(error), _tag, message, members, messageMember ?? 'Message');
};
