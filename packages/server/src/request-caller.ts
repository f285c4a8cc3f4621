/**
 * The caller of a request (rule W6): the region comes from the SigV4 credential scope of the `Authorization`
 * header (`Credential=<AccessKeyId>/<date>/<region>/ssm/aws4_request`), `us-east-1` when there is none; the
 * account is the access key id when that is 12 digits, so that tests can act as several accounts by choosing
 * their keys, and a configured default (`123456789012`) otherwise. The header is parsed once
 * (`parseAuthorization`); `callerOf` takes that parsed form, so that signature verification and the caller
 * share one parse.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { callerFromAuthorization } from '@ssm-policy/server';
 * const caller = callerFromAuthorization(
 *   'AWS4-HMAC-SHA256 Credential=210987654321/20260101/eu-west-1/ssm/aws4_request, SignedHeaders=host, Signature=0',
 * );
 * assert.deepEqual(caller, { account: '210987654321', region: 'eu-west-1', partition: 'aws' });
 *
 * @since 0.1.0
 */
import { makeCaller, type Caller } from '@ssm-policy/core';
import { parseAuthorization, type CredentialScope, type ParsedAuthorization } from './authorization.js';

/**
 * The account of a caller whose access key id is not an account number.
 *
 * @category caller
 * @since 0.1.0
 */
export const DEFAULT_ACCOUNT = '123456789012';
/**
 * The region of an unsigned request.
 *
 * @category caller
 * @since 0.1.0
 */
export const DEFAULT_REGION = 'us-east-1';

/**
 * The account and region used when the request does not say.
 *
 * @category caller
 * @since 0.1.0
 */
export interface CallerDefaults {
  /** The account of callers whose access key id is not 12 digits. */
  readonly account?: string;
  /** The region of unsigned requests. */
  readonly region?: string;
}

const isAccountId = (s: string): boolean => {
  if (s.length !== 12) return false;
  for (let i = 0; i < 12; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
};

/**
 * The credential scope of a SigV4 `Authorization` header; `undefined` when it has none.
 *
 * @category caller
 * @since 0.1.0
 */
export const credentialScopeOf = (authorization: string | undefined): CredentialScope | undefined => {
  const parsed = parseAuthorization(authorization);
  return parsed._tag === 'SigV4' ? parsed.scope : undefined;
};

/**
 * W6: the caller of a request whose `Authorization` header is already parsed.
 *
 * @since 0.2.0
 * @category caller
 */
export const callerOf = (authorization: ParsedAuthorization, defaults: CallerDefaults = {}): Caller => {
  const scope = authorization._tag === 'SigV4' ? authorization.scope : undefined;
  const account =
    scope !== undefined && isAccountId(scope.accessKeyId)
      ? scope.accessKeyId
      : (defaults.account ?? DEFAULT_ACCOUNT);
  return makeCaller({ account, region: scope?.region ?? defaults.region ?? DEFAULT_REGION });
};

/**
 * W6: the caller a request acts as, from its raw `Authorization` header.
 *
 * @category caller
 * @since 0.1.0
 */
export const callerFromAuthorization = (
  authorization: string | undefined,
  defaults: CallerDefaults = {},
): Caller => callerOf(parseAuthorization(authorization), defaults);
