// The conformance kit's two contracts, through the adapter and the real SDK, against our emulator started
// in-process on a free loopback port (or the real AWS with SSM_LIVE=1, service contract only).
import { afterAll } from 'vitest';
import type { ServiceFactory } from '@ssm-policy/conformance';
import { describePolicyRepository, describeSsmService } from '@ssm-policy/conformance/vitest';
import { makeCaller, makeProfile, type ResourceKey } from '@ssm-policy/core';
import { startEmulator, type RunningEmulator } from '@ssm-policy/server';
import {
  createSsmClient,
  createSsmParameterFixture,
  createSsmPolicyRepository,
  createSsmResourcePolicyService,
} from '@ssm-policy/adapter-ssm';
import { LIVE, openTarget, type Target } from './target.js';

const RUNS = Number(process.env['CONFORMANCE_RUNS'] ?? 25);

// One emulator per profile, started on first use and closed after the file.
const emulators = new Map<string, Promise<RunningEmulator>>();
const emulatorFor = (name: string, start: () => Promise<RunningEmulator>): Promise<RunningEmulator> => {
  let e = emulators.get(name);
  if (e === undefined) emulators.set(name, (e = start()));
  return e;
};
afterAll(async () => {
  for (const e of emulators.values()) await (await e).close();
});

/** A fresh 12-digit account per call: the emulator reads the caller's account from the access key (W6). */
const freshAccount = (): string => String(100_000_000_000 + Math.floor(Math.random() * 899_999_999_999));

// -------------------------------------------------------------------------------------------------
// service contract
// -------------------------------------------------------------------------------------------------

let live: Promise<Target> | undefined;
afterAll(async () => {
  if (live !== undefined) await (await live).close();
});

const serviceFactory: ServiceFactory = async () => {
  if (LIVE) {
    const target = await (live ??= openTarget());
    return {
      service: createSsmResourcePolicyService(target.client),
      caller: makeCaller({ account: target.account, region: target.region }),
      parameters: createSsmParameterFixture(target.client),
      dispose: async () => {},
    };
  }
  const emulator = await emulatorFor('default', () => startEmulator({ port: 0 }));
  const account = freshAccount();
  const client = createSsmClient({
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: { accessKeyId: account, secretAccessKey: 'emulator' },
    maxAttempts: 1,
  });
  return {
    service: createSsmResourcePolicyService(client),
    caller: makeCaller({ account, region: 'us-east-1' }),
    parameters: createSsmParameterFixture(client),
    dispose: async () => client.destroy(),
  };
};

describeSsmService('SSM adapter through the SDK: service contract', serviceFactory, {
  runs: RUNS,
  timeout: 60_000,
});

// -------------------------------------------------------------------------------------------------
// store contract
// -------------------------------------------------------------------------------------------------

// The store contract writes minimal documents ({"Statement":[{"Sid":…}]}) to resources it names by label,
// so the emulator behind it accepts any statement and each resource is a parameter created on first use.
const storeProfile = makeProfile({ requiredStatementElements: [], resourceMustNameTarget: false });

if (!LIVE)
  describePolicyRepository(
    'SSM adapter through the SDK: store contract',
    async () => {
      const emulator = await emulatorFor('store', () => startEmulator({ port: 0, profile: storeProfile }));
      const account = freshAccount();
      const client = createSsmClient({
        region: 'us-east-1',
        endpoint: emulator.url,
        credentials: { accessKeyId: account, secretAccessKey: 'emulator' },
        maxAttempts: 1,
      });
      const fixture = createSsmParameterFixture(client);
      const inner = createSsmPolicyRepository(client);
      const resourceOf = (label: string): ResourceKey => ({
        arn: `arn:aws:ssm:us-east-1:${account}:parameter/store-contract/${label}`,
      });
      // Every label's parameter exists before the repository is asked about it.
      const ensured = new Map<string, Promise<void>>();
      const ensure = ({ arn }: ResourceKey): Promise<void> => {
        let p = ensured.get(arn);
        if (p === undefined) {
          const Name = `/${arn.split(':parameter/')[1]!}`;
          ensured.set(arn, (p = fixture.putParameter({ Name, Type: 'String', Tier: 'Advanced' })));
        }
        return p;
      };
      const after =
        <A extends { resource: ResourceKey }, R>(op: (input: A) => () => Promise<R>) =>
        (input: A) =>
        async () => {
          await ensure(input.resource);
          return op(input)();
        };
      return {
        repository: {
          capabilities: inner.capabilities,
          create: after(inner.create),
          update: after(inner.update),
          delete: after(inner.delete),
          list: after(inner.list),
          dropResource: (resource) => async () => {
            await ensure(resource);
            return inner.dropResource(resource)();
          },
        },
        resource: resourceOf,
        dispose: async () => client.destroy(),
      };
    },
    // SSM assigns ids and hashes (the repository's capabilities say so); a maxPolicies stricter than SSM's own
    // is checked before the write, which concurrent creates can race, so the concurrency cases are left to the
    // service contract's H10 checks.
    { concurrency: false, timeout: 60_000 },
  );
