/**
 * SigV4 signature verification (rule W6), for a profile with `verifySignatures` on; off by default, as the
 * rulebook says. A request must carry an `Authorization: AWS4-HMAC-SHA256 …` header whose signature matches the
 * one computed with the secret key of its access key id. Clock skew is not checked.
 *
 * @example
 * import { verifySignature } from '@ssm-policy/server';
 * const refused = verifySignature(
 *   { method: 'POST', path: '/', headers: {}, body: new Uint8Array() },
 *   (accessKeyId) => (accessKeyId === 'AKID' ? 'secret' : undefined),
 * );
 * // refused?._tag === 'MissingAuthenticationTokenException'
 *
 * @since 0.1.0
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { credentialScopeOf } from './request-caller.js';
import { headerValue, type WireRequest } from './wire.js';
import type { TaggedError } from './wire-errors.js';

/** The secret access key of an access key id; `undefined` when the key is unknown. */
export type SecretLookup = (accessKeyId: string) => string | undefined;

export type SignatureRefusal = TaggedError & {
  readonly _tag:
    | 'MissingAuthenticationTokenException'
    | 'IncompleteSignatureException'
    | 'UnrecognizedClientException'
    | 'InvalidSignatureException';
};

const refusal = (_tag: SignatureRefusal['_tag'], message: string): SignatureRefusal => ({
  _tag,
  message,
  fault: 'client',
});

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

const headerLine = (request: WireRequest, name: string): string => {
  const v = request.headers[name];
  const joined = typeof v === 'string' ? v : (v ?? []).join(',');
  return `${name}:${joined.trim().replace(/\s+/g, ' ')}`;
};

/** W6: `undefined` when the request is signed correctly, otherwise why it is refused. */
export const verifySignature = (
  request: WireRequest,
  secretFor: SecretLookup,
): SignatureRefusal | undefined => {
  const authorization = headerValue(request.headers, 'authorization');
  if (authorization === undefined) {
    return refusal('MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  const scope = credentialScopeOf(authorization);
  const signedHeaders = /SignedHeaders=([a-z0-9-;]+)/.exec(authorization)?.[1];
  const signature = /Signature=([0-9a-f]{64})/.exec(authorization)?.[1];
  const date = headerValue(request.headers, 'x-amz-date');
  if (scope === undefined || signedHeaders === undefined || signature === undefined || date === undefined) {
    return refusal(
      'IncompleteSignatureException',
      'Authorization header requires Credential, SignedHeaders and Signature, and the request an X-Amz-Date.',
    );
  }
  const secret = secretFor(scope.accessKeyId);
  if (secret === undefined) {
    return refusal('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  const q = request.path.indexOf('?');
  const pathname = q < 0 ? request.path : request.path.slice(0, q);
  const query = q < 0 ? '' : request.path.slice(q + 1);
  const names = signedHeaders.split(';');
  const canonicalRequest = [
    request.method,
    canonicalUri(pathname),
    canonicalQuery(query),
    ...names.map((n) => headerLine(request, n)),
    '',
    signedHeaders,
    headerValue(request.headers, 'x-amz-content-sha256') ?? sha256Hex(request.body),
  ].join('\n');
  const credentialScope = `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', date, credentialScope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${secret}`, scope.date), scope.region), scope.service),
    'aws4_request',
  );
  const expected = createHmac('sha256', key).update(stringToSign).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'))
    ? undefined
    : refusal(
        'InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided.',
      );
};
