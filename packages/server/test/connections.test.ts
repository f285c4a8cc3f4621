/**
 * Connection hygiene over real sockets (issue 15): answers Node's parser and its timers give are AWS-shaped,
 * carry a request id and are logged; connections are bounded; a client that does not read stops being read;
 * log fields cannot be forged; a 500 says nothing of its cause; `GET /health` reports the store.
 */
import { connect, type Socket } from 'node:net';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
import { storageError, type PolicyRepository } from '@ssm-policy/core';
import { formatRequestLogLine, startEmulator, type RunningEmulator } from '@ssm-policy/server';
import { OPS_ARN, paramArn, parameterPolicy, rawCall } from '@ssm-policy/server/testing';

const GET = 'AmazonSSM.GetResourcePolicies';
const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

const start = async (options: Parameters<typeof startEmulator>[0] = {}) => {
  const lines: string[] = [];
  const emulator = await startEmulator({
    port: 0,
    logger: (entry) => lines.push(formatRequestLogLine(entry)),
    shutdownTimeoutSeconds: 2,
    ...options,
  });
  running.push(emulator);
  return { emulator, lines };
};

/** Writes `head` on a fresh connection and collects what comes back until the server closes it. */
const exchange = (port: number, head: string | Buffer, waitMs = 5000): Promise<string> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let response = '';
    socket.on('data', (d) => (response += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(response));
    socket.on('connect', () => socket.write(head));
    setTimeout(() => socket.destroy(), waitMs).unref();
  });

/** Status, lower-case headers and JSON body of one raw HTTP/1.1 answer. */
const parse = (
  raw: string,
): { status: number; headers: Record<string, string>; json: Record<string, unknown> } => {
  const [head = '', body = ''] = raw.split('\r\n\r\n', 2);
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    json: JSON.parse(body) as Record<string, unknown>,
  };
};

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The answer is AWS-shaped, with a request id that the one log line for it names. */
const expectAwsShaped = (raw: string, status: number, type: string, lines: string[]) => {
  const answer = parse(raw);
  expect(answer.status).toBe(status);
  expect(answer.json['__type']).toBe(type);
  expect(answer.headers['x-amzn-errortype']).toBe(type);
  const id = answer.headers['x-amzn-requestid'];
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  const logged = lines.filter((l) => l.includes(id!));
  expect(logged).toHaveLength(1);
  expect(logged[0]).toContain(` ${status} `);
};

describe("W1 Node's parser answers, AWS-shaped and logged", () => {
  it('W1 bytes that are not HTTP: 400 BadRequestException with a request id, logged', async () => {
    const { emulator, lines } = await start();
    const raw = await exchange(emulator.port, '\x00\x01\x02 garbage\r\n\r\n');
    expectAwsShaped(raw, 400, 'BadRequestException', lines);
    expect((await rawCall(emulator.url, GET, JSON.stringify({ ResourceArn: OPS_ARN }))).status).toBe(200);
  });

  it('W1 headers over 16 KB: 431 RequestHeaderFieldsTooLargeException, logged', async () => {
    const { emulator, lines } = await start();
    const raw = await exchange(
      emulator.port,
      `POST / HTTP/1.1\r\nhost: x\r\nx-amz-target: ${GET}\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expectAwsShaped(raw, 431, 'RequestHeaderFieldsTooLargeException', lines);
  });

  it('W1 an Expect other than 100-continue: 417 ExpectationFailedException, logged', async () => {
    const { emulator, lines } = await start();
    const raw = await exchange(
      emulator.port,
      `POST / HTTP/1.1\r\nhost: x\r\nexpect: 200-ok\r\nx-amz-target: ${GET}\r\ncontent-length: 2\r\n\r\n{}`,
    );
    expectAwsShaped(raw, 417, 'ExpectationFailedException', lines);
  });

  it('W1 headers not finished within headersTimeoutSeconds: 408 RequestTimeoutException, logged', async () => {
    const { emulator, lines } = await start({ headersTimeoutSeconds: 0.5, requestTimeoutSeconds: 0.5 });
    const started = Date.now();
    const raw = await exchange(emulator.port, `POST / HTTP/1.1\r\nhost: x\r\nx-amz-target: ${GET}\r\n`);
    expectAwsShaped(raw, 408, 'RequestTimeoutException', lines);
    // Seconds, not Node's 30-second checking interval (a generous bound: only that it is not minutes).
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('W1 a body that trickles past requestTimeoutSeconds: 408, logged, connection closed', async () => {
    const { emulator, lines } = await start({ headersTimeoutSeconds: 0.5, requestTimeoutSeconds: 1 });
    const raw = await exchange(
      emulator.port,
      `POST / HTTP/1.1\r\nhost: x\r\nx-amz-target: ${GET}\r\ncontent-length: 1000\r\n\r\n{"Resource`,
    );
    expectAwsShaped(raw, 408, 'RequestTimeoutException', lines);
  });
});

describe('connections are bounded', () => {
  it('maxConnections: a connection over the bound is answered 503 ServiceUnavailable and logged, its request never runs; the others are served', async () => {
    const { emulator, lines } = await start({ maxConnections: 2 });
    const open = (): Promise<Socket> =>
      new Promise((resolve) => {
        const s = connect(emulator.port, '127.0.0.1', () => resolve(s));
        s.on('error', () => undefined);
      });
    const held = [await open(), await open()];
    await tick(50);
    lines.length = 0;
    // A write over the bound: refused before it is parsed, so nothing is stored.
    const name = '/over/the/bound';
    const put = JSON.stringify({ Name: name, Value: 'v', Type: 'String' });
    const third = await exchange(
      emulator.port,
      `POST / HTTP/1.1\r\nhost: x\r\nx-amz-target: AmazonSSM.PutParameter\r\ncontent-length: ${put.length}\r\n\r\n${put}`,
      3000,
    );
    expectAwsShaped(third, 503, 'ServiceUnavailable', lines);
    expect(lines[0]).toContain('maxConnections');
    // A client that sends nothing is answered too, and closed.
    const silent = await exchange(emulator.port, '', 3000);
    expect(parse(silent).status).toBe(503);
    held.forEach((s) => s.destroy());
    await tick(50);
    expect((await rawCall(emulator.url, GET, JSON.stringify({ ResourceArn: OPS_ARN }))).status).toBe(200);
    const got = await rawCall(emulator.url, 'AmazonSSM.GetParameter', JSON.stringify({ Name: name }));
    expect(got.json['__type']).toBe('ParameterNotFound');
  });

  it('maxConnections: beyond twice the bound Node closes connections unanswered, and the log says so', async () => {
    const { emulator, lines } = await start({ maxConnections: 1 });
    const open = (): Promise<Socket> =>
      new Promise((resolve) => {
        const s = connect(emulator.port, '127.0.0.1', () => resolve(s));
        s.on('error', () => undefined);
      });
    const held = [await open(), await open()]; // one served, one answered 503 (open for a moment)
    await tick(50);
    const third = await exchange(emulator.port, '', 2000);
    expect(third).toBe('');
    for (let i = 0; i < 30 && !lines.some((l) => l.includes('without an answer')); i++) await tick(100);
    expect(lines.filter((l) => l.includes(' 503 '))).toHaveLength(1);
    expect(lines.find((l) => l.includes('without an answer'))).toContain('1 connection(s) over twice');
    held.forEach((s) => s.destroy());
  });

  it(
    'a pipelining client that never reads stops being read (or is closed); everyone else is served',
    {
      timeout: 60_000,
    },
    async () => {
      const BUDGET = 8 * 1024;
      const { emulator, lines } = await start({ maxUnsentBytes: BUDGET });
      // Large answers (40 policies of about 700 bytes: some 35 KB each), as the attack used: every
      // request of one read is dispatched before its answer is written, which Node's own back-pressure misses.
      const arn = paramArn('/pipelined');
      const call = (target: string, input: unknown) => rawCall(emulator.url, target, JSON.stringify(input));
      await call('AmazonSSM.PutParameter', {
        Name: '/pipelined',
        Value: 'v',
        Type: 'String',
        Tier: 'Advanced',
      });
      const principals = Array.from({ length: 40 }, (_, i) => String(100000000000 + i));
      for (let i = 0; i < 40; i++) {
        const r = await call('AmazonSSM.PutResourcePolicy', {
          ResourceArn: arn,
          Policy: parameterPolicy(arn, principals as unknown as string),
        });
        expect(r.status).toBe(200);
      }
      lines.length = 0;
      const serverSide: Socket[] = [];
      emulator.server.on('connection', (s: Socket) => serverSide.push(s));
      const body = JSON.stringify({ ResourceArn: arn });
      const one = `POST / HTTP/1.1\r\nhost: x\r\nx-amz-target: ${GET}\r\ncontent-length: ${body.length}\r\n\r\n${body}`;
      const batch = Buffer.from(one.repeat(200));
      const client = connect(emulator.port, '127.0.0.1');
      client.pause(); // never reads an answer
      let closed = false;
      client.on('error', () => undefined);
      client.on('close', () => (closed = true));
      await new Promise<void>((r) => client.on('connect', () => r()));
      // Write while the socket takes it: 64 MB at most, which would be 300,000 answers if all were read.
      let written = 0;
      for (; written < 64 * 1024 * 1024 && !closed; written += batch.length) {
        if (!client.write(batch)) {
          const drained = await Promise.race([
            new Promise<boolean>((r) => client.once('drain', () => r(true))),
            tick(1000).then(() => false),
          ]);
          if (!drained) break; // the server stopped reading
        }
      }
      // Once what was already read is answered, no more answers are produced for it: its reading stopped, or
      // it was closed.
      let answered = -1;
      for (let i = 0; i < 40 && lines.length !== answered; i++) {
        answered = lines.length;
        await tick(500);
      }
      expect(lines.length).toBe(answered);
      await tick(1000);
      expect(lines.length).toBe(answered);
      // What the process itself holds for it is bounded (the kernel's socket buffers hold the rest): its
      // unsent answers are within four times the budget plus one read's worth, and it is no longer read.
      const pipeliner = serverSide[0]!;
      expect(pipeliner.destroyed || pipeliner.isPaused()).toBe(true);
      expect(pipeliner.writableLength).toBeLessThanOrEqual(4 * BUDGET);
      expect(answered).toBeLessThan(written / one.length);
      expect((await rawCall(emulator.url, GET, body)).status).toBe(200);
      client.destroy();
    },
  );
});

describe('pipelining: one request at a time per connection, the waiting ones a few per turn', () => {
  const frame = (target: string, input: unknown): string => {
    const body = JSON.stringify(input);
    return `POST / HTTP/1.1\r\nhost: x\r\nx-amz-target: ${target}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  };
  /** Counts complete answers (content-length framing, as the emulator answers) as they arrive. */
  const answers = (socket: Socket, onAnswer: (body: string) => void): void => {
    let buf = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      buf += d;
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/content-length: (\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0);
        if (buf.length < end + 4 + length) return;
        onAnswer(buf.slice(end + 4, end + 4 + length));
        buf = buf.slice(end + 4 + length);
      }
    });
  };

  it('a pipelined burst is answered whole and in order', { timeout: 30_000 }, async () => {
    const { emulator } = await start();
    const Name = '/pipelined/versions';
    const burst = Array.from({ length: 300 }, (_, i) =>
      frame('AmazonSSM.PutParameter', { Name, Value: `v${i}`, Type: 'String', Overwrite: true }),
    ).join('');
    const socket = connect(emulator.port, '127.0.0.1');
    const versions: unknown[] = [];
    const all = new Promise<void>((resolve) =>
      answers(socket, (body) => {
        versions.push((JSON.parse(body) as { Version?: unknown }).Version);
        if (versions.length === 300) resolve();
      }),
    );
    socket.on('connect', () => socket.write(burst));
    await all;
    socket.destroy();
    expect(versions).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
  });

  it('a pipelined write behind an answer that closed the connection is never run', async () => {
    const { emulator, lines } = await start();
    const Name = '/pipelined/after-close';
    const raw = await exchange(
      emulator.port,
      `POST / HTTP/1.1\r\nhost: x\r\nexpect: 200-ok\r\nx-amz-target: ${GET}\r\ncontent-length: 2\r\n\r\n{}` +
        frame('AmazonSSM.PutParameter', { Name, Value: 'v', Type: 'String' }),
    );
    expect(parse(raw).status).toBe(417);
    expect(raw.match(/HTTP\/1\.1 /g)).toHaveLength(1);
    const got = await rawCall(emulator.url, 'AmazonSSM.GetParameter', JSON.stringify({ Name }));
    expect(got.json['__type']).toBe('ParameterNotFound');
    expect(lines.filter((l) => l.includes('PutParameter'))).toEqual([]);
  });

  it(
    'clients that pipeline without pause take a few requests per turn from the others, not thousands',
    { timeout: 60_000 },
    async () => {
      const { emulator, lines } = await start();
      const piped = Buffer.from(frame(GET, { ResourceArn: OPS_ARN }).repeat(200));
      const pipeliners = Array.from({ length: 4 }, () => {
        const s = connect(emulator.port, '127.0.0.1');
        s.on('error', () => undefined);
        answers(s, () => undefined); // reads (and drops) its answers: only the pipelining is hostile
        const pump = (): void => {
          while (!s.destroyed && s.write(piped));
          if (!s.destroyed) s.once('drain', pump);
        };
        s.on('connect', pump);
        return s;
      });
      // Wait until the pipeliners are being answered.
      for (let i = 0; i < 100 && lines.length < 2000; i++) await tick(50);
      expect(lines.length).toBeGreaterThanOrEqual(2000);
      // Each ordinary request, on its own connection: how many pipelined answers went out while it waited.
      const waitedBehind: number[] = [];
      for (let i = 0; i < 20; i++) {
        const before = lines.length;
        const r = await rawCall(emulator.url, 'AmazonSSM.GetParameter', JSON.stringify({ Name: '/nope' }));
        expect(r.status).toBe(400);
        const own = lines.findIndex((l, at) => at >= before && l.includes('AmazonSSM.GetParameter'));
        waitedBehind.push((own < 0 ? lines.length : own) - before);
      }
      pipeliners.forEach((s) => s.destroy());
      // Node alone runs every request of a read at once: hundreds to thousands per pipeliner per read.
      expect(Math.max(...waitedBehind), waitedBehind.join(' ')).toBeLessThan(100);
    },
  );
});

describe('log lines and 500s', () => {
  it('log fields cannot be forged through spaces, quotes or newlines in X-Amz-Target or the path', async () => {
    const { emulator, lines } = await start();
    // Node refuses control characters in a header value (a 400, logged as above); spaces and quotes get through.
    const forged = 'AmazonSSM.Nope 200 0.1ms "999999999999/us-east-1" fake-id';
    const raw = await exchange(
      emulator.port,
      `POST /a%20b HTTP/1.1\r\nhost: x\r\nx-amz-target: ${forged}\r\nconnection: close\r\ncontent-length: 2\r\n\r\n{}`,
    );
    expect(parse(raw).status).toBe(400);
    await tick(20);
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).not.toMatch(/[\n\r\u2028]/);
    // time, method, path, target (one JSON string), status, ms, caller, request id: eight fields.
    const fields = line.match(/"(?:[^"\\]|\\.)*"|\S+/g)!;
    expect(fields, line).toHaveLength(8);
    expect(fields[4]).toBe('400');
    expect(JSON.parse(fields[3]!)).toBe(forged);
    expect(fields[2]).toBe('/a%20b');
    expect(
      formatRequestLogLine(
        {
          method: 'POST',
          path: '/',
          target: 'a "b"\nc',
          status: 200,
          ms: 1,
          caller: '-',
          requestId: 'r',
        },
        new Date(0),
      ),
    ).toBe('1970-01-01T00:00:00.000Z POST / "a \\"b\\"\\nc" 200 1.0ms - r');
  });

  it("a 500's message says only that an internal error occurred, with the request id; the cause is logged", async () => {
    const failing: PolicyRepository = {
      ...createMemoryPolicyRepository(),
      list: () => TE.left(storageError('connect ECONNREFUSED 127.0.0.1:8750; see ensurePolicyTable')),
    };
    const { emulator, lines } = await start({ repository: failing });
    const r = await rawCall(emulator.url, GET, JSON.stringify({ ResourceArn: OPS_ARN }));
    expect(r.status).toBe(500);
    const id = r.headers.get('x-amzn-requestid')!;
    expect(r.json).toEqual({
      __type: 'InternalServerError',
      Message: `An internal error occurred (request ${id}).`,
    });
    expect(r.text).not.toContain('ECONNREFUSED');
    await tick(20);
    expect(lines.find((l) => l.includes(id))).toContain('ECONNREFUSED 127.0.0.1:8750');
  });
});

describe('GET /health', () => {
  it('answers 200 {"status":"ok"} while the store answers', async () => {
    const { emulator } = await start();
    for (const path of ['/health', '/_health']) {
      const res = await fetch(`${emulator.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
      expect(await res.json()).toEqual({ status: 'ok' });
    }
  });

  it('answers 503 when the store fails its probe, or does not answer in time', async () => {
    const base = createMemoryPolicyRepository();
    const failing = await start({ repository: { ...base, list: () => TE.left(storageError('down')) } });
    const hanging = await start({
      repository: { ...base, list: () => () => new Promise(() => undefined) },
      healthProbeTimeoutSeconds: 0.2,
    });
    for (const { emulator, lines } of [failing, hanging]) {
      const res = await fetch(`${emulator.url}/health`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable' });
      await tick(20);
      expect(lines.at(-1)).toMatch(/ 503 .*detail=/);
    }
  });
});
