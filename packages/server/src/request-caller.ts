/**
 * The caller of a request (rule W6): the region comes from the SigV4 credential scope of the `Authorization`
 * header (`Credential=<AccessKeyId>/<date>/<region>/ssm/aws4_request`), `us-east-1` when there is none; the
 * account is the access key id when that is 12 digits, so that tests can act as several accounts by choosing
 * their keys, and a configured default (`123456789012`) otherwise.
 *
 * @example
 * import { callerFromAuthorization } from '@ssm-policy/server';
 * callerFromAuthorization(
 *   'AWS4-HMAC-SHA256 Credential=210987654321/20260101/eu-west-1/ssm/aws4_request, SignedHeaders=host, Signature=0',
 * ); // { account: '210987654321', region: 'eu-west-1', partition: 'aws' }
 *
 * @since 0.1.0
 */
import { makeCaller, type Caller } from '@ssm-policy/core';

export const DEFAULT_ACCOUNT = '123456789012';
export const DEFAULT_REGION = 'us-east-1';

export interface CredentialScope {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

export interface CallerDefaults {
  /** The account of callers whose access key id is not 12 digits. */
  readonly account?: string;
  /** The region of unsigned requests. */
  readonly region?: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;
const ACCOUNT = /^\d{12}$/;

/** The credential scope of a SigV4 `Authorization` header; `undefined` when it has none. */
export const credentialScopeOf = (authorization: string | undefined): CredentialScope | undefined => {
  if (authorization === undefined || !authorization.startsWith('AWS4-HMAC-SHA256 ')) return undefined;
  const m = CREDENTIAL.exec(authorization);
  return m === null ? undefined : { accessKeyId: m[1]!, date: m[2]!, region: m[3]!, service: m[4]! };
};

/** W6: the caller a request acts as. */
export const callerFromAuthorization = (
  authorization: string | undefined,
  defaults: CallerDefaults = {},
): Caller => {
  const scope = credentialScopeOf(authorization);
  const account =
    scope !== undefined && ACCOUNT.test(scope.accessKeyId)
      ? scope.accessKeyId
      : (defaults.account ?? DEFAULT_ACCOUNT);
  return makeCaller({ account, region: scope?.region ?? defaults.region ?? DEFAULT_REGION });
};
