/**
 * RAM's wire (restJson1): a success is `200` with `Content-Type: application/json` and the output members as
 * a JSON object; an error carries its code in the `x-amzn-ErrorType` header (which botocore and SDK v3 read
 * first) and `{"message": …}` in the body, RAM's errors' only member, with the status the model gives
 * (400, or 500 for `ServerInternalException`).
 *
 * @example
 * import { ramError } from '@ssm-policy/server';
 * const res = ramError('req-1', { _tag: 'UnknownResourceException', message: 'no such share' });
 * // res.status === 400, res.headers['x-amzn-errortype'] === 'UnknownResourceException'
 *
 * @since 0.3.0
 */
import type { WireResponse } from './wire.js';

const JSON_TYPE = 'application/json';

/**
 * @since 0.3.0
 * @category RAM
 */
export const ramResponse = (requestId: string, body: unknown): WireResponse => ({
  status: 200,
  headers: { 'content-type': JSON_TYPE, 'x-amzn-requestid': requestId },
  body: JSON.stringify(body),
});

/**
 * @since 0.3.0
 * @category RAM
 */
export const ramError = (
  requestId: string,
  error: { readonly _tag: string; readonly message: string },
): WireResponse => ({
  status: error._tag === 'ServerInternalException' ? 500 : 400,
  headers: { 'content-type': JSON_TYPE, 'x-amzn-requestid': requestId, 'x-amzn-errortype': error._tag },
  body: JSON.stringify({ message: error.message }),
});
