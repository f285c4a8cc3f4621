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
