// The emulator outlives whatever reads its log (issue 13's log writer). Started by another Node process, as a
// bench, a test runner or a supervisor starts it, its stdout is a socket, not a pipe; here the reader leaves with
// lines unread. Linux answers the log's next write with EPIPE (an ECONNRESET, which a socket can also give, is
// injected in log-writer.test.ts). The real `main`, a real socket, real requests: the log stops, the emulator
// goes on answering, and it still stops cleanly on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

const exited = (c: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) resolve(c.exitCode);
    else c.once('exit', (code) => resolve(code));
  });

const get = async (url: string): Promise<number> => {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AmazonSSM.GetResourcePolicies',
    },
    body: JSON.stringify({ ResourceArn: 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default' }),
  });
  await res.arrayBuffer();
  return res.status;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('the request log when its reader goes away', () => {
  it('stops the log, not the emulator, when the process reading its stdout socket has gone', async () => {
    const c = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      cwd: PACKAGE,
      env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = c;
    const stderr: string[] = [];
    c.stderr!.setEncoding('utf8').on('data', (d: string) => stderr.push(d));
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const onData = (d: Buffer): void => {
        seen += d.toString();
        const m = /listening on (http:\/\/[^\s]+?) \(/.exec(seen);
        if (m !== null) {
          c.stdout!.off('data', onData);
          c.stdout!.pause();
          resolve(m[1]!);
        }
      };
      c.stdout!.on('data', onData);
      c.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr.join('')}`)));
    });

    // Lines the reader never reads: more than its stream buffers, so some stay in the socket when it closes.
    for (let i = 0; i < 600; i++) expect(await get(url)).toBe(200);
    await sleep(100); // the log writes what it gathered (at most 20 ms later)
    c.stdout!.destroy();

    // The log's next writes meet a socket nobody reads; the emulator keeps answering.
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 50; i++) expect(await get(url)).toBe(200);
      await sleep(100);
    }
    expect(await get(url)).toBe(200);
    expect(c.exitCode).toBeNull();

    // And it still stops as it should: its "stopping" line goes nowhere, and it exits 0.
    c.kill('SIGTERM');
    expect(await exited(c)).toBe(0);
    expect(stderr.join('')).not.toMatch(/ECONNRESET|EPIPE|Error/);
  }, 60_000);
});
