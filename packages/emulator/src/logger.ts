/**
 * The emulator's log: pino, one JSON line per event on stdout (the start, each request, the stop), `LOG_LEVEL`
 * choosing which. pino formats each line but the request lines, which `requestLogLine` writes by hand in exactly
 * pino's form (a property test holds it to pino's output). Request lines are gathered and leave together, in one
 * write, at most `maxDelayMs` (20 ms) after the first of them or as soon as `maxBytes` (32 KiB) are pending,
 * through pino's own destination in its synchronous mode (which retries a full pipe). Any other line (the start, a
 * stop, a warning) is written at once, after the request lines before it, so the order is kept.
 *
 * Why gathered: under load the cost of a line is mostly its write, and the process that reads the pipe (a terminal,
 * a log shipper) wakes once per write. One write per event-loop turn still meant about one write per request at
 * 5,000 requests/s, and `pnpm start` served 0.81 of the quiet listener's Gets; gathered for 20 ms, a write carries
 * about a hundred lines. Why by hand: pino's generic serialiser walks every key of every entry, 2.7 µs a line in a
 * warm loop and more behind HTTP; with it `pnpm start` served 0.83–0.89 of the quiet listener's Puts, by hand
 * 0.92–1.00. A line waits at most 20 ms — less than a person notices — and `flush` writes what is pending before
 * the process exits; a process killed with SIGKILL loses at most those 20 ms of request lines. For humans:
 * `pnpm start | npx pino-pretty`.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createEmulatorLog } from './logger.js';
 * // At `info` a line is JSON: {"level":30,"time":…,"pid":…,"hostname":"…","msg":"hello"}.
 * const log = createEmulatorLog('warn');
 * log.logger.info('not written: below the level');
 * log.flush();
 * assert.equal(log.logger.isLevelEnabled('info'), false);
 *
 * @since 0.1.0
 */
import { pino, type Logger } from 'pino';
import type { RequestLogEntry } from '@ssm-policy/server';
import type { LogLevel } from './settings.js';

/**
 * A pino logger on a file descriptor, and how to flush it.
 *
 * @category logging
 * @since 0.1.0
 */
export interface EmulatorLog {
  readonly logger: Logger;
  /** One `info` line per request, for the listener. */
  readonly request: (entry: RequestLogEntry) => void;
  /** Writes the lines still pending; call it before the process exits. */
  flush(): void;
}

/**
 * The JSON line pino writes for `logger.info(entry, 'request')` with `bindings` (pino's own, `,"pid":…,"hostname":…`)
 * at epoch time `time`, ending in a newline. Strings are written as `JSON.stringify` writes them, which is what
 * pino writes for every string a request can carry (no lone surrogates: headers and paths are Latin-1).
 *
 * @category logging
 * @since 0.3.0
 */
export const requestLogLine =
  (bindings: string) =>
  (e: RequestLogEntry, time: number): string =>
    `{"level":30,"time":${time}${bindings},"method":${JSON.stringify(e.method)},"path":${JSON.stringify(e.path)},` +
    `"target":${JSON.stringify(e.target)},"status":${e.status},"ms":${e.ms},"caller":${JSON.stringify(e.caller)},` +
    `"requestId":${JSON.stringify(e.requestId)}` +
    (e.detail === undefined ? '' : `,"detail":${JSON.stringify(e.detail)}`) +
    `,"msg":"request"}\n`;

/**
 * pino's own bindings of a logger (`,"pid":…,"hostname":…`), as it writes them into every line.
 *
 * @category logging
 * @since 0.3.0
 */
export const pinoBindingsOf = (logger: Logger): string =>
  (logger as unknown as Record<symbol, string>)[pino.symbols.chindingsSym] ?? '';

/**
 * How request lines are gathered before they are written.
 *
 * @category logging
 * @since 0.3.0
 */
export interface LogBatching {
  /** A request line waits at most this long. */
  readonly maxDelayMs: number;
  /** Pending lines are written at once when they reach this many characters. */
  readonly maxBytes: number;
}

/**
 * 20 ms or 32 KiB, whichever comes first.
 *
 * @category logging
 * @since 0.3.0
 */
export const DEFAULT_LOG_BATCHING: LogBatching = { maxDelayMs: 20, maxBytes: 32 * 1024 };

/**
 * The emulator's log at `level`, on stdout unless `fd` says otherwise.
 *
 * @category logging
 * @since 0.1.0
 */
export const createEmulatorLog = (
  level: LogLevel,
  fd = 1,
  batching: LogBatching = DEFAULT_LOG_BATCHING,
): EmulatorLog => {
  const destination = pino.destination({ dest: fd, sync: true });
  let pending = '';
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending === '') return;
    const lines = pending;
    pending = '';
    destination.write(lines);
  };
  // Request lines: gathered, written when the oldest has waited `maxDelayMs` or enough are pending.
  const gathered = {
    write: (line: string): void => {
      pending += line;
      if (pending.length >= batching.maxBytes) flush();
      // Unref'd: a pending line never keeps the process alive; `flush` at exit writes it.
      else if (timer === undefined) timer = setTimeout(flush, batching.maxDelayMs).unref();
    },
  };
  // Every other line: at once, after the request lines before it.
  const immediate = {
    write: (line: string): void => {
      pending += line;
      flush();
    },
  };
  const logger = pino({ level }, immediate);
  const requests = pino({ level }, gathered);
  // The request line, written by hand in exactly pino's form (its level, time, its own bindings, the entry's
  // fields in order, the message): pino's generic serialiser walked every key of every entry, and under load
  // that cost the log a tenth of the throughput. `requestLogLine` is held to pino's output by a property test.
  const line = requestLogLine(pinoBindingsOf(requests));
  const requestsOn = requests.isLevelEnabled('info');
  return {
    logger,
    request: (entry) => {
      if (requestsOn) gathered.write(line(entry, Date.now()));
    },
    flush: () => {
      flush();
      destination.flushSync();
    },
  };
};
