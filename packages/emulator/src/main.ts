#!/usr/bin/env node
/**
 * `ssm-policy-emulator` (and `pnpm start` at the repository root): the emulator on `127.0.0.1:4583` (`HOST` and
 * `PORT` override), one log line per answer, a graceful stop on SIGINT and SIGTERM (every request already
 * received is answered, within `SHUTDOWN_TIMEOUT_SECONDS`). Policies live in memory, or in DynamoDB with `STORE=dynamodb [DYNAMODB_ENDPOINT=http://127.0.0.1:8000] [DYNAMODB_TABLE=ssm-policies]`;
 * parameters always live in the emulator's own store. See `settings.ts` for what each variable means.
 *
 * @example
 * // HOST=0.0.0.0 PORT=4583 npx ssm-policy-emulator
 *
 * @since 0.1.0
 */
import { DEFAULT_SHUTDOWN_TIMEOUT_SECONDS, consoleLogger, startEmulator } from '@ssm-policy/server';
import { listenAddressFromEnv, policyStoreFromEnv, serverLimitsFromEnv } from './settings.js';

const main = async (): Promise<void> => {
  const { host, port } = listenAddressFromEnv(process.env);
  const limits = serverLimitsFromEnv(process.env);
  const { repository, label } = await policyStoreFromEnv(process.env);
  const emulator = await startEmulator({ host, port, logger: consoleLogger, repository, ...limits });
  console.log(`ssm-policy emulator listening on ${emulator.url} (policies: ${label})`);
  const stop = (signal: string): void => {
    console.log(`${signal}: stopping`);
    // The graceful stop closes every connection at its deadline; should anything still hold the event loop
    // a second later, exit anyway.
    const deadline = (limits.shutdownTimeoutSeconds ?? DEFAULT_SHUTDOWN_TIMEOUT_SECONDS) + 1;
    setTimeout(() => process.exit(1), deadline * 1000).unref();
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
};

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
