// `--profile FILE`: the run expects the [U] choices of a profile file (the emulator's SSM_POLICY_PROFILE format);
// a file that cannot be used is bad usage (exit 2), reported before any endpoint is called.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { makeProfile } from '@ssm-policy/core';
import { parseCliArgs } from '../src/args.js';
import { loadProfileFile } from '../src/profile-file.js';
import { runCli, type CliIo } from '../src/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ssm-policy-cli-profile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('--profile FILE', () => {
  it('is read as an option, and an empty one is a usage error', () => {
    expect(parseCliArgs(['--profile', 'p.json'])).toMatchObject(E.right({ profile: 'p.json' }));
    expect(parseCliArgs(['--profile', ''])).toEqual(
      E.left({ _tag: 'UsageError', message: '--profile needs a file' }),
    );
  });

  it('R3 R8 loads the options of the file over the defaults', async () => {
    const path = file('ownership.json', '{"requireCallerRegion":false,"refuseForeignGet":false}');
    expect(await loadProfileFile(path)).toEqual(
      E.right(makeProfile({ requireCallerRegion: false, refuseForeignGet: false })),
    );
  });

  it('names the file and the option of a refused file, and a file that cannot be read', async () => {
    const path = file('wrong.json', '{"staleHashErrors":"ResourcePolicyNotFoundException"}');
    expect(await loadProfileFile(path)).toEqual(
      E.left(`--profile ${path}: unknown option "staleHashErrors"`),
    );
    const missing = await loadProfileFile(join(dir, 'missing.json'));
    expect(E.isLeft(missing) && missing.left).toMatch(
      /^--profile .*missing\.json: cannot read the file: ENOENT/,
    );
  });

  it('H5 a bad profile file stops the run with exit status 2 before any endpoint is called', async () => {
    const path = file('bad.json', '{"staleHashError":"Conflict"}');
    const err: string[] = [];
    const io: CliIo = {
      stdout: () => {},
      stderr: (s) => void err.push(s),
      tty: false,
      env: {},
      writeFile: () => Promise.reject(new Error('no report expected')),
    };
    // Port 9 (discard) on loopback: nothing answers there, so reaching the endpoint would fail with exit 1.
    expect(await runCli(['--endpoint', 'http://127.0.0.1:9', '--profile', path], io)).toBe(2);
    expect(err.join('')).toContain(
      `ssm-policy-conformance: --profile ${path}: option "staleHashError": expected "ResourcePolicyConflictException" | "ResourcePolicyNotFoundException", got "Conflict"`,
    );
  });
});
