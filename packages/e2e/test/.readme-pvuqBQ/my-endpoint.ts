// my-endpoint.ts
import type { ServiceFactory } from '@ssm-policy/conformance';
import { createSsmClient, createSsmParameterFixture, createSsmResourcePolicyService } from '@ssm-policy/adapter-ssm';
import { makeCaller } from '@ssm-policy/core';

const client = createSsmClient({
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:44569',
  credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' }, // our emulator reads a 12-digit key id as the account
});
export const factory: ServiceFactory = async () => ({
  service: createSsmResourcePolicyService(client),
  caller: makeCaller({ account: '123456789012', region: 'us-east-1' }),
  parameters: createSsmParameterFixture(client), // deleting a parameter must drop its policies (R7)
  dispose: async () => {},
});
