/**
 * `pnpm start`'s entry point, run as its own process (`node packages/emulator/dist/main.js`, which the e2e global set-up builds):
 * it listens where `HOST` and `PORT` say, logs one pino JSON line per request (none with `LOG_LEVEL=silent`), and
 * stops cleanly on SIGINT and SIGTERM.
 */
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runBuiltEmulatorToExit, spawnBuiltEmulator as start } from '../support/built-process.js';
import { OPS_ARN, rawCall } from '../support/emulator.js';

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

describe('pnpm start', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'listens on HOST and PORT, logs one line per request and exits 0 on %s',
    async (signal) => {
      const { lines, url, stop } = start({ HOST: '127.0.0.1', PORT: '0' });
      const endpoint = await url;
      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const r = await rawCall(
        endpoint,
        'AmazonSSM.GetResourcePolicies',
        JSON.stringify({ ResourceArn: OPS_ARN }),
      );
      expect(r.status).toBe(200);
      await rawCall(endpoint, 'AmazonSSM.Nope', '{}');
      await new Promise((res) => setTimeout(res, 50));
      expect(await stop(signal)).toBe(0);
      // Every line is pino JSON; the request lines are `info` (30), flushed by the time the process exits.
      const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      const requests = entries.filter((e) => e['msg'] === 'request');
      expect(requests).toHaveLength(2);
      expect(requests[0]).toMatchObject({
        level: 30,
        method: 'POST',
        path: '/',
        target: 'AmazonSSM.GetResourcePolicies',
        status: 200,
        caller: '123456789012/us-east-1',
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(requests[0]!['ms']).toEqual(expect.any(Number));
      expect(requests[1]).toMatchObject({ target: 'AmazonSSM.Nope', status: 400 });
      expect(entries.at(-1)).toMatchObject({ level: 30, msg: `${signal}: stopping` });
    },
    30_000,
  );

  it('writes no line at all with LOG_LEVEL=silent', async () => {
    // Silent means no start line either: the test picks the port and waits until it answers.
    const port = await freePort();
    const { lines, url, stop } = start({ HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'silent' });
    url.catch(() => undefined);
    const endpoint = `http://127.0.0.1:${port}`;
    const get = (): Promise<number> =>
      rawCall(endpoint, 'AmazonSSM.GetResourcePolicies', JSON.stringify({ ResourceArn: OPS_ARN })).then(
        (r) => r.status,
        () => 0,
      );
    let status = 0;
    for (let i = 0; i < 200 && status === 0; i++) {
      status = await get();
      if (status === 0) await new Promise((res) => setTimeout(res, 100));
    }
    expect(status).toBe(200);
    expect(await get()).toBe(200);
    expect(await stop('SIGTERM')).toBe(0);
    expect(lines).toEqual([]);
  }, 30_000);

  it('refuses a PORT that is not a port number', async () => {
    expect((await runBuiltEmulatorToExit({ PORT: 'eighty' })).code).toBe(1);
  });
});
