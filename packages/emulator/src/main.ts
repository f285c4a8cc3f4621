#!/usr/bin/env node
/**
 * `ssm-policy-emulator` (and `pnpm start` at the repository root): the emulator on `127.0.0.1:4583` (`HOST` and
 * `PORT` override), a pino JSON log on stdout with one line per request (`LOG_LEVEL`, default `info`; `silent`
 * turns it off; `| npx pino-pretty` for humans), a graceful stop on SIGINT and SIGTERM (every request already
 * received is answered, within `SHUTDOWN_TIMEOUT_SECONDS`). Policies live in memory, or in DynamoDB with
 * `STORE=dynamodb [DYNAMODB_ENDPOINT=http://127.0.0.1:8000] [DYNAMODB_TABLE=ssm-policies]`, and parameters with
 * them. `SSM_POLICY_IDENTITIES=<file>` maps access keys to principals; `SSM_POLICY_VERIFY_SIGNATURES=1` checks
 * SigV4 signatures with their secrets. `SSM_POLICY_PROFILE=<file.json>` changes the behaviour profile (the [U]
 * choices). See `settings.ts` for what each variable means.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { listenAddressFromEnv, policyStoreFromEnv } from '@ssm-policy/emulator';
 * import { startEmulator } from '@ssm-policy/server';
 * // What `HOST=0.0.0.0 PORT=4583 npx ssm-policy-emulator` does, on a free loopback port and without the signals.
 * const env = { PORT: '0' };
 * const { host, port } = listenAddressFromEnv(env);
 * const { repository } = await policyStoreFromEnv(env);
 * const emulator = await startEmulator({ host, port, repository });
 * await emulator.close();
 * assert.ok(emulator.port > 0);
 *
 * @since 0.1.0
 */
import { DEFAULT_SHUTDOWN_TIMEOUT_SECONDS, startEmulator } from '@ssm-policy/server';
import { createEmulatorLog } from './logger.js';
import {
  callerSettingsFromEnv,
  listenAddressFromEnv,
  logLevelFromEnv,
  logsRequests,
  policyStoreFromEnv,
  profileFromEnv,
  serverLimitsFromEnv,
} from './settings.js';

const main = async (): Promise<void> => {
  const { host, port } = listenAddressFromEnv(process.env);
  const limits = serverLimitsFromEnv(process.env);
  const level = logLevelFromEnv(process.env);
  // Checked before the store is opened: a bad profile or identities file stops the start at once, before a
  // DynamoDB table is created.
  const profile = await profileFromEnv(process.env);
  const { identities, verifySignatures } = callerSettingsFromEnv(
    process.env,
    profile.profile.verifySignatures,
  );
  const log = createEmulatorLog(level);
  // Request lines wait up to 20 ms to be written together: whatever ends the process writes them first.
  process.once('exit', () => log.flush());
  const { repository, parameters, shares, label } = await policyStoreFromEnv(process.env);
  const emulator = await startEmulator({
    host,
    port,
    repository,
    ...(parameters === undefined ? {} : { parameters }),
    ...(shares === undefined ? {} : { shares }),
    ...limits,
    identities,
    profile: { ...profile.profile, verifySignatures },
    // Without request lines to write, the listener is given no logger and builds no entries.
    ...(logsRequests(level) ? { logger: log.request } : {}),
  });
  log.logger.info(
    `ssm-policy emulator listening on ${emulator.url} (policies: ${label}; identities: ${identities.length}; signatures: ${verifySignatures ? 'verified' : 'not verified'}; ${profile.label})`,
  );
  const stop = (signal: string): void => {
    log.logger.info(`${signal}: stopping`);
    const exit = (code: number) => (): void => {
      log.flush();
      process.exit(code);
    };
    // The graceful stop closes every connection at its deadline; should anything still hold the event loop
    // a second later, exit anyway.
    const deadline = (limits.shutdownTimeoutSeconds ?? DEFAULT_SHUTDOWN_TIMEOUT_SECONDS) + 1;
    setTimeout(exit(1), deadline * 1000).unref();
    emulator.close().then(exit(0), exit(1));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
};

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
