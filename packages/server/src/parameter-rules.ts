/**
 * The emulator's Parameter Store rules (S1–S6 of docs/rules.md) as pure functions: what a name may be, which
 * type, key, data type, value and tier a `PutParameter` may give, and the `AllowedPattern` a value must match.
 * Each answers the error SSM's model names for it; `makeParameterCommands` runs them in one order.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { checkParameterName } from '@ssm-policy/server';
 * const arn = 'arn:aws:ssm:us-east-1:123456789012:parameter/a/b';
 * assert.deepEqual(checkParameterName('/a/b', arn), { _tag: 'Right', right: '/a/b' });
 * const refused = checkParameterName('a/b', arn);
 * assert.ok(refused._tag === 'Left' && refused.left._tag === 'ValidationException');
 *
 * @since 0.1.0
 * @category parameters
 */
import { Script, createContext } from 'node:vm';
import * as E from 'fp-ts/lib/Either.js';
import {
  validationException,
  type AccessDeniedException,
  type ParameterTier,
  type ParameterType,
  type ValidationException,
} from '@ssm-policy/core';
import {
  hierarchyLevelLimitExceeded,
  invalidAllowedPattern,
  parameterPatternMismatch,
  reservedParameterName,
  unsupportedParameterType,
  type HierarchyLevelLimitExceededException,
  type InvalidAllowedPatternException,
  type ParameterPatternMismatchException,
  type UnsupportedParameterType,
} from './parameter-errors.js';
import type { RequestedTier } from './parameter-requests.js';

/**
 * S1: the deepest hierarchy ("a maximum depth of fifteen levels").
 *
 * @category parameters
 * @since 0.2.0
 */
export const MAX_HIERARCHY_LEVELS = 15;
/**
 * S1: the longest name you specify, counted with the ARN that precedes it.
 *
 * @category parameters
 * @since 0.2.0
 */
export const MAX_QUALIFIED_NAME_LENGTH = 1011;
/**
 * S4: the largest value of each tier, in bytes (4 KB Standard, 8 KB Advanced).
 *
 * @category parameters
 * @since 0.2.0
 */
export const STANDARD_MAX_BYTES = 4096;
/**
 * S4: the largest value of the Advanced tier, in bytes.
 *
 * @category parameters
 * @since 0.2.0
 */
export const ADVANCED_MAX_BYTES = 8192;
/**
 * S6: the data types Parameter Store supports.
 *
 * @category parameters
 * @since 0.2.0
 */
export const DATA_TYPES: ReadonlyArray<string> = ['text', 'aws:ec2:image', 'aws:ssm:integration'];

const SEGMENT = '[a-zA-Z0-9_.-]+';
const PLAIN_NAME = new RegExp(`^${SEGMENT}$`);
const HIERARCHY = new RegExp(`^(/${SEGMENT})+$`);

/** What AWS answers for a name of other characters, or a path without its leading slash. */
const NAME_FORMAT =
  'Parameter name: can\'t be prefixed with "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';

/**
 * S1: a name `PutParameter` accepts: not prefixed with `aws` or `ssm` (any case; `/aws/…` is reserved), one
 * segment of letters, digits and `._-`, or a hierarchy of them that starts with `/` (`a/b` is refused); at most
 * 1011 characters with its ARN (`arn` is the parameter's ARN); at most 15 levels.
 *
 * @category parameters
 * @since 0.2.0
 */
export const checkParameterName = (
  name: string,
  arn: string,
): E.Either<ValidationException | AccessDeniedException | HierarchyLevelLimitExceededException, string> => {
  const bare = name.startsWith('/') ? name.slice(1) : name;
  const isPath = name.slice(1).includes('/');
  if (/^(aws|ssm)/i.test(bare)) {
    if (isPath && /^aws\//i.test(bare)) return E.left(reservedParameterName(name));
    return E.left(
      validationException(
        isPath ? NAME_FORMAT : 'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).',
      ),
    );
  }
  if (!PLAIN_NAME.test(name) && !HIERARCHY.test(name)) return E.left(validationException(NAME_FORMAT));
  if (arn.length > MAX_QUALIFIED_NAME_LENGTH) {
    return E.left(
      validationException(
        `Parameter name: the name with the ARN that precedes it (${arn.length} characters) exceeds the maximum of ${MAX_QUALIFIED_NAME_LENGTH} characters.`,
      ),
    );
  }
  if (bare.split('/').length > MAX_HIERARCHY_LEVELS) return E.left(hierarchyLevelLimitExceeded());
  return E.right(name);
};

/**
 * S3: a new parameter needs a `Type`; an overwrite keeps the stored one when the request names none.
 *
 * @category parameters
 * @since 0.2.0
 */
export const resolveParameterType = (
  requested: ParameterType | undefined,
  existing: ParameterType | undefined,
): E.Either<ValidationException, ParameterType> => {
  const type = requested ?? existing;
  return type === undefined
    ? E.left(validationException('You must specify a parameter type when creating a parameter.'))
    : E.right(type);
};

/**
 * S3: only a SecureString names a KMS key.
 *
 * @category parameters
 * @since 0.2.0
 */
export const checkKeyIdForType = (
  type: ParameterType,
  keyId: string | undefined,
): E.Either<ValidationException, undefined> =>
  keyId !== undefined && type !== 'SecureString'
    ? E.left(validationException('KeyId is required for SecureString type parameter only.'))
    : E.right(undefined);

/**
 * S6: a supported data type, and `aws:ec2:image` only for a `String`.
 *
 * @category parameters
 * @since 0.2.0
 */
export const checkDataType = (
  type: ParameterType,
  dataType: string,
): E.Either<ValidationException | UnsupportedParameterType, string> =>
  !DATA_TYPES.includes(dataType)
    ? E.left(
        validationException(
          `The following data type is not supported: ${dataType} (Data type names are all lowercase.)`,
        ),
      )
    : dataType === 'aws:ec2:image' && type !== 'String'
      ? E.left(unsupportedParameterType(type, dataType))
      : E.right(dataType);

/**
 * S4: a value may not reference or nest another parameter (`{{…}}`).
 *
 * @category parameters
 * @since 0.2.0
 */
export const checkValueReferences = (value: string): E.Either<ValidationException, string> =>
  /\{\{.*\}\}/s.test(value)
    ? E.left(
        validationException(
          "Parameter value can't reference or nest other parameters: values wrapped in double brackets {{ }} are not allowed.",
        ),
      )
    : E.right(value);

/**
 * S4: the tier a write ends in: Advanced never goes back to Standard; Intelligent-Tiering picks by size.
 *
 * @category parameters
 * @since 0.2.0
 */
export const resolveTier = (
  requested: RequestedTier | undefined,
  existing: ParameterTier | undefined,
  valueBytes: number,
): E.Either<ValidationException, ParameterTier> => {
  const tier: ParameterTier =
    requested === 'Intelligent-Tiering'
      ? existing === 'Advanced' || valueBytes > STANDARD_MAX_BYTES
        ? 'Advanced'
        : 'Standard'
      : (requested ?? existing ?? 'Standard');
  if (existing === 'Advanced' && tier === 'Standard') {
    return E.left(
      validationException(
        'This parameter uses the advanced-parameter tier. You cannot downgrade a parameter from the advanced tier to the standard tier.',
      ),
    );
  }
  if (tier === 'Standard' && valueBytes > STANDARD_MAX_BYTES) {
    return E.left(
      validationException(
        `Standard tier parameters support a maximum parameter value of ${STANDARD_MAX_BYTES} characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier.`,
      ),
    );
  }
  if (valueBytes > ADVANCED_MAX_BYTES) {
    return E.left(
      validationException(
        `Advanced tier parameters support a maximum parameter value of ${ADVANCED_MAX_BYTES} characters.`,
      ),
    );
  }
  return E.right(tier);
};

// One context for every match: the pattern and the value are handed in, the script only runs the test.
const matchContext = createContext({ pattern: /(?:)/, value: '' });
const matchScript = new Script('pattern.test(value)');
/** A hostile pattern (catastrophic backtracking) must not hang the emulator: it fails after this long. */
const MATCH_TIMEOUT_MS = 100;

/**
 * S5: the value matches the `AllowedPattern` (a JavaScript regular expression, searched in the value: AWS's
 * engine is Java's, whose dialect is close). A pattern that is not a regular expression is an
 * `InvalidAllowedPatternException`; a value it does not match, or that takes it longer than 100 ms, a
 * `ParameterPatternMismatchException`.
 *
 * @category parameters
 * @since 0.2.0
 */
export const checkAllowedPattern = (
  pattern: string | undefined,
  value: string,
): E.Either<InvalidAllowedPatternException | ParameterPatternMismatchException, string> => {
  if (pattern === undefined || pattern === '') return E.right(value);
  let compiled: RegExp;
  try {
    compiled = new RegExp(pattern);
  } catch {
    return E.left(invalidAllowedPattern(pattern));
  }
  matchContext['pattern'] = compiled;
  matchContext['value'] = value;
  let matched = false;
  try {
    matched = matchScript.runInContext(matchContext, { timeout: MATCH_TIMEOUT_MS }) === true;
  } catch {
    matched = false;
  }
  return matched ? E.right(value) : E.left(parameterPatternMismatch(pattern));
};
