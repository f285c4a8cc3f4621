/**
 * io-ts codecs for every error shape, so that a client (or the conformance kit) can check that what came back
 * is exactly a domain error of the expected kind, members included.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { ResourcePolicyErrorCodec } from '@ssm-policy/core';
 * assert.equal(ResourcePolicyErrorCodec.is({ _tag: 'ResourcePolicyConflictException', message: 'stale', fault: 'client' }), true);
 *
 * @since 0.1.0
 */
import * as t from 'io-ts';

const client = t.literal('client');
const plain = <T extends string, F extends 'client' | 'server' = 'client'>(
  tag: T,
  fault: F = 'client' as F,
) => t.type({ _tag: t.literal(tag), message: t.string, fault: t.literal(fault) });

/**
 * The codec of a `ValidationException` value.
 *
 * @category errors
 * @since 0.1.0
 */
export const ValidationExceptionCodec = plain('ValidationException');
/**
 * The codec of a `SerializationException` value.
 *
 * @category errors
 * @since 0.1.0
 */
export const SerializationExceptionCodec = plain('SerializationException');
/**
 * The codec of a `ResourcePolicyInvalidParameterException` value.
 *
 * @category errors
 * @since 0.1.0
 */
export const ResourcePolicyInvalidParameterExceptionCodec = t.type({
  _tag: t.literal('ResourcePolicyInvalidParameterException'),
  message: t.string,
  fault: client,
  ParameterNames: t.readonlyArray(t.string),
});
/**
 * The codec of a `ResourcePolicyLimitExceededException` value.
 *
 * @category errors
 * @since 0.1.0
 */
export const ResourcePolicyLimitExceededExceptionCodec = t.type({
  _tag: t.literal('ResourcePolicyLimitExceededException'),
  message: t.string,
  fault: client,
  Limit: t.number,
  LimitType: t.string,
});
/**
 * The codec of a `ResourcePolicyConflictException` value.
 *
 * @category errors
 * @since 0.1.0
 */
export const ResourcePolicyConflictExceptionCodec = plain('ResourcePolicyConflictException');
/**
 * The codec of a `ResourcePolicyNotFoundException` value.
 *
 * @category errors
 * @since 0.1.0
 */
export const ResourcePolicyNotFoundExceptionCodec = plain('ResourcePolicyNotFoundException');
/**
 * The codec of a `ResourceNotFoundException` value.
 *
 * @category errors
 * @since 0.1.0
 */
export const ResourceNotFoundExceptionCodec = plain('ResourceNotFoundException');
/**
 * The codec of a `MalformedResourcePolicyDocumentException` value.
 *
 * @category errors
 * @since 0.1.0
 */
export const MalformedResourcePolicyDocumentExceptionCodec = plain(
  'MalformedResourcePolicyDocumentException',
);
/**
 * The codec of an `InternalServerError` value (fault: server).
 *
 * @category errors
 * @since 0.1.0
 */
export const InternalServerErrorCodec = plain('InternalServerError', 'server');

/**
 * Any error of the three commands.
 *
 * @category errors
 * @since 0.1.0
 */
export const ResourcePolicyErrorCodec = t.union([
  ValidationExceptionCodec,
  ResourcePolicyInvalidParameterExceptionCodec,
  ResourcePolicyLimitExceededExceptionCodec,
  ResourcePolicyConflictExceptionCodec,
  ResourcePolicyNotFoundExceptionCodec,
  ResourceNotFoundExceptionCodec,
  MalformedResourcePolicyDocumentExceptionCodec,
  InternalServerErrorCodec,
]);
