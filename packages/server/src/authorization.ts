/**
 * The `Authorization` header, read once per request and in time linear in its length (rule W6): the caller
 * (`request-caller.ts`) and signature verification (`signature.ts`) both take this parsed form, so neither reads
 * the header again. The old unanchored, backtracking regular expression made a 16 KB header of repeated
 * `Credential=` cost tens of milliseconds per parse; here the usual SDK form is one anchored match on short
 * headers, and everything else is found with native `indexOf` scans that never go back.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { parseAuthorization } from '@ssm-policy/server';
 * const auth = parseAuthorization(
 *   'AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/ssm/aws4_request, SignedHeaders=host;x-amz-date, Signature=ab',
 * );
 * assert.ok(auth._tag === 'SigV4' && auth.scope?.region === 'eu-west-1' && auth.signedHeaders === 'host;x-amz-date');
 *
 * @since 0.2.0
 * @category authorization
 */

/**
 * The parts of `Credential=<AccessKeyId>/<date>/<region>/<service>/aws4_request`.
 *
 * @since 0.1.0
 * @category authorization
 */
export interface CredentialScope {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

/**
 * An `Authorization` header of the SigV4 family (its scheme starts with `AWS4-`). A parameter is `undefined`
 * when the header lacks it; when one is repeated, the first counts.
 *
 * @since 0.2.0
 * @category authorization
 */
export interface SigV4Authorization {
  readonly _tag: 'SigV4';
  /** The scheme, e.g. `AWS4-HMAC-SHA256`. */
  readonly algorithm: string;
  readonly credential: string | undefined;
  readonly signedHeaders: string | undefined;
  readonly signature: string | undefined;
  /**
   * The credential scope, when the scheme is `AWS4-HMAC-SHA256` and `Credential` has the form
   * `<AccessKeyId>/<8 digits>/<region>/<service>/aws4_request`; otherwise `undefined`.
   */
  readonly scope: CredentialScope | undefined;
}

/**
 * A parsed `Authorization` header: absent, not SigV4 (another scheme), or SigV4.
 *
 * @since 0.2.0
 * @category authorization
 */
export type ParsedAuthorization =
  { readonly _tag: 'Absent' } | { readonly _tag: 'OtherScheme' } | SigV4Authorization;

/**
 * The one SigV4 algorithm AWS accepts in an `Authorization` header.
 *
 * @since 0.2.0
 * @category authorization
 */
export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

const ABSENT: ParsedAuthorization = { _tag: 'Absent' };
const OTHER_SCHEME: ParsedAuthorization = { _tag: 'OtherScheme' };

/** The first character that is not a space or a tab (`node:http` trims them; a direct caller may not). */
const FIRST_NON_BLANK = /[^ \t]/;

const isSeparator = (code: number): boolean => code === 0x20 || code === 0x2c || code === 0x09;

/** The next separator (space, comma, tab) at or after `from`, or the end: three native scans. */
const tokenEnd = (header: string, from: number): number => {
  let end = header.length;
  for (const separator of [' ', ',', '\t']) {
    const at = header.indexOf(separator, from);
    if (at >= 0 && at < end) end = at;
  }
  return end;
};

/**
 * The value of the first parameter `key` (given with its `=`) at or after `from`: the first occurrence of `key`
 * that starts a token, i.e. follows a separator. A miss resumes after itself, so the searches together read the
 * header once; a token cannot start inside a miss, which holds no separator.
 */
const parameter = (header: string, key: string, from: number): string | undefined => {
  let at = header.indexOf(key, from);
  while (at > from && !isSeparator(header.charCodeAt(at - 1))) at = header.indexOf(key, at + key.length);
  if (at <= from) return undefined;
  const start = at + key.length;
  return header.slice(start, tokenEnd(header, start));
};

const isDigits = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
};

/** The scope of a `Credential` value: exactly five non-empty slash-separated parts, a date of 8 digits. */
const scopeOf = (credential: string): CredentialScope | undefined => {
  const parts = credential.split('/', 6);
  if (parts.length !== 5) return undefined;
  const [accessKeyId = '', date = '', region = '', service = '', terminator] = parts;
  if (accessKeyId === '' || region === '' || service === '' || terminator !== 'aws4_request')
    return undefined;
  if (date.length !== 8 || !isDigits(date)) return undefined;
  return { accessKeyId, date, region, service };
};

/**
 * The form every SDK and the AWS CLI write, read with one match. Anchored, and each parameter's value stops at
 * the separator that must follow it, which the value cannot contain, so a failed match backtracks at most once
 * over each value; tried only on headers of ordinary length (about 200 bytes; a long list of signed headers
 * stays well under the bound), longer ones go straight to the general parse.
 */
const USUAL_MAX_LENGTH = 1024;
const USUAL =
  /^AWS4-HMAC-SHA256 Credential=(([^ ,\t/]+)\/(\d{8})\/([^ ,\t/]+)\/([^ ,\t/]+)\/aws4_request), ?SignedHeaders=([^ ,\t]*), ?Signature=([^ ,\t]*)$/;

/**
 * W6: the `Authorization` header, parsed in linear time. Parameters are `key=value` tokens separated by commas,
 * spaces or tabs, as AWS reads them; a token without `=` or with another key is skipped.
 *
 * @since 0.2.0
 * @category authorization
 */
export const parseAuthorization = (header: string | undefined): ParsedAuthorization => {
  if (header === undefined) return ABSENT;
  const usual = header.length <= USUAL_MAX_LENGTH ? USUAL.exec(header) : null;
  if (usual !== null) {
    return {
      _tag: 'SigV4',
      algorithm: SIGV4_ALGORITHM,
      credential: usual[1]!,
      signedHeaders: usual[6]!,
      signature: usual[7]!,
      scope: { accessKeyId: usual[2]!, date: usual[3]!, region: usual[4]!, service: usual[5]! },
    };
  }
  // Native scans only (`indexOf`, `search`): a character loop in JavaScript costs several times more per
  // byte, and the header may be as long as the HTTP parser allows.
  const algorithmStart = Math.max(0, header.search(FIRST_NON_BLANK));
  if (!header.startsWith('AWS4-', algorithmStart)) return OTHER_SCHEME;
  const algorithmEnd = tokenEnd(header, algorithmStart);
  const algorithm = header.slice(algorithmStart, algorithmEnd);
  const credential = parameter(header, 'Credential=', algorithmEnd);
  return {
    _tag: 'SigV4',
    algorithm,
    credential,
    signedHeaders: parameter(header, 'SignedHeaders=', algorithmEnd),
    signature: parameter(header, 'Signature=', algorithmEnd),
    scope: algorithm === SIGV4_ALGORITHM && credential !== undefined ? scopeOf(credential) : undefined,
  };
};
