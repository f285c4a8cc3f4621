/**
 * The listener's order of work (issue 13): requests whose bodies end in one I/O phase of the event loop are
 * answered after that phase: every answer is worked out, then every answer is written, in the order the
 * requests arrived, so that Node's parsing, the handler and Node's writing each run in a stretch of their own. A
 * fault in writing one answer leaves none of the others unanswered.
 */
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ANSWER_NOW,
  createRequestListener,
  type WireHandler,
  type WireRequest,
  type WireResponse,
} from '@ssm-policy/server';

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

const ok = (id: string): WireResponse => ({
  status: 200,
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': id },
  body: '{}',
});

/**
 * A server whose handler answers at once (as the memory stores do, so that its answers are written in the
 * batch) with `respond(request)`, recording in `events` each request Node parsed ('read /n') before the listener
 * answers it, each answer worked out ('answer /n') and each answer written ('written /n', from the log entry the
 * listener makes once it has written it).
 */
const serve = async (events: string[], respond = (request: WireRequest) => ok(request.path)) => {
  const answer = (request: WireRequest): WireResponse => {
    events.push(`answer ${request.path}`);
    return respond(request);
  };
  const handler: WireHandler = Object.assign(async (request: WireRequest) => answer(request), {
    [ANSWER_NOW]: answer,
  });
  const server = createServer(
    createRequestListener(handler, { logger: (entry) => events.push(`written ${entry.path}`) }),
  );
  server.prependListener('request', (req) => events.push(`read ${req.url}`));
  let accepted = 0;
  server.on('connection', () => (accepted += 1));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, accepted: () => accepted };
};

/**
 * `n` connections the server has accepted, each resolving the first HTTP answer it receives (head and what
 * follows).
 */
const connections = async (server: { port: number; accepted: () => number }, n: number) => {
  const open = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<{ socket: Socket; answer: Promise<string> }>((resolve) => {
          const socket = connect(server.port, '127.0.0.1');
          sockets.push(socket);
          const answer = new Promise<string>((done) => {
            let text = '';
            socket.on('data', (d) => {
              text += d.toString('latin1');
              if (text.includes('\r\n\r\n')) done(text);
            });
            socket.on('close', () => done(text));
          });
          socket.on('error', () => undefined);
          socket.on('connect', () => resolve({ socket, answer }));
        }),
    ),
  );
  // Accepted, and so read from, before the requests are sent: a connection accepted in the same I/O phase as
  // its bytes arrive is read in the next one.
  while (server.accepted() < n) await new Promise((resolve) => setTimeout(resolve, 5));
  return open;
};

const post = (path: string): string =>
  `POST ${path} HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-amz-json-1.1\r\n` +
  `x-amz-target: AmazonSSM.GetResourcePolicies\r\ncontent-length: 2\r\n\r\n{}`;

/**
 * Writes one request on each connection and keeps the event loop busy meanwhile, so that every request is in
 * the kernel's buffers before the server's next look at its sockets: they are read in one I/O phase.
 */
const sendTogether = (open: Array<{ socket: Socket }>): void => {
  open.forEach(({ socket }, i) => socket.write(post(`/${i}`)));
  const until = Date.now() + 150;
  while (Date.now() < until) {
    // Busy on purpose: the loop must not turn before all the bytes have arrived.
  }
};

/** The events of the requests `reads[from..to)` worked out together: every answer, then every write. */
const together = (reads: string[], from: number, to: number): string[] => [
  ...reads.slice(from, to).map((r) => r.replace('read', 'answer')),
  ...reads.slice(from, to).map((r) => r.replace('read', 'written')),
];

describe('the order of the listener’s work', () => {
  it('requests read in one I/O phase are all read, then all answered, then all written, in arrival order', async () => {
    const events: string[] = [];
    const server = await serve(events);
    const open = await connections(server, 5);
    sendTogether(open);
    const answers = await Promise.all(open.map((c) => c.answer));

    answers.forEach((a, i) => {
      expect(a).toMatch(/^HTTP\/1\.1 200 /);
      expect(a.toLowerCase()).toContain(`x-amzn-requestid: /${i}`);
    });
    const reads = events.filter((e) => e.startsWith('read '));
    expect(reads).toHaveLength(5);
    expect(events).toEqual([...reads, ...together(reads, 0, 5)]);
  });

  it('a phase that read more than 32 requests is worked out and written 32 at a time', async () => {
    const events: string[] = [];
    const server = await serve(events);
    const open = await connections(server, 40);
    sendTogether(open);
    await Promise.all(open.map((c) => c.answer));

    const reads = events.filter((e) => e.startsWith('read '));
    expect(reads).toHaveLength(40);
    expect(events).toEqual([...reads, ...together(reads, 0, 32), ...together(reads, 32, 40)]);
  });

  it('a fault in writing one answer leaves the others of its phase answered, and is rethrown', async () => {
    const events: string[] = [];
    const faults: unknown[] = [];
    const onFault = (e: unknown): void => void faults.push(e);
    const previous = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', onFault);
    try {
      // A header value with a line break: `writeHead` throws (ERR_INVALID_CHAR) for request /1 only.
      const server = await serve(events, (req) =>
        req.path === '/1' ? { ...ok('x'), headers: { 'x-amzn-requestid': 'a\nb' } } : ok(req.path),
      );
      const open = await connections(server, 3);
      sendTogether(open);
      const [first, , third] = open;
      const answers = await Promise.all([first!.answer, third!.answer]);
      expect(answers.map((a) => a.slice(0, 15))).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
      expect(events.filter((e) => !e.startsWith('read '))).toEqual([
        'answer /0',
        'answer /1',
        'answer /2',
        'written /0',
        'written /2',
      ]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(faults).toHaveLength(1);
      expect((faults[0] as NodeJS.ErrnoException).code).toBe('ERR_INVALID_CHAR');
    } finally {
      process.off('uncaughtException', onFault);
      for (const l of previous) process.on('uncaughtException', l);
    }
  });

  it('pipelined requests on one connection are all answered while the global timers are fake ones', async () => {
    const server = await serve([]);
    const [only] = await connections(server, 1);
    let received = '';
    const bothAnswered = new Promise<void>((resolve) =>
      only!.socket.on('data', (d: Buffer) => {
        received += d.toString('latin1');
        if ((received.match(/HTTP\/1\.1 200 /g) ?? []).length === 2) resolve();
      }),
    );
    vi.useFakeTimers();
    try {
      // The second request waits its turn behind the first (connection-turns.ts), served on a later loop turn.
      only!.socket.write(post('/first') + post('/second'));
      await bothAnswered;
      expect(received.toLowerCase().indexOf('x-amzn-requestid: /first')).toBeLessThan(
        received.toLowerCase().indexOf('x-amzn-requestid: /second'),
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers come while a test has replaced the global timers with fake ones', async () => {
    const server = await serve([]);
    const [only] = await connections(server, 1);
    vi.useFakeTimers();
    try {
      only!.socket.write(post('/faked'));
      const answer = await only!.answer;
      expect(answer).toMatch(/^HTTP\/1\.1 200 /);
      expect(answer.toLowerCase()).toContain('x-amzn-requestid: /faked');
    } finally {
      vi.useRealTimers();
    }
  });
});
