/**
 * `pnpm start`'s entry point, run as its own process (`node packages/emulator/dist/main.js`, which the e2e global set-up builds):
 * it listens where `HOST` and `PORT` say, logs one line per request, and stops cleanly on SIGINT and SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EMULATOR_MAIN as MAIN } from '../support/built-emulator.js';
import { OPS_ARN, rawCall } from '../support/emulator.js';

const start = (
  env: Record<string, string>,
): { child: ChildProcess; lines: string[]; url: Promise<string> } => {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      lines.push(...d.split('\n').filter((l) => l !== ''));
      const m = /listening on (http:\/\/\S+)/.exec(d);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`main exited early with ${code}`)));
  });
  return { child, lines, url };
};

const exited = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => child.once('exit', (code) => resolve(code)));

describe('pnpm start', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'listens on HOST and PORT, logs one line per request and exits 0 on %s',
    async (signal) => {
      const { child, lines, url } = start({ HOST: '127.0.0.1', PORT: '0' });
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
      const requests = lines.filter((l) => l.includes(' POST / '));
      expect(requests).toHaveLength(2);
      expect(requests[0]).toContain('AmazonSSM.GetResourcePolicies 200');
      expect(requests[1]).toContain('AmazonSSM.Nope 400');
      const done = exited(child);
      child.kill(signal);
      expect(await done).toBe(0);
    },
    30_000,
  );

  it('refuses a PORT that is not a port number', async () => {
    const child = spawn(process.execPath, [MAIN], { env: { PORT: 'eighty' }, stdio: 'ignore' });
    expect(await exited(child)).toBe(1);
  });
});
