/**
 * `pnpm bench`: requests per second of `PutResourcePolicy` (the update path) and `GetResourcePolicies` over
 * keep-alive connections on loopback, beside a bare `node:http` server that answers a fixed 200, in the same run,
 * with the ratio. Target: at least half the bare server's rate. A third row runs the emulator's `node:http`
 * listener around a constant answer: what the HTTP layer alone costs.
 *
 * The servers run in a child process; this process drives them with a minimal HTTP/1.1 client on raw sockets
 * (cheaper than `node:http`'s client, so that the servers, not the client, are what is measured). Every scenario
 * opens its own connections. `BENCH_SECONDS` (default 3), `BENCH_ROUNDS` (default 3, the best counts), `BENCH_CONNECTIONS` (default 8) and `BENCH_ONLY`
 * (run only the scenarios whose name contains it, beside the baseline) tune it; `BENCH_NODE_OPTIONS` goes to
 * the server process (e.g. `--cpu-prof`).
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 3);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 8);
const ONLY = process.env['BENCH_ONLY'] ?? '';
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const ACCOUNT = '123456789012';
const BASELINE = 'bare node:http, fixed 200';

const debug = (m: string): void => {
  if (process.env['BENCH_DEBUG']) console.error(`[bench] ${m}`);
};

interface Answer {
  readonly status: number;
  readonly body: string;
}

interface Connection {
  send(req: Buffer): Promise<Answer>;
  close(): void;
}

interface Ports {
  readonly emulator: number;
  readonly bare: number;
  readonly listener: number;
}

const request = (target: string, body: string): Buffer =>
  Buffer.from(
    `POST / HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/x-amz-json-1.1\r\n` +
      `x-amz-target: AmazonSSM.${target}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );

/** One keep-alive connection: send, wait for the whole response (content-length framed), hand it back. */
const openConnection = (port: number): Promise<Connection> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    let buffer: Buffer = Buffer.alloc(0);
    let pending: ((r: Answer) => void) | undefined;
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
      resolve({
        close: () => socket.destroy(),
        send: (req) =>
          new Promise((answer, fail) => {
            // A lost answer fails the run instead of hanging it.
            const timer = setTimeout(() => fail(new Error(`no answer within 10 s on port ${port}`)), 10_000);
            pending = (r) => {
              clearTimeout(timer);
              answer(r);
            };
            socket.write(req);
          }),
      }),
    );
  });

/** Opens `CONNECTIONS` connections, runs `step` on each in a loop for `SECONDS`; answers requests per second. */
const measure = async (port: number, step: (c: Connection, i: number) => Promise<void>): Promise<number> => {
  const connections = await Promise.all(Array.from({ length: CONNECTIONS }, () => openConnection(port)));
  let count = 0;
  let stop = false;
  const started = performance.now();
  const timer = setTimeout(() => (stop = true), SECONDS * 1000);
  try {
    await Promise.all(
      connections.map(async (c, i) => {
        while (!stop) {
          await step(c, i);
          count++;
        }
      }),
    );
  } finally {
    clearTimeout(timer);
    for (const c of connections) c.close();
  }
  return count / ((performance.now() - started) / 1000);
};

const startServers = (): { ports: Promise<Ports>; stop(): Promise<void> } => {
  const options = (process.env['BENCH_NODE_OPTIONS'] ?? '').split(' ').filter((o) => o !== '');
  const child = spawn(
    process.execPath,
    [...options, '--import', 'tsx', fileURLToPath(new URL('./servers.ts', import.meta.url))],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ports = new Promise<Ports>((resolve, reject) => {
    let out = '';
    void exited.then(() => reject(new Error('the server process exited')));
    setTimeout(() => reject(new Error('the server process did not listen within 60 s')), 60_000).unref();
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line !== undefined && out.includes('}\n')) resolve(JSON.parse(line) as Ports);
    });
  });
  return {
    ports,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
};

const main = async (): Promise<void> => {
  const servers = startServers();
  try {
    const ports = await servers.ports;
    debug(`ports ${JSON.stringify(ports)}`);

    // One Advanced parameter holding one policy per connection; each connection updates its own.
    const arn = `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/bench/shared`;
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
    const setup = await openConnection(ports.emulator);
    // A new parameter needs its Type; a set-up step that fails stops the bench with the emulator's answer.
    const must = async (target: string, body: unknown): Promise<Answer> => {
      const r = await setup.send(request(target, JSON.stringify(body)));
      if (r.status !== 200) throw new Error(`setup failed: ${target}: ${r.body}`);
      return r;
    };
    await must('PutParameter', { Name: '/bench/shared', Value: 'v', Type: 'String', Tier: 'Advanced' });
    const owned: Array<{ PolicyId: string; PolicyHash: string }> = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const r = await must('PutResourcePolicy', { ResourceArn: arn, Policy: policy(100000000000 + i) });
      owned.push(JSON.parse(r.body) as { PolicyId: string; PolicyHash: string });
    }
    // A second parameter with a single policy: the common case (an OpsItemGroup holds at most one).
    const single = `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/bench/single`;
    await must('PutParameter', { Name: '/bench/single', Value: 'v', Type: 'String', Tier: 'Advanced' });
    await must('PutResourcePolicy', {
      ResourceArn: single,
      Policy: policy(100000000000).replace(arn, single),
    });
    setup.close();

    const getRequest = request('GetResourcePolicies', JSON.stringify({ ResourceArn: arn }));
    const getSingle = request('GetResourcePolicies', JSON.stringify({ ResourceArn: single }));
    let flip = 0;
    const scenarios: Record<string, () => Promise<number>> = {
      [BASELINE]: () => measure(ports.bare, async (c) => void (await c.send(getRequest))),
      'emulator listener, constant answer': () =>
        measure(ports.listener, async (c) => void (await c.send(getRequest))),
      'GetResourcePolicies (1 policy)': () =>
        measure(ports.emulator, async (c) => {
          const r = await c.send(getSingle);
          if (r.status !== 200) throw new Error(r.body);
        }),
      [`GetResourcePolicies (${CONNECTIONS} policies)`]: () =>
        measure(ports.emulator, async (c) => {
          const r = await c.send(getRequest);
          if (r.status !== 200) throw new Error(r.body);
        }),
      'PutResourcePolicy (update)': () =>
        measure(ports.emulator, async (c, i) => {
          const mine = owned[i]!;
          const body = JSON.stringify({
            ResourceArn: arn,
            Policy: policy(200000000000 + (flip++ % 1000)),
            ...mine,
          });
          const r = await c.send(request('PutResourcePolicy', body));
          if (r.status !== 200) throw new Error(r.body);
          owned[i] = JSON.parse(r.body) as { PolicyId: string; PolicyHash: string };
        }),
    };
    const chosen = Object.entries(scenarios).filter(([n]) => n === BASELINE || n.includes(ONLY));
    const best: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, run] of chosen) {
        debug(`round ${round}: ${name}`);
        best[name] = Math.max(best[name] ?? 0, await run());
      }
    }

    const baseline = best[BASELINE]!;
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
    const ratios = Object.entries(best)
      .filter(([n]) => n.startsWith('GetResourcePolicies') || n.startsWith('PutResourcePolicy'))
      .map(([, r]) => r / baseline);
    if (ratios.length > 0) {
      const worst = Math.min(...ratios);
      console.log(
        `\ntarget ≥ 0.50 of bare: ${worst >= 0.5 ? 'met' : 'NOT met'} (lowest ratio ${worst.toFixed(2)})`,
      );
    }
  } finally {
    await servers.stop();
  }
};

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
