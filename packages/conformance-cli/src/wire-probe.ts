/**
 * Sends one SSM request through the SDK (so it is signed as the endpoint expects) and hands back the raw HTTP
 * answer: status, headers and body text. A `tamper` replaces the body or the `X-Amz-Target` after the SDK
 * serialized the request and before it signs it, which is how the wire checks (W4, W5) send requests the SDK
 * itself would never form. The SDK's own reading of the answer is ignored.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { GetResourcePoliciesCommand, SSMClient } from '@aws-sdk/client-ssm';
 * import { startEmulator } from '@ssm-policy/server';
 * import { codeOf, probe } from './wire-probe.js';
 * const emulator = await startEmulator({ port: 0 });
 * const client = new SSMClient({ region: 'us-east-1', endpoint: emulator.url, credentials: { accessKeyId: 'AKID', secretAccessKey: 's' } });
 * const ResourceArn = 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default';
 * // The body is swapped for one no SDK would send, before the SDK signs the request.
 * const raw = await probe(client, new GetResourcePoliciesCommand({ ResourceArn }), { body: '[]' });
 * client.destroy();
 * await emulator.close();
 * assert.ok(raw.status === 400 && codeOf(raw) === 'SerializationException');
 *
 * @since 0.1.0
 */
import type { SSMClient } from '@aws-sdk/client-ssm';

/**
 * An HTTP answer, unparsed.
 *
 * @category command line
 * @since 0.1.0
 */
export interface RawAnswer {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * What to change in a signed request before it is sent.
 *
 * @category command line
 * @since 0.1.0
 */
export interface Tamper {
  readonly body?: string;
  /** The operation name after `AmazonSSM.`. */
  readonly target?: string;
}

interface MutableRequest {
  headers: Record<string, string>;
  body?: unknown;
}

interface MutableResponse {
  statusCode: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** The parts of an SDK command this module touches. */
interface ProbeCommand {
  readonly middlewareStack: {
    add(middleware: unknown, options: Record<string, unknown>): void;
  };
}

const readBody = async (body: unknown): Promise<Uint8Array> => {
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body !== null && typeof body === 'object' && Symbol.asyncIterator in body) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>)
      chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
  return new Uint8Array();
};

/**
 * Sends an SDK command, tampered with before it is signed, and answers the raw HTTP answer.
 *
 * @category command line
 * @since 0.1.0
 */
export const probe = async (
  client: SSMClient,
  command: ProbeCommand,
  tamper: Tamper = {},
): Promise<RawAnswer> => {
  let answer: RawAnswer | undefined;
  command.middlewareStack.add(
    (next: (args: { request: unknown }) => Promise<unknown>) => async (args: { request: unknown }) => {
      const request = args.request as MutableRequest;
      if (tamper.body !== undefined) {
        request.body = tamper.body;
        request.headers['content-length'] = String(new TextEncoder().encode(tamper.body).length);
      }
      if (tamper.target !== undefined) request.headers['x-amz-target'] = `AmazonSSM.${tamper.target}`;
      return next(args);
    },
    // After serialization and content-length, before signing.
    { step: 'build', priority: 'low', name: 'conformanceWireTamper' },
  );
  command.middlewareStack.add(
    (next: (args: unknown) => Promise<{ response: unknown }>) => async (args: unknown) => {
      const out = await next(args);
      const response = out.response as MutableResponse;
      const bytes = await readBody(response.body);
      response.body = bytes;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(response.headers)) headers[k.toLowerCase()] = v;
      answer = { status: response.statusCode, headers, body: new TextDecoder().decode(bytes) };
      return out;
    },
    // Inside the SDK's deserializer: the raw response, before it is read.
    { step: 'deserialize', priority: 'low', name: 'conformanceWireCapture' },
  );
  try {
    await client.send(command as never);
  } catch {
    // The SDK's reading of an error answer does not matter here; a transport failure leaves `answer` unset.
  }
  if (answer === undefined) throw new Error('the endpoint gave no HTTP answer');
  return answer;
};

/**
 * The JSON body, or `undefined` when it is not JSON.
 *
 * @category command line
 * @since 0.1.0
 */
export const jsonOf = (answer: RawAnswer): unknown => {
  try {
    return JSON.parse(answer.body);
  } catch {
    return undefined;
  }
};

/**
 * The error code of the body's `__type` (without a `namespace#` prefix).
 *
 * @category command line
 * @since 0.1.0
 */
export const codeOf = (answer: RawAnswer): string | undefined => {
  const body = jsonOf(answer);
  const type =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['__type'] : undefined;
  return typeof type === 'string' ? type.slice(type.lastIndexOf('#') + 1) : undefined;
};

/**
 * The code of the `X-Amzn-ErrorType` header (without a `:…` suffix).
 *
 * @category command line
 * @since 0.1.0
 */
export const headerCodeOf = (answer: RawAnswer): string | undefined =>
  answer.headers['x-amzn-errortype']?.split(':')[0];
