/**
 * `startEmulator` as other packages' tests use it: port 0 gives a free loopback port and its URL, and `close()`
 * ends idle keep-alive connections and resolves, so a test run never hangs on it.
 */
import { request, Agent } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '@ssm-policy/server';
import { OPS_ARN } from '@ssm-policy/server/testing';

const get = (agent: Agent, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    const body = JSON.stringify({ ResourceArn: OPS_ARN });
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        headers: { 'x-amz-target': 'AmazonSSM.GetResourcePolicies' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });

describe('startEmulator', () => {
  it('listens on a free port, answers, and closes with a keep-alive connection still open', async () => {
    const emulator = await startEmulator({ port: 0 });
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
    expect(emulator.port).toBeGreaterThan(0);
    const agent = new Agent({ keepAlive: true });
    try {
      expect(await get(agent, emulator.port)).toBe(200);
      const started = Date.now();
      await emulator.close();
      expect(Date.now() - started).toBeLessThan(5_000);
      await emulator.close(); // a second close is harmless
      expect(emulator.server.listening).toBe(false);
    } finally {
      agent.destroy();
    }
  });

  it('two emulators on port 0 get different ports', async () => {
    const [a, b] = await Promise.all([startEmulator({ port: 0 }), startEmulator({ port: 0 })]);
    try {
      expect(a.port).not.toBe(b.port);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('rejects when the port is taken', async () => {
    const a = await startEmulator({ port: 0 });
    try {
      await expect(startEmulator({ port: a.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await a.close();
    }
  });
});
