// The request log's batching (issue 13): request lines are gathered and written together, any other line at
// once and in order, and nothing is lost at `flush`. A real file descriptor, read back.
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '@ssm-policy/server';
import { createEmulatorLog, pinoBindingsOf, requestLogLine } from '../src/logger.js';

const entry = (n: number): RequestLogEntry => ({
  method: 'POST',
  path: '/',
  target: 'AmazonSSM.GetResourcePolicies',
  status: 200,
  ms: 0.1,
  caller: '123456789012/us-east-1',
  requestId: `req-${n}`,
});

const opened: number[] = [];
const logFile = (): { fd: number; read: () => Array<Record<string, unknown>> } => {
  const path = join(mkdtempSync(join(tmpdir(), 'log-')), 'out.log');
  const fd = openSync(path, 'w');
  opened.push(fd);
  return {
    fd,
    read: () =>
      readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
};
afterEach(() => {
  for (const fd of opened.splice(0)) closeSync(fd);
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('the emulator log', () => {
  it('gathers request lines for maxDelayMs, then writes them together', async () => {
    const file = logFile();
    const log = createEmulatorLog('info', file.fd, { maxDelayMs: 40, maxBytes: 1 << 20 });
    log.request(entry(1));
    log.request(entry(2));
    expect(file.read()).toEqual([]);
    await sleep(120);
    expect(file.read().map((e) => e['requestId'])).toEqual(['req-1', 'req-2']);
  });

  it('writes at once when maxBytes are pending', () => {
    const file = logFile();
    const log = createEmulatorLog('info', file.fd, { maxDelayMs: 60_000, maxBytes: 500 });
    for (let n = 0; n < 3; n++) log.request(entry(n));
    // A line is about 200 characters: the third brings the pending text past 500.
    expect(file.read().map((e) => e['requestId'])).toEqual(['req-0', 'req-1', 'req-2']);
    log.flush();
  });

  it('writes any other line at once, after the request lines before it', () => {
    const file = logFile();
    const log = createEmulatorLog('info', file.fd, { maxDelayMs: 60_000, maxBytes: 1 << 20 });
    log.request(entry(1));
    log.logger.warn('the store is slow');
    log.request(entry(2));
    expect(file.read().map((e) => e['requestId'] ?? e['msg'])).toEqual(['req-1', 'the store is slow']);
    log.flush();
    expect(file.read().map((e) => e['requestId'] ?? e['msg'])).toEqual([
      'req-1',
      'the store is slow',
      'req-2',
    ]);
  });

  it('writes nothing below its level', () => {
    const file = logFile();
    const log = createEmulatorLog('warn', file.fd);
    log.request(entry(1));
    log.logger.info('not written');
    log.flush();
    expect(file.read()).toEqual([]);
  });
});

describe('the request line', () => {
  // What a request can carry: Latin-1 (headers, paths), and any well-formed text in `detail`.
  const latin1 = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)) });
  // Any duration, and mostly the tenths the listener gives (whose text the line has ready below 100 ms).
  const ms = fc.oneof(
    fc.integer({ min: 0, max: 1500 }).map((tenths) => tenths / 10),
    fc.double({ min: 0, max: 1e6, noNaN: true }).map((ms) => Math.round(ms * 10) / 10),
    fc.double({ min: 0, max: 1e6, noNaN: true }),
    fc.constantFrom(0.30000000000000004, 99.94999999999999, 100, 1e21),
  );
  const entry = fc.record(
    {
      method: latin1,
      path: latin1,
      target: latin1,
      status: fc.integer({ min: 100, max: 599 }),
      ms,
      caller: latin1,
      requestId: latin1,
      detail: fc.string({ unit: 'grapheme' }),
    },
    { requiredKeys: ['method', 'path', 'target', 'status', 'ms', 'caller', 'requestId'] },
  );
  // Lines in a row through one line function, as under load: fields and times repeat (the function keeps the
  // last of each), or change.
  const lines = fc.array(
    fc.tuple(
      fc.oneof(entry, fc.constant(undefined)),
      fc.oneof(fc.integer({ min: 0, max: 2 ** 42 }), fc.constant(undefined)),
    ),
    { minLength: 1, maxLength: 8 },
  );
  test.prop([entry, fc.integer({ min: 0, max: 2 ** 42 }), lines], { numRuns: 300 })(
    'is the line pino writes for the entry, one line after another',
    (first, firstTime, rest) => {
      const written: string[] = [];
      let time = firstTime;
      const viaPino = pino(
        { level: 'info', timestamp: () => `,"time":${time}` },
        { write: (l: string) => void written.push(l) },
      );
      const line = requestLogLine(pinoBindingsOf(viaPino));
      let e = first;
      for (const [next, nextTime] of [[first, firstTime] as const, ...rest]) {
        // A step without its own entry or time repeats the one before.
        e = next ?? e;
        time = nextTime ?? time;
        viaPino.info(e, 'request');
        expect(line(e, time)).toBe(written.at(-1));
      }
    },
  );
});
