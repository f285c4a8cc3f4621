// Live mode of the runner: with SSM_LIVE=1 and real credentials, `ssm-policy-conformance` without --endpoint
// checks every rule against the real AWS (AWS_REGION, else us-east-1) and writes ssm-live-report.md. A failing
// [U] rule there means the default profile should change. CI leaves SSM_LIVE unset and skips it.
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/run-cli.js';

const LIVE = (process.env['SSM_LIVE'] ?? '') !== '' && process.env['SSM_LIVE'] !== '0';

describe.skipIf(!LIVE)('live: the runner against the real AWS', () => {
  it('V1–O1 every rule holds against the real SSM', async () => {
    const out: string[] = [];
    const status = await runCli(
      ['--region', process.env['AWS_REGION'] ?? 'us-east-1', '--runs', '5', '--report', 'ssm-live-report.md'],
      {
        stdout: (s) => void out.push(s),
        stderr: (s) => void process.stderr.write(s),
        tty: false,
        env: process.env,
        writeFile: (path, text) => writeFile(path, text, 'utf8'),
      },
    );
    expect(status, out.join('')).toBe(0);
  }, 1_800_000);
});
