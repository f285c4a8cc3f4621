/**
 * `@ssm-policy/emulator`: the runnable emulator (the `ssm-policy-emulator` bin, `src/main.ts`) and, for those who
 * start it from their own code, how it reads its environment: the listen address, the limits, the log level, the
 * behaviour profile, the callers and the policy store.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { listenAddressFromEnv, policyStoreFromEnv, profileFromEnv } from '@ssm-policy/emulator';
 * import { startEmulator } from '@ssm-policy/server';
 * const { repository, label } = await policyStoreFromEnv({ STORE: 'memory' });
 * const { profile } = await profileFromEnv({}); // SSM_POLICY_PROFILE unset: the rulebook's defaults
 * const emulator = await startEmulator({ ...listenAddressFromEnv({ PORT: '0' }), repository, profile });
 * await emulator.close();
 * assert.match(emulator.url, /^http:\/\/127\.0\.0\.1:\d+$/);
 * assert.equal(label, 'memory');
 *
 * @since 0.1.0
 */
export {
  LOG_LEVELS,
  callerSettingsFromEnv,
  listenAddressFromEnv,
  logLevelFromEnv,
  logsRequests,
  policyStoreFromEnv,
  profileFromEnv,
  serverLimitsFromEnv,
  type CallerSettings,
  type Environment,
  type ServerLimits,
  type ListenAddress,
  type LogLevel,
  type PolicyStore,
  type ProfileSetting,
} from './settings.js';
