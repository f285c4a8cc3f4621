/**
 * SigV4 signature verification as AWS does it (rule W6), for a profile with `verifySignatures` on; off by
 * default, as the rulebook says. The checks refuse with the codes and messages AWS JSON services use (all 400,
 * as those services answer on this protocol), grouped here by code; they run in the order of the code below
 * (the date's skew and an unsigned `host` before the algorithm and the credential's parts):
 *
 * 1. no `Authorization`, or one that is not `AWS4-…`: `MissingAuthenticationTokenException`;
 * 2. no `Credential`, `Signature` or `SignedHeaders`, or neither `X-Amz-Date` nor `Date`, a date not in ISO 8601
 *    basic format, an algorithm other than `AWS4-HMAC-SHA256`, a credential without exactly five parts:
 *    `IncompleteSignatureException`;
 * 3. a date more than 15 minutes away from the server's clock ("Signature expired" / "Signature not yet
 *    current"), `host` not signed, a scope whose region is not the request's, whose service is not the one
 *    called (`ssm`; `ram` for RAM's operations) or whose date is not the request's: `InvalidSignatureException`;
 * 4. an access key id without a secret: `UnrecognizedClientException`;
 * 5. a signed `x-amz-content-sha256` that is not the body's SHA-256, or a signature that does not match:
 *    `InvalidSignatureException`.
 *
 * The canonical request always hashes the body that arrived: an `x-amz-content-sha256` header is never taken
 * on trust (unsigned, it is ignored; signed, it must equal the body's hash), so a body swapped after signing
 * fails. Signatures are compared in constant time.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { verifySignature } from '@ssm-policy/server';
 * const refused = verifySignature(
 *   { method: 'POST', path: '/', headers: {}, body: new Uint8Array() },
 *   { secretFor: (accessKeyId) => (accessKeyId === 'AKID' ? 'secret' : undefined) },
 * );
 * assert.equal(refused?._tag, 'MissingAuthenticationTokenException'); // W6: an unsigned request
 *
 * @since 0.1.0
 * @category signature
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { parseAuthorization, SIGV4_ALGORITHM, type ParsedAuthorization } from './authorization.js';
import { headerValue, type WireHeaders, type WireRequest } from './wire.js';
import type { TaggedError } from './wire-errors.js';

/**
 * The secret access key of an access key id; `undefined` when the key is unknown.
 *
 * @since 0.1.0
 * @category signature
 */
export type SecretLookup = (accessKeyId: string) => string | undefined;

/**
 * What a signature is checked against.
 *
 * @since 0.2.0
 * @category signature
 */
export interface SignatureCheck {
  readonly secretFor: SecretLookup;
  /** The server's clock; default the system clock. */
  readonly now?: () => Date;
  /**
   * The region the request was sent to, which the credential scope must name. Default: the region of an AWS
   * endpoint host (`ssm.<region>.amazonaws.com`, `ssm-fips.…`, `ssm.<region>.api.aws`) in the `Host` header;
   * for any other host (the emulator on `127.0.0.1`, which serves every region) the scope must name a
   * well-formed region, and that region is the caller's (W6).
   */
  readonly region?: string;
  /** The service the credential scope must name; default `ssm` (`ram` for RAM's operations, rule A8). */
  readonly service?: string;
}

/**
 * Why a request's signature is refused, as AWS names it.
 *
 * @since 0.1.0
 * @category signature
 */
export type SignatureRefusal = TaggedError & {
  readonly _tag:
    | 'MissingAuthenticationTokenException'
    | 'IncompleteSignatureException'
    | 'UnrecognizedClientException'
    | 'InvalidSignatureException';
};

/** The one service whose requests this server takes. */
const SERVICE = 'ssm';
/** AWS's allowed clock skew either way. */
const MAX_SKEW_MS = 15 * 60 * 1000;

const refusal = (_tag: SignatureRefusal['_tag'], message: string): SignatureRefusal => ({
  _tag,
  message,
  fault: 'client',
});
const incomplete = (message: string): SignatureRefusal => refusal('IncompleteSignatureException', message);
const invalid = (message: string): SignatureRefusal => refusal('InvalidSignatureException', message);

/**
 * AWS's message for a signature that does not match.
 *
 * @since 0.2.0
 * @category signature
 */
export const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** Client input echoed in a message, cut short: a hostile 16 KB header must not come back whole. */
const echo = (s: string): string => (s.length > 64 ? `${s.slice(0, 64)}…` : s);

const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding, as SigV4 wants it. */
const encode = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s.replace(/\+/g, '%20'));
  } catch {
    return s;
  }
};

const canonicalUri = (pathname: string): string =>
  pathname
    .split('/')
    .map((segment) => encode(encode(decode(segment))))
    .join('/') || '/';

const canonicalQuery = (query: string): string =>
  query === ''
    ? ''
    : query
        .split('&')
        .filter((p) => p !== '')
        .map((p) => {
          const i = p.indexOf('=');
          return i < 0
            ? [encode(decode(p)), '']
            : [encode(decode(p.slice(0, i))), encode(decode(p.slice(i + 1)))];
        })
        .sort(([a = '', b = ''], [c = '', d = '']) => (a < c ? -1 : a > c ? 1 : b < d ? -1 : b > d ? 1 : 0))
        .map(([k, v]) => `${k}=${v}`)
        .join('&');

/**
 * The signed header names, if they are as every signer writes them: lower case, sorted, each once, each a header
 * of the request. `undefined` otherwise (the signature could not match what AWS computes). The walk stops at the
 * first name that breaks the rule, so a hostile list costs no more than the request's own headers.
 */
const signedHeaderNames = (list: string, headers: WireHeaders): string[] | undefined => {
  const names: string[] = [];
  let previous = '';
  for (let start = 0; start <= list.length;) {
    const end = list.indexOf(';', start);
    const name = list.slice(start, end < 0 ? list.length : end);
    if (name <= previous || !Object.hasOwn(headers, name)) return undefined;
    names.push(name);
    previous = name;
    start = end < 0 ? list.length + 1 : end + 1;
  }
  return names;
};

/** A canonical header line, for a name `signedHeaderNames` found among the request's own headers. */
const headerLine = (headers: WireHeaders, name: string): string => {
  const v = headers[name];
  const joined = typeof v === 'string' ? v : Array.isArray(v) ? v.join(',') : '';
  return `${name}:${joined.trim().replace(/\s+/g, ' ')}`;
};

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** `20260101T120000Z` for a time in milliseconds. */
const isoBasic = (ms: number): string => {
  const d = new Date(ms);
  return (
    `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}T` +
    `${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}${pad(d.getUTCSeconds(), 2)}Z`
  );
};

interface Stamp {
  /** As the string to sign has it: ISO 8601 basic format. */
  readonly text: string;
  readonly ms: number;
}

/** The request's time, from `X-Amz-Date` (ISO 8601 basic) or `Date` (the same, or an HTTP date). */
const stampOf = (value: string): Stamp | undefined => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (m !== null) {
    const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
    // A date that does not exist (month 13, February 30) rolls over: refuse it instead.
    return isoBasic(ms) === value ? { text: value, ms } : undefined;
  }
  const ms = value.length <= 64 ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? undefined : { text: isoBasic(ms), ms };
};

/** The region of an AWS SSM endpoint host; `undefined` for any other host. */
const regionOfHost = (host: string | undefined): string | undefined => {
  if (host === undefined || host.length > 255) return undefined;
  const labels = host.split(':', 1)[0]!.toLowerCase().split('.');
  const [service, region, ...domain] = labels;
  if ((service !== 'ssm' && service !== 'ssm-fips') || region === undefined) return undefined;
  const d = domain.join('.');
  return d === 'amazonaws.com' || d === 'amazonaws.com.cn' || d === 'api.aws' ? region : undefined;
};

/** `us-east-1`, `us-gov-west-1`, `cn-north-1`, `eu-central-2`… */
const isRegionName = (s: string): boolean => s.length <= 32 && /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/.test(s);

/**
 * W6: `undefined` when the request is signed correctly, otherwise why it is refused. Give the header already
 * parsed (`parseAuthorization`) when the caller is read from it too, so that it is parsed once.
 *
 * @since 0.1.0
 * @category signature
 */
export const verifySignature = (
  request: WireRequest,
  check: SignatureCheck,
  authorization: ParsedAuthorization = parseAuthorization(headerValue(request.headers, 'authorization')),
): SignatureRefusal | undefined => {
  if (authorization._tag !== 'SigV4') {
    return refusal('MissingAuthenticationTokenException', 'Request is missing Authentication Token');
  }
  const { algorithm, credential, signedHeaders, signature } = authorization;
  const date = headerValue(request.headers, 'x-amz-date') ?? headerValue(request.headers, 'date');
  const missing = [
    credential === undefined || credential === ''
      ? "Authorization header requires 'Credential' parameter."
      : '',
    signature === undefined || signature === '' ? "Authorization header requires 'Signature' parameter." : '',
    signedHeaders === undefined ? "Authorization header requires 'SignedHeaders' parameter." : '',
    date === undefined
      ? "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
      : '',
  ].filter((m) => m !== '');
  if (
    missing.length > 0 ||
    credential === undefined ||
    signature === undefined ||
    signedHeaders === undefined ||
    date === undefined
  ) {
    return incomplete(`${missing.join(' ')} Authorization=${echo(algorithm)}`);
  }

  const stamp = stampOf(date);
  if (stamp === undefined) {
    return incomplete(
      `Date must be in ISO-8601 'basic format'. Got '${echo(date)}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  const now = (check.now?.() ?? new Date()).getTime();
  if (stamp.ms < now - MAX_SKEW_MS) {
    return invalid(
      `Signature expired: ${stamp.text} is now earlier than ${isoBasic(now - MAX_SKEW_MS)} (${isoBasic(now)} - 15 min.)`,
    );
  }
  if (stamp.ms > now + MAX_SKEW_MS) {
    return invalid(
      `Signature not yet current: ${stamp.text} is still later than ${isoBasic(now + MAX_SKEW_MS)} (${isoBasic(now)} + 15 min.)`,
    );
  }

  if (!`;${signedHeaders};`.includes(';host;')) {
    return invalid("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (algorithm !== SIGV4_ALGORITHM) {
    return incomplete(`Unsupported AWS 'algorithm': '${echo(algorithm)}' (only AWS4-HMAC-SHA256 for now). `);
  }
  const parts = credential.split('/', 6);
  if (parts.length !== 5) {
    return incomplete(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${echo(credential)}'`,
    );
  }
  const [accessKeyId = '', scopeDate = '', region = '', service = '', terminator = ''] = parts;
  const expectedService = check.service ?? SERVICE;
  const expectedRegion =
    check.region ??
    (expectedService === SERVICE ? regionOfHost(headerValue(request.headers, 'host')) : undefined);
  const day = stamp.text.slice(0, 8);
  const wrongScope = [
    (expectedRegion === undefined ? isRegionName(region) : region === expectedRegion)
      ? ''
      : `Credential should be scoped to a valid region, not '${echo(region)}'.`,
    service === expectedService
      ? ''
      : `Credential should be scoped to correct service: '${expectedService}'.`,
    terminator === 'aws4_request'
      ? ''
      : `Credential should be scoped with a valid terminator: 'aws4_request', not '${echo(terminator)}'.`,
    scopeDate === day
      ? ''
      : `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${echo(scopeDate)}' != '${day}', from '${stamp.text}'.`,
  ].filter((m) => m !== '');
  if (wrongScope.length > 0) return invalid(wrongScope.join(' '));

  const secret = accessKeyId === '' ? undefined : check.secretFor(accessKeyId);
  if (secret === undefined) {
    return refusal('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }

  // Own properties only (a signed header named `__proto__` must find nothing), in signer order.
  const names = signedHeaderNames(signedHeaders, request.headers);
  if (names === undefined) return invalid(SIGNATURE_MISMATCH);
  const bodyHash = sha256Hex(request.body);
  if (names.includes('x-amz-content-sha256')) {
    // Signed, the header vouches for the body: it must be the body's hash. Unsigned, it is ignored below.
    if (headerValue(request.headers, 'x-amz-content-sha256') !== bodyHash) {
      return invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
  }
  const q = request.path.indexOf('?');
  const pathname = q < 0 ? request.path : request.path.slice(0, q);
  const query = q < 0 ? '' : request.path.slice(q + 1);
  const canonicalRequest = [
    request.method,
    canonicalUri(pathname),
    canonicalQuery(query),
    ...names.map((n) => headerLine(request.headers, n)),
    '',
    signedHeaders,
    bodyHash,
  ].join('\n');
  const credentialScope = `${scopeDate}/${region}/${service}/aws4_request`;
  const stringToSign = [SIGV4_ALGORITHM, stamp.text, credentialScope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, scopeDate), region), service), 'aws4_request');
  const expected = Buffer.from(createHmac('sha256', key).update(stringToSign).digest('hex'));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(expected, given)
    ? undefined
    : invalid(SIGNATURE_MISMATCH);
};

/**
 * An identity as the identities file lists it; only the key pair matters here.
 *
 * @since 0.2.0
 * @category signature
 */
export interface IdentityKeys {
  readonly accessKeyId: string;
  readonly secretAccessKey?: string | undefined;
}

/**
 * W6: the secret lookup of a list of identities (the identities file's `identities`). An identity without a
 * `secretAccessKey` cannot sign; an access key id listed twice is a configuration error.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { secretLookupOf } from '@ssm-policy/server';
 * const secretFor = secretLookupOf([{ accessKeyId: 'AKIDBOB', secretAccessKey: 's3cret' }]);
 * assert.equal(secretFor('AKIDBOB'), 's3cret');
 * assert.equal(secretFor('AKIDEVE'), undefined);
 *
 * @since 0.2.0
 * @category signature
 */
export const secretLookupOf = (identities: Iterable<IdentityKeys>): SecretLookup => {
  // A Map, not an object: an access key id like `__proto__` must find nothing.
  const secrets = new Map<string, string | undefined>();
  for (const { accessKeyId, secretAccessKey } of identities) {
    if (secrets.has(accessKeyId)) throw new Error(`access key id ${accessKeyId} is listed twice`);
    secrets.set(accessKeyId, secretAccessKey);
  }
  return (accessKeyId) => secrets.get(accessKeyId);
};
