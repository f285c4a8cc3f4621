/**
 * A `ServiceFactory` for any SSM endpoint: the adapter's service through one SDK client, the caller's account
 * and region, and a parameter fixture that remembers what it created so that `sweep` removes whatever a case
 * left behind. The account comes from `--account`, or from the ARN the endpoint reports for a probe
 * parameter (`GetParameter`), which works against the real AWS and our emulator alike.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { startEmulator } from '@ssm-policy/server';
 * import { connectEndpoint } from './endpoint-factory.js';
 * const emulator = await startEmulator({ port: 0 });
 * const endpoint = await connectEndpoint({ region: 'us-east-1', endpoint: emulator.url }, {});
 * // … run the service contract with `endpoint.factory`, then remove what it created:
 * await endpoint.sweep();
 * endpoint.client.destroy();
 * await emulator.close();
 * assert.equal(endpoint.caller.account, '123456789012'); // learned from a probe parameter's ARN
 *
 * @since 0.1.0
 */
import type { SSMClient } from '@aws-sdk/client-ssm';
import {
  createSsmClient,
  createSsmParameterFixture,
  createSsmResourcePolicyService,
  type SsmClientOptions,
} from '@ssm-policy/adapter-ssm';
import { makeCaller, type Caller } from '@ssm-policy/core';
import type { ParameterFixture, ServiceFactory } from '@ssm-policy/conformance';

/**
 * Which endpoint to check, in which region and account.
 *
 * @category command line
 * @since 0.1.0
 */
export interface EndpointOptions {
  readonly endpoint?: string;
  readonly region: string;
  readonly account?: string;
}

/**
 * An endpoint ready for the checks: its client, caller, service factory and parameter fixture.
 *
 * @category command line
 * @since 0.1.0
 */
export interface ConnectedEndpoint {
  readonly client: SSMClient;
  readonly caller: Caller;
  readonly factory: ServiceFactory;
  /** The fixture every handle shares; it remembers what it created for `sweep`. */
  readonly parameters: ParameterFixture;
  /** The unique prefix of this run's own parameters (the probe). */
  readonly prefix: string;
  /** Deletes every parameter the fixture created and has not deleted; answers their names. */
  sweep(): Promise<ReadonlyArray<string>>;
}

/**
 * Credentials for an emulator when the environment names none: an emulator does not check them.
 *
 * @category command line
 * @since 0.1.0
 */
export const DUMMY_CREDENTIALS = { accessKeyId: 'AKIDSSMPOLICYCONFORMANCE', secretAccessKey: 'conformance' };

const randomTag = (): string => Math.random().toString(36).slice(2, 10).padEnd(8, '0');

/**
 * The client options: dummy credentials only for an explicit endpoint with no credentials in the environment.
 *
 * @category command line
 * @since 0.1.0
 */
export const clientOptionsFor = (
  options: EndpointOptions,
  env: Readonly<Record<string, string | undefined>>,
): SsmClientOptions => {
  const named = env['AWS_ACCESS_KEY_ID'] !== undefined || env['AWS_PROFILE'] !== undefined;
  return {
    region: options.region,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.endpoint !== undefined && !named ? { credentials: DUMMY_CREDENTIALS } : {}),
  };
};

/**
 * `arn:<partition>:ssm:<region>:<account>:parameter/...` → its account.
 *
 * @category command line
 * @since 0.1.0
 */
export const accountOfArn = (arn: string): string | undefined => {
  const account = arn.split(':')[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
};

/** Tracks what the cases create, so a crashed case cannot leave parameters behind. */
const trackingFixture = (inner: ParameterFixture, live: Set<string>): ParameterFixture => ({
  putParameter: async (p) => {
    live.add(p.Name);
    await inner.putParameter(p);
  },
  deleteParameter: async (Name) => {
    await inner.deleteParameter(Name);
    live.delete(Name);
  },
});

/**
 * Connects to an endpoint; unless given, learns the caller's account from a probe parameter's ARN.
 *
 * @category command line
 * @since 0.1.0
 */
export const connectEndpoint = async (
  options: EndpointOptions,
  env: Readonly<Record<string, string | undefined>>,
): Promise<ConnectedEndpoint> => {
  const client = createSsmClient(clientOptionsFor(options, env));
  const fixture = createSsmParameterFixture(client);
  const prefix = `/resource-policy-conformance/${randomTag()}`;
  const live = new Set<string>();
  const parameters = trackingFixture(fixture, live);

  let account = options.account;
  if (account === undefined) {
    const probe = `${prefix}/probe`;
    await parameters.putParameter({ Name: probe, Type: 'String', Tier: 'Standard' });
    try {
      account = accountOfArn(await fixture.parameterArn(probe));
    } finally {
      await parameters.deleteParameter(probe);
    }
    if (account === undefined) throw new Error('the endpoint reported a parameter ARN without an account');
  }
  const caller = makeCaller({ account, region: options.region });
  const service = createSsmResourcePolicyService(client);

  return {
    client,
    caller,
    prefix,
    parameters,
    factory: async () => ({ service, caller, parameters, dispose: async () => {} }),
    sweep: async () => {
      const left = [...live];
      for (const Name of left) await parameters.deleteParameter(Name).catch(() => undefined);
      return left;
    },
  };
};
