/**
 * Builds an `SSMClient` from plain options, so that nothing reads a global: the region is required, the
 * endpoint is for an emulator (leave it out for the real AWS), and credentials default to the SDK's usual
 * chain (environment, shared files, SSO, instance roles).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createSsmClient } from '@ssm-policy/adapter-ssm';
 * const client = createSsmClient({
 *   region: 'us-east-1',
 *   endpoint: 'http://127.0.0.1:4583',
 *   credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
 * });
 * const region = await client.config.region();
 * client.destroy();
 * assert.equal(region, 'us-east-1');
 *
 * @since 0.1.0
 */
import { SSMClient, type SSMClientConfig } from '@aws-sdk/client-ssm';

/**
 * Where and as whom to call SSM.
 *
 * @category ssm client
 * @since 0.1.0
 */
export interface SsmClientOptions {
  readonly region: string;
  /** An SSM-compatible endpoint such as `http://127.0.0.1:4583`; absent for the real AWS. */
  readonly endpoint?: string;
  /** Static credentials or a provider; absent for the SDK's default credential chain. */
  readonly credentials?: NonNullable<SSMClientConfig['credentials']>;
  /** Attempts per call, retries included (the SDK's default is 3). */
  readonly maxAttempts?: number;
}

/**
 * An SSM client for the options given.
 *
 * @category ssm client
 * @since 0.1.0
 */
export const createSsmClient = (options: SsmClientOptions): SSMClient => {
  const config: SSMClientConfig = { region: options.region };
  if (options.endpoint !== undefined) config.endpoint = options.endpoint;
  if (options.credentials !== undefined) config.credentials = options.credentials;
  if (options.maxAttempts !== undefined) config.maxAttempts = options.maxAttempts;
  return new SSMClient(config);
};
