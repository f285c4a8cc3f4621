import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The emulator's environment, read without starting it: defaults, overrides and the refusals that make the
// process exit before it listens. STORE=dynamodb against DynamoDB Local runs in @ssm-policy/e2e (it needs Java).
import { afterAll, describe, expect, it } from 'vitest';
import { defaultProfile, encodeProfile, makeProfile } from '@ssm-policy/core';
import {
  LOG_LEVELS,
  listenAddressFromEnv,
  logLevelFromEnv,
  logsRequests,
  policyStoreFromEnv,
  profileFromEnv,
  serverLimitsFromEnv,
  callerSettingsFromEnv,
} from '@ssm-policy/emulator';

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

describe('logLevelFromEnv', () => {
  it('logs at info (one line per request) when LOG_LEVEL is unset', () => {
    expect(logLevelFromEnv({})).toBe('info');
    expect(logsRequests(logLevelFromEnv({}))).toBe(true);
  });

  it('lets the request lines through at trace, debug and info, not at warn, error, fatal or silent', () => {
    expect(LOG_LEVELS.filter((LOG_LEVEL) => logsRequests(logLevelFromEnv({ LOG_LEVEL })))).toEqual([
      'trace',
      'debug',
      'info',
    ]);
  });

  it.each(['quiet', 'INFO', ''])('refuses LOG_LEVEL=%j, naming the variable', (LOG_LEVEL) => {
    expect(() => logLevelFromEnv({ LOG_LEVEL })).toThrow(/^LOG_LEVEL must be one of trace, debug, info/);
  });
});

describe('serverLimitsFromEnv', () => {
  it("leaves every limit to the server's defaults when nothing is set", () => {
    expect(serverLimitsFromEnv({})).toEqual({});
  });

  it('reads connections, timeouts in seconds, the stop deadline, the memory budget and the quotas', () => {
    expect(
      serverLimitsFromEnv({
        MAX_CONNECTIONS: '100',
        HEADERS_TIMEOUT_SECONDS: '2.5',
        REQUEST_TIMEOUT_SECONDS: '20',
        KEEP_ALIVE_TIMEOUT_SECONDS: '3',
        SHUTDOWN_TIMEOUT_SECONDS: '4',
        MEMORY_BUDGET_MB: '64',
        MAX_STANDARD_PARAMETERS: '5',
      }),
    ).toEqual({
      maxConnections: 100,
      headersTimeoutSeconds: 2.5,
      requestTimeoutSeconds: 20,
      keepAliveTimeoutSeconds: 3,
      shutdownTimeoutSeconds: 4,
      memoryBudgetBytes: 64 * 1024 * 1024,
      parameterQuotas: { Standard: 5, Advanced: 100_000 },
    });
  });

  it.each([
    ['MAX_CONNECTIONS', '1.5'],
    ['MAX_CONNECTIONS', '0'],
    ['REQUEST_TIMEOUT_SECONDS', 'soon'],
    ['MEMORY_BUDGET_MB', '-1'],
    ['MAX_ADVANCED_PARAMETERS', 'many'],
  ])('refuses %s=%j, naming the variable', (name, value) => {
    expect(() => serverLimitsFromEnv({ [name]: value })).toThrow(new RegExp(`^${name} must be a positive`));
  });
});

describe('callerSettingsFromEnv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ssm-policy-identities-'));
  const file = (name: string, content: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  const bob = {
    accessKeyId: 'AKIAEXAMPLEBOB000001',
    secretAccessKey: 'bob-secret',
    principal: 'arn:aws:sts::222222222222:assumed-role/Reader/bob',
    userId: 'AROAEXAMPLE:bob',
    orgId: 'o-abc123',
    orgPaths: ['o-abc123/r-ab12/ou-ab12-11111111/'],
  };

  it('W6 no identities file and no verification by default', () => {
    expect(callerSettingsFromEnv({})).toEqual({ identities: [], verifySignatures: false });
  });

  it("W6 A4 reads the issue's format; the account is the principal ARN's", () => {
    const SSM_POLICY_IDENTITIES = file('ok.json', { identities: [bob] });
    expect(callerSettingsFromEnv({ SSM_POLICY_IDENTITIES, SSM_POLICY_VERIFY_SIGNATURES: '1' })).toEqual({
      identities: [{ ...bob, account: '222222222222' }],
      verifySignatures: true,
    });
  });

  it.each([
    [
      'not-an-arn',
      { identities: [bob, { accessKeyId: 'AKID2', principal: 'bob' }] },
      /identities\[1\]\.principal: not an IAM or STS ARN/,
    ],
    [
      's3-arn',
      { identities: [{ accessKeyId: 'AKID', principal: 'arn:aws:s3:::bucket' }] },
      /identities\[0\]\.principal: not an IAM or STS ARN/,
    ],
    [
      'no-key',
      { identities: [{ principal: 'arn:aws:iam::111111111111:root' }] },
      /identities\[0\]\.accessKeyId: missing or of the wrong JSON type/,
    ],
    [
      'twice',
      { identities: [bob, bob] },
      /identities\[1\]\.accessKeyId: AKIAEXAMPLEBOB000001 is listed twice/,
    ],
    [
      'paths',
      { identities: [{ ...bob, orgPaths: 'x' }] },
      /identities\[0\]\.orgPaths: missing or of the wrong JSON type/,
    ],
    ['no-list', { people: [] }, /"identities" array/],
    ['bad-json', '{', /is not JSON/],
  ])('W6 refuses a bad identities file (%s), naming the entry', (name, content, message) => {
    expect(() => callerSettingsFromEnv({ SSM_POLICY_IDENTITIES: file(`${name}.json`, content) })).toThrow(
      message,
    );
  });

  it('W6 refuses a missing file, naming the variable', () => {
    expect(() => callerSettingsFromEnv({ SSM_POLICY_IDENTITIES: join(dir, 'absent.json') })).toThrow(
      /^SSM_POLICY_IDENTITIES: cannot read/,
    );
  });

  it('W6 refuses verification without any secret, and a flag that is not 0 or 1', () => {
    expect(() => callerSettingsFromEnv({ SSM_POLICY_VERIFY_SIGNATURES: '1' })).toThrow(
      /needs SSM_POLICY_IDENTITIES/,
    );
    const noSecret = file('no-secret.json', {
      identities: [{ accessKeyId: 'AKID', principal: 'arn:aws:iam::111111111111:user/a' }],
    });
    expect(() =>
      callerSettingsFromEnv({ SSM_POLICY_IDENTITIES: noSecret, SSM_POLICY_VERIFY_SIGNATURES: '1' }),
    ).toThrow(/at least one secretAccessKey/);
    expect(() => callerSettingsFromEnv({ SSM_POLICY_VERIFY_SIGNATURES: 'yes' })).toThrow(/must be 1 or 0/);
  });

  it("W6 without SSM_POLICY_VERIFY_SIGNATURES, the profile file's verifySignatures decides; the variable wins", () => {
    expect(() => callerSettingsFromEnv({}, true)).toThrow(/the profile option verifySignatures needs/);
    const withSecret = file('secret.json', { identities: [bob] });
    expect(callerSettingsFromEnv({ SSM_POLICY_IDENTITIES: withSecret }, true).verifySignatures).toBe(true);
    expect(
      callerSettingsFromEnv({ SSM_POLICY_IDENTITIES: withSecret, SSM_POLICY_VERIFY_SIGNATURES: '0' }, true)
        .verifySignatures,
    ).toBe(false);
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
