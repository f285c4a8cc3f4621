/**
 * The emulator's log: pino, one JSON line per event on stdout (the start, each request, the stop), `LOG_LEVEL`
 * choosing which. Lines leave asynchronously (`sync: false`): under load many lines go out in one write instead
 * of one blocking write each, and when the emulator is idle each line goes out at once. `flush` writes what is
 * pending, before the process exits. For humans: `pnpm start | npx pino-pretty`.
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
 * The emulator's log at `level`, on stdout unless `fd` says otherwise.
 *
 * @category logging
 * @since 0.1.0
 */
export const createEmulatorLog = (level: LogLevel, fd = 1): EmulatorLog => {
  const destination = pino.destination({ dest: fd, sync: false });
  const logger = pino({ level }, destination);
  return {
    logger,
    request: (entry) => logger.info(entry, 'request'),
    flush: () => destination.flushSync(),
  };
};
