// The request log's writer (issue 13): what it is given leaves as UTF-8, whole and in order, through a full pipe
// too; a pipe nobody reads any more stops the log, not the process. Real files and FIFOs, read back.
import { spawn, execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createLogWriter } from '../src/log-writer.js';

const scratch = (): string => mkdtempSync(join(tmpdir(), 'log-writer-'));

/** A FIFO at a new path, with no one at either end yet. */
const fifo = (): string => {
  const path = join(scratch(), 'fifo');
  execFileSync('mkfifo', [path]);
  return path;
};

/** A line of about `size` characters with its newline. */
const line = (n: number, size = 200): string => `{"n":${n},"pad":"${'x'.repeat(size)}"}\n`;

describe('the log writer', () => {
  // Any text (lone surrogates included: both sides write U+FFFD for them), lines shorter and longer than the
  // buffer, flushed at any points: the file holds exactly the UTF-8 of what was appended, in order.
  test.prop(
    [
      fc.array(
        fc.oneof(
          fc.tuple(fc.constant('append' as const), fc.string({ unit: 'binary', maxLength: 40 })),
          fc.tuple(
            fc.constant('append' as const),
            fc.string({ unit: 'grapheme', minLength: 1000, maxLength: 3000 }),
          ),
          fc.tuple(fc.constant('flush' as const), fc.constant('')),
        ),
        { maxLength: 30 },
      ),
    ],
    // Shrinking lines of thousands of characters, a file each run, takes minutes: the first failure is enough.
    { numRuns: 100, endOnFailure: true },
  )('writes the UTF-8 of every line appended, in order', (steps) => {
    const path = join(scratch(), 'out.log');
    const fd = openSync(path, 'w');
    try {
      const writer = createLogWriter(fd, 4096);
      for (const [step, text] of steps) {
        if (step === 'append') writer.append(text);
        else writer.flush();
      }
      writer.flush();
      expect(writer.pendingBytes()).toBe(0);
      const appended = steps.filter(([step]) => step === 'append').map(([, text]) => text);
      expect(readFileSync(path).equals(Buffer.from(appended.join(''), 'utf8'))).toBe(true);
    } finally {
      closeSync(fd);
    }
  });

  it('keeps lines until flushed, and counts their bytes', () => {
    const path = join(scratch(), 'out.log');
    const fd = openSync(path, 'w');
    const writer = createLogWriter(fd, 8192);
    writer.append('é\n');
    writer.append('𝄞\n');
    expect(writer.pendingBytes()).toBe(3 + 5);
    expect(readFileSync(path, 'utf8')).toBe('');
    writer.flush();
    expect(readFileSync(path, 'utf8')).toBe('é\n𝄞\n');
    closeSync(fd);
  });

  it('writes the pending lines first when a line would not fit beside them', () => {
    const path = join(scratch(), 'out.log');
    const fd = openSync(path, 'w');
    const writer = createLogWriter(fd, 4096);
    writer.append(line(1, 1000));
    writer.append(line(2, 1000));
    // Room is judged at 3 bytes a character: a third line of about 1,000 does not fit beside 2,000 bytes.
    expect(readFileSync(path, 'utf8')).toBe('');
    writer.append(line(3, 1000));
    expect(readFileSync(path, 'utf8')).toBe(line(1, 1000) + line(2, 1000));
    writer.flush();
    expect(readFileSync(path, 'utf8')).toBe(line(1, 1000) + line(2, 1000) + line(3, 1000));
    closeSync(fd);
  });

  it('waits out a full pipe and loses nothing (EAGAIN)', async () => {
    const path = fifo();
    // Read and write, non-blocking: the open does not wait for a reader, and a full pipe answers EAGAIN.
    const fd = openSync(path, constants.O_RDWR | constants.O_NONBLOCK);
    try {
      // The situation is real: this pipe takes part of 1 MiB, then refuses the rest.
      expect(writeSync(fd, Buffer.alloc(1 << 20, 0x20))).toBeLessThan(1 << 20);
      expect(() => writeSync(fd, Buffer.alloc(1 << 20, 0x20))).toThrow(/EAGAIN/);
    } finally {
      closeSync(fd);
    }

    const fresh = fifo();
    const out = join(scratch(), 'read.log');
    // A reader that opens the pipe at once and reads it late: until then the pipe (64 KiB) fills and the
    // writer's writes are refused.
    const reader = spawn('sh', ['-c', `exec 3< "${fresh}"; sleep 0.3; exec cat <&3 > "${out}"`]);
    onTestFinished(() => void reader.kill());
    const done = new Promise<void>((resolve) => reader.once('exit', () => resolve()));
    let writerFd: number | undefined;
    while (writerFd === undefined) {
      try {
        writerFd = openSync(fresh, constants.O_WRONLY | constants.O_NONBLOCK);
      } catch (error) {
        // ENXIO: the reader has not opened its end yet.
        if ((error as NodeJS.ErrnoException).code !== 'ENXIO') throw error;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    const writer = createLogWriter(writerFd, 32 * 1024);
    const expected: string[] = [];
    for (let n = 0; n < 2000; n++) {
      writer.append(line(n));
      expected.push(line(n));
      if (n % 100 === 99) writer.flush();
    }
    writer.flush();
    // The writer leaves: `cat` sees the end of the pipe once it has read everything.
    closeSync(writerFd);
    await done;
    expect(readFileSync(out, 'utf8')).toBe(expected.join(''));
  });

  it('stops writing, without throwing, when nobody reads the pipe any more (EPIPE)', () => {
    const path = fifo();
    const readFd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const writeFd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
    closeSync(readFd);
    expect(() => writeSync(writeFd, 'x')).toThrow(/EPIPE/);
    const writer = createLogWriter(writeFd, 4096);
    writer.append(line(1));
    expect(() => writer.flush()).not.toThrow();
    writer.append(line(2));
    expect(() => writer.flush()).not.toThrow();
    expect(writer.pendingBytes()).toBe(0);
    closeSync(writeFd);
  });

  // A socket (what Node's child_process gives a child as stdout) whose reader left with lines unread answers the
  // next write with ECONNRESET; one shut down, ENOTCONN. Neither can be made on demand: injected here. The
  // emulator, started by a bench that exited first, died of an uncaught ECONNRESET before these counted.
  for (const code of ['ECONNRESET', 'ENOTCONN']) {
    it(`stops writing, without throwing, when the socket's reader is gone (${code})`, () => {
      const calls: number[] = [];
      const writer = createLogWriter(99, 4096, (_fd, _bytes, _offset, length) => {
        calls.push(length);
        throw Object.assign(new Error(`${code}: injected`), { code });
      });
      writer.append(line(1));
      expect(() => writer.flush()).not.toThrow();
      writer.append(line(2));
      expect(() => writer.flush()).not.toThrow();
      writer.append('x'.repeat(5000) + '\n'); // longer than the buffer: the path that writes a line alone
      expect(writer.pendingBytes()).toBe(0);
      // Tried once; after that the log is off and nothing more is written.
      expect(calls).toEqual([Buffer.byteLength(line(1))]);
    });
  }

  it('writes the rest after a partial write, and throws an error that says nothing about the reader (EIO)', () => {
    const written: string[] = [];
    let refuse = false;
    const writer = createLogWriter(99, 4096, (_fd, bytes, offset, length) => {
      if (refuse) throw Object.assign(new Error('EIO: injected'), { code: 'EIO' });
      const n = Math.min(length, 7);
      written.push(Buffer.from(bytes.subarray(offset, offset + n)).toString('utf8'));
      return n;
    });
    writer.append(line(1));
    writer.flush();
    expect(written.join('')).toBe(line(1));
    refuse = true;
    writer.append(line(2));
    expect(() => writer.flush()).toThrow(/EIO/);
  });

  it('throws any other write error', () => {
    const path = join(scratch(), 'out.log');
    closeSync(openSync(path, 'w'));
    // Open for reading only: a write is refused with EBADF.
    const fd = openSync(path, 'r');
    const writer = createLogWriter(fd, 4096);
    writer.append(line(1));
    expect(() => writer.flush()).toThrow(/EBADF/);
    closeSync(fd);
  });
});
