/**
 * The conformance kit's service contract, through the real SDK (`@ssm-policy/adapter-ssm`'s service) against
 * this emulator. Each handle gets its own emulator on a free loopback port, seeded when the kit asks, so the
 * cases are isolated and rule H11 (same seed, same ids and hashes) holds through the wire too. A second
 * account's client is the kit's consumer (rules A6, A7, R8 across accounts).
 */
import type { ServiceFactory } from '@ssm-policy/conformance';
import { describeSsmService } from '@ssm-policy/conformance/vitest';
import { makeCaller, seededIdSource } from '@ssm-policy/core';
import {
  createSsmClient,
  createSsmParameterFixture,
  createSsmParameterReader,
  createSsmResourcePolicyService,
} from '@ssm-policy/adapter-ssm';
import { startEmulator } from '@ssm-policy/server';

const ACCOUNT = '123456789012';
/** A second account on the same emulator (its 12-digit access key is the account, W6): the kit's consumer. */
const CONSUMER = '210987654321';
const REGION = 'us-east-1';
const RUNS = Number(process.env['CONFORMANCE_RUNS'] ?? 20);

const emulatorThroughSdk: ServiceFactory = async (setup) => {
  const emulator = await startEmulator({
    port: 0,
    ...(setup?.idSeed === undefined ? {} : { ids: seededIdSource(setup.idSeed) }),
  });
  const client = createSsmClient({
    region: REGION,
    endpoint: emulator.url,
    credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'emulator' },
    maxAttempts: 1,
  });
  const consumerClient = createSsmClient({
    region: REGION,
    endpoint: emulator.url,
    credentials: { accessKeyId: CONSUMER, secretAccessKey: 'emulator' },
    maxAttempts: 1,
  });
  return {
    consumer: {
      caller: makeCaller({ account: CONSUMER, region: REGION }),
      service: createSsmResourcePolicyService(consumerClient),
      getParameter: createSsmParameterReader(consumerClient),
    },
    service: createSsmResourcePolicyService(client),
    caller: makeCaller({ account: ACCOUNT, region: REGION }),
    parameters: createSsmParameterFixture(client),
    // Honoured whenever the kit passes a seed (the H11 case builds two handles with one).
    honoursIdSeed: true,
    dispose: async () => {
      client.destroy();
      consumerClient.destroy();
      await emulator.close();
    },
  };
};

describeSsmService('emulator through the SDK', emulatorThroughSdk, { runs: RUNS, timeout: 60_000 });
