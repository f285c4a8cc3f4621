/**
 * The bound on open connections, answered instead of silent. Node's own `maxConnections` closes a connection
 * over the bound the moment it is accepted: the client sees a reset and the operator nothing. Here a
 * connection over the bound is never given to the HTTP parser (so none of its requests runs), is answered
 * `503 ServiceUnavailable` with a request id, and is logged; only a flood beyond twice the bound falls to
 * Node's own limit, whose closes are logged too (one summary line a second).
 *
 * 503 `ServiceUnavailable` is what AWS's common errors name for "a temporary failure of the server"; the bound
 * is the server's capacity, not the caller's request rate (`ThrottlingException`, a 400), and every AWS SDK
 * retries a 503 with back-off.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createServer } from 'node:http';
 * import { limitConnections } from './connection-limit.js';
 * const server = createServer((_req, res) => res.end('ok'));
 * limitConnections(server, { maxConnections: 2, requestId: () => 'id', log: () => undefined });
 * // Node's own bound is the backstop, at twice the bound.
 * assert.equal(server.maxConnections, 4);
 *
 * @since 0.2.0
 */
import { STATUS_CODES, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { RequestLogger } from './http-listener.js';
import { errorResponse } from './wire.js';

/**
 * The bound and where refusals go.
 *
 * @category listener
 * @since 0.2.0
 */
export interface ConnectionLimit {
  readonly maxConnections: number;
  readonly requestId: () => string;
  readonly log: RequestLogger | undefined;
}

// How long a refused connection may stay open after its answer (for the client to read it and close).
const REFUSED_LINGER_MS = 1000;

const refusal = (requestId: string, max: number): string => {
  const response = errorResponse(
    requestId,
    503,
    'ServiceUnavailable',
    `The server has reached its limit of ${max} open connections; retry later.`,
  );
  const head = Object.entries(response.headers).map(([k, v]) => `${k}: ${v}\r\n`);
  return (
    `HTTP/1.1 503 ${STATUS_CODES[503]}\r\n${head.join('')}connection: close\r\n` +
    `content-length: ${Buffer.byteLength(response.body)}\r\n\r\n${response.body}`
  );
};

/**
 * Bounds the connections of a `node:http` server at `maxConnections`, answering those over it (see the
 * module's doc). Call it once, before the server listens.
 *
 * @category listener
 * @since 0.2.0
 */
export const limitConnections = (server: Server, limit: ConnectionLimit): void => {
  const max = Math.max(1, Math.floor(limit.maxConnections));
  const { log, requestId } = limit;
  // Node's own bound, for a flood faster than refusals can be answered.
  server.maxConnections = max * 2;
  let dropped = 0;
  server.on('drop', () => {
    if (dropped++ > 0 || log === undefined) return;
    setTimeout(() => {
      log({
        method: '-',
        path: '-',
        target: '-',
        status: 0,
        ms: 0,
        caller: '-',
        requestId: '-',
        detail: `${dropped} connection(s) over twice maxConnections (${max * 2}) closed without an answer`,
      });
      dropped = 0;
    }, 1000).unref();
  });

  // The HTTP server's own 'connection' listener gives each socket its parser: only sockets within the bound
  // reach it. Without it (another Node), Node's bound alone applies, at `max`.
  const parse = server.listeners('connection').find((l) => l.name === 'connectionListener') as
    ((this: Server, socket: Socket) => void) | undefined;
  if (parse === undefined) {
    server.maxConnections = max;
    return;
  }
  server.removeListener('connection', parse);
  let open = 0;
  const closed = (): void => {
    open--;
  };
  server.prependListener('connection', (socket: Socket) => {
    if (open < max) {
      open++;
      socket.once('close', closed);
      parse.call(server, socket);
      return;
    }
    const id = requestId();
    // Read and drop what the client sends, so that closing does not reset the connection before the client
    // has read the answer.
    socket.on('error', () => undefined);
    socket.resume();
    socket.end(refusal(id, max));
    setTimeout(() => socket.destroy(), REFUSED_LINGER_MS).unref();
    log?.({
      method: '-',
      path: '-',
      target: '-',
      status: 503,
      ms: 0,
      caller: '-',
      requestId: id,
      detail: `connection over maxConnections (${max})`,
    });
  });
};
