/**
 * Test support: the built emulator (`pnpm start`'s `packages/emulator/dist/main.js`, which the e2e global set-up
 * builds) as its own process with the environment a test gives it, and the real AWS CLI pointed at it, the way
 * a user runs both.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { EMULATOR_MAIN } from './built-emulator.js';

export interface SpawnedEmulator {
  readonly child: ChildProcess;
  /** Its stdout so far, line by line (and its stderr's too, when spawned with `stderrInLines`). */
  readonly lines: string[];
  /** Where it listens, once it says so; rejects with its stderr if it exits first. */
  readonly url: Promise<string>;
  /**
   * Sends `signal` (`SIGTERM`, a graceful stop, by default; `SIGKILL` for `kill -9`) and waits until it has
   * exited, at once if it already has: its exit code (`null` when a signal ended it).
   */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A built emulator that has said where it listens. */
export interface BuiltEmulator extends Omit<SpawnedEmulator, 'url'> {
  readonly url: string;
}

/**
 * Spawns the built emulator (on a free loopback port unless `env` says otherwise) without waiting for it: for a
 * test that acts while it starts, or one whose emulator never says where it listens (`LOG_LEVEL=silent`).
 * `nodeArgs` go to Node before the entry point (`--max-old-space-size=96`).
 */
export const spawnBuiltEmulator = (
  env: Record<string, string> = {},
  options: { readonly nodeArgs?: ReadonlyArray<string>; readonly stderrInLines?: boolean } = {},
): SpawnedEmulator => {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), EMULATOR_MAIN], {
    env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    if (options.stderrInLines === true) lines.push(...d.split('\n').filter((l) => l !== ''));
  });
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      lines.push(...d.split('\n').filter((l) => l !== ''));
      const m = /listening on (http:\/\/\S+)/.exec(d);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${code}: ${stderr}`)));
  });
  const stop = (signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> =>
    new Promise((done) => {
      // Exited already (a test's own stop, or a kill by signal, which leaves exitCode null).
      if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode);
      child.once('exit', (code) => done(code));
      child.kill(signal);
    });
  return { child, lines, url, stop };
};

/** Starts the built emulator on a free loopback port with `env` added; rejects with its stderr if it exits first. */
export const startBuiltEmulator = async (env: Record<string, string> = {}): Promise<BuiltEmulator> => {
  const { url, ...spawned } = spawnBuiltEmulator(env);
  return { ...spawned, url: await url };
};

/** Runs the built emulator until it exits (for a start that must fail): its status and stderr. */
export const runBuiltEmulatorToExit = (
  env: Record<string, string>,
): Promise<{ readonly code: number | null; readonly stderr: string; readonly stdout: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [EMULATOR_MAIN], {
      env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => void (stderr += d));
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      // A start that should have failed but listens: stop it, so the test fails instead of hanging.
      if (/listening on /.test(stdout)) child.kill('SIGTERM');
    });
    child.once('exit', (code) => resolve({ code, stderr, stdout }));
  });

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly json: Record<string, unknown>;
  /** The error code the CLI printed: "An error occurred (<Code>) when calling …". */
  readonly error: string | undefined;
}

const dir = mkdtempSync(join(tmpdir(), 'ssm-policy-e2e-'));

/** A temporary file with this text (a profile, a policy). */
export const tempFile = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/**
 * The real AWS CLI against `url`. The access key id is the caller's account when it is 12 digits (W6); the
 * region is the caller's region.
 */
export const awsCli = (
  url: string,
  args: ReadonlyArray<string>,
  options: { readonly accessKeyId?: string; readonly region?: string } = {},
): Promise<CliResult> =>
  new Promise((resolve) => {
    const region = options.region ?? 'us-east-1';
    execFile(
      'aws',
      ['--endpoint-url', url, '--region', region, '--output', 'json', ...args],
      {
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: process.env['HOME'] ?? dir,
          AWS_ACCESS_KEY_ID: options.accessKeyId ?? '123456789012',
          AWS_SECRET_ACCESS_KEY: 'secret',
          AWS_DEFAULT_REGION: region,
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          AWS_PAGER: '',
          AWS_MAX_ATTEMPTS: '1',
          AWS_EC2_METADATA_DISABLED: 'true',
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        let json: Record<string, unknown> = {};
        try {
          json = stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
        } catch {
          // not JSON
        }
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr, json, error: /An error occurred \(([^)]+)\)/.exec(stderr)?.[1] });
      },
    );
  });

/**
 * A CLI call that must succeed: nothing on stderr, status 0. What it printed, parsed as JSON (strictly:
 * output that is not JSON fails the test).
 */
export const cliOk = async (call: Promise<CliResult>): Promise<Record<string, unknown>> => {
  const r = await call;
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout.trim() === '' ? {} : (JSON.parse(r.stdout) as Record<string, unknown>);
};
