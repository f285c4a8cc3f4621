// ssm-policy-conformance with a consumer (`--consumer-access-key`): the cross-account cases run against the
// emulator as a second account (a 12-digit key is that account), and skip, saying why, without one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@ssm-policy/server';
import { runCli, type CliIo } from '@ssm-policy/conformance-cli';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());

const run = async (args: ReadonlyArray<string>): Promise<{ status: number; out: string }> => {
  const out: string[] = [];
  const io: CliIo = {
    stdout: (s) => void out.push(s),
    stderr: (s) => void out.push(s),
    tty: false,
    env: {},
    writeFile: async () => undefined,
  };
  const status = await runCli(['--endpoint', emulator.url, '--no-properties', ...args], io);
  return { status, out: out.join('') };
};

describe('ssm-policy-conformance --consumer-access-key', () => {
  it('R8 runs the cross-account case as a second account: the consumer cannot write the owner’s policies', async () => {
    const { status, out } = await run(['--rule', 'R8', '--consumer-access-key', '210987654321']);
    expect(out).toContain("cross-account: a consumer cannot put or delete a policy on the owner's parameter");
    // The endpoint probe learned the owner's account (the default key's); the table gives R8's evidence tags.
    expect(out).toContain(`${emulator.url}, account 123456789012, region us-east-1: 0 wire checks, 2 cases`);
    expect(out).toMatch(/^R8\s+\[D\]\[U\]\s+pass\s+2 checks$/m);
    expect(out).toContain('1 rule: 1 passed, 0 failed, 0 skipped');
    expect(status).toBe(0);
  }, 120_000);

  it('A6 skips the cross-account cases, naming why, without a consumer', async () => {
    const { status, out } = await run(['--rule', 'A6']);
    expect(out).toMatch(/^A6\s+\[D\]\[U\]\s+skip\s+no consumer \(a second account\) was supplied$/m);
    expect(out).toContain('1 rule: 0 passed, 0 failed, 1 skipped');
    expect(status).toBe(0);
  }, 120_000);
});
