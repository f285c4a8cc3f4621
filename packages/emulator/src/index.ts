/**
 * `@ssm-policy/emulator`: the runnable emulator (the `ssm-policy-emulator` bin, `src/main.ts`) and, for those who
 * start it from their own code, how it reads its environment: the listen address and the policy store.
 *
 * @example
 * import { startEmulator } from '@ssm-policy/server';
 * import { listenAddressFromEnv, policyStoreFromEnv } from '@ssm-policy/emulator';
 * const { repository } = await policyStoreFromEnv({ STORE: 'memory' });
 * const emulator = await startEmulator({ ...listenAddressFromEnv({ PORT: '0' }), repository });
 * await emulator.close();
 *
 * @since 0.1.0
 */
export {
  callerSettingsFromEnv,
  listenAddressFromEnv,
  policyStoreFromEnv,
  type CallerSettings,
  type Environment,
  type ListenAddress,
  type PolicyStore,
} from './settings.js';
