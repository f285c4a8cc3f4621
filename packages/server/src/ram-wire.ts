/**
 * RAM's wire (restJson1): a success is `200` with `Content-Type: application/json` and the output members as
 * a JSON object; an error carries its code in the `x-amzn-ErrorType` header (which botocore and SDK v3 read
 * first) and `{"message": …}` in the body, RAM's errors' only member, with the status the model gives
 * (400, or 500 for `ServerInternalException`).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { ramError, ramResponse } from '@ssm-policy/server';
 * const refused = ramError('req-1', { _tag: 'UnknownResourceException', message: 'no such share' });
 * assert.equal(refused.status, 400);
 * assert.equal(refused.headers['x-amzn-errortype'], 'UnknownResourceException');
 * assert.deepEqual(JSON.parse(refused.body), { message: 'no such share' });
 * const ok = ramResponse('req-2', { returnValue: true });
 * assert.ok(ok.status === 200 && ok.headers['content-type'] === 'application/json');
 *
 * @since 0.3.0
 */
import type { WireResponse } from './wire.js';

const JSON_TYPE = 'application/json';

/**
 * A success: `200` and the output members as JSON.
 *
 * @since 0.3.0
 * @category RAM
 */
export const ramResponse = (requestId: string, body: unknown): WireResponse => ({
  status: 200,
  headers: { 'content-type': JSON_TYPE, 'x-amzn-requestid': requestId },
  body: JSON.stringify(body),
});

/**
 * A refusal: the code in `x-amzn-ErrorType`, the message in the body.
 *
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
