/**
 * `pnpm bench`: requests per second of `PutResourcePolicy` (the update path) and `GetResourcePolicies` over
 * keep-alive connections on loopback, beside a bare `node:http` server that answers a fixed 200, in the same run,
 * with the ratio. Target: at least half the bare server's rate.
 *
 * The servers run in a child process; this process drives them with a minimal HTTP/1.1 client on raw sockets
 * (cheaper than `node:http`'s client, so that the servers, not the client, are what is measured).
 * `BENCH_SECONDS` (default 3) and `BENCH_CONNECTIONS` (default 8) tune it.
 */
import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 3);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 8);
const ROUNDS = 2;
/** Only the scenarios whose name contains this (and the bare baseline), e.g. for a profile. */
const ONLY = process.env['BENCH_ONLY'] ?? '';
const debug = (m: string): void => void (process.env['BENCH_DEBUG'] && console.error(`[bench] ${m}`));
const ACCOUNT = '123456789012';

const request = (target: string, body: string): Buffer =>
  Buffer.from(
    `POST / HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/x-amz-json-1.1\r\n` +
      `x-amz-target: AmazonSSM.${target}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );

/** One keep-alive connection: send, wait for the whole response, hand its body back. */
const openConnection = (port: number): Promise<(req: Buffer) => Promise<{ status: number; body: string }>> =>
  new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    let buffer: Buffer = Buffer.alloc(0);
    let pending: ((r: { status: number; body: string }) => void) | undefined;
    socket.on('data', (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffer.subarray(0, end).toString('latin1');
      const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffer.length < end + 4 + length) return;
      const body = buffer.subarray(end + 4, end + 4 + length).toString('utf8');
      buffer = buffer.subarray(end + 4 + length);
      const done = pending;
      pending = undefined;
      done?.({ status: Number(head.slice(9, 12)), body });
    });
    socket.on('error', reject);
    socket.on('connect', () =>
      resolve(
        (req) =>
          new Promise((answer, fail) => {
            // A lost answer must fail the run, not hang it.
            const timer = setTimeout(() => fail(new Error(`no answer within 10 s on port ${port}`)), 10_000);
            pending = (r) => {
              clearTimeout(timer);
              answer(r);
            };
            socket.write(req);
          }),
      ),
    );
  });

type Send = Awaited<ReturnType<typeof openConnection>>;

/** Runs `step` on every connection in a loop for `SECONDS`; answers requests per second. */
const measure = async (sends: Send[], step: (send: Send, i: number) => Promise<void>): Promise<number> => {
  let count = 0;
  let stop = false;
  const started = performance.now();
  setTimeout(() => (stop = true), SECONDS * 1000);
  await Promise.all(
    sends.map(async (send, i) => {
      while (!stop) {
        await step(send, i);
        count++;
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
};

interface Ports {
  readonly emulator: number;
  readonly bare: number;
  readonly listener: number;
}

const main = async (): Promise<void> => {
  const child = spawn(
    process.execPath,
    [
      ...(process.env['BENCH_NODE_OPTIONS'] ?? '').split(' ').filter((o) => o !== ''),
      '--import',
      'tsx',
      fileURLToPath(new URL('./servers.ts', import.meta.url)),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const ports = await new Promise<Ports>((resolve, reject) => {
    let out = '';
    child.on('exit', (code) => reject(new Error(`the server process exited with ${code}`)));
    setTimeout(() => reject(new Error('the server process did not listen within 60 s')), 60_000).unref();
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line !== undefined && out.includes('}\n')) resolve(JSON.parse(line) as Ports);
    });
  });
  debug(`ports ${JSON.stringify(ports)}`);
  try {
    const emulator = await Promise.all(
      Array.from({ length: CONNECTIONS }, () => openConnection(ports.emulator)),
    );
    const bare = await Promise.all(Array.from({ length: CONNECTIONS }, () => openConnection(ports.bare)));
    const listener = await Promise.all(
      Array.from({ length: CONNECTIONS }, () => openConnection(ports.listener)),
    );

    debug('connected');
    // One Advanced parameter; each connection owns one policy on it and keeps its current hash.
    const arn = `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/bench/shared`;
    const setup = emulator[0]!;
    await setup(
      request('PutParameter', JSON.stringify({ Name: '/bench/shared', Value: 'v', Tier: 'Advanced' })),
    );
    const policy = (principal: number): string =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: String(principal) },
            Action: 'ssm:GetParameter',
            Resource: arn,
          },
        ],
      });
    const owned: Array<{ PolicyId: string; PolicyHash: string }> = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const r = await setup(
        request('PutResourcePolicy', JSON.stringify({ ResourceArn: arn, Policy: policy(100000000000 + i) })),
      );
      if (r.status !== 200) throw new Error(`setup failed: ${r.body}`);
      owned.push(JSON.parse(r.body) as { PolicyId: string; PolicyHash: string });
    }

    const bareRequest = request('GetResourcePolicies', JSON.stringify({ ResourceArn: arn }));
    const getRequest = bareRequest;
    let flip = 0;
    const scenarios: Record<string, () => Promise<number>> = {
      'bare node:http, fixed 200': () => measure(bare, async (send) => void (await send(bareRequest))),
      'emulator listener, constant answer': () =>
        measure(listener, async (send) => void (await send(bareRequest))),
      'GetResourcePolicies (8 policies)': () =>
        measure(emulator, async (send) => {
          const r = await send(getRequest);
          if (r.status !== 200) throw new Error(r.body);
        }),
      'PutResourcePolicy (update)': () =>
        measure(emulator, async (send, i) => {
          const mine = owned[i]!;
          const body = JSON.stringify({
            ResourceArn: arn,
            Policy: policy(200000000000 + (flip++ % 1000)),
            ...mine,
          });
          const r = await send(request('PutResourcePolicy', body));
          if (r.status !== 200) throw new Error(r.body);
          owned[i] = JSON.parse(r.body) as { PolicyId: string; PolicyHash: string };
        }),
    };
    const best: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, run] of Object.entries(scenarios).filter(
        ([n]) => n.includes(ONLY) || n.startsWith('bare'),
      )) {
        debug(`round ${round}: ${name}`);
        best[name] = Math.max(best[name] ?? 0, await run());
      }
    }
    const baseline = best['bare node:http, fixed 200']!;
    console.log(
      `\n@ssm-policy/server: ${CONNECTIONS} keep-alive connections, best of ${ROUNDS} × ${SECONDS}s, Node ${process.version}\n`,
    );
    console.log('| scenario | requests/s | vs bare |');
    console.log('|---|---:|---:|');
    for (const [name, rate] of Object.entries(best)) {
      console.log(
        `| ${name} | ${Math.round(rate).toLocaleString('en-US')} | ${(rate / baseline).toFixed(2)} |`,
      );
    }
    const worst = Math.min(
      best['GetResourcePolicies (8 policies)']! / baseline,
      best['PutResourcePolicy (update)']! / baseline,
    );
    console.log(
      `\ntarget ≥ 0.50 of bare: ${worst >= 0.5 ? 'met' : 'NOT met'} (lowest ratio ${worst.toFixed(2)})`,
    );
  } finally {
    child.removeAllListeners('exit');
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await gone;
  }
  process.exit(0);
};

await main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
