#!/usr/bin/env node
/**
 * `ssm-policy-emulator` (and `pnpm start` at the repository root): the emulator on `127.0.0.1:4583` (`HOST` and
 * `PORT` override), one log line per request, a clean stop on SIGINT and SIGTERM. Policies live in memory, or in
 * DynamoDB with `STORE=dynamodb [DYNAMODB_ENDPOINT=http://127.0.0.1:8000] [DYNAMODB_TABLE=ssm-policies]`;
 * parameters always live in the emulator's own store. `SSM_POLICY_PROFILE=<file.json>` changes the behaviour
 * profile (the [U] choices). See `settings.ts` for what each variable means.
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
import { consoleLogger, startEmulator } from '@ssm-policy/server';
import { listenAddressFromEnv, policyStoreFromEnv, profileFromEnv } from './settings.js';

const main = async (): Promise<void> => {
  const { host, port } = listenAddressFromEnv(process.env);
  // The profile first: a bad file stops the start before a DynamoDB table is created.
  const profile = await profileFromEnv(process.env);
  const { repository, label } = await policyStoreFromEnv(process.env);
  const emulator = await startEmulator({
    host,
    port,
    logger: consoleLogger,
    repository,
    profile: profile.profile,
  });
  const profileNote = profile.label === 'default profile' ? '' : `, ${profile.label}`;
  console.log(`ssm-policy emulator listening on ${emulator.url} (policies: ${label}${profileNote})`);
  const stop = (signal: string): void => {
    console.log(`${signal}: stopping`);
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
