/**
 * The wire handler on `node:http`: a request listener that reads the body (refusing one over 1 MiB with 413
 * without reading it to its end), calls the handler, writes the response and logs one line per request (with
 * the caller the handler resolved and handed back on the response: the listener never reads `Authorization`
 * nor keeps defaults of its own, so the log shows what the handler decided); and
 * `startEmulator`, which listens on a host and port (port 0 picks a free one) and stops cleanly.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { startEmulator } from '@ssm-policy/server';
 * const emulator = await startEmulator({ port: 0 });
 * // Point an SSM client at emulator.url; an operation it does not serve is refused the AWS way.
 * const res = await fetch(emulator.url, {
 *   method: 'POST',
 *   headers: { 'x-amz-target': 'AmazonSSM.NoSuchOperation', 'content-type': 'application/x-amz-json-1.1' },
 *   body: '{}',
 * });
 * await emulator.close();
 * assert.equal(res.status, 400);
 *
 * @since 0.1.0
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_BODY_BYTES, headerValue, type WireHandler, type WireResponse } from './wire.js';
import { createWireHandler, type WireHandlerOptions } from './wire-handler.js';
import { requestEntityTooLarge, wireError } from './wire-errors.js';

/**
 * Receives one line per request.
 *
 * @category listener
 * @since 0.1.0
 */
export type RequestLogger = (line: string) => void;

/**
 * Logs each request line to the console.
 *
 * @category listener
 * @since 0.1.0
 */
export const consoleLogger: RequestLogger = (line) => console.log(line);

/**
 * The listener's own options: logging and the body size limit.
 *
 * @category listener
 * @since 0.1.0
 */
export interface ListenerOptions {
  /** Default: none (silent). `main.ts` logs to the console. */
  readonly logger?: RequestLogger;
  /** Bodies larger than this are refused with 413; default 1 MiB. */
  readonly maxBodyBytes?: number;
}

/** Writes a wire response, head and body in one write. */
const send = (res: ServerResponse, response: WireResponse, close: boolean): void => {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | number> = {
    ...response.headers,
    'content-length': Buffer.byteLength(response.body),
  };
  if (close) headers['connection'] = 'close';
  res.writeHead(response.status, headers);
  res.end(response.body);
};

/**
 * A `node:http` request listener around a wire handler.
 *
 * @category listener
 * @since 0.1.0
 */
export const createRequestListener = (
  handler: WireHandler,
  options: ListenerOptions = {},
): ((req: IncomingMessage, res: ServerResponse) => void) => {
  const log = options.logger;
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;

  return (req, res) => {
    let requestId = '-';
    // The caller the handler resolved, handed back on its response; '-' when it refused the request first.
    let caller = '-';
    const reply = (response: WireResponse, close: boolean): void => {
      requestId = response.headers['x-amzn-requestid'] ?? '-';
      if (response.caller !== undefined) caller = `${response.caller.account}/${response.caller.region}`;
      send(res, response, close);
    };
    if (log !== undefined) {
      // The log costs only when there is a logger: the benchmark and tests run without one.
      const started = performance.now();
      res.on('finish', () => {
        const target = headerValue(req.headers, 'x-amz-target') ?? '-';
        log(
          `${new Date().toISOString()} ${req.method ?? '-'} ${req.url ?? '-'} ${target} ${res.statusCode} ` +
            `${(performance.now() - started).toFixed(1)}ms ${caller} ${requestId}`,
        );
      });
    }

    // Too large: answer at once and drop the connection, without reading the rest of the body.
    const tooLarge = (): void => {
      req.removeAllListeners('data');
      req.pause();
      reply(wireError(randomUUID(), requestEntityTooLarge(limit)), true);
    };
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return tooLarge();

    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return tooLarge();
      chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (size > limit) return;
      handler({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size),
      }).then(
        (response) => reply(response, false),
        () => res.destroy(),
      );
    });
  };
};

/**
 * The wire handler's and the listener's options, and where to listen.
 *
 * @category listener
 * @since 0.1.0
 */
export interface EmulatorOptions extends WireHandlerOptions, ListenerOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** Default 4583; 0 picks a free port. */
  readonly port?: number;
}

/**
 * A listening emulator.
 *
 * @category listener
 * @since 0.1.0
 */
export interface RunningEmulator {
  /** `http://<host>:<port>`: the endpoint to give an SSM client. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly server: Server;
  /** Stops listening, lets requests in flight finish, closes idle keep-alive connections. */
  close(): Promise<void>;
}

/**
 * Loopback only, unless `HOST` says otherwise.
 *
 * @category listener
 * @since 0.1.0
 */
export const DEFAULT_HOST = '127.0.0.1';
/**
 * The emulator's default port.
 *
 * @category listener
 * @since 0.1.0
 */
export const DEFAULT_PORT = 4583;

/**
 * A `node:http` server around a wire handler built from `options` (not yet listening).
 *
 * @category listener
 * @since 0.1.0
 */
export const createEmulatorServer = (options: EmulatorOptions = {}): Server => {
  const listener = createRequestListener(createWireHandler(options), options);
  const server = createServer(listener);
  // `Expect: 100-continue`: a body declared too large is refused before the client sends it.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (Number(req.headers['content-length'] ?? 0) <= (options.maxBodyBytes ?? MAX_BODY_BYTES))
      res.writeContinue();
    listener(req, res);
  });
  // A request that is not even HTTP: answer 400 and hang up; never an uncaught error.
  server.on('clientError', (_err, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  return server;
};

/**
 * Starts the emulator and resolves once it listens.
 *
 * @category listener
 * @since 0.1.0
 */
export const startEmulator = async (options: EmulatorOptions = {}): Promise<RunningEmulator> => {
  const host = options.host ?? DEFAULT_HOST;
  const server = createEmulatorServer(options);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    server,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        // Requests in flight get a moment to finish; then every connection goes.
        const force = setTimeout(() => server.closeAllConnections(), 2000);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      })),
  };
};
