/**
 * The errors of the emulator's parameter operations, named and shaped as SSM's service model has them: their
 * message member is `message` (lower case) where the model's shape says so, which the wire keeps (rule W3).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { parameterNotFound, wireError } from '@ssm-policy/server';
 * assert.deepEqual(JSON.parse(wireError('req-1', parameterNotFound('/app/db')).body), {
 *   __type: 'ParameterNotFound',
 *   message: 'Parameter /app/db not found.',
 * });
 *
 * @since 0.1.0
 * @category parameters
 */
import type { AccessDeniedException } from '@ssm-policy/core';
import type { TaggedError } from './wire-errors.js';

/** An error of a model shape whose message member is `message`. */
interface ModelError<Tag extends string> extends TaggedError {
  readonly _tag: Tag;
  readonly fault: 'client';
  readonly messageMember: 'message';
}

const modelError = <Tag extends string>(tag: Tag, message: string): ModelError<Tag> => ({
  _tag: tag,
  message,
  fault: 'client',
  messageMember: 'message',
});

/**
 * S8: the model's `ParameterNotFound` (member `message`).
 *
 * @category parameters
 * @since 0.2.0
 */
export type ParameterNotFound = ModelError<'ParameterNotFound'>;
/**
 * S8: the model's `ParameterAlreadyExists` (member `message`).
 *
 * @category parameters
 * @since 0.2.0
 */
export type ParameterAlreadyExists = ModelError<'ParameterAlreadyExists'>;
/**
 * S1: the model's `HierarchyLevelLimitExceededException` (member `message`).
 *
 * @category parameters
 * @since 0.2.0
 */
export type HierarchyLevelLimitExceededException = ModelError<'HierarchyLevelLimitExceededException'>;
/**
 * S5: the model's `ParameterPatternMismatchException` (member `message`).
 *
 * @category parameters
 * @since 0.2.0
 */
export type ParameterPatternMismatchException = ModelError<'ParameterPatternMismatchException'>;
/**
 * S5: the model's `InvalidAllowedPatternException` (member `message`).
 *
 * @category parameters
 * @since 0.2.0
 */
export type InvalidAllowedPatternException = ModelError<'InvalidAllowedPatternException'>;
/**
 * S6: the model's `UnsupportedParameterType` (member `message`).
 *
 * @category parameters
 * @since 0.2.0
 */
export type UnsupportedParameterType = ModelError<'UnsupportedParameterType'>;

/**
 * The model's `ParameterLimitExceeded` (member `message`): a published quota (per account and region) or the
 * emulator's memory budget is reached.
 *
 * @category parameters
 * @since 0.2.0
 */
export type ParameterLimitExceeded = ModelError<'ParameterLimitExceeded'>;

/**
 * A `ParameterLimitExceeded` error with the given message.
 *
 * @category parameters
 * @since 0.2.0
 */
export const parameterLimitExceeded = (message: string): ParameterLimitExceeded =>
  modelError('ParameterLimitExceeded', message);

/**
 * S8: no parameter of that name (Get, Delete).
 *
 * @category parameters
 * @since 0.2.0
 */
export const parameterNotFound = (name: string): ParameterNotFound =>
  modelError('ParameterNotFound', `Parameter ${name} not found.`);

/**
 * S8: Put on an existing parameter without `Overwrite`.
 *
 * @category parameters
 * @since 0.2.0
 */
export const parameterAlreadyExists = (): ParameterAlreadyExists =>
  modelError(
    'ParameterAlreadyExists',
    'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
  );

/**
 * S1: the shape's own documentation is the message.
 *
 * @category parameters
 * @since 0.2.0
 */
export const hierarchyLevelLimitExceeded = (): HierarchyLevelLimitExceededException =>
  modelError(
    'HierarchyLevelLimitExceededException',
    'A hierarchy can have a maximum of 15 levels. For more information, see Requirements and constraints for parameter names in the Amazon Web Services Systems Manager User Guide.',
  );

/**
 * S5: the value does not match the parameter's `AllowedPattern`.
 *
 * @category parameters
 * @since 0.2.0
 */
export const parameterPatternMismatch = (pattern: string): ParameterPatternMismatchException =>
  modelError(
    'ParameterPatternMismatchException',
    `Parameter value, cannot be validated against allowedPattern: ${pattern}`,
  );

/**
 * S5: the `AllowedPattern` is not a regular expression.
 *
 * @category parameters
 * @since 0.2.0
 */
export const invalidAllowedPattern = (pattern: string): InvalidAllowedPatternException =>
  modelError(
    'InvalidAllowedPatternException',
    `The request doesn't meet the regular expression requirement: ${pattern} is not a valid regular expression.`,
  );

/**
 * S6: a data type the parameter's type cannot have.
 *
 * @category parameters
 * @since 0.2.0
 */
export const unsupportedParameterType = (type: string, dataType: string): UnsupportedParameterType =>
  modelError(
    'UnsupportedParameterType',
    `The parameter type ${type} isn't supported for the data type ${dataType}.`,
  );

/**
 * S1: a name under the reserved `/aws/` hierarchy (`AccessDeniedException`, common to every AWS JSON service,
 * member `Message`).
 *
 * @category parameters
 * @since 0.2.0
 */
export const reservedParameterName = (name: string): AccessDeniedException => ({
  _tag: 'AccessDeniedException',
  fault: 'client',
  message: `No access to reserved parameter name: ${name}.`,
});
