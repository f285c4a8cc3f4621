/**
 * `pnpm --filter @ssm-policy/emulator bench:pipeliners`: what pipelining clients that never read cost everyone
 * else. The built emulator (`dist/main.js`, as `pnpm start` runs it) is measured with `PIPE_CLIENTS` (default 4)
 * well-behaved keep-alive clients alone, then with `PIPE_HOSTILE` (default 10) clients that pipeline
 * GetResourcePolicies as fast as the socket takes them and never read an answer (re-opened as the server
 * closes them), each phase `PIPE_SECONDS` (default 10). Printed as a table, with ratios to the quiet phase
 * measured in the same run. Not a CI test.
 */
import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

const SECONDS = Number(process.env['PIPE_SECONDS'] ?? 10);
const CLIENTS = Number(process.env['PIPE_CLIENTS'] ?? 4);
const HOSTILE = Number(process.env['PIPE_HOSTILE'] ?? 10);

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const child = spawn(process.execPath, [MAIN], {
  env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: '0' },
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
      child.stdout!.off('data', onData).resume(); // the request log is not what is measured
      resolve(Number(m[1]));
    }
  };
  child.stdout!.on('data', onData);
  child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
});

const frame = (target: string, body: unknown): Buffer => {
  const payload = JSON.stringify(body);
  return Buffer.from(
    `POST / HTTP/1.1\r\nhost: 127.0.0.1\r\nx-amz-target: AmazonSSM.${target}\r\n` +
      `content-type: application/x-amz-json-1.1\r\n` +
      `authorization: AWS4-HMAC-SHA256 Credential=123456789012/20260101/us-east-1/ssm/aws4_request, SignedHeaders=host, Signature=0\r\n` +
      `content-length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
  );
};
const GET = frame('GetResourcePolicies', {
  ResourceArn: 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default',
});

const open = (): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });

/** One request, one answer (content-length framing only, as the emulator sends). */
const exchange = (socket: Socket, request: Buffer): Promise<number> =>
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
      resolve(Number(head.split(' ')[1]));
    };
    const onClose = (): void => {
      socket.off('data', onData);
      reject(new Error('closed'));
    };
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.write(request);
  });

let running = true;
let latencies: number[] = [];
let failures = 0;
const wellBehaved = async (): Promise<void> => {
  let socket = await open();
  while (running) {
    const started = performance.now();
    try {
      const status = await exchange(socket, GET);
      latencies.push(performance.now() - started);
      if (status !== 200) failures++;
    } catch {
      failures++;
      socket.destroy();
      socket = await open();
    }
  }
  socket.destroy();
};

let hostileOn = false;
const pipeliners = new Set<Socket>();
const pipeliner = (): void => {
  if (!hostileOn) return;
  const s = connect(port, '127.0.0.1');
  pipeliners.add(s);
  s.pause(); // never reads an answer
  const batch = Buffer.concat(Array.from({ length: 200 }, () => GET));
  const pump = (): void => {
    while (!s.destroyed && s.write(batch));
    if (!s.destroyed) s.once('drain', pump);
  };
  s.on('connect', pump);
  s.on('error', () => undefined);
  s.on('close', () => {
    pipeliners.delete(s);
    setTimeout(pipeliner, 100); // the server closed it: come back
  });
};

const percentile = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

const phase = async (): Promise<{ n: number; p50: number; p99: number; max: number; failures: number }> => {
  latencies = [];
  failures = 0;
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  return {
    n: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    // Not `Math.max(...latencies)`: spread as arguments, some hundred thousand answers overflow the stack.
    max: latencies.reduce((m, x) => (x > m ? x : m), -Infinity),
    failures,
  };
};

const clients = Array.from({ length: CLIENTS }, () => wellBehaved());
await new Promise((r) => setTimeout(r, 1000)); // warm up
const quiet = await phase();
hostileOn = true;
for (let i = 0; i < HOSTILE; i++) pipeliner();
const loud = await phase();
hostileOn = false;
running = false;
pipeliners.forEach((s) => s.destroy());
await Promise.allSettled(clients);
child.kill('SIGTERM');

const row = (name: string, r: typeof quiet): string =>
  `| ${name} | ${r.n} | ${(r.n / SECONDS).toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ` +
  `${r.max.toFixed(1)} | ${r.failures} | ${(r.p50 / quiet.p50).toFixed(2)} | ${(r.p99 / quiet.p99).toFixed(2)} |`;
console.log(
  `\n${CLIENTS} well-behaved clients (GetResourcePolicies, one at a time), ${SECONDS} s a phase; ` +
    `${HOSTILE} pipeliners that never read in the second phase\n`,
);
console.log('| phase | answers | per s | p50 ms | p99 ms | max ms | failures | p50 ratio | p99 ratio |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
console.log(row('alone', quiet));
console.log(row(`with ${HOSTILE} pipeliners`, loud));
process.exit(0);
