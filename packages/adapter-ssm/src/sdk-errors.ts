/**
 * What an `@aws-sdk/client-ssm` call threw, read as the domain's errors. The SDK raises its modeled exceptions
 * as classes named exactly as AWS names them (`ResourcePolicyConflictException`, …) and an unmodeled code such
 * as `ValidationException` as a plain `SSMServiceException` carrying that `name`; both are read by `name`, so
 * the mapping holds whichever copy of the SDK built the error. Anything else (a 500, a dropped connection, a
 * throttle) is an `InternalServerError`.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { ResourcePolicyConflictException } from '@aws-sdk/client-ssm';
 * import { fromSdkError } from '@ssm-policy/adapter-ssm';
 * const e = fromSdkError(new ResourcePolicyConflictException({ message: 'stale', $metadata: {} }));
 * assert.ok(e._tag === 'ResourcePolicyConflictException' && e.message === 'stale');
 *
 * @since 0.1.0
 */
import {
  internalServerError,
  malformedResourcePolicyDocument,
  resourceNotFound,
  resourcePolicyConflict,
  resourcePolicyInvalidParameter,
  resourcePolicyLimitExceeded,
  resourcePolicyNotFound,
  validationException,
  type InternalServerError,
  type ResourcePolicyError,
} from '@ssm-policy/core';

// -------------------------------------------------------------------------------------------------
// reading a thrown value
// -------------------------------------------------------------------------------------------------

/** The members an SDK exception may carry; every one is optional because anything can be thrown. */
interface SdkErrorLike {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly Message?: unknown;
  readonly ParameterNames?: unknown;
  readonly Limit?: unknown;
  readonly LimitType?: unknown;
}

const asRecord = (e: unknown): SdkErrorLike => (typeof e === 'object' && e !== null ? e : {});

/**
 * The error code: SDK v3 puts it in `name`.
 *
 * @category ssm client
 * @since 0.1.0
 */
export const sdkErrorName = (e: unknown): string | undefined => {
  const name = asRecord(e).name;
  return typeof name === 'string' ? name : undefined;
};

const messageOf = (e: SdkErrorLike): string | undefined =>
  typeof e.Message === 'string' ? e.Message : typeof e.message === 'string' ? e.message : undefined;

const stringsOf = (v: unknown): ReadonlyArray<string> =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];

/**
 * The `ParameterNames` of a `ResourcePolicyInvalidParameterException`, empty for anything else.
 *
 * @category ssm client
 * @since 0.1.0
 */
export const parameterNamesOf = (e: unknown): ReadonlyArray<string> =>
  sdkErrorName(e) === 'ResourcePolicyInvalidParameterException' ? stringsOf(asRecord(e).ParameterNames) : [];

// -------------------------------------------------------------------------------------------------
// mapping
// -------------------------------------------------------------------------------------------------

/**
 * Any thrown value → the domain error of that name with its members; unknown ones → `InternalServerError`.
 *
 * @category ssm client
 * @since 0.1.0
 */
export const fromSdkError = (thrown: unknown): ResourcePolicyError => {
  const e = asRecord(thrown);
  const name = sdkErrorName(thrown);
  const message = messageOf(e);
  switch (name) {
    case 'ValidationException':
      return validationException(message ?? 'Validation failed.');
    case 'ResourcePolicyInvalidParameterException':
      return resourcePolicyInvalidParameter(
        stringsOf(e.ParameterNames),
        message ?? 'One or more parameters are not valid.',
      );
    case 'ResourcePolicyLimitExceededException':
      return resourcePolicyLimitExceeded(
        typeof e.Limit === 'number' ? e.Limit : 0,
        typeof e.LimitType === 'string' ? e.LimitType : '',
        message ?? 'A resource policy limit was exceeded.',
      );
    case 'ResourcePolicyConflictException':
      return message === undefined ? resourcePolicyConflict() : resourcePolicyConflict(message);
    case 'ResourcePolicyNotFoundException':
      return message === undefined ? resourcePolicyNotFound() : resourcePolicyNotFound(message);
    case 'ResourceNotFoundException':
      return message === undefined ? resourceNotFound() : resourceNotFound(message);
    case 'MalformedResourcePolicyDocumentException':
      return message === undefined
        ? malformedResourcePolicyDocument()
        : malformedResourcePolicyDocument(message);
    default:
      // A 500, a throttle, a refused signature or a dropped connection: the caller sees a server error
      // that still says what happened.
      return internalServerError(
        name === undefined || name === 'InternalServerError'
          ? (message ?? 'An internal error occurred.')
          : `${name}: ${message ?? 'the request failed.'}`,
      );
  }
};

/**
 * `fromSdkError`, narrowed to the errors one operation may answer (its `…ErrorTags`); an error the operation
 * cannot answer means the endpoint misbehaved, which the caller sees as an `InternalServerError`.
 *
 * @category ssm client
 * @since 0.1.0
 */
export const fromSdkErrorFor =
  <T extends ResourcePolicyError['_tag']>(operation: string, tags: ReadonlyArray<T>) =>
  (thrown: unknown): Extract<ResourcePolicyError, { _tag: T }> | InternalServerError => {
    const error = fromSdkError(thrown);
    return (tags as ReadonlyArray<string>).includes(error._tag)
      ? (error as Extract<ResourcePolicyError, { _tag: T }>)
      : internalServerError(`${operation} answered ${error._tag}, which it cannot answer: ${error.message}`);
  };
