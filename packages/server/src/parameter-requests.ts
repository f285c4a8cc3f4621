/**
 * Requests of the parameter operations the emulator offers (`PutParameter`, `GetParameter`, `GetParameters`,
 * `GetParameterHistory`, `DeleteParameter`), decoded from any JSON value the way the resource-policy requests are: a body that is not an object or a
 * member of the wrong JSON type is a `SerializationException` (W4); a model constraint that fails is a
 * `ValidationException` in AWS's words (V5 format); unknown members are ignored (W5).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { decodePutParameterRequest } from '@ssm-policy/server';
 * const decoded = decodePutParameterRequest({ Name: '/app/db', Value: 'x', Type: 'Secret' });
 * assert.ok(decoded._tag === 'Left' && decoded.left._tag === 'ValidationException');
 * assert.equal(
 *   decoded.left.message,
 *   "1 validation error detected: Value 'Secret' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]",
 * );
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  serializationException,
  validationException,
  type ParameterType,
  type SerializationException,
  type ValidationException,
} from '@ssm-policy/core';

// -------------------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------------------

/**
 * The tier a request asks for; Intelligent-Tiering resolves to Standard or Advanced.
 *
 * @category parameters
 * @since 0.1.0
 */
export type RequestedTier = 'Standard' | 'Advanced' | 'Intelligent-Tiering';

/**
 * A decoded PutParameter request.
 *
 * @category parameters
 * @since 0.1.0
 */
export interface PutParameterRequest {
  readonly Name: string;
  readonly Value: string;
  readonly Type?: ParameterType;
  readonly Tier?: RequestedTier;
  readonly KeyId?: string;
  readonly Overwrite?: boolean;
  readonly Description?: string;
  readonly DataType?: string;
  readonly AllowedPattern?: string;
}

/**
 * A decoded GetParameter request.
 *
 * @category parameters
 * @since 0.1.0
 */
export interface GetParameterRequest {
  readonly Name: string;
  readonly WithDecryption?: boolean;
}

/**
 * A decoded DeleteParameter request.
 *
 * @category parameters
 * @since 0.1.0
 */
export interface DeleteParameterRequest {
  readonly Name: string;
}

/**
 * GetParameters' request.
 *
 * @category parameters
 * @since 0.2.0
 */
export interface GetParametersRequest {
  readonly Names: ReadonlyArray<string>;
  readonly WithDecryption?: boolean;
}

/**
 * GetParameterHistory's request.
 *
 * @category parameters
 * @since 0.2.0
 */
export interface GetParameterHistoryRequest {
  readonly Name: string;
  readonly WithDecryption?: boolean;
  readonly MaxResults?: number;
  readonly NextToken?: string;
}

/**
 * The errors of a parameter request that does not decode.
 *
 * @category parameters
 * @since 0.1.0
 */
export type ParameterRequestError = SerializationException | ValidationException;

// -------------------------------------------------------------------------------------------------
// shape (W4)
// -------------------------------------------------------------------------------------------------

type MemberKind = 'string' | 'boolean' | 'number' | 'strings';

const hasKind = (v: unknown, kind: MemberKind): boolean =>
  kind === 'strings'
    ? Array.isArray(v) && v.every((e) => typeof e === 'string')
    : kind === 'number'
      ? typeof v === 'number' && Number.isInteger(v)
      : typeof v === kind;
type Body = Readonly<Record<string, unknown>>;

/** W4: the body is an object and each known member has its JSON type (`null` counts as absent). */
const shapeOf =
  (operation: string, members: Readonly<Record<string, MemberKind>>) =>
  (input: unknown): E.Either<SerializationException, Body> => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return E.left(serializationException(`The ${operation} request body must be a JSON object.`));
    }
    const body: Record<string, unknown> = {};
    for (const [name, kind] of Object.entries(members)) {
      // Own members only: `__proto__` or `constructor` in a body never reach the prototype chain.
      if (!Object.prototype.hasOwnProperty.call(input, name)) continue;
      const v = (input as Record<string, unknown>)[name];
      if (v === null || v === undefined) continue;
      if (!hasKind(v, kind)) {
        return E.left(serializationException(`${name} of ${operation} has the wrong JSON type.`));
      }
      body[name] = v;
    }
    return E.right(body);
  };

// -------------------------------------------------------------------------------------------------
// constraints (V5 message format)
// -------------------------------------------------------------------------------------------------

const quoted = (v: unknown): string => (v === undefined ? 'null' : `'${String(v)}'`);
const violation = (v: unknown, member: string, constraint: string): string =>
  `Value ${quoted(v)} at '${member}' failed to satisfy constraint: ${constraint}`;

const TYPES: ReadonlyArray<ParameterType> = ['SecureString', 'StringList', 'String'];
const TIERS: ReadonlyArray<RequestedTier> = ['Advanced', 'Intelligent-Tiering', 'Standard'];

const required = (v: unknown, member: string): string[] =>
  v === undefined ? [violation(v, member, 'Member must not be null')] : [];

const lengthIn = (v: unknown, member: string, min: number, max: number): string[] =>
  typeof v !== 'string'
    ? []
    : v.length < min
      ? [violation(v, member, `Member must have length greater than or equal to ${min}`)]
      : v.length > max
        ? [violation(v, member, `Member must have length less than or equal to ${max}`)]
        : [];

const matches = (v: unknown, member: string, pattern: string): string[] =>
  typeof v !== 'string' || new RegExp(pattern).test(v)
    ? []
    : [violation(v, member, `Member must satisfy regular expression pattern: ${pattern}`)];

/** The model's `ParameterKeyId` pattern. */
const KEY_ID_PATTERN = '^([a-zA-Z0-9:/_-]+)$';

const oneOf = (v: unknown, member: string, values: ReadonlyArray<string>): string[] =>
  v === undefined || values.includes(v as string)
    ? []
    : [violation(v, member, `Member must satisfy enum value set: [${values.join(', ')}]`)];

const report = <A>(violations: string[], value: A): E.Either<ValidationException, A> =>
  violations.length === 0
    ? E.right(value)
    : E.left(
        validationException(
          `${violations.length} validation error${violations.length === 1 ? '' : 's'} detected: ${violations.join('; ')}`,
        ),
      );

// -------------------------------------------------------------------------------------------------
// decoders
// -------------------------------------------------------------------------------------------------

const putShape = shapeOf('PutParameter', {
  Name: 'string',
  Value: 'string',
  Type: 'string',
  Tier: 'string',
  KeyId: 'string',
  Overwrite: 'boolean',
  Description: 'string',
  DataType: 'string',
  AllowedPattern: 'string',
});
const getShape = shapeOf('GetParameter', { Name: 'string', WithDecryption: 'boolean' });
const deleteShape = shapeOf('DeleteParameter', { Name: 'string' });
const getManyShape = shapeOf('GetParameters', { Names: 'strings', WithDecryption: 'boolean' });
const historyShape = shapeOf('GetParameterHistory', {
  Name: 'string',
  WithDecryption: 'boolean',
  MaxResults: 'number',
  NextToken: 'string',
});

const countIn = (v: unknown, member: string, min: number, max: number): string[] =>
  !Array.isArray(v)
    ? []
    : v.length < min
      ? [violation(`[${v.join(', ')}]`, member, `Member must have length greater than or equal to ${min}`)]
      : v.length > max
        ? [violation(`[${v.join(', ')}]`, member, `Member must have length less than or equal to ${max}`)]
        : [];

const valueIn = (v: unknown, member: string, min: number, max: number): string[] =>
  typeof v !== 'number'
    ? []
    : v < min
      ? [violation(v, member, `Member must have value greater than or equal to ${min}`)]
      : v > max
        ? [violation(v, member, `Member must have value less than or equal to ${max}`)]
        : [];

/**
 * `Names`: 1..10 names of 1..2048 characters (the model's `ParameterNameList`).
 *
 * @category parameters
 * @since 0.2.0
 */
export const decodeGetParametersRequest = (
  input: unknown,
): E.Either<ParameterRequestError, GetParametersRequest> =>
  E.flatMap(getManyShape(input), (b) =>
    report<GetParametersRequest>(
      [
        ...required(b['Names'], 'names'),
        ...countIn(b['Names'], 'names', 1, 10),
        ...((b['Names'] as ReadonlyArray<string> | undefined) ?? []).flatMap((n, i) =>
          lengthIn(n, `names.${i + 1}.member`, 1, 2048),
        ),
      ],
      b as unknown as GetParametersRequest,
    ),
  );

/**
 * `Name` as for GetParameter; `MaxResults` 1..50 (the model's `MaxResults`).
 *
 * @category parameters
 * @since 0.2.0
 */
export const decodeGetParameterHistoryRequest = (
  input: unknown,
): E.Either<ParameterRequestError, GetParameterHistoryRequest> =>
  E.flatMap(historyShape(input), (b) =>
    report<GetParameterHistoryRequest>(
      [
        ...required(b['Name'], 'name'),
        ...lengthIn(b['Name'], 'name', 1, 2048),
        ...valueIn(b['MaxResults'], 'maxResults', 1, 50),
      ],
      b as unknown as GetParameterHistoryRequest,
    ),
  );

/**
 * Decodes a PutParameter request, or answers the error AWS gives.
 *
 * @category parameters
 * @since 0.1.0
 */
export const decodePutParameterRequest = (
  input: unknown,
): E.Either<ParameterRequestError, PutParameterRequest> =>
  E.flatMap(putShape(input), (b) =>
    report<PutParameterRequest>(
      [
        ...required(b['Name'], 'name'),
        ...lengthIn(b['Name'], 'name', 1, 2048),
        ...required(b['Value'], 'value'),
        ...lengthIn(b['Value'], 'value', 1, Number.MAX_SAFE_INTEGER),
        ...oneOf(b['Type'], 'type', TYPES),
        ...oneOf(b['Tier'], 'tier', TIERS),
        ...lengthIn(b['KeyId'], 'keyId', 1, 256),
        ...matches(b['KeyId'], 'keyId', KEY_ID_PATTERN),
        ...lengthIn(b['Description'], 'description', 0, 1024),
        ...lengthIn(b['AllowedPattern'], 'allowedPattern', 0, 1024),
        ...lengthIn(b['DataType'], 'dataType', 0, 128),
      ],
      b as unknown as PutParameterRequest,
    ),
  );

/**
 * Decodes a GetParameter request, or answers the error AWS gives.
 *
 * @category parameters
 * @since 0.1.0
 */
export const decodeGetParameterRequest = (
  input: unknown,
): E.Either<ParameterRequestError, GetParameterRequest> =>
  E.flatMap(getShape(input), (b) =>
    report<GetParameterRequest>(
      [...required(b['Name'], 'name'), ...lengthIn(b['Name'], 'name', 1, 2048)],
      b as unknown as GetParameterRequest,
    ),
  );

/**
 * Decodes a DeleteParameter request, or answers the error AWS gives.
 *
 * @category parameters
 * @since 0.1.0
 */
export const decodeDeleteParameterRequest = (
  input: unknown,
): E.Either<ParameterRequestError, DeleteParameterRequest> =>
  E.flatMap(deleteShape(input), (b) =>
    report<DeleteParameterRequest>(
      [...required(b['Name'], 'name'), ...lengthIn(b['Name'], 'name', 1, 2048)],
      b as unknown as DeleteParameterRequest,
    ),
  );
