/**
 * The wire, with no web framework: a request is a method, a path, headers and the body's bytes; a response is a
 * status, headers and a body. The AWS JSON 1.1 framing of SSM lives here (rules W1–W3): the content type, the
 * target header, the request id, and the error body with its `X-Amzn-ErrorType` header.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { jsonResponse } from '@ssm-policy/server';
 * const res = jsonResponse('req-1', 200, { PolicyId: 'p', PolicyHash: 'h' });
 * assert.equal(res.headers['content-type'], 'application/x-amz-json-1.1');
 *
 * @since 0.1.0
 */

import type { Caller } from '@ssm-policy/core';

/**
 * Header names are lower case, as `node:http` gives them; a repeated header may come as a list.
 *
 * @category wire
 * @since 0.1.0
 */
export type WireHeaders = Readonly<Record<string, string | ReadonlyArray<string> | undefined>>;

/**
 * An HTTP request as the wire handler reads it.
 *
 * @category wire
 * @since 0.1.0
 */
export interface WireRequest {
  readonly method: string;
  /** The request target, query string included (`/` for every AWS JSON call). */
  readonly path: string;
  readonly headers: WireHeaders;
  readonly body: Uint8Array;
  /** The client's address (A4 `aws:SourceIp`), when the listener knows it. */
  readonly sourceIp?: string;
}

/**
 * The HTTP response the wire handler answers.
 *
 * @category wire
 * @since 0.1.0
 */
export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /**
   * `body` in UTF-8, when the handler kept it from an earlier answer (a large page of policies read again): a
   * listener may write these bytes instead of encoding `body`. Always exactly `body`; absent on most answers. The
   * same bytes go with every answer of that page: read them, never write into them.
   */
  readonly bodyBytes?: Uint8Array;
  /**
   * The caller the handler resolved for this request (W6), for the listener's log line; absent when the request
   * was refused before it had one. Not sent: the listener writes only status, headers and body.
   */
  readonly caller?: Caller;
  /** For the log only, never sent: what went wrong behind a 500 (its cause stays out of the answer). */
  readonly detail?: string;
}

/**
 * The key of a wire handler's synchronous form (see `WireHandler`); internal to this package.
 *
 * @category wire
 * @since 0.3.0
 */
export const ANSWER_NOW: unique symbol = Symbol('ssm-policy.answerNow');

/**
 * An awsJson1_1 request to its response. The handler `createWireHandler` makes also carries, under
 * `ANSWER_NOW`, the same function answering at once when its stores are synchronous (a promise otherwise): the
 * listener calls that one, and a request served from memory costs no promise.
 *
 * @category wire
 * @since 0.1.0
 */
export interface WireHandler {
  (request: WireRequest): Promise<WireResponse>;
  readonly [ANSWER_NOW]?: (request: WireRequest) => WireResponse | Promise<WireResponse>;
}

/**
 * W1, W2: the content type of requests and responses.
 *
 * @category wire
 * @since 0.1.0
 */
export const AMZ_JSON_1_1 = 'application/x-amz-json-1.1';

/**
 * W1: whether a request's `Content-Type` is `application/x-amz-json-1.1`. Parameters (`; charset=utf-8`) and
 * case do not matter, as Smithy's awsJson1_1 server test `AwsJson11MustSupportParametersInContentType` asks.
 *
 * @category wire
 * @since 0.2.0
 */
export const isAmzJson11 = (contentType: string | undefined): boolean =>
  contentType !== undefined && contentType.split(';', 1)[0]!.trim().toLowerCase() === AMZ_JSON_1_1;

/**
 * W1: `X-Amz-Target: AmazonSSM.<Operation>`.
 *
 * @category wire
 * @since 0.1.0
 */
export const TARGET_PREFIX = 'AmazonSSM.';

/**
 * Hostile input: a larger body is refused with 413, without being read to its end.
 *
 * @category wire
 * @since 0.1.0
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The first value of a header, by its lower-case name.
 *
 * @category wire
 * @since 0.1.0
 */
export const headerValue = (headers: WireHeaders, name: string): string | undefined => {
  const v = headers[name];
  return typeof v === 'string' ? v : v?.[0];
};

/**
 * W2 (and W3 with `errorType`): a JSON answer that carries the request id.
 *
 * @category wire
 * @since 0.1.0
 */
export const jsonResponse = (
  requestId: string,
  status: number,
  body: unknown,
  errorType?: string,
): WireResponse =>
  errorType === undefined
    ? jsonTextResponse(requestId, status, JSON.stringify(body))
    : {
        status,
        headers: {
          'content-type': AMZ_JSON_1_1,
          'x-amzn-requestid': requestId,
          'x-amzn-errortype': errorType,
        },
        body: JSON.stringify(body),
      };

/**
 * W2: a JSON answer whose body is already JSON text (written by hand, see `response-body.ts`), with the caller
 * the handler resolved when there is one (for the listener's log).
 *
 * @category wire
 * @since 0.3.0
 */
export const jsonTextResponse = (
  requestId: string,
  status: number,
  body: string,
  caller?: Caller,
): WireResponse =>
  // One object literal of one shape per case: the listener reads these on every request.
  caller === undefined
    ? { status, headers: { 'content-type': AMZ_JSON_1_1, 'x-amzn-requestid': requestId }, body }
    : { status, headers: { 'content-type': AMZ_JSON_1_1, 'x-amzn-requestid': requestId }, body, caller };

/**
 * W2 with the profile's `deleteResponseBody: 'empty'`: a success with no body at all.
 *
 * @category wire
 * @since 0.2.0
 */
export const emptyResponse = (requestId: string, caller?: Caller): WireResponse =>
  jsonTextResponse(requestId, 200, '', caller);

/**
 * W3: `{"__type": code, "Message": text, ...members}` with the `X-Amzn-ErrorType` header. The message member is
 * cased as the error's model shape cases it: `Message` unless `messageMember` says `message` (e.g.
 * `ParameterNotFound`).
 *
 * @category wire
 * @since 0.1.0
 */
export const errorResponse = (
  requestId: string,
  status: number,
  code: string,
  message: string,
  members: Readonly<Record<string, unknown>> = {},
  messageMember: 'Message' | 'message' = 'Message',
): WireResponse =>
  jsonResponse(requestId, status, { __type: code, [messageMember]: message, ...members }, code);
