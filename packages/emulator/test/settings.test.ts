import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The emulator's environment, read without starting it: defaults, overrides and the refusals that make the
// process exit before it listens. STORE=dynamodb against DynamoDB Local runs in @ssm-policy/e2e (it needs Java).
import { describe, expect, it } from 'vitest';
import {
  LOG_LEVELS,
  listenAddressFromEnv,
  logLevelFromEnv,
  logsRequests,
  policyStoreFromEnv,
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
});
