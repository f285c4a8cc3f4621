/**
 * io-ts codecs for every error shape, so that a client (or the conformance kit) can check that what came back
 * is exactly a domain error of the expected kind, members included.
 *
 * @example
 * import { ResourcePolicyErrorCodec } from '@ssm-policy/core';
 * ResourcePolicyErrorCodec.is({ _tag: 'ResourcePolicyConflictException', message: 'stale', fault: 'client' }); // true
 *
 * @since 0.1.0
 */
import * as t from 'io-ts';

const client = t.literal('client');
const plain = <T extends string, F extends 'client' | 'server' = 'client'>(
  tag: T,
  fault: F = 'client' as F,
) => t.type({ _tag: t.literal(tag), message: t.string, fault: t.literal(fault) });

export const ValidationExceptionCodec = plain('ValidationException');
export const SerializationExceptionCodec = plain('SerializationException');
export const ResourcePolicyInvalidParameterExceptionCodec = t.type({
  _tag: t.literal('ResourcePolicyInvalidParameterException'),
  message: t.string,
  fault: client,
  ParameterNames: t.readonlyArray(t.string),
});
export const ResourcePolicyLimitExceededExceptionCodec = t.type({
  _tag: t.literal('ResourcePolicyLimitExceededException'),
  message: t.string,
  fault: client,
  Limit: t.number,
  LimitType: t.string,
});
export const ResourcePolicyConflictExceptionCodec = plain('ResourcePolicyConflictException');
export const ResourcePolicyNotFoundExceptionCodec = plain('ResourcePolicyNotFoundException');
export const ResourceNotFoundExceptionCodec = plain('ResourceNotFoundException');
export const MalformedResourcePolicyDocumentExceptionCodec = plain(
  'MalformedResourcePolicyDocumentException',
);
export const InternalServerErrorCodec = plain('InternalServerError', 'server');

/** Any error of the three commands. */
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
