/**
 * A `ServiceFactory` for any SSM endpoint: the adapter's service through one SDK client whose HTTP handler
 * records every exchange and bounds it in time (`recording-handler.ts`), the caller's account and region, and a
 * parameter fixture that remembers what it created. A refusal is reported as the endpoint sent it (`__type`,
 * message, HTTP status; `sentError`), not as what the SDK made of it. `cleanUp` removes every parameter the
 * run created and every policy it left on the caller's OpsItemGroup, and says what it could not remove.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { DUMMY_CREDENTIALS, accountOfArn, clientOptionsFor, connectEndpoint } from './endpoint-factory.js';
 * const options = { region: 'us-east-1', endpoint: 'http://127.0.0.1:1', timeoutMs: 2_000 };
 * // An emulator gets dummy credentials when the environment names none.
 * assert.deepEqual(clientOptionsFor(options, {}).credentials, DUMMY_CREDENTIALS);
 * assert.equal(accountOfArn('arn:aws:ssm:us-east-1:123456789012:parameter/a'), '123456789012');
 * // The run then probes `endpoint.probeClient`, and runs its cases on `endpoint.forAccount(account, policies)`.
 * const endpoint = connectEndpoint(options, {});
 * endpoint.destroy();
 * assert.match(endpoint.prefix, /^\/resource-policy-conformance\/[0-9a-z]{8}$/);
 *
 * @since 0.1.0
 */
import {
  DeleteResourcePolicyCommand,
  GetResourcePoliciesCommand,
  SSMClient,
  type SSMClientConfig,
} from '@aws-sdk/client-ssm';
import * as E from 'fp-ts/lib/Either.js';
import {
  createSsmClient,
  createSsmParameterFixture,
  createSsmParameterReader,
  createSsmResourcePolicyService,
  type SsmClientOptions,
} from '@ssm-policy/adapter-ssm';
import { makeCaller, type Caller, type ResourcePolicyService } from '@ssm-policy/core';
import {
  opsItemGroupArnOf,
  type ConsumerHandle,
  type ParameterFixture,
  type ServiceFactory,
} from '@ssm-policy/conformance';
import type { ExistingPolicy } from './endpoint-probe.js';
import { describeExchange, sentError, type RawExchange } from './raw-exchange.js';
import { makeRecorder, type Recorder } from './recording-handler.js';

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
  /** Per-request timeout. */
  readonly timeoutMs?: number;
  /** A second account's access key id: the kit's consumer (rules A6, A7, R8). */
  readonly consumerAccessKey?: string;
  readonly consumerSecretKey?: string;
}

/**
 * What the run could not remove, and why (as the endpoint answered).
 *
 * @category command line
 * @since 0.2.0
 */
export interface CleanupReport {
  readonly removedParameters: ReadonlyArray<string>;
  readonly removedPolicies: ReadonlyArray<string>;
  readonly notRemoved: ReadonlyArray<{ readonly what: string; readonly why: string }>;
}

/**
 * The run's client, caller, service factory and parameter fixture for one account, and its clean-up.
 *
 * @category command line
 * @since 0.2.0
 */
export interface RunEndpoint {
  readonly client: SSMClient;
  readonly caller: Caller;
  readonly factory: ServiceFactory;
  /** The fixture every handle shares; it remembers what it created. */
  readonly parameters: ParameterFixture;
  /** Removes every parameter the run created and every policy it left on the OpsItemGroup. */
  cleanUp(): Promise<CleanupReport>;
}

/**
 * An endpoint ready for the checks: its client, caller, service factory and parameter fixture.
 *
 * @category command line
 * @since 0.1.0
 */
export interface ConnectedEndpoint {
  readonly client: SSMClient;
  /** One attempt per request, so a hung endpoint costs one timeout. */
  readonly probeClient: SSMClient;
  readonly recorder: Recorder;
  /** The unique prefix of this run's own parameters (the probe). */
  readonly prefix: string;
  /** The run's service and fixture for the account the probe learned. */
  forAccount(
    account: string,
    opsItemGroupPolicies: ReadonlyArray<ExistingPolicy>,
    consumer?: ConsumerHandle,
  ): RunEndpoint;
  destroy(): void;
}

/**
 * Credentials for an emulator when the environment names none: an emulator does not check them.
 *
 * @category command line
 * @since 0.1.0
 */
export const DUMMY_CREDENTIALS = { accessKeyId: 'AKIDSSMPOLICYCONFORMANCE', secretAccessKey: 'conformance' };

/**
 * The per-request timeout when none is given, in milliseconds.
 *
 * @category command line
 * @since 0.2.0
 */
export const DEFAULT_TIMEOUT_MS = 10_000;

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

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The adapter's service, with each refusal replaced by the error the endpoint sent (its `__type`, message and
 * status), or by why no answer came.
 *
 * @category command line
 * @since 0.2.0
 */
export const asSent = (service: ResourcePolicyService, recorder: Recorder): ResourcePolicyService => {
  const wrap =
    <I, A>(op: (input: I) => () => Promise<E.Either<unknown, A>>) =>
    (input: I) =>
    async (): Promise<E.Either<never, A>> => {
      const { value, error, exchanges } = await recorder.within(() => op(input)());
      if (error !== undefined) throw error;
      const result = value!;
      if (E.isRight(result)) return result as E.Either<never, A>;
      const x = exchanges.at(-1);
      if (x === undefined) return result as E.Either<never, A>;
      if (x.response === undefined)
        return E.left({ _tag: 'no answer', message: describeExchange(x) } as never);
      const sent = sentError(x);
      // A 2xx awsJson answer the adapter could not read (a member missing): its own words say which.
      return (
        sent === undefined ? E.left({ ...(result.left as object), status: x.response.status }) : E.left(sent)
      ) as never;
    };
  return {
    PutResourcePolicy: wrap(service.PutResourcePolicy),
    GetResourcePolicies: wrap(service.GetResourcePolicies),
    DeleteResourcePolicy: wrap(service.DeleteResourcePolicy),
  } as ResourcePolicyService;
};

/** A thrown fixture error → what the endpoint sent. */
const sentReason = (error: unknown, exchanges: ReadonlyArray<RawExchange>): Error => {
  const x = exchanges.at(-1);
  return new Error(x === undefined ? errorText(error) : describeExchange(x, 400));
};

/** Tracks what the cases create, so that a crashed case cannot leave parameters behind. */
const trackingFixture = (
  inner: ParameterFixture,
  live: Set<string>,
  recorder: Recorder,
): ParameterFixture => ({
  putParameter: async (p) => {
    live.add(p.Name);
    const { error, exchanges } = await recorder.within(() => inner.putParameter(p));
    if (error !== undefined) throw sentReason(error, exchanges);
  },
  deleteParameter: async (Name) => {
    const { error, exchanges } = await recorder.within(() => inner.deleteParameter(Name));
    if (error !== undefined) throw sentReason(error, exchanges);
    live.delete(Name);
  },
});

/**
 * The consumer's handle: a second client with `--consumer-access-key`. Its account is the key when that is 12
 * digits (the emulator's convention), else the account of a probe parameter it creates and deletes.
 *
 * @category command line
 * @since 0.2.0
 */
export const connectConsumer = async (
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

/**
 * The clients and recorder for an endpoint; `forAccount` then gives the run its service and fixture.
 *
 * @category command line
 * @since 0.2.0
 */
export const connectEndpoint = (
  options: EndpointOptions,
  env: Readonly<Record<string, string | undefined>>,
): ConnectedEndpoint => {
  const recorder = makeRecorder({ timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  const base = clientOptionsFor(options, env);
  const config = (maxAttempts?: number): SSMClientConfig => ({
    region: base.region,
    ...(base.endpoint === undefined ? {} : { endpoint: base.endpoint }),
    ...(base.credentials === undefined ? {} : { credentials: base.credentials }),
    ...(maxAttempts === undefined ? {} : { maxAttempts }),
    requestHandler: recorder.handler as never,
  });
  const client = new SSMClient(config());
  const probeClient = new SSMClient(config(1));
  const prefix = `/resource-policy-conformance/${randomTag()}`;

  return {
    client,
    probeClient,
    recorder,
    prefix,
    destroy: () => {
      probeClient.destroy();
      client.destroy();
    },
    forAccount: (account, opsItemGroupPolicies, consumer) => {
      const live = new Set<string>();
      const parameters = trackingFixture(createSsmParameterFixture(client), live, recorder);
      const caller = makeCaller({ account, region: options.region });
      const service = asSent(createSsmResourcePolicyService(client), recorder);
      const group = opsItemGroupArnOf(caller);
      const theirs = new Set(opsItemGroupPolicies.map((p) => p.PolicyId));

      const cleanUp = async (): Promise<CleanupReport> => {
        const removedParameters: string[] = [];
        const removedPolicies: string[] = [];
        const notRemoved: Array<{ what: string; why: string }> = [];
        for (const Name of [...live]) {
          try {
            await parameters.deleteParameter(Name);
            removedParameters.push(Name);
          } catch (e) {
            notRemoved.push({ what: `parameter ${Name}`, why: errorText(e) });
          }
        }
        // The OpsItemGroup is not deleted with anything: a policy the run left there stays unless removed.
        const listed = await recorder.within(() =>
          client.send(new GetResourcePoliciesCommand({ ResourceArn: group, MaxResults: 50 })),
        );
        if (listed.error !== undefined) {
          notRemoved.push({
            what: `policies on ${group}`,
            why: `cannot list them: ${errorText(sentReason(listed.error, listed.exchanges))}`,
          });
        } else {
          for (const p of listed.value?.Policies ?? []) {
            if (p.PolicyId === undefined || theirs.has(p.PolicyId)) continue;
            const deleted = await recorder.within(() =>
              client.send(
                new DeleteResourcePolicyCommand({
                  ResourceArn: group,
                  PolicyId: p.PolicyId,
                  PolicyHash: p.PolicyHash,
                }),
              ),
            );
            if (deleted.error === undefined) removedPolicies.push(`${p.PolicyId} on ${group}`);
            else
              notRemoved.push({
                what: `policy ${p.PolicyId} on ${group}`,
                why: errorText(sentReason(deleted.error, deleted.exchanges)),
              });
          }
        }
        return { removedParameters, removedPolicies, notRemoved };
      };

      return {
        client,
        caller,
        parameters,
        factory: async () => ({
          service,
          caller,
          parameters,
          evidence: () => recorder.last(),
          ...(consumer === undefined ? {} : { consumer }),
          dispose: async () => {},
        }),
        cleanUp,
      };
    },
  };
};
