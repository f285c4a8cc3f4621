/**
 * Requests and responses of the three operations: io-ts codecs for their shapes (rule W4: a body of the wrong
 * shape is a `SerializationException`) and the model's constraints (rules V1–V5: a `ValidationException` that
 * lists every violation in one message, in AWS's words).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { decodePutResourcePolicyRequest } from '@ssm-policy/core';
 * const decoded = decodePutResourcePolicyRequest({ ResourceArn: 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default' });
 * assert.ok(decoded._tag === 'Left' && decoded.left._tag === 'ValidationException');
 * assert.equal(
 *   decoded.left.message,
 *   "1 validation error detected: Value null at 'policy' failed to satisfy constraint: Member must not be null",
 * );
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import {
  serializationException,
  validationException,
  type SerializationException,
  type ValidationException,
} from './errors.js';

// -------------------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------------------

/** JSON `null` counts as an absent member, as AWS's JSON protocol reads it. */
const optional = <C extends t.Mixed>(codec: C) => t.union([codec, t.null, t.undefined]);

/**
 * The members of a PutResourcePolicy request, before the constraints are checked.
 *
 * @category requests
 * @since 0.1.0
 */
export const PutResourcePolicyRequestShape = t.partial({
  ResourceArn: optional(t.string),
  Policy: optional(t.string),
  PolicyId: optional(t.string),
  PolicyHash: optional(t.string),
});

/**
 * The members of a GetResourcePolicies request, before the constraints are checked.
 *
 * @category requests
 * @since 0.1.0
 */
export const GetResourcePoliciesRequestShape = t.partial({
  ResourceArn: optional(t.string),
  NextToken: optional(t.string),
  MaxResults: optional(t.Int),
});

/**
 * The members of a DeleteResourcePolicy request, before the constraints are checked.
 *
 * @category requests
 * @since 0.1.0
 */
export const DeleteResourcePolicyRequestShape = t.partial({
  ResourceArn: optional(t.string),
  PolicyId: optional(t.string),
  PolicyHash: optional(t.string),
});

/**
 * A decoded PutResourcePolicy request.
 *
 * @category requests
 * @since 0.1.0
 */
export interface PutResourcePolicyRequest {
  readonly ResourceArn: string;
  readonly Policy: string;
  readonly PolicyId?: string;
  readonly PolicyHash?: string;
}

/**
 * A decoded GetResourcePolicies request.
 *
 * @category requests
 * @since 0.1.0
 */
export interface GetResourcePoliciesRequest {
  readonly ResourceArn: string;
  readonly NextToken?: string;
  readonly MaxResults?: number;
}

/**
 * A decoded DeleteResourcePolicy request.
 *
 * @category requests
 * @since 0.1.0
 */
export interface DeleteResourcePolicyRequest {
  readonly ResourceArn: string;
  readonly PolicyId: string;
  readonly PolicyHash: string;
}

/**
 * PutResourcePolicy's answer: the policy's id and new hash.
 *
 * @category requests
 * @since 0.1.0
 */
export const PutResourcePolicyResponse = t.type({ PolicyId: t.string, PolicyHash: t.string });
/**
 * PutResourcePolicy's answer: the policy's id and new hash.
 *
 * @category requests
 * @since 0.1.0
 */
export type PutResourcePolicyResponse = t.TypeOf<typeof PutResourcePolicyResponse>;

/**
 * One policy in GetResourcePolicies' answer.
 *
 * @category requests
 * @since 0.1.0
 */
export const GetResourcePoliciesResponseEntry = t.type({
  PolicyId: t.string,
  PolicyHash: t.string,
  Policy: t.string,
});
/**
 * One policy in GetResourcePolicies' answer.
 *
 * @category requests
 * @since 0.1.0
 */
export type GetResourcePoliciesResponseEntry = t.TypeOf<typeof GetResourcePoliciesResponseEntry>;

/**
 * GetResourcePolicies' answer: a page of policies and the token of the next.
 *
 * @category requests
 * @since 0.1.0
 */
export const GetResourcePoliciesResponse = t.intersection([
  t.type({ Policies: t.array(GetResourcePoliciesResponseEntry) }),
  t.partial({ NextToken: t.string }),
]);
/**
 * GetResourcePolicies' answer: a page of policies and the token of the next.
 *
 * @category requests
 * @since 0.1.0
 */
export type GetResourcePoliciesResponse = t.TypeOf<typeof GetResourcePoliciesResponse>;

/**
 * DeleteResourcePolicy's answer: empty.
 *
 * @category requests
 * @since 0.1.0
 */
export const DeleteResourcePolicyResponse = t.type({});
/**
 * DeleteResourcePolicy's answer: empty.
 *
 * @category requests
 * @since 0.1.0
 */
export type DeleteResourcePolicyResponse = t.TypeOf<typeof DeleteResourcePolicyResponse>;

// -------------------------------------------------------------------------------------------------
// constraints (V1–V5)
// -------------------------------------------------------------------------------------------------

/**
 * The model's pattern for `Policy`, matched against the whole string as Java's `matches` does.
 *
 * @category requests
 * @since 0.1.0
 */
export const POLICY_PATTERN_SOURCE = '^(?!\\s*$).+';
// Java's \s is ASCII whitespace and its '.' stops at these line terminators.
const POLICY_PATTERN = /^(?![ \t\n\v\f\r]*$)[^\n\r\u0085\u2028\u2029]+$/;

const quote = (v: string | number | null | undefined): string =>
  v === null || v === undefined ? 'null' : `'${String(v)}'`;

const violation = (value: string | number | null | undefined, member: string, constraint: string): string =>
  `Value ${quote(value)} at '${member}' failed to satisfy constraint: ${constraint}`;

// Each check adds its violation, if any, to the request's list (V5 reports them all, in this order).

const required = (out: string[], value: unknown, member: string): void => {
  if (value === undefined || value === null) out.push(violation(null, member, 'Member must not be null'));
};

const length = (
  out: string[],
  value: string | null | undefined,
  member: string,
  min: number,
  max: number,
): void => {
  if (value === undefined || value === null) return;
  if (value.length < min) {
    out.push(violation(value, member, `Member must have length greater than or equal to ${min}`));
  } else if (value.length > max) {
    out.push(violation(value, member, `Member must have length less than or equal to ${max}`));
  }
};

const range = (
  out: string[],
  value: number | null | undefined,
  member: string,
  min: number,
  max: number,
): void => {
  if (value === undefined || value === null) return;
  if (value < min)
    out.push(violation(value, member, `Member must have value greater than or equal to ${min}`));
  else if (value > max)
    out.push(violation(value, member, `Member must have value less than or equal to ${max}`));
};

const pattern = (out: string[], value: string | null | undefined, member: string): void => {
  if (value !== undefined && value !== null && !POLICY_PATTERN.test(value)) {
    out.push(
      violation(value, member, `Member must satisfy regular expression pattern: ${POLICY_PATTERN_SOURCE}`),
    );
  }
};

/** Rule V5: every violation in one message. */
const report = (violations: string[]): ValidationException | undefined =>
  violations.length === 0
    ? undefined
    : validationException(
        `${violations.length} validation error${violations.length === 1 ? '' : 's'} detected: ${violations.join('; ')}`,
      );

/** A request as it arrives: any member may still be absent or null until validation. */
type Loose<A> = { readonly [K in keyof A]?: A[K] | null | undefined };

/**
 * A PutResourcePolicy request as a caller may send it, not yet decoded.
 *
 * @category requests
 * @since 0.1.0
 */
export type PutResourcePolicyInput = Loose<PutResourcePolicyRequest>;
/**
 * A GetResourcePolicies request as a caller may send it, not yet decoded.
 *
 * @category requests
 * @since 0.1.0
 */
export type GetResourcePoliciesInput = Loose<GetResourcePoliciesRequest>;
/**
 * A DeleteResourcePolicy request as a caller may send it, not yet decoded.
 *
 * @category requests
 * @since 0.1.0
 */
export type DeleteResourcePolicyInput = Loose<DeleteResourcePolicyRequest>;

/**
 * Keeps the model's members only (unknown members are ignored, rule W5) and drops absent and null ones, so that
 * typed requests never carry `undefined` or `null`.
 */
const pick = <A extends object>(input: Loose<A>, members: ReadonlyArray<keyof A>): A => {
  const out: Partial<Record<keyof A, unknown>> = {};
  for (const m of members) {
    const v = input[m];
    if (v !== undefined && v !== null) out[m] = v;
  }
  return out as A;
};

/**
 * Rules V1, V2.
 *
 * @category requests
 * @since 0.1.0
 */
export const validatePutResourcePolicyRequest = (
  input: Loose<PutResourcePolicyRequest>,
): E.Either<ValidationException, PutResourcePolicyRequest> => {
  const violations: string[] = [];
  required(violations, input.ResourceArn, 'resourceArn');
  length(violations, input.ResourceArn, 'resourceArn', 20, 2048);
  required(violations, input.Policy, 'policy');
  pattern(violations, input.Policy, 'policy');
  const error = report(violations);
  return error
    ? E.left(error)
    : E.right(pick<PutResourcePolicyRequest>(input, ['ResourceArn', 'Policy', 'PolicyId', 'PolicyHash']));
};

/**
 * Rules V1, V3.
 *
 * @category requests
 * @since 0.1.0
 */
export const validateGetResourcePoliciesRequest = (
  input: Loose<GetResourcePoliciesRequest>,
): E.Either<ValidationException, GetResourcePoliciesRequest> => {
  const violations: string[] = [];
  required(violations, input.ResourceArn, 'resourceArn');
  length(violations, input.ResourceArn, 'resourceArn', 20, 2048);
  range(violations, input.MaxResults, 'maxResults', 1, 50);
  const error = report(violations);
  return error
    ? E.left(error)
    : E.right(pick<GetResourcePoliciesRequest>(input, ['ResourceArn', 'NextToken', 'MaxResults']));
};

/**
 * Rules V1, V4.
 *
 * @category requests
 * @since 0.1.0
 */
export const validateDeleteResourcePolicyRequest = (
  input: Loose<DeleteResourcePolicyRequest>,
): E.Either<ValidationException, DeleteResourcePolicyRequest> => {
  const violations: string[] = [];
  required(violations, input.ResourceArn, 'resourceArn');
  length(violations, input.ResourceArn, 'resourceArn', 20, 2048);
  required(violations, input.PolicyId, 'policyId');
  required(violations, input.PolicyHash, 'policyHash');
  const error = report(violations);
  return error
    ? E.left(error)
    : E.right(pick<DeleteResourcePolicyRequest>(input, ['ResourceArn', 'PolicyId', 'PolicyHash']));
};

// -------------------------------------------------------------------------------------------------
// decoders: unknown JSON → request
// -------------------------------------------------------------------------------------------------

const shapeOf =
  <A>(codec: t.Type<A, unknown, unknown>, operation: string) =>
  (input: unknown): E.Either<SerializationException, A> => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return E.left(serializationException(`The ${operation} request body must be a JSON object.`));
    }
    // These shapes transform nothing: a body they accept decodes to itself. `is` says so without building
    // io-ts's error contexts; only a body of the wrong shape goes through `decode`, for the member to name.
    if (codec.is(input)) return E.right(input);
    const decoded = codec.decode(input);
    if (E.isRight(decoded)) return decoded;
    const member = decoded.left[0]?.context.find((c) => c.key !== '')?.key ?? 'body';
    return E.left(serializationException(`${member} of ${operation} has the wrong JSON type.`));
  };

/** `E.flatMap` without its data-first dispatch, which costs more than a validation on the hot path. */
const andThen = <E1, A, E2, B>(ma: E.Either<E1, A>, f: (a: A) => E.Either<E2, B>): E.Either<E1 | E2, B> =>
  E.isLeft(ma) ? ma : f(ma.right);

const decodePutShape = shapeOf(PutResourcePolicyRequestShape, 'PutResourcePolicy');
const decodeGetShape = shapeOf(GetResourcePoliciesRequestShape, 'GetResourcePolicies');
const decodeDeleteShape = shapeOf(DeleteResourcePolicyRequestShape, 'DeleteResourcePolicy');

/**
 * Any JSON value → a request, a `SerializationException` (W4) or a `ValidationException` (V1–V5). Never throws.
 *
 * @category requests
 * @since 0.1.0
 */
export const decodePutResourcePolicyRequest = (
  input: unknown,
): E.Either<SerializationException | ValidationException, PutResourcePolicyRequest> =>
  andThen(decodePutShape(input), validatePutResourcePolicyRequest);

/**
 * Decodes a GetResourcePolicies request, or answers the error AWS gives (V rules).
 *
 * @category requests
 * @since 0.1.0
 */
export const decodeGetResourcePoliciesRequest = (
  input: unknown,
): E.Either<SerializationException | ValidationException, GetResourcePoliciesRequest> =>
  andThen(decodeGetShape(input), validateGetResourcePoliciesRequest);

/**
 * Decodes a DeleteResourcePolicy request, or answers the error AWS gives (V rules).
 *
 * @category requests
 * @since 0.1.0
 */
export const decodeDeleteResourcePolicyRequest = (
  input: unknown,
): E.Either<SerializationException | ValidationException, DeleteResourcePolicyRequest> =>
  andThen(decodeDeleteShape(input), validateDeleteResourcePolicyRequest);

/**
 * The commands' entry check. Their inputs are typed, but plain JavaScript (or a cast) can hand them any value:
 * a body or member of the wrong type is then a `ValidationException`, the one input error in every command's
 * union (a server has already answered `SerializationException` for such a body, rule W4). Never throws.
 *
 * @category requests
 * @since 0.1.0
 */
export const asCommandRequest = <A>(
  decoded: E.Either<SerializationException | ValidationException, A>,
): E.Either<ValidationException, A> =>
  E.isLeft(decoded) && decoded.left._tag === 'SerializationException'
    ? E.left(validationException(decoded.left.message))
    : (decoded as E.Either<ValidationException, A>);
