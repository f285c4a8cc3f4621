/**
 * Log lines on a file descriptor, gathered as UTF-8 bytes in one reused buffer and written with one synchronous
 * `write(2)` (or as many as the pipe takes) when asked. The emulator's log (`logger.ts`) decides when.
 *
 * Why not pino's destination (sonic-boom): it is handed text, so a write of gathered lines first counted the
 * text's bytes (flattening the string of some hundred joined lines), then encoded it, then encoded it again to
 * find what was left; under load that was about a third of the request log's cost. Here each line is encoded
 * once, into the buffer, and the buffer is written as it is.
 *
 * What a full or closed pipe does, as pino's synchronous destination does it:
 * - `EAGAIN` (a non-blocking pipe that is full) or `EBUSY`: the process waits a little and writes the rest, so
 *   no line is lost and none is torn; a reader that never reads stops the process, as with any blocking write.
 * - `EPIPE` (nobody reads the pipe any more), or `ECONNRESET` or `ENOTCONN` (the same for a socket: what Node's
 *   `child_process` gives a child as its stdout, and a reader that leaves with lines unread resets it): the log
 *   stops writing, silently, and the process goes on serving. (A `pnpm bench:pipeliners` run found the emulator
 *   dead of an `ECONNRESET` on stdout when the bench that started it left first.)
 * - Any other error is thrown to the caller.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { createLogWriter } from './log-writer.js';
 * const path = join(mkdtempSync(join(tmpdir(), 'log-')), 'out.log');
 * const fd = openSync(path, 'w');
 * const writer = createLogWriter(fd, 1024);
 * writer.append('{"msg":"café"}\n');
 * assert.equal(writer.pendingBytes(), 16); // é is two bytes
 * assert.equal(readFileSync(path, 'utf8'), '');
 * writer.flush();
 * closeSync(fd);
 * assert.equal(readFileSync(path, 'utf8'), '{"msg":"café"}\n');
 *
 * @since 0.3.0
 */
import { writeSync } from 'node:fs';

/**
 * Lines waiting for one write.
 *
 * @category logging
 * @since 0.3.0
 */
export interface LogWriter {
  /** Adds a line (with its newline); written at once only when it would not fit beside what is pending. */
  append(line: string): void;
  /** The bytes appended and not yet written. */
  pendingBytes(): number;
  /** Writes every pending byte, waiting out a full pipe. */
  flush(): void;
}

/** How long a write into a full pipe waits before it tries again (pino's destination waits 100 ms). */
const FULL_PIPE_WAIT_MS = 10;

const pause = new Int32Array(new SharedArrayBuffer(4));

/** The errors of a write whose reader has gone: a pipe's, and a socket's. */
const READER_GONE: ReadonlySet<string> = new Set(['EPIPE', 'ECONNRESET', 'ENOTCONN']);

/**
 * `fs.writeSync`'s form that the writer calls: `write(fd, bytes, offset, length)`, answering the bytes written.
 *
 * @category logging
 * @since 0.4.0
 */
export type WriteBytes = (fd: number, bytes: Uint8Array, offset: number, length: number) => number;

/** Writes all of `bytes`; true unless the pipe's reader is gone. */
const writeAll = (write: WriteBytes, fd: number, bytes: Uint8Array): boolean => {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += write(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== undefined && READER_GONE.has(code)) return false;
      if (code !== 'EAGAIN' && code !== 'EBUSY') throw error;
      Atomics.wait(pause, 0, 0, FULL_PIPE_WAIT_MS);
    }
  }
  return true;
};

/**
 * A writer on `fd` whose buffer holds `capacity` bytes (at least 4 KiB): the caller flushes before that, at
 * its own threshold; a line that does not fit beside the pending ones makes them leave first, and a line longer
 * than the whole buffer is written on its own. `write` is `fs.writeSync` unless a test injects a fault that a
 * real descriptor cannot give on demand (a socket's `ECONNRESET`).
 *
 * @category logging
 * @since 0.3.0
 */
export const createLogWriter = (fd: number, capacity: number, write: WriteBytes = writeSync): LogWriter => {
  const buffer = Buffer.allocUnsafe(Math.max(capacity, 4096));
  let used = 0;
  let open = true;
  const flush = (): void => {
    if (used === 0) return;
    const bytes = buffer.subarray(0, used);
    used = 0;
    if (open) open = writeAll(write, fd, bytes);
  };
  return {
    append: (line) => {
      // A UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair, two units, is 4): a bound without a count.
      if (line.length * 3 > buffer.length - used) {
        flush();
        if (line.length * 3 > buffer.length) {
          if (open) open = writeAll(write, fd, Buffer.from(line, 'utf8'));
          return;
        }
      }
      used += buffer.write(line, used);
    },
    pendingBytes: () => used,
    flush,
  };
};
