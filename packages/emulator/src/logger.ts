/**
 * The emulator's log: pino, one JSON line per event on stdout (the start, each request, the stop), `LOG_LEVEL`
 * choosing which. pino formats each line but the request lines, which `requestLogLine` writes by hand in exactly
 * pino's form (a property test holds it to pino's output). Request lines are gathered and leave together, in one
 * write, at most `maxDelayMs` (20 ms) after the first of them or as soon as `maxBytes` (32 KiB) are pending,
 * through `log-writer.ts` (UTF-8 bytes in one reused buffer, a synchronous write that waits out a full pipe, as
 * pino's synchronous destination does). Any other line (the start, a stop, a warning) is written at once, after
 * the request lines before it, so the order is kept.
 *
 * Why gathered: under load the cost of a line is mostly its write, and the process that reads the pipe (a terminal,
 * a log shipper) wakes once per write. One write per event-loop turn still meant about one write per request at
 * 5,000 requests/s, and `pnpm start` served 0.81 of the quiet listener's Gets; gathered for 20 ms, a write carries
 * about a hundred lines. Why by hand: pino's generic serialiser walks every key of every entry, 2.7 µs a line in a
 * warm loop and more behind HTTP; with it `pnpm start` served 0.83–0.89 of the quiet listener's Puts, by hand
 * 0.92–1.00. Why fields are remembered and bytes kept in a buffer: with the line written in a row of `+`s and the
 * gathered text handed to pino's destination (which counts its bytes, flattening some hundred joined lines, then
 * encodes it twice), the log still cost the Get of 3 policies 14 µs of 77 a request (`pnpm start` served 0.84 of
 * the quiet listener); now about 7 µs (0.93). A line waits at most 20 ms — less than a person notices — and
 * `flush` writes what is pending before the process exits; a process killed with SIGKILL loses at most those
 * 20 ms of request lines. For humans: `pnpm start | npx pino-pretty`.
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
import { createLogWriter } from './log-writer.js';
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

/** `JSON.stringify` of a string, remembering the last one. */
const lastQuoted = (): ((value: string) => string) => {
  let last: string | undefined;
  let quoted = '';
  return (value) => (value === last ? quoted : ((last = value), (quoted = JSON.stringify(value))));
};

/** How JSON writes 0, 0.1, … 99.9: the `ms` of nearly every request. */
const MS_STRINGS: readonly string[] = Array.from({ length: 1000 }, (_, tenths) => `${tenths / 10}`);

/**
 * The JSON line pino writes for `logger.info(entry, 'request')` with `bindings` (pino's own, `,"pid":…,"hostname":…`)
 * at epoch time `time`, ending in a newline. Strings are written as `JSON.stringify` writes them, which is what
 * pino writes for every string a request can carry (no lone surrogates: headers and paths are Latin-1).
 *
 * @category logging
 * @since 0.3.0
 */
export const requestLogLine = (bindings: string): ((e: RequestLogEntry, time: number) => string) => {
  // Under load most fields repeat from one request to the next (one method, path, caller, a few targets, the same
  // millisecond): each keeps the last value it quoted, and `ms` has its strings ready below 100 ms.
  const method = lastQuoted();
  const path = lastQuoted();
  const target = lastQuoted();
  const caller = lastQuoted();
  let lastTime = Number.NaN;
  let head = '';
  return (e, time) => {
    if (time !== lastTime) {
      lastTime = time;
      head = `{"level":30,"time":${time}${bindings},"method":`;
    }
    const tenths = Math.round(e.ms * 10);
    const ms =
      tenths / 10 === e.ms && tenths >= 0 && tenths < MS_STRINGS.length ? MS_STRINGS[tenths]! : `${e.ms}`;
    return (
      head +
      method(e.method) +
      ',"path":' +
      path(e.path) +
      ',"target":' +
      target(e.target) +
      ',"status":' +
      e.status +
      ',"ms":' +
      ms +
      ',"caller":' +
      caller(e.caller) +
      ',"requestId":' +
      JSON.stringify(e.requestId) +
      (e.detail === undefined ? '' : `,"detail":${JSON.stringify(e.detail)}`) +
      ',"msg":"request"}\n'
    );
  };
};

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
  /** Pending lines are written at once when they reach this many bytes (UTF-8). */
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
  // Room for the pending lines and one more line of up to 8 KiB: `maxBytes` is a threshold, not a hard cap.
  const writer = createLogWriter(fd, batching.maxBytes + 24 * 1024);
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    writer.flush();
  };
  // Request lines: gathered, written when the oldest has waited `maxDelayMs` or enough are pending.
  const gather = (line: string): void => {
    writer.append(line);
    if (writer.pendingBytes() >= batching.maxBytes) flush();
    // Unref'd: a pending line never keeps the process alive; `flush` at exit writes it.
    else if (timer === undefined) timer = setTimeout(flush, batching.maxDelayMs).unref();
  };
  // Every other line: at once, after the request lines before it.
  const logger = pino(
    { level },
    {
      write: (line: string): void => {
        writer.append(line);
        flush();
      },
    },
  );
  // The request line, written by hand in exactly pino's form (its level, time, its own bindings, the entry's
  // fields in order, the message): pino's generic serialiser walked every key of every entry, and under load
  // that cost the log a tenth of the throughput. `requestLogLine` is held to pino's output by a property test.
  const line = requestLogLine(pinoBindingsOf(logger));
  const requestsOn = logger.isLevelEnabled('info');
  return {
    logger,
    request: (entry) => {
      if (requestsOn) gather(line(entry, Date.now()));
    },
    flush,
  };
};
