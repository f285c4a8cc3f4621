/**
 * A `ServiceFactory` for any SSM endpoint: the adapter's service through one SDK client, the caller's account
 * and region, and a parameter fixture that remembers what it created so that `sweep` removes whatever a case
 * left behind. The account comes from `--account`, or from the ARN the endpoint reports for a probe
 * parameter (`GetParameter`), which works against the real AWS and our emulator alike.
 *
 * @example
 * import { connectEndpoint } from './endpoint-factory.js';
 * // const endpoint = await connectEndpoint({ region: 'us-east-1', endpoint: 'http://127.0.0.1:4583' }, process.env);
 * // await runServiceCase(c, endpoint.factory); await endpoint.sweep();
 *
 * @since 0.1.0
 */
import type { SSMClient } from '@aws-sdk/client-ssm';
import {
  createSsmClient,
  createSsmParameterFixture,
  createSsmParameterReader,
  createSsmResourcePolicyService,
  type SsmClientOptions,
} from '@ssm-policy/adapter-ssm';
import { makeCaller, type Caller } from '@ssm-policy/core';
import type { ConsumerHandle, ParameterFixture, ServiceFactory } from '@ssm-policy/conformance';

export interface EndpointOptions {
  readonly endpoint?: string;
  readonly region: string;
  readonly account?: string;
  /** A second account's access key id: the kit's consumer (rules A6, A7, R8). */
  readonly consumerAccessKey?: string;
  readonly consumerSecretKey?: string;
}

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

/** Credentials for an emulator when the environment names none: an emulator does not check them. */
export const DUMMY_CREDENTIALS = { accessKeyId: 'AKIDSSMPOLICYCONFORMANCE', secretAccessKey: 'conformance' };

const randomTag = (): string => Math.random().toString(36).slice(2, 10).padEnd(8, '0');

/** The client options: dummy credentials only for an explicit endpoint with no credentials in the environment. */
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

/** `arn:<partition>:ssm:<region>:<account>:parameter/...` → its account. */
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
 * The consumer's handle: a second client with `--consumer-access-key`. Its account is the key when that is 12
 * digits (the emulator's convention), else the account of a probe parameter it creates and deletes.
 */
const connectConsumer = async (
  options: EndpointOptions,
  prefix: string,
): Promise<ConsumerHandle | undefined> => {
  if (options.consumerAccessKey === undefined) return undefined;
  const client = createSsmClient({
    region: options.region,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    credentials: {
      accessKeyId: options.consumerAccessKey,
      secretAccessKey: options.consumerSecretKey ?? DUMMY_CREDENTIALS.secretAccessKey,
    },
  });
  let account = /^\d{12}$/.test(options.consumerAccessKey) ? options.consumerAccessKey : undefined;
  if (account === undefined) {
    const fixture = createSsmParameterFixture(client);
    const probe = `${prefix}/consumer-probe`;
    await fixture.putParameter({ Name: probe, Type: 'String', Tier: 'Standard' });
    try {
      account = accountOfArn(await fixture.parameterArn(probe));
    } finally {
      await fixture.deleteParameter(probe);
    }
    if (account === undefined)
      throw new Error("the endpoint reported the consumer's parameter ARN without an account");
  }
  return {
    caller: makeCaller({ account, region: options.region }),
    service: createSsmResourcePolicyService(client),
    getParameter: createSsmParameterReader(client),
  };
};

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
  const consumer = await connectConsumer(options, prefix);

  return {
    client,
    caller,
    prefix,
    parameters,
    factory: async () => ({
      service,
      caller,
      parameters,
      ...(consumer === undefined ? {} : { consumer }),
      dispose: async () => {},
    }),
    sweep: async () => {
      const left = [...live];
      for (const Name of left) await parameters.deleteParameter(Name).catch(() => undefined);
      return left;
    },
  };
};
