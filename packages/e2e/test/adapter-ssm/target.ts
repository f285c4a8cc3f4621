// Where the adapter's tests send their requests: our emulator on a free loopback port, in-process (the
// default, and CI), or the real AWS with the usual credential chain when SSM_LIVE=1 (see the README).
import type { SSMClient } from '@aws-sdk/client-ssm';
import { startEmulator, type EmulatorOptions } from '@ssm-policy/server';
import { createSsmClient, createSsmParameterFixture } from '@ssm-policy/adapter-ssm';

export const LIVE = (process.env['SSM_LIVE'] ?? '') !== '' && process.env['SSM_LIVE'] !== '0';

export interface Target {
  readonly client: SSMClient;
  readonly region: string;
  readonly account: string;
  readonly url?: string;
  close(): Promise<void>;
}

/** The emulator reads the caller's account from a 12-digit access key id (rule W6). */
export const EMULATOR_ACCOUNT = '123456789012';

const accountOf = async (client: SSMClient, probe: string): Promise<string> => {
  const fixture = createSsmParameterFixture(client);
  await fixture.putParameter({ Name: probe, Type: 'String', Tier: 'Standard' });
  try {
    return (await fixture.parameterArn(probe)).split(':')[4]!;
  } finally {
    await fixture.deleteParameter(probe);
  }
};

export const openTarget = async (options: EmulatorOptions = {}): Promise<Target> => {
  if (LIVE) {
    const region = process.env['AWS_REGION'] ?? 'us-east-1';
    const client = createSsmClient({ region });
    const account = await accountOf(client, `/resource-policy-adapter-test/${uniqueTag()}/probe`);
    return { client, region, account, close: async () => client.destroy() };
  }
  const emulator = await startEmulator({ ...options, port: 0 });
  const region = 'us-east-1';
  const client = createSsmClient({
    region,
    endpoint: emulator.url,
    credentials: { accessKeyId: EMULATOR_ACCOUNT, secretAccessKey: 'emulator' },
    maxAttempts: 1,
  });
  return {
    client,
    region,
    account: EMULATOR_ACCOUNT,
    url: emulator.url,
    close: async () => {
      client.destroy();
      await emulator.close();
    },
  };
};

export const uniqueTag = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
