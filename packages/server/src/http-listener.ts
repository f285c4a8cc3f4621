/**
 * The wire handler on `node:http`: a request listener that reads the body (refusing one over 1 MiB with 413
 * without reading it to its end), calls the handler, writes the response and logs one entry per answer (with
 * the caller the handler resolved and handed back on the response: the listener never reads `Authorization`
 * nor keeps defaults of its own, so the log shows what the handler decided); and `startEmulator`, which
 * listens on a host and port (port 0 picks a free one) and stops gracefully.
 *
 * Connection hygiene (issue 15): a bound on connections (one more is answered 503), header and request
 * timeouts in seconds, one request at a time per connection (pipelined requests wait their turn, one per
 * event-loop turn over all connections, so a pipelining client costs the others almost nothing), a budget of unsent answer bytes
 * per connection (a client that does not read is no longer read from, and is dropped past four times the
 * budget), and every answer Node's HTTP parser would give on its own (400, 408, 413, 417, 431)
 * given here instead, AWS-shaped, with a request id, and logged like any other.
 *
 * The order of work (issue 13): a request whose body has ended is not answered in its own 'end' event but
 * after the event loop's I/O phase, together with the other requests that phase read (up to 32 at a time):
 * their answers are all worked out, then all written, in the order the requests arrived. The answers are the
 * same and leave in the same loop turn; Node's parsing, the handler and Node's writing each run in a stretch of
 * their own, which costs the CPU far less than running them in turns.
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
import {
  STATUS_CODES,
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { Server as NetServer, type AddressInfo, type Socket } from 'node:net';
// Node's own, not the global that a test's fake timers replace: answers must not wait for a fake clock.
import { setImmediate } from 'node:timers';
import { limitConnections } from './connection-limit.js';
import { connectionTurns } from './connection-turns.js';
import {
  ANSWER_NOW,
  MAX_BODY_BYTES,
  errorResponse,
  headerValue,
  type WireHandler,
  type WireResponse,
} from './wire.js';
import { createWireHandler, type WireHandlerOptions } from './wire-handler.js';
import { requestEntityTooLarge, wireError } from './wire-errors.js';

/**
 * One answer, as the log records it. Every answer the emulator gives has one, including those to requests
 * Node's parser refused and to timeouts (`method`, `path` and `target` are `-` when no request was parsed).
 *
 * @category logging
 * @since 0.2.0
 */
export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  /** `X-Amz-Target`, or `-`. */
  readonly target: string;
  readonly status: number;
  /** From the request's arrival to its answer written to the socket, in milliseconds. */
  readonly ms: number;
  /** `account/region` of the caller the handler resolved (W6); `-` when it refused the request first. */
  readonly caller: string;
  /** `x-amzn-RequestId`. */
  readonly requestId: string;
  /** What went wrong, for the operator only (a 500's cause, a parser error's code); never sent to the client. */
  readonly detail?: string;
}

/**
 * Receives one entry per answer. A structured entry, not a line, so that a real logger (the emulator's pino)
 * writes its own JSON and nothing formats a line it would not print.
 *
 * @category logging
 * @since 0.1.0
 */
export type RequestLogger = (entry: RequestLogEntry) => void;

// A field is written bare only when it is printable ASCII without spaces or quotes; anything else is written
// as a JSON string with every non-ASCII character escaped, so no client input can add a field or a line.
const BARE = /^[\x21\x23-\x7e]+$/;
const quoted = (value: string): string =>
  BARE.test(value)
    ? value
    : JSON.stringify(value).replace(
        /[^\x20-\x7e]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      );

/**
 * The log line of an entry: space-separated fields, each either bare or a JSON string, so that a field can
 * never be forged through spaces, quotes or newlines in a client's input (`X-Amz-Target`, the path, …).
 *
 * @category logging
 * @since 0.2.0
 */
export const formatRequestLogLine = (e: RequestLogEntry, at: Date = new Date()): string =>
  `${at.toISOString()} ${quoted(e.method)} ${quoted(e.path)} ${quoted(e.target)} ${e.status} ${e.ms.toFixed(1)}ms ` +
  `${quoted(e.caller)} ${quoted(e.requestId)}` +
  (e.detail === undefined ? '' : ` detail=${JSON.stringify(e.detail).replace(/[^\x20-\x7e]/g, '?')}`);

/**
 * One line of text per answer on stdout, through `console.log` (synchronous: for tests and small tools).
 *
 * @category logging
 * @since 0.1.0
 */
export const consoleLogger: RequestLogger = (entry) => console.log(formatRequestLogLine(entry));

/**
 * The listener's own options: logging and the body size limit.
 *
 * @category listener
 * @since 0.1.0
 */
export interface ListenerOptions {
  /** Default: none (silent). The emulator's `main.ts` gives its pino log's request writer; `consoleLogger` prints lines. */
  readonly logger?: RequestLogger;
  /** Bodies larger than this are refused with 413; default 1 MiB. */
  readonly maxBodyBytes?: number;
  /**
   * Answer bytes a connection may leave unread before the server stops reading its further requests
   * (default 256 KiB); at four times this the connection is closed. Bounds what a pipelining client that
   * never reads can make the process hold.
   */
  readonly maxUnsentBytes?: number;
  /** Request ids for the answers the listener gives itself (parser errors, timeouts); default random UUIDs. */
  readonly requestId?: () => string;
}

/**
 * 256 KiB of unsent answers per connection before it is no longer read.
 *
 * @category logging
 * @since 0.2.0
 */
export const DEFAULT_MAX_UNSENT_BYTES = 256 * 1024;

/**
 * Writes a wire response, head and body in one write (the body's kept bytes when the handler has them: Node
 * then neither counts nor encodes the text); false when the response was already gone.
 *
 * The head goes to `writeHead` as a flat list of names and values, not as an object. Why: on Node 20 an object
 * spread from the handler's headers (`{ ...headers, 'content-length': n }`) made Node's own header writing
 * (`_storeHeader`) slow: 2.0–2.7 µs a response against 0.45–0.53 µs for the list, measured on the same three
 * headers (a CPU profile of Put create under load had `send` and `_storeHeader` at 2.5 µs a request, against
 * 0.1 µs for the bare server's literal object). The bytes on the wire are the same.
 */
const send = (res: ServerResponse, response: WireResponse, close: boolean): boolean => {
  if (res.headersSent || res.destroyed) return false;
  const bytes = response.bodyBytes;
  const fields = response.headers;
  const head: Array<string | number> = [];
  for (const name of Object.keys(fields)) head.push(name, fields[name]!);
  head.push('content-length', bytes === undefined ? Buffer.byteLength(response.body) : bytes.byteLength);
  if (close) head.push('connection', 'close');
  res.writeHead(response.status, head);
  res.end(bytes ?? response.body);
  return true;
};

/** The log entry of an answer: the request id and the caller the handler resolved come with the response. */
const logEntry = (req: IncomingMessage, response: WireResponse, started: number): RequestLogEntry => {
  const caller = response.caller;
  const entry: RequestLogEntry = {
    method: req.method ?? '-',
    path: req.url ?? '-',
    target: headerValue(req.headers, 'x-amz-target') ?? '-',
    status: response.status,
    ms: Math.round((performance.now() - started) * 10) / 10,
    caller: caller === undefined ? '-' : `${caller.account}/${caller.region}`,
    requestId: response.headers['x-amzn-requestid'] ?? '-',
  };
  return response.detail === undefined ? entry : { ...entry, detail: response.detail };
};

/** The listener's own answers: what Node's parser or a timeout refused, in AWS's shape. */
interface ListenerRefusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

const expectationFailed: ListenerRefusal = {
  status: 417,
  code: 'ExpectationFailedException',
  message: 'Only "Expect: 100-continue" is supported.',
};

/**
 * What Node's HTTP parser or its timers refused, by the error's code, as Node itself would answer it.
 *
 * @category logging
 * @since 0.2.0
 */
export const parserRefusal = (code: string | undefined): ListenerRefusal => {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        code: 'RequestTimeoutException',
        message: 'The request was not received in time.',
      };
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        code: 'RequestHeaderFieldsTooLargeException',
        message: 'The request headers are too large.',
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return {
        status: 413,
        code: 'RequestEntityTooLargeException',
        message: 'The chunk extensions are too large.',
      };
    default:
      return { status: 400, code: 'BadRequestException', message: 'The request is not valid HTTP/1.1.' };
  }
};

const refusalResponse = (requestId: string, refusal: ListenerRefusal): WireResponse =>
  errorResponse(requestId, refusal.status, refusal.code, refusal.message);

/** The answer as raw bytes, for a socket that has no `ServerResponse` (a request the parser refused). */
const rawAnswer = (response: WireResponse): string => {
  const head = Object.entries(response.headers).map(([k, v]) => `${k}: ${v}\r\n`);
  return (
    `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? 'Error'}\r\n${head.join('')}` +
    `connection: close\r\ncontent-length: ${Buffer.byteLength(response.body)}\r\n\r\n${response.body}`
  );
};

/** The listener and what the server around it needs of it. */
interface Listener {
  (req: IncomingMessage, res: ServerResponse): void;
  /** Answers a request Node's parser refused or timed out, on its socket, and logs it. */
  refuseOnSocket(error: NodeJS.ErrnoException, socket: Socket): void;
  /** From now on answers close their connection (a graceful stop). */
  drain(): void;
}

/** Requests worked out before their answers are written (see `workOut` in the listener). */
const BATCH_SIZE = 32;

/**
 * Runs every job, even after one throws: a fault in one request's answer must not leave the requests after it
 * unanswered. Answers the first fault, for the caller to rethrow once all are done (as it would have been
 * thrown from the request's own 'end' event).
 */
const runEach = (jobs: ReadonlyArray<() => void>): { readonly error: unknown } | undefined => {
  let failure: { readonly error: unknown } | undefined;
  for (const job of jobs) {
    try {
      job();
    } catch (error) {
      failure ??= { error };
    }
  }
  return failure;
};

const buildListener = (handler: WireHandler, options: ListenerOptions): Listener => {
  const log = options.logger;
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const unsentBudget = options.maxUnsentBytes ?? DEFAULT_MAX_UNSENT_BYTES;
  const nextRequestId = options.requestId ?? randomUUID;
  let draining = false;

  // The handler's synchronous form when it has one: an answer from memory then costs no promise.
  const answer = handler[ANSWER_NOW] ?? handler;

  const serve = (req: IncomingMessage, res: ServerResponse): void => {
    // The log costs only when there is a logger: the benchmark and tests run without one.
    const started = log === undefined ? 0 : performance.now();
    const reply = (response: WireResponse, close: boolean): void => {
      // Answered in a batch: written once every answer of the batch is worked out (see `workOut`).
      if (unwritten !== undefined) unwritten.push(() => write(response, close));
      else write(response, close);
    };
    const write = (response: WireResponse, close: boolean): void => {
      // A graceful stop closes each connection with the answer to the last request it has waiting.
      const closing = close || (draining && !turns.waiting(req.socket));
      const sent = send(res, response, closing);
      turns.done(req.socket, closing);
      // Logged once the answer is written to the socket (no 'finish' listener per request).
      if (sent && log !== undefined) log(logEntry(req, response, started));
    };

    // An expectation other than 100-continue (Node hands those to 'checkExpectation'): 417, as AWS-shaped.
    const expect = headerValue(req.headers, 'expect');
    if (expect !== undefined && expect.toLowerCase() !== '100-continue') {
      req.resume();
      return reply(refusalResponse(nextRequestId(), expectationFailed), true);
    }

    // Too large: answer at once and drop the connection, without reading the rest of the body.
    const tooLarge = (): void => {
      req.removeAllListeners('data');
      req.pause();
      reply(wireError(nextRequestId(), requestEntityTooLarge(limit)), true);
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
      work.push(answerIt);
      if (work.length === 1) setImmediate(workOut);
    });
    const answerIt = (): void => {
      let response: WireResponse | Promise<WireResponse>;
      try {
        response = answer({
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          headers: req.headers,
          body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size),
          ...(req.socket.remoteAddress === undefined ? {} : { sourceIp: req.socket.remoteAddress }),
        });
      } catch (e) {
        response = Promise.reject(e);
      }
      if (!(response instanceof Promise)) return reply(response, false);
      response.then(
        (r) => reply(r, false),
        (e: unknown) => {
          // The handler never rejects; if a custom one does, the client gets a bare 500 and the log the cause.
          const id = nextRequestId();
          reply(
            {
              ...errorResponse(id, 500, 'InternalServerError', `An internal error occurred (request ${id}).`),
              detail: e instanceof Error ? e.message : String(e),
            },
            true,
          );
        },
      );
    };
  };

  // The order of work (see the module's header). Why: Node's parsing, the handler and Node's writing each run
  // in a stretch of their own and stay in the CPU's caches. Measured with an external load generator (10
  // connections), CPU per request: Put create 161–196 → 129–147 µs, Get of 3 policies 104–129 → 83–92 µs; with
  // one connection, 2–12% more (nothing to batch, the deferral still costs). BATCH_SIZE at a time, so that with
  // hundreds of connections at once the first answers need not wait for the last ones to be worked out.
  let work: Array<() => void> = [];
  let unwritten: Array<() => void> | undefined;
  const workOut = (): void => {
    const due = work;
    work = [];
    let failure: { readonly error: unknown } | undefined;
    for (let from = 0; from < due.length; from += BATCH_SIZE) {
      const batch = due.length <= BATCH_SIZE ? due : due.slice(from, from + BATCH_SIZE);
      const answers: Array<() => void> = [];
      unwritten = answers;
      const worked = runEach(batch);
      unwritten = undefined;
      const written = runEach(answers);
      failure ??= worked ?? written;
    }
    if (failure !== undefined) throw failure.error;
  };

  // One request at a time per connection; pipelined ones wait their turn (see connection-turns.ts).
  const turns = connectionTurns(serve, unsentBudget);
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    if (turns.admit(req, res)) serve(req, res);
  };

  const refuseOnSocket = (error: NodeJS.ErrnoException, socket: Socket): void => {
    // A client that went away needs no answer, and the log no line: nothing was asked.
    if (error.code === 'ECONNRESET' || error.code === 'EPIPE') {
      socket.destroy();
      return;
    }
    const pending = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (!socket.writable || pending?.headersSent === true) {
      socket.destroy();
      return;
    }
    const requestId = nextRequestId();
    const refusal = parserRefusal(error.code);
    socket.end(rawAnswer(refusalResponse(requestId, refusal)));
    // A request whose listener is still waiting for its body gets no second answer from the listener.
    pending?.destroy();
    log?.({
      method: '-',
      path: '-',
      target: '-',
      status: refusal.status,
      ms: 0,
      caller: '-',
      requestId,
      detail: error.code ?? error.message,
    });
  };

  return Object.assign(listener, {
    refuseOnSocket,
    drain: () => {
      draining = true;
    },
  });
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
): ((req: IncomingMessage, res: ServerResponse) => void) => buildListener(handler, options);

/**
 * Limits of the connections the emulator's server accepts, and how it stops.
 *
 * @category listener
 * @since 0.2.0
 */
export interface ConnectionOptions {
  /**
   * At most this many open connections; one more is answered `503 ServiceUnavailable` and closed (and logged).
   * Default 512.
   */
  readonly maxConnections?: number;
  /** Seconds a client has to send a request's headers (408 after). Default 10. */
  readonly headersTimeoutSeconds?: number;
  /** Seconds a client has to send a whole request, headers and body (408 after). Default 30. */
  readonly requestTimeoutSeconds?: number;
  /** Seconds an idle keep-alive connection stays open. Default 5. */
  readonly keepAliveTimeoutSeconds?: number;
  /** Seconds a graceful stop (`close()`, SIGTERM) waits for requests in flight before closing every connection. Default 10. */
  readonly shutdownTimeoutSeconds?: number;
}

/**
 * The wire handler's and the listener's options, and where to listen.
 *
 * @category listener
 * @since 0.1.0
 */
export interface EmulatorOptions extends WireHandlerOptions, ListenerOptions, ConnectionOptions {
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
  /**
   * A graceful stop: accepts what is already queued, stops listening, answers every request already received
   * (each answer closes its connection), closes idle connections, and after `shutdownTimeoutSeconds` closes
   * whatever is left.
   */
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
 * Connections the listener accepts at once when none is configured.
 *
 * @category logging
 * @since 0.2.0
 */
export const DEFAULT_MAX_CONNECTIONS = 512;
/**
 * Seconds a client has to send a request's headers.
 *
 * @category logging
 * @since 0.2.0
 */
export const DEFAULT_HEADERS_TIMEOUT_SECONDS = 10;
/**
 * Seconds a client has to send a whole request.
 *
 * @category logging
 * @since 0.2.0
 */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 30;
/**
 * Seconds an idle kept-alive connection stays open.
 *
 * @category logging
 * @since 0.2.0
 */
export const DEFAULT_KEEP_ALIVE_TIMEOUT_SECONDS = 5;
/**
 * Seconds a graceful stop waits for requests in flight.
 *
 * @category logging
 * @since 0.2.0
 */
export const DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 10;

const servers = new WeakMap<Server, Listener>();

/**
 * A `node:http` server around a wire handler built from `options` (not yet listening).
 *
 * @category listener
 * @since 0.1.0
 */
export const createEmulatorServer = (options: EmulatorOptions = {}): Server => {
  const requestId = options.requestId ?? randomUUID;
  const listener = buildListener(createWireHandler({ ...options, requestId }), { ...options, requestId });
  const ms = (seconds: number | undefined, fallback: number): number =>
    Math.round((seconds ?? fallback) * 1000);
  const headersTimeout = ms(options.headersTimeoutSeconds, DEFAULT_HEADERS_TIMEOUT_SECONDS);
  const requestTimeout = Math.max(
    headersTimeout,
    ms(options.requestTimeoutSeconds, DEFAULT_REQUEST_TIMEOUT_SECONDS),
  );
  const server = createServer(
    {
      headersTimeout,
      requestTimeout,
      keepAliveTimeout: ms(options.keepAliveTimeoutSeconds, DEFAULT_KEEP_ALIVE_TIMEOUT_SECONDS),
      // Node checks both timeouts on this interval (30 s by default): check often enough that seconds mean seconds.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 4))),
    },
    listener,
  );
  limitConnections(server, {
    maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    requestId,
    log: options.logger,
  });
  // `Expect: 100-continue`: a body declared too large is refused before the client sends it.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (Number(req.headers['content-length'] ?? 0) <= (options.maxBodyBytes ?? MAX_BODY_BYTES))
      res.writeContinue();
    listener(req, res);
  });
  // Any other expectation: the listener answers 417 itself, AWS-shaped and logged.
  server.on('checkExpectation', listener);
  // What the parser refuses (not HTTP, headers too large) and timeouts: answered AWS-shaped, logged; never a crash.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) =>
    listener.refuseOnSocket(err, socket),
  );
  servers.set(server, listener);
  return server;
};

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A graceful stop of a server made by `createEmulatorServer`: see `RunningEmulator.close`.
 *
 * @category server
 * @since 0.2.0
 */
export const stopGracefully = async (server: Server, timeoutSeconds: number): Promise<void> => {
  const deadline = Date.now() + timeoutSeconds * 1000;
  servers.get(server)?.drain();
  const force = setTimeout(() => server.closeAllConnections(), timeoutSeconds * 1000);
  let idle: NodeJS.Timeout | undefined;
  try {
    // Connections the kernel has queued but Node has not accepted yet are reset when the listening socket
    // closes: keep accepting until none has arrived for a moment (bounded by the deadline), then stop.
    // "A moment" is 100 ms AND three turns of the event loop: each timer turn passes through a poll phase,
    // which accepts everything queued, so a process starved of CPU (one timer firing 100 ms late) still
    // looks at its queue before it closes.
    let last = Date.now();
    let turns = 0;
    const seen = (): void => {
      last = Date.now();
      turns = 0;
    };
    server.on('connection', seen);
    while ((Date.now() - last < 100 || turns < 3) && Date.now() < deadline) {
      await delay(25);
      turns += 1;
    }
    server.off('connection', seen);
    const closed = new Promise<void>((resolve) => {
      // `net.Server`'s close, not `http.Server`'s: the latter at once closes every connection that has no
      // request in progress, and a connection accepted a moment ago whose request is still unread in its
      // socket counts as such; it would be reset. Stop listening, let three more turns read what the
      // accepted connections hold, then close the idle ones: a busy one closes after its answer
      // (`connection: close`), and one that was between requests is closed on a later round.
      NetServer.prototype.close.call(server, () => resolve());
    });
    for (let turn = 0; turn < 3; turn += 1) await delay(25);
    server.closeIdleConnections();
    idle = setInterval(() => server.closeIdleConnections(), 100);
    await closed;
  } finally {
    clearTimeout(force);
    clearInterval(idle);
  }
};

/** Starts the emulator and resolves once it listens. */
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
      (closing ??= stopGracefully(
        server,
        options.shutdownTimeoutSeconds ?? DEFAULT_SHUTDOWN_TIMEOUT_SECONDS,
      )),
  };
};
