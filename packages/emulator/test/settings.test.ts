// The emulator's environment, read without starting it: defaults, overrides and the refusals that make the
// process exit before it listens. STORE=dynamodb against DynamoDB Local runs in @ssm-policy/e2e (it needs Java).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultProfile, encodeProfile, makeProfile } from '@ssm-policy/core';
import { listenAddressFromEnv, policyStoreFromEnv, profileFromEnv } from '@ssm-policy/emulator';

describe('listenAddressFromEnv', () => {
  it('listens on 127.0.0.1:4583 when HOST and PORT are unset', () => {
    expect(listenAddressFromEnv({})).toEqual({ host: '127.0.0.1', port: 4583 });
  });

  it('takes HOST and PORT, PORT=0 included (a free port)', () => {
    expect(listenAddressFromEnv({ HOST: '0.0.0.0', PORT: '0' })).toEqual({ host: '0.0.0.0', port: 0 });
  });

  it.each(['eighty', '65536', '-1', '4583.5'])('refuses PORT=%j, naming the variable', (PORT) => {
    expect(() => listenAddressFromEnv({ PORT })).toThrow(/^PORT must be 0\.\.65535/);
  });
});

describe('policyStoreFromEnv', () => {
  it('keeps policies in memory by default, each call a store of its own', async () => {
    const a = await policyStoreFromEnv({});
    const b = await policyStoreFromEnv({ STORE: 'memory' });
    expect(a.label).toBe('memory');
    expect(b.label).toBe('memory');
    expect(a.repository).not.toBe(b.repository);
  });

  it('refuses an unknown STORE, naming the variable', async () => {
    await expect(policyStoreFromEnv({ STORE: 'redis' })).rejects.toThrow(
      'STORE must be "memory" or "dynamodb", not "redis"',
    );
  });
});

describe('profileFromEnv (SSM_POLICY_PROFILE)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ssm-policy-profile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('follows the rulebook defaults when SSM_POLICY_PROFILE is unset or empty', async () => {
    expect(await profileFromEnv({})).toEqual({ profile: defaultProfile, label: 'default profile' });
    expect((await profileFromEnv({ SSM_POLICY_PROFILE: '' })).profile).toBe(defaultProfile);
  });

  it('R3 R8 reads the options a file gives; the others keep their defaults', async () => {
    const path = file(
      'ownership.json',
      JSON.stringify({ requireCallerRegion: false, foreignResourceError: 'ResourceNotFoundException' }),
    );
    expect(await profileFromEnv({ SSM_POLICY_PROFILE: path })).toEqual({
      profile: makeProfile({ requireCallerRegion: false, foreignResourceError: 'ResourceNotFoundException' }),
      label: `profile ${path}`,
    });
  });

  it('refuses an unknown option, naming the variable, the file and the option', async () => {
    const path = file('unknown.json', '{"requireCallerRegions":false}');
    await expect(profileFromEnv({ SSM_POLICY_PROFILE: path })).rejects.toThrow(
      `SSM_POLICY_PROFILE=${path}: unknown option "requireCallerRegions"`,
    );
  });

  it('refuses an option of the wrong type, naming it', async () => {
    const path = file('wrong.json', '{"defaultPageSize":"50"}');
    await expect(profileFromEnv({ SSM_POLICY_PROFILE: path })).rejects.toThrow(
      `SSM_POLICY_PROFILE=${path}: option "defaultPageSize": expected an integer 1..50, got "50"`,
    );
  });

  it('refuses a file that is not JSON, or that cannot be read', async () => {
    const path = file('broken.json', '{"hashStrategy":');
    await expect(profileFromEnv({ SSM_POLICY_PROFILE: path })).rejects.toThrow(
      new RegExp(`^SSM_POLICY_PROFILE=${path}: not JSON: `),
    );
    await expect(profileFromEnv({ SSM_POLICY_PROFILE: join(dir, 'missing.json') })).rejects.toThrow(
      /^SSM_POLICY_PROFILE=.*missing\.json: cannot read the file: ENOENT/,
    );
  });

  it("the README's table of profile options names every option, with its default as JSON", () => {
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    const rows = new Map(
      [...readme.matchAll(/^\| `(\w+)` \| ([^|]+) \| `([^`]+)` \|/gm)].map((m) => [m[1]!, m[3]!]),
    );
    const encoded = encodeProfile(defaultProfile);
    expect([...rows.keys()].sort()).toEqual(Object.keys(encoded).sort());
    for (const [option, value] of Object.entries(encoded))
      expect(JSON.parse(rows.get(option)!), option).toEqual(value);
  });
});
