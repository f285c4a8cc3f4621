/**
 * One HTTP exchange with the endpoint as it went over the wire (the request the SDK signed and sent, the
 * status, headers and body the endpoint answered, or why no answer came), and how the runner reads it: is it
 * an awsJson1_1 answer, which error did the endpoint send (`__type`, message, status), and one line saying
 * what happened. Reports show these rather than what the SDK made of them.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { describeExchange, type RawExchange } from './raw-exchange.js';
 * const x: RawExchange = {
 *   operation: 'DeleteResourcePolicy',
 *   request: { method: 'POST', path: '/', headers: {}, body: '{}' },
 *   response: { status: 400, headers: {}, body: '{"__type":"UnknownOperationException"}' },
 *   ms: 3,
 * };
 * assert.equal(describeExchange(x), 'DeleteResourcePolicy answered 400 UnknownOperationException');
 *
 * @since 0.1.0
 */

/**
 * The request as sent on the wire.
 *
 * @category command line
 * @since 0.2.0
 */
export interface RawRequest {
  readonly method: string;
  readonly path: string;
  /** Header names in lower case; a session token is redacted. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * The response as received on the wire.
 *
 * @category command line
 * @since 0.2.0
 */
export interface RawResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * One request and its response (or why none came), with the time it took.
 *
 * @category command line
 * @since 0.2.0
 */
export interface RawExchange {
  /** The operation of `X-Amz-Target` (`AmazonSSM.<Operation>`), or the target as sent. */
  readonly operation: string;
  readonly request: RawRequest;
  /** Absent when no answer came. */
  readonly response?: RawResponse;
  /** Why no answer came: the connection failed, or the request timed out. */
  readonly error?: string;
  readonly ms: number;
}

/**
 * The error the endpoint sent, as it sent it.
 *
 * @category command line
 * @since 0.2.0
 */
export interface SentError {
  readonly _tag: string;
  readonly message?: string;
  readonly status: number;
  readonly [member: string]: unknown;
}

const JSON_1_1 = 'application/x-amz-json-1.1';

/**
 * The operation an `X-Amz-Target` header names.
 *
 * @category command line
 * @since 0.2.0
 */
export const operationOf = (target: string | undefined): string =>
  target === undefined ? '(no X-Amz-Target)' : target.replace(/^AmazonSSM\./, '');

const jsonObject = (body: string): Record<string, unknown> | undefined => {
  try {
    const v: unknown = JSON.parse(body);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

const stripNamespace = (code: string): string => code.slice(code.lastIndexOf('#') + 1).split(':')[0]!;

/**
 * The error code the endpoint sent: `__type` of the body, else `X-Amzn-ErrorType`.
 *
 * @category command line
 * @since 0.2.0
 */
export const sentCode = (r: RawResponse): string | undefined => {
  const type = jsonObject(r.body)?.['__type'];
  if (typeof type === 'string' && type !== '') return stripNamespace(type);
  const header = r.headers['x-amzn-errortype'];
  return header === undefined || header === '' ? undefined : stripNamespace(header);
};

/**
 * Whether an answer is JSON as an awsJson service sends it, leniently: a success is a JSON object with a JSON
 * content type (W1 and W2 check the exact one); an error names its code. The probe uses this: an endpoint that
 * answers so can be checked, and the checks say where it differs.
 *
 * @category command line
 * @since 0.2.0
 */
export const isJsonAnswer = (r: RawResponse): boolean => {
  const body = jsonObject(r.body);
  if (r.status >= 200 && r.status < 300)
    return body !== undefined && /json/.test(r.headers['content-type'] ?? '');
  return body !== undefined && sentCode(r) !== undefined;
};

/**
 * Whether an answer is awsJson1_1: a success is a JSON object with the awsJson1_1 content type; an error is a
 * JSON object naming its code in `__type` (or the `X-Amzn-ErrorType` header).
 *
 * @category command line
 * @since 0.2.0
 */
export const isAwsJsonAnswer = (r: RawResponse): boolean => {
  const body = jsonObject(r.body);
  if (r.status >= 200 && r.status < 300)
    return body !== undefined && (r.headers['content-type'] ?? '').startsWith(JSON_1_1);
  return body !== undefined && sentCode(r) !== undefined;
};

const shorten = (s: string, max: number): string =>
  s.length > max ? `${s.slice(0, max)}… (${s.length} characters)` : s;

/**
 * The error an exchange carries, as the endpoint sent it; `undefined` for a success or no answer.
 *
 * @category command line
 * @since 0.2.0
 */
export const sentError = (x: RawExchange): SentError | undefined => {
  const r = x.response;
  if (r === undefined) return undefined;
  const body = jsonObject(r.body);
  const code = sentCode(r);
  if (r.status >= 200 && r.status < 300 && isJsonAnswer(r)) return undefined;
  if (code === undefined || body === undefined)
    return {
      _tag: 'not an awsJson1_1 answer',
      status: r.status,
      message: `${r.headers['content-type'] ?? 'no content type'}: ${shorten(r.body, 200)}`,
      body: r.body,
    };
  const { __type: _, Message, message, ...members } = body;
  const text = typeof Message === 'string' ? Message : typeof message === 'string' ? message : undefined;
  return { _tag: code, ...members, ...(text === undefined ? {} : { message: text }), status: r.status };
};

/**
 * One line: `DeleteResourcePolicy answered 400 UnknownOperationException: …`.
 *
 * @category command line
 * @since 0.2.0
 */
export const describeExchange = (x: RawExchange, max = 200): string => {
  if (x.response === undefined) return `${x.operation} got no answer: ${x.error ?? 'unknown reason'}`;
  const r = x.response;
  const error = sentError(x);
  if (error === undefined) return `${x.operation} answered ${r.status}`;
  if (error._tag === 'not an awsJson1_1 answer')
    return `${x.operation} answered ${r.status} ${r.headers['content-type'] ?? '(no content type)'}, not awsJson1_1: ${JSON.stringify(shorten(r.body, max))}`;
  return `${x.operation} answered ${r.status} ${error._tag}${error.message === undefined ? '' : `: ${shorten(error.message, max)}`}`;
};

/**
 * The exchange as HTTP text: request line, headers, body, then the status line, headers and body.
 *
 * @category command line
 * @since 0.2.0
 */
export const exchangeText = (x: RawExchange): string => {
  const headers = (h: Readonly<Record<string, string>>): string[] =>
    Object.entries(h).map(([k, v]) => `${k}: ${v}`);
  const request = [
    `${x.request.method} ${x.request.path}`,
    ...headers(x.request.headers),
    '',
    x.request.body,
  ];
  const response =
    x.response === undefined
      ? [`(no answer after ${x.ms} ms: ${x.error ?? 'unknown reason'})`]
      : [`HTTP ${x.response.status}`, ...headers(x.response.headers), '', x.response.body];
  return [...request, '', ...response].join('\n');
};
