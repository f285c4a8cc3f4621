// The ssm-policy-conformance runner against our emulator, started in-process on a free loopback port: it
// passes every rule there, and fails, naming the rules, against an emulator built to break them.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
import { makeProfile, type PolicyRepository, type ResourceKey } from '@ssm-policy/core';
import {
  createParameterStore,
  startEmulator,
  type MemoryParameterStore,
  type RunningEmulator,
} from '@ssm-policy/server';
import { runCli, type CliIo } from '@ssm-policy/conformance-cli';

interface Captured extends CliIo {
  readonly out: string[];
  readonly err: string[];
  readonly files: Map<string, string>;
}

const capture = (): Captured => {
  const out: string[] = [];
  const err: string[] = [];
  const files = new Map<string, string>();
  return {
    out,
    err,
    files,
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    tty: false,
    env: {},
    writeFile: async (path, text) => void files.set(path, text),
  };
};

/** The rows of the printed table: rule → result. */
const resultsOf = (stdout: string): Map<string, string> =>
  new Map(
    stdout
      .split('\n')
      .map((line) => /^([A-Z]\d+)\s+(pass|FAIL|skip)\b/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );

/** A deliberately wrong store: it ignores PolicyHash on update and delete (rule H5); the rest behaves. */
const hashIgnoringRepository = (): PolicyRepository => {
  const inner = createMemoryPolicyRepository();
  // The stored hash, read through the port (the key may carry an incarnation: the store serialises it).
  const current = async (resource: ResourceKey, PolicyId: string, fallback: string): Promise<string> => {
    const page = await inner.list({ resource, limit: Number.MAX_SAFE_INTEGER })();
    return (
      (E.isRight(page) ? page.right.policies.find((p) => p.PolicyId === PolicyId)?.PolicyHash : undefined) ??
      fallback
    );
  };
  return {
    ...inner,
    update: (input) => async () =>
      inner.update({
        ...input,
        expectedHash: await current(input.resource, input.PolicyId, input.expectedHash),
      })(),
    delete: (input) => async () =>
      inner.delete({
        ...input,
        expectedHash: await current(input.resource, input.PolicyId, input.expectedHash),
      })(),
  };
};

describe('against our emulator', () => {
  let emulator: RunningEmulator;
  let parameters: MemoryParameterStore;

  beforeAll(async () => {
    parameters = createParameterStore();
    emulator = await startEmulator({ port: 0, parameters });
  });
  afterAll(() => emulator.close());

  it('O1 passes every rule the runner checks, removes what it created, and writes the Markdown report', async () => {
    const io = capture();
    const status = await runCli(
      ['--endpoint', emulator.url, '--runs', '3', '--seed', '7', '--report', 'r.md'],
      io,
    );
    const stdout = io.out.join('');
    expect(status, stdout).toBe(0);
    const rows = resultsOf(stdout);
    expect([...rows.values()]).not.toContain('FAIL');
    for (const rule of [
      'W1',
      'W2',
      'W3',
      'W4',
      'W5',
      'W6',
      'V1',
      'R4',
      'P1',
      'H5',
      'H6',
      'H8',
      'H9',
      'H10',
      'O1',
    ])
      expect(rows.get(rule), rule).toBe('pass');
    // Only the runner's own and the cases' parameters were there, and none is left.
    expect(parameters.snapshot().size).toBe(0);
    const report = io.files.get('r.md') ?? '';
    expect(report).toContain('| rule | result | detail |');
    expect(report).toContain('| H5 | pass |');
  }, 60_000);
});

describe('against an emulator that breaks rules', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    // Ignores PolicyHash (breaks H5) and hashes by content (breaks H6's versioned default).
    emulator = await startEmulator({
      port: 0,
      repository: hashIgnoringRepository(),
      profile: makeProfile({ hashStrategy: 'content' }),
    });
  });
  afterAll(() => emulator.close());

  it('H5 H6 fails, exits 1 and names the broken rules with observed and expected answers', async () => {
    const io = capture();
    const status = await runCli(
      ['--endpoint', emulator.url, '--rule', 'H4,H5,H6,H7', '--runs', '5', '--report', 'r.md'],
      io,
    );
    const stdout = io.out.join('');
    expect(status).toBe(1);
    const rows = resultsOf(stdout);
    expect(rows.get('H5')).toBe('FAIL');
    expect(rows.get('H6')).toBe('FAIL');
    expect(rows.get('H4')).toBe('pass');
    expect(stdout).toMatch(/H5\s+FAIL\s+.*observed .*expected .*ResourcePolicyConflictException/);
    expect(io.files.get('r.md')).toContain('| H5 | **fail** |');
  }, 60_000);

  it('H5 the installed command exits non-zero against it, run as a child process', async () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const dir = await mkdtemp(join(tmpdir(), 'ssm-policy-conformance-'));
    const report = join(dir, 'report.md');
    try {
      const child = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        execFile(
          process.execPath,
          [
            join(root, 'node_modules/tsx/dist/cli.mjs'),
            '--tsconfig',
            join(root, 'tsconfig.test.json'),
            join(root, 'packages/conformance-cli/src/main.ts'),
            '--endpoint',
            emulator.url,
            '--rule',
            'H5',
            '--no-properties',
            '--report',
            report,
          ],
          { cwd: root, env: { PATH: process.env['PATH'] ?? '' }, timeout: 50_000 },
          (error, stdout) =>
            resolve({ code: error === null ? 0 : ((error as { code?: number }).code ?? null), stdout }),
        );
      });
      expect(child.code, child.stdout).toBe(1);
      expect(resultsOf(child.stdout).get('H5')).toBe('FAIL');
      expect(await readFile(report, 'utf8')).toContain('| H5 | **fail** |');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('against an endpoint that answers 200 {} to everything', () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('W2 W3 W4 W5 fail the wire checks, naming each rule', async () => {
    const io = capture();
    const status = await runCli(
      ['--endpoint', url, '--account', '123456789012', '--rule', 'W2,W3,W4,W5'],
      io,
    );
    expect(status).toBe(1);
    const rows = resultsOf(io.out.join(''));
    for (const rule of ['W2', 'W3', 'W4', 'W5']) expect(rows.get(rule), rule).toBe('FAIL');
  }, 30_000);
});

describe('usage', () => {
  it('answers 2 and the usage for bad arguments, 0 for --help, without touching any endpoint', async () => {
    for (const argv of [
      ['--runs', 'x'],
      ['--bogus'],
      ['--endpoint', 'not a url'],
      ['--account', '12'],
      ['extra'],
    ]) {
      const io = capture();
      expect(await runCli(argv, io)).toBe(2);
      expect(io.err.join('')).toContain('Usage: ssm-policy-conformance');
    }
    const io = capture();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.out.join('')).toContain('--endpoint URL');
  });

  it('answers 1 when the run is stopped before it starts (Ctrl-C), and says so', async () => {
    const emulator = await startEmulator({ port: 0 });
    try {
      const stop = new AbortController();
      stop.abort();
      const io = capture();
      expect(await runCli(['--endpoint', emulator.url], io, { signal: stop.signal })).toBe(1);
      expect(io.out.join('')).toContain('(stopped early)');
    } finally {
      await emulator.close();
    }
  });

  it('answers 1 when the endpoint cannot be reached', async () => {
    const io = capture();
    expect(
      await runCli(
        ['--endpoint', 'http://127.0.0.1:9', '--account', '123456789012', '--rule', 'H5', '--no-properties'],
        io,
      ),
    ).toBe(1);
  }, 30_000);
});
