/**
 * `@ssm-policy/adapter-ssm`: resource policies on an SSM endpoint (the real AWS, our emulator or another)
 * through `@aws-sdk/client-ssm`: the core's `ResourcePolicyService`, a `PolicyRepository` whose ids and hashes
 * SSM assigns, and a parameter fixture for tests and conformance runs.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createSsmClient, createSsmResourcePolicyService } from '@ssm-policy/adapter-ssm';
 * import { startEmulator } from '@ssm-policy/server';
 * // Against AWS, leave out `endpoint` and `credentials`; here, against the emulator on loopback.
 * const emulator = await startEmulator({ port: 0 });
 * const client = createSsmClient({
 *   region: 'us-east-1',
 *   endpoint: emulator.url,
 *   credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
 * });
 * const service = createSsmResourcePolicyService(client);
 * const answer = await service.GetResourcePolicies({ ResourceArn: 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default' })();
 * client.destroy();
 * await emulator.close();
 * assert.deepEqual(answer, { _tag: 'Right', right: { Policies: [] } });
 *
 * @since 0.1.0
 */
export { attempt } from './attempt.js';
export { fromSdkError, fromSdkErrorFor, parameterNamesOf, sdkErrorName } from './sdk-errors.js';
export { createSsmClient, type SsmClientOptions } from './ssm-client.js';
export {
  createSsmParameterReader,
  type ParameterReadError,
  type ReadParameter,
} from './ssm-parameter-reader.js';
export {
  ParameterFixtureError,
  createSsmParameterFixture,
  type SsmParameterFixture,
  type SsmParameterSpec,
} from './ssm-parameter-fixture.js';
export {
  SSM_MAX_PAGE_SIZE,
  conditionRefusal,
  createRefusal,
  createSsmPolicyRepository,
  listAllPolicies,
  listRefusal,
} from './ssm-policy-repository.js';
export { completeEntry, completePage, createSsmResourcePolicyService } from './ssm-service.js';
