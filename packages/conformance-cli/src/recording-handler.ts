/**
 * The SDK client's HTTP handler, wrapped: every request is bounded by a timeout (a hung endpoint gives a
 * `TimeoutError`, never a hang), and every exchange is recorded as it went over the wire (`RawExchange`), so
 * that reports show what the endpoint sent rather than what the SDK made of it. `within(task)` also hands the
 * exchanges made by one task back to it: an `AsyncLocalStorage` follows the task through the SDK, so that
 * concurrent calls each see their own.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { GetResourcePoliciesCommand, SSMClient } from '@aws-sdk/client-ssm';
 * import { makeRecorder } from './recording-handler.js';
 * const recorder = makeRecorder({ timeoutMs: 2_000 });
 * const client = new SSMClient({
 *   region: 'us-east-1',
 *   endpoint: 'http://127.0.0.1:1', // nothing listens: the exchange records the failure
 *   credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
 *   maxAttempts: 1,
 *   // The SDK's handler type differs only in its AbortSignal flavour under exactOptionalPropertyTypes.
 *   requestHandler: recorder.handler as never,
 * });
 * const { error, exchanges } = await recorder.within(() =>
 *   client.send(new GetResourcePoliciesCommand({ ResourceArn: 'arn:aws:ssm:us-east-1:123456789012:parameter/a' })),
 * );
 * client.destroy();
 * assert.ok(error !== undefined);
 * assert.equal(exchanges[0]?.operation, 'GetResourcePolicies');
 *
 * @since 0.1.0
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { operationOf, type RawExchange } from './raw-exchange.js';

/** The parts of the SDK's `HttpRequest` and `HttpResponse` this module reads. */
interface SdkRequest {
  readonly method: string;
  readonly path: string;
  readonly query?: Record<string, unknown>;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}
interface SdkResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  body?: unknown;
}
interface HandlerOptions {
  readonly abortSignal?: AbortSignal;
  readonly requestTimeout?: number;
}
type HandleResult = Promise<{ response: SdkResponse }>;

/**
 * The SDK request handler that records each exchange and bounds it by the run's timeout.
 *
 * @category command line
 * @since 0.2.0
 */
export interface RecordingHandler {
  handle(request: SdkRequest, options?: HandlerOptions): HandleResult;
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): Record<string, unknown>;
  destroy(): void;
}

/**
 * The recording handler, and the exchanges each task made.
 *
 * @category command line
 * @since 0.2.0
 */
export interface Recorder {
  /** Pass as the SDK client's `requestHandler`. */
  readonly handler: RecordingHandler;
  /** The latest exchange of any task. */
  last(): RawExchange | undefined;
  /** Runs `task`; answers its value (or its error) together with the exchanges it made, also those of a
   * `within` nested in it. */
  within<A>(task: () => Promise<A>): Promise<{
    readonly value?: A;
    readonly error?: unknown;
    readonly exchanges: ReadonlyArray<RawExchange>;
  }>;
}

const decoder = new TextDecoder();

const bytesOf = async (body: unknown): Promise<Uint8Array> => {
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body !== null && typeof body === 'object' && Symbol.asyncIterator in body) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>)
      chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
    return Buffer.concat(chunks);
  }
  return new Uint8Array();
};

const lowerCase = (h: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

/**
 * The headers as a report may show them: a session token is a secret, and a signature lets anyone who reads
 * the report send the same request again within minutes, so both are redacted; so is the access key id,
 * which names whose credentials these are. The credential scope (date, region, service) and the signed
 * headers stay, since a signing mistake shows there.
 *
 * @category command line
 * @since 0.2.0
 */
export const redactHeaders = (h: Readonly<Record<string, string>>): Record<string, string> => {
  const out: Record<string, string> = { ...h };
  if (out['x-amz-security-token'] !== undefined) out['x-amz-security-token'] = '(redacted)';
  const auth = out['authorization'];
  if (auth !== undefined)
    out['authorization'] = /^AWS4-HMAC-SHA256 /.test(auth)
      ? auth
          .replace(/Credential=[^/,\s]*/, 'Credential=(redacted)')
          .replace(/Signature=[^,\s]*/, 'Signature=(redacted)')
      : '(redacted)';
  return out;
};

const timeoutError = (ms: number): Error => {
  const e = new Error(`no answer within ${ms / 1000} s (--timeout)`);
  e.name = 'TimeoutError';
  return e;
};

/**
 * A recorder over Node's HTTP handler, with `timeoutMs` for each request.
 *
 * @category command line
 * @since 0.2.0
 */
export const makeRecorder = (options: { readonly timeoutMs: number }): Recorder => {
  const inner = new NodeHttpHandler({ connectionTimeout: options.timeoutMs });
  // The exchange lists of every `within` the current task runs in, outermost first: a nested `within` (a
  // trace around a call that records its own) sees what its callee sees.
  const slot = new AsyncLocalStorage<ReadonlyArray<RawExchange[]>>();
  let latest: RawExchange | undefined;

  const record = (x: RawExchange): void => {
    latest = x;
    for (const exchanges of slot.getStore() ?? []) exchanges.push(x);
  };

  const handle = async (request: SdkRequest, handlerOptions: HandlerOptions = {}): HandleResult => {
    const started = performance.now();
    const headers = lowerCase(request.headers);
    const raw = {
      operation: operationOf(headers['x-amz-target']),
      request: {
        method: request.method,
        path: request.path,
        headers: redactHeaders(headers),
        body: decoder.decode(await bytesOf(request.body)),
      },
    };
    const elapsed = (): number => Math.round(performance.now() - started);
    const abort = new AbortController();
    const outer = handlerOptions.abortSignal;
    const onAbort = (): void => abort.abort();
    outer?.addEventListener('abort', onAbort, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const answer = await Promise.race([
        (async () => {
          const { response } = await inner.handle(request as never, { abortSignal: abort.signal as never });
          // Read the whole body now, bounded by the same timeout, and hand the SDK the bytes.
          const bytes = await bytesOf(response.body);
          response.body = bytes;
          return response as unknown as SdkResponse;
        })(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            abort.abort();
            reject(timeoutError(options.timeoutMs));
          }, options.timeoutMs);
        }),
      ]);
      record({
        ...raw,
        response: {
          status: answer.statusCode,
          headers: lowerCase(answer.headers),
          body: decoder.decode(answer.body as Uint8Array),
        },
        ms: elapsed(),
      });
      return { response: answer };
    } catch (e) {
      record({ ...raw, error: e instanceof Error ? e.message || e.name : String(e), ms: elapsed() });
      throw e;
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    }
  };

  return {
    handler: {
      handle,
      updateHttpClientConfig: (key, value) => inner.updateHttpClientConfig(key, value),
      httpHandlerConfigs: () => inner.httpHandlerConfigs() as Record<string, unknown>,
      destroy: () => inner.destroy(),
    },
    last: () => latest,
    within: async (task) => {
      const exchanges: RawExchange[] = [];
      try {
        const value = await slot.run([...(slot.getStore() ?? []), exchanges], task);
        return { value, exchanges };
      } catch (error) {
        return { error, exchanges };
      }
    },
  };
};
