/**
 * `pnpm --filter @ssm-policy/emulator bench:soak`: the built emulator (`dist/main.js`, as `pnpm start` runs it)
 * under mixed traffic with hostile clients interleaved, its RSS sampled, printed as a table. Not a CI test: it
 * runs for `SOAK_SECONDS` (default 600; 60–120 is enough to see a trend) and prints what it measured.
 *
 * Traffic: `SOAK_CLIENTS` (default 8) keep-alive clients loop over PutParameter, PutResourcePolicy,
 * GetResourcePolicies, GetParameter, DeleteResourcePolicy and DeleteParameter. Every `SOAK_WAVE_SECONDS`
 * (default 5) a wave of hostile clients joins: 50 slow bodies (1 MiB − 1 declared, 64 KiB sent, then nothing),
 * 10 pipeliners that never read (2 MB of requests each), 20 oversized headers and 20 connections of bytes that are not HTTP. The
 * emulator runs with its defaults, except what `SOAK_ENV` (`A=1,B=2`) sets.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

const SECONDS = Number(process.env['SOAK_SECONDS'] ?? 600);
const CLIENTS = Number(process.env['SOAK_CLIENTS'] ?? 8);
const WAVE_SECONDS = Number(process.env['SOAK_WAVE_SECONDS'] ?? 5);
const ROWS = Number(process.env['SOAK_ROWS'] ?? 12);
const extraEnv = Object.fromEntries(
  (process.env['SOAK_ENV'] ?? '')
    .split(',')
    .filter((kv) => kv.includes('='))
    .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
);

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const child = spawn(process.execPath, [MAIN], {
  env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: '0', ...extraEnv },
  stdio: ['ignore', 'pipe', 'inherit'],
});
// However this process ends (a failure included), the emulator it started ends with it.
process.once('exit', () => child.kill('SIGTERM'));
const port = await new Promise<number>((resolve, reject) => {
  let seen = '';
  const onData = (d: Buffer): void => {
    seen += d.toString();
    const m = /listening on http:\/\/[^:]+:(\d+)/.exec(seen);
    if (m) {
      // The request log is not what is measured: read it and drop it.
      child.stdout!.off('data', onData).resume();
      resolve(Number(m[1]));
    }
  };
  child.stdout!.on('data', onData);
  child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
});

const rssMb = (): number => {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

// ------------------------------------------------------------------------------------------------
// ordinary clients: one request at a time on a keep-alive connection, a minimal HTTP/1.1 client
// ------------------------------------------------------------------------------------------------

interface Window {
  ok: number;
  clientErrors: number;
  serverErrors: number;
  failures: number;
  latencies: number[];
  hostileAnswers: Map<number, number>;
}
const fresh = (): Window => ({
  ok: 0,
  clientErrors: 0,
  serverErrors: 0,
  failures: 0,
  latencies: [],
  hostileAnswers: new Map(),
});
let window = fresh();
let running = true;
let firstRefusal: string | undefined;

const frame = (target: string, body: unknown, account: string): Buffer => {
  const payload = JSON.stringify(body);
  return Buffer.from(
    `POST / HTTP/1.1\r\nhost: 127.0.0.1\r\nx-amz-target: AmazonSSM.${target}\r\n` +
      `content-type: application/x-amz-json-1.1\r\n` +
      `authorization: AWS4-HMAC-SHA256 Credential=${account}/20260101/us-east-1/ssm/aws4_request, SignedHeaders=host, Signature=0\r\n` +
      `content-length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
  );
};

/** Sends one request and resolves with status and body (content-length framing only, as the emulator sends). */
const exchange = (socket: Socket, request: Buffer): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const onData = (d: Buffer): void => {
      buf = Buffer.concat([buf, d]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buf.subarray(0, end).toString('latin1');
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
      if (buf.length < end + 4 + length) return;
      socket.off('data', onData);
      socket.off('close', onClose);
      resolve({
        status: Number(head.split(' ')[1]),
        body: buf.subarray(end + 4, end + 4 + length).toString('utf8'),
      });
    };
    const onClose = (): void => {
      socket.off('data', onData);
      reject(new Error('closed'));
    };
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.write(request);
  });

const open = (): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });

const ordinaryClient = async (n: number): Promise<void> => {
  const account = String(100000000000 + n);
  let socket = await open();
  if (process.env['SOAK_DEBUG']) console.error('[ordinary] connected', n);
  let i = 0;
  while (running) {
    const name = `/soak/${n}/${i++ % 500}`;
    const arn = `arn:aws:ssm:us-east-1:${account}:parameter${name}`;
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: '210987654321' }, Action: 'ssm:GetParameter', Resource: arn },
      ],
    });
    const steps: Array<[string, () => unknown]> = [
      [
        'PutParameter',
        () => ({ Name: name, Value: 'v'.repeat(2000), Type: 'String', Tier: 'Advanced', Overwrite: true }),
      ],
      ['PutResourcePolicy', () => ({ ResourceArn: arn, Policy: policy })],
      ['GetResourcePolicies', () => ({ ResourceArn: arn })],
      ['GetParameter', () => ({ Name: name })],
      ['DeleteParameter', () => ({ Name: name })],
    ];
    for (const [target, body] of steps) {
      const started = performance.now();
      try {
        const r = await exchange(socket, frame(target, body(), account));
        window.latencies.push(performance.now() - started);
        if (r.status === 200) window.ok++;
        else if (r.status >= 500) window.serverErrors++;
        else window.clientErrors++;
        // Every ordinary step should succeed: the first refusal says whether the load script is broken.
        if (r.status !== 200) firstRefusal ??= `${target}: ${r.status} ${r.body.slice(0, 200)}`;
      } catch {
        window.failures++;
        socket.destroy();
        socket = await open();
      }
    }
  }
  socket.destroy();
};

// ------------------------------------------------------------------------------------------------
// hostile clients
// ------------------------------------------------------------------------------------------------

/** A connection that sends `head` (and maybe more) and records the status of whatever answer comes. */
const hostile = (send: (s: Socket) => void, holdMs: number): void => {
  const s = connect(port, '127.0.0.1');
  let first = '';
  s.on('error', () => undefined);
  s.on('connect', () => send(s));
  s.on('data', (d) => {
    if (process.env['SOAK_DEBUG']) console.error('[hostile data]', d.length);
    if (first === '') {
      first = d.toString('latin1', 0, 16);
      const status = Number(first.split(' ')[1]);
      window.hostileAnswers.set(status, (window.hostileAnswers.get(status) ?? 0) + 1);
    }
  });
  setTimeout(() => s.destroy(), holdMs).unref();
};

const KINDS = (process.env['SOAK_KINDS'] ?? 'slow,pipe,big,junk').split(',');
const wave = (): void => {
  const get = frame(
    'GetResourcePolicies',
    { ResourceArn: 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default' },
    '123456789012',
  );
  if (KINDS.includes('slow'))
    for (let i = 0; i < 50; i++)
      hostile((s) => {
        s.write(
          `POST / HTTP/1.1\r\nhost: x\r\nx-amz-target: AmazonSSM.GetResourcePolicies\r\ncontent-length: ${1024 * 1024 - 1}\r\n\r\n`,
        );
        s.write(Buffer.alloc(64 * 1024, 0x20));
      }, 60_000);
  if (KINDS.includes('pipe'))
    for (let i = 0; i < 10; i++)
      hostile((s) => {
        s.pause(); // never reads
        // 2 MB of pipelined requests (some 6,000), written as the socket takes them, then silence.
        const batch = Buffer.concat(Array.from({ length: 200 }, () => get));
        let left = Math.ceil((2 * 1024 * 1024) / batch.length);
        const pump = (): void => {
          while (!s.destroyed && left > 0 && s.write(batch)) left--;
          if (!s.destroyed && left > 0) s.once('drain', pump);
        };
        pump();
      }, WAVE_SECONDS * 1000);
  if (KINDS.includes('big'))
    for (let i = 0; i < 20; i++)
      hostile((s) => s.write(`POST / HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(32 * 1024)}\r\n\r\n`), 5000);
  if (KINDS.includes('junk'))
    for (let i = 0; i < 20; i++) hostile((s) => s.write('\x00\x01\x02 not http\r\n\r\n'), 5000);
};

// ------------------------------------------------------------------------------------------------
// run and sample
// ------------------------------------------------------------------------------------------------

const percentile = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

const rows: string[][] = [];
const started = Date.now();
const startRss = rssMb();
let peakRss = startRss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, rssMb());
}, 250);
const rowEvery = (SECONDS * 1000) / ROWS;
const printer = setInterval(() => {
  const w = window;
  window = fresh();
  const hostileText = [...w.hostileAnswers].map(([s, n]) => `${s}×${n}`).join(' ') || '-';
  rows.push([
    ((Date.now() - started) / 1000).toFixed(0),
    rssMb().toFixed(0),
    peakRss.toFixed(0),
    String(w.ok),
    String(w.clientErrors),
    String(w.serverErrors),
    String(w.failures),
    percentile(w.latencies, 50).toFixed(1),
    percentile(w.latencies, 99).toFixed(1),
    hostileText,
  ]);
  console.error(`[soak] ${rows.at(-1)!.join(' | ')}`);
}, rowEvery);
const waves = setInterval(wave, WAVE_SECONDS * 1000);
if (process.env['SOAK_HOSTILE'] !== '0') wave();

const clients = Array.from({ length: CLIENTS }, (_, n) => ordinaryClient(n));
await new Promise((r) => setTimeout(r, SECONDS * 1000 + 100));
running = false;
clearInterval(waves);
clearInterval(printer);
clearInterval(sampler);
await Promise.allSettled(clients);
const alive = child.exitCode === null;
child.kill('SIGTERM');
const code = await new Promise<number | null>((r) =>
  child.exitCode !== null ? r(child.exitCode) : child.once('exit', (c) => r(c)),
);

console.log(
  `\nSoak: ${SECONDS} s, ${CLIENTS} ordinary clients, a hostile wave every ${WAVE_SECONDS} s; ` +
    `RSS at start ${startRss.toFixed(0)} MB; emulator alive at the end: ${alive}; exit code after SIGTERM: ${code}\n`,
);
const header = [
  't (s)',
  'RSS MB',
  'peak MB',
  '200s',
  '4xx',
  '5xx',
  'conn lost',
  'p50 ms',
  'p99 ms',
  'hostile answers',
];
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map((h, i) => (i === header.length - 1 ? '---' : '---:')).join(' | ')} |`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log(
  firstRefusal === undefined
    ? '\nEvery ordinary request was answered 200.'
    : `\nThe first ordinary request not answered 200: ${firstRefusal}`,
);
process.exit(0);
