/**
 * The behaviour profile as data: an io-ts codec of every `BehaviourProfile` option, so that a profile can live
 * in a JSON file (the emulator's `SSM_POLICY_PROFILE`, the conformance command's `--profile`). The codec is
 * exact: an unknown key, a wrong type or a value out of range is refused with a message that names the option,
 * because a misspelt option that silently kept its default would test the wrong behaviour. A file gives any
 * subset of the options; the rest keep the rulebook's defaults. JSON has no `undefined`: the options whose
 * "off" is `undefined` (`policyWriteRate`, `maxPoliciesPerParameter`) take `null` for it.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import * as E from 'fp-ts/lib/Either.js';
 * import { decodeProfileJson } from '@ssm-policy/core';
 * const chosen = decodeProfileJson('{"hashStrategy":"content","policyWriteRate":{"perSecond":5,"burst":10}}');
 * assert.ok(E.isRight(chosen) && chosen.right.hashStrategy === 'content' && chosen.right.defaultPageSize === 50);
 * const wrong = decodeProfileJson('{"hashStrategy":"md5","pageSize":5}');
 * assert.ok(E.isLeft(wrong));
 * assert.equal(
 *   wrong.left.message,
 *   'unknown option "pageSize"; option "hashStrategy": expected "versioned" | "content", got "md5"',
 * );
 *
 * @since 0.1.0
 * @category profile
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { defaultProfile, type BehaviourProfile } from './profile.js';

/** A codec of one option: decodes from JSON, encodes back to JSON. */
type OptionCodec<A> = t.Type<A, unknown, unknown>;

/** One codec per option; the mapped type makes an option added to `BehaviourProfile` a compile error here. */
type ProfileOptionCodecs = { readonly [K in keyof BehaviourProfile]-?: OptionCodec<BehaviourProfile[K]> };

const oneOf = <const V extends ReadonlyArray<string | boolean>>(...values: V): OptionCodec<V[number]> => {
  const allowed = (u: unknown): u is V[number] => values.includes(u as V[number]);
  return new t.Type<V[number], unknown, unknown>(
    values.map((v) => JSON.stringify(v)).join(' | '),
    allowed,
    (u, c) => (allowed(u) ? t.success(u) : t.failure(u, c)),
    t.identity,
  );
};

const number = (name: string, ok: (n: number) => boolean): OptionCodec<number> =>
  new t.Type<number, unknown, unknown>(
    name,
    (u): u is number => typeof u === 'number' && ok(u),
    (u, c) => (typeof u === 'number' && ok(u) ? t.success(u) : t.failure(u, c)),
    t.identity,
  );

const positiveInteger = number('a positive integer', (n) => Number.isSafeInteger(n) && n >= 1);

/** JSON `null` for an option whose "off" is `undefined`. */
const orNull = <A>(codec: OptionCodec<A>): OptionCodec<A | undefined> =>
  new t.Type<A | undefined, unknown, unknown>(
    `${codec.name} | null`,
    (u): u is A | undefined => u === undefined || codec.is(u),
    (u, c) => (u === null ? t.success(undefined) : codec.validate(u, c)),
    (a) => (a === undefined ? null : codec.encode(a)),
  );

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

/**
 * An object with exactly these keys (all of them, or with `partial` any subset): an unknown key fails with the
 * message `unknown option`, so that it is reported, not dropped as `t.exact` would.
 */
const strictObject = <P extends Record<string, t.Mixed>>(name: string, props: P, partial: boolean) => {
  type A = { [K in keyof P]: t.TypeOf<P[K]> };
  const keys = Object.keys(props);
  return new t.Type<A, unknown, unknown>(
    name,
    (u): u is A =>
      isRecord(u) &&
      Object.keys(u).every((k) => keys.includes(k)) &&
      keys.every((k) => (k in u ? props[k]!.is(u[k]) : partial)),
    (u, c) => {
      if (!isRecord(u)) return t.failure(u, c, 'expected a JSON object');
      const errors: t.ValidationError[] = [];
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(u))
        if (!keys.includes(k))
          errors.push({
            value: u[k],
            context: t.appendContext(c, k, t.never, u[k]),
            message: 'unknown option',
          });
      for (const k of keys) {
        if (!(k in u)) {
          if (!partial)
            errors.push({
              value: undefined,
              context: t.appendContext(c, k, props[k]!, undefined),
              message: 'missing',
            });
          continue;
        }
        const decoded = props[k]!.validate(u[k], t.appendContext(c, k, props[k]!, u[k]));
        if (E.isLeft(decoded)) errors.push(...decoded.left);
        else out[k] = decoded.right;
      }
      return errors.length > 0 ? t.failures(errors) : t.success(out as A);
    },
    (a) => Object.fromEntries(keys.filter((k) => k in a).map((k) => [k, props[k]!.encode(a[k])])),
  );
};

const policyWriteRate = strictObject(
  '{ "perSecond": a positive number, "burst": a positive integer }',
  {
    perSecond: number('a positive number', (n) => Number.isFinite(n) && n > 0),
    burst: positiveInteger,
  },
  false,
);

const parameterRejection = oneOf(
  'ResourcePolicyInvalidParameterException',
  'MalformedResourcePolicyDocumentException',
  false,
);
const resourceRejection = oneOf('ResourcePolicyInvalidParameterException', 'ResourceNotFoundException');
const strings: OptionCodec<ReadonlyArray<string>> = t.readonlyArray(t.string, 'an array of strings');

/**
 * The codec of each option, by name.
 *
 * @since 0.1.0
 * @category profile
 */
export const profileOptionCodecs: ProfileOptionCodecs = {
  unsupportedResourceError: resourceRejection,
  requireCallerRegion: t.boolean,
  callerRegionError: resourceRejection,
  foreignResourceError: resourceRejection,
  refuseForeignGet: t.boolean,
  staleHashError: oneOf('ResourcePolicyConflictException', 'ResourcePolicyNotFoundException'),
  invalidNextTokenError: oneOf('ResourcePolicyInvalidParameterException', 'ValidationException'),
  policyWriteRate: orNull(policyWriteRate),
  acceptAnyContentType: t.boolean,
  deleteResponseBody: oneOf('{}', 'empty'),
  standardTierParameter: parameterRejection,
  awsManagedKeySecureString: parameterRejection,
  policySizeLimitType: t.string,
  policyCountLimitType: t.string,
  maxPoliciesPerParameter: orNull(positiveInteger),
  hashStrategy: oneOf('versioned', 'content'),
  defaultPageSize: number('an integer 1..50', (n) => Number.isInteger(n) && n >= 1 && n <= 50),
  hashWithoutIdIsInvalid: t.boolean,
  requiredStatementElements: t.readonlyArray(
    oneOf('Effect', 'Principal', 'Action', 'Resource'),
    'an array of "Effect" | "Principal" | "Action" | "Resource"',
  ),
  refuseNotPrincipal: t.boolean,
  refuseNotAction: t.boolean,
  refuseNotResource: t.boolean,
  refuseWildcardPrincipal: t.boolean,
  refuseNonAwsPrincipalKeys: t.boolean,
  refuseDeny: t.boolean,
  parameterActions: strings,
  opsItemGroupActions: strings,
  resourceMustNameTarget: t.boolean,
  parameterDeletionDropsPolicies: t.boolean,
  verifySignatures: t.boolean,
  crossAccountDenial: oneOf('AccessDeniedException', 'ParameterNotFound'),
  assumeIdentityAllows: t.boolean,
  listSharedBeforePromotion: t.boolean,
};

/**
 * Every option, each with its type, and no other key: a whole `BehaviourProfile` as JSON.
 *
 * @since 0.1.0
 * @category profile
 */
export const BehaviourProfileCodec: t.Type<BehaviourProfile, unknown, unknown> = strictObject(
  'BehaviourProfile',
  profileOptionCodecs,
  false,
);

/**
 * A profile file: any subset of the options, each with its type, and no other key.
 *
 * @since 0.1.0
 * @category profile
 */
export const ProfileFileCodec = strictObject('profile file', profileOptionCodecs, true) as t.Type<
  Partial<BehaviourProfile>,
  unknown,
  unknown
>;

/**
 * Why a profile was refused: every problem, each naming its option, in one message.
 *
 * @since 0.1.0
 * @category profile
 */
export interface ProfileError {
  readonly _tag: 'ProfileError';
  readonly message: string;
  /** One line per problem: `option "hashStrategy": expected "versioned" | "content", got "md5"`. */
  readonly problems: ReadonlyArray<string>;
}

const shown = (u: unknown): string => (u === undefined ? 'nothing' : (JSON.stringify(u) ?? String(u)));

const describeError = (error: t.ValidationError): string => {
  const path = error.context
    .map((entry) => entry.key)
    .filter((key) => key !== '')
    .join('.');
  const last = error.context[error.context.length - 1];
  if (path === '') return `a profile must be a JSON object of options, not ${shown(error.value)}`;
  if (error.message === 'unknown option') return `unknown option "${path}"`;
  if (error.message === 'missing') return `option "${path}" is missing`;
  return `option "${path}": expected ${last?.type.name ?? 'another value'}, got ${shown(error.value)}`;
};

const refused = (problems: ReadonlyArray<string>): ProfileError => ({
  _tag: 'ProfileError',
  message: problems.join('; '),
  problems,
});

/**
 * A profile from decoded JSON: the options it gives over the defaults, or every problem with it.
 *
 * @since 0.1.0
 * @category profile
 */
export const decodeProfile = (json: unknown): E.Either<ProfileError, BehaviourProfile> => {
  const decoded = ProfileFileCodec.decode(json);
  if (E.isLeft(decoded)) return E.left(refused(decoded.left.map(describeError)));
  // `exactOptionalPropertyTypes` aside, a decoded option is never `undefined` unless the file said `null`.
  return E.right({ ...defaultProfile, ...decoded.right });
};

/**
 * A profile from the text of a profile file (JSON).
 *
 * @since 0.1.0
 * @category profile
 */
export const decodeProfileJson = (text: string): E.Either<ProfileError, BehaviourProfile> => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return E.left(refused([`not JSON: ${e instanceof Error ? e.message : String(e)}`]));
  }
  return decodeProfile(json);
};

/**
 * A profile as the JSON a profile file holds (every option; `null` for an option that is off).
 *
 * @since 0.1.0
 * @category profile
 */
export const encodeProfile = (profile: BehaviourProfile): Record<string, unknown> =>
  BehaviourProfileCodec.encode(profile) as Record<string, unknown>;
