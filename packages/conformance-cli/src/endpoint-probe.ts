/**
 * Decides up front, with a few harmless requests, whether the endpoint can be checked at all: it must answer
 * (within the request timeout), speak SSM's awsJson1_1 protocol, and offer every operation the run needs
 * (PutParameter, GetParameter, DeleteParameter, PutResourcePolicy, GetResourcePolicies,
 * DeleteResourcePolicy). An endpoint that fails this is *unusable* (exit status 3, one line saying which
 * request failed and how), not a rulebook violation. The probe also learns the caller's account from a probe
 * parameter's ARN and lists the policies already on the caller's OpsItemGroup, so that the run can tell its own
 * leftovers from someone else's.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { connectEndpoint } from './endpoint-factory.js';
 * import { probeEndpoint } from './endpoint-probe.js';
 * // Nothing listens on port 1: the probe says the endpoint cannot be used, and why, instead of throwing.
 * const endpoint = connectEndpoint({ region: 'us-east-1', endpoint: 'http://127.0.0.1:1', timeoutMs: 2_000 }, {});
 * const verdict = await probeEndpoint(endpoint.probeClient, endpoint.recorder, {
 *   region: 'us-east-1',
 *   prefix: endpoint.prefix,
 *   target: 'port 1',
 * });
 * endpoint.destroy();
 * assert.equal(verdict._tag === 'Unusable' && verdict.operation, 'PutParameter');
 *
 * @since 0.1.0
 */
import {
  DeleteParameterCommand,
  DeleteResourcePolicyCommand,
  GetParameterCommand,
  GetResourcePoliciesCommand,
  PutParameterCommand,
  PutResourcePolicyCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { opsItemGroupArnOf, parameterArnOf, parameterPolicy } from '@ssm-policy/conformance';
import { makeCaller } from '@ssm-policy/core';
import { accountOfArn } from './endpoint-factory.js';
import { describeExchange, isJsonAnswer, sentCode, type RawExchange } from './raw-exchange.js';
import type { Recorder } from './recording-handler.js';

/**
 * A policy already on the caller's OpsItemGroup before the run.
 *
 * @category command line
 * @since 0.2.0
 */
export interface ExistingPolicy {
  readonly PolicyId: string;
  readonly PolicyHash: string;
}

/**
 * The probe found the endpoint usable, and learned the account.
 *
 * @category command line
 * @since 0.2.0
 */
export interface Usable {
  readonly _tag: 'Usable';
  readonly account: string;
  /** Policies on the caller's OpsItemGroup before the run: not the run's, never removed by it. */
  readonly opsItemGroupPolicies: ReadonlyArray<ExistingPolicy>;
}

/**
 * The probe found the endpoint unusable, and says why in one line.
 *
 * @category command line
 * @since 0.2.0
 */
export interface Unusable {
  readonly _tag: 'Unusable';
  /** The operation whose request showed it. */
  readonly operation: string;
  /** One line: what was sent and what came back (or did not). */
  readonly line: string;
  readonly exchange?: RawExchange;
}

/**
 * What the probe needs to know about the run.
 *
 * @category command line
 * @since 0.2.0
 */
export interface ProbeOptions {
  readonly region: string;
  readonly account?: string;
  /** The run's unique parameter prefix. */
  readonly prefix: string;
  /** How the endpoint is named in messages. */
  readonly target: string;
}

/** Sends `command`; answers the SDK's output or the reason the endpoint is unusable. */
type Step = <A>(
  operation: string,
  send: () => Promise<A>,
  okErrors?: 'any awsJson error',
) => Promise<{ readonly output?: A; readonly unusable?: Unusable }>;

const stepper =
  (recorder: Recorder, target: string): Step =>
  async (operation, send, okErrors) => {
    const { value, error, exchanges } = await recorder.within(send);
    const x = exchanges.at(-1);
    const unusable = (line: string): { unusable: Unusable } => ({
      unusable: { _tag: 'Unusable', operation, line, ...(x === undefined ? {} : { exchange: x }) },
    });
    if (x === undefined)
      return unusable(
        `${target} cannot be used: ${operation} was not sent: ${error instanceof Error ? error.message : String(error)}`,
      );
    if (x.response === undefined)
      return unusable(
        /--timeout/.test(x.error ?? '')
          ? `${target} does not answer: ${operation} got ${x.error ?? 'no answer'}`
          : `${target} cannot be reached: ${operation} failed: ${x.error ?? 'no answer'}`,
      );
    if (!isJsonAnswer(x.response))
      return unusable(`${target} does not speak SSM's awsJson1_1 protocol: ${describeExchange(x, 120)}`);
    if (sentCode(x.response) === 'UnknownOperationException')
      return unusable(`${target} does not offer ${operation}, which the run needs: ${describeExchange(x)}`);
    if (error !== undefined && okErrors === undefined)
      return unusable(`${target} cannot run the checks: ${describeExchange(x)}`);
    return { ...(value === undefined ? {} : { output: value }) };
  };

/**
 * Sends a few harmless requests to learn whether the checks can run against the endpoint, and as which account.
 *
 * @category command line
 * @since 0.2.0
 */
export const probeEndpoint = async (
  client: SSMClient,
  recorder: Recorder,
  options: ProbeOptions,
): Promise<Usable | Unusable> => {
  const step = stepper(recorder, options.target);
  const Name = `${options.prefix}/probe`;
  const put = await step('PutParameter', () =>
    client.send(
      new PutParameterCommand({ Name, Type: 'String', Tier: 'Standard', Value: 'probe', Overwrite: true }),
    ),
  );
  if (put.unusable !== undefined) return put.unusable;
  let account = options.account;
  // GetParameter only tells the account: with --account the run does not need it.
  const got =
    account === undefined
      ? await step('GetParameter', () => client.send(new GetParameterCommand({ Name })))
      : {};
  const removed = await step('DeleteParameter', () => client.send(new DeleteParameterCommand({ Name })));
  if (got.unusable !== undefined) return got.unusable;
  if (removed.unusable !== undefined) return removed.unusable;
  if (account === undefined) {
    const arn = got.output?.Parameter?.ARN;
    account = arn === undefined ? undefined : accountOfArn(arn);
    if (account === undefined)
      return {
        _tag: 'Unusable',
        operation: 'GetParameter',
        line: `${options.target} cannot run the checks: GetParameter answered no ARN with a 12-digit account (${JSON.stringify(arn)}); pass --account`,
      };
  }
  const caller = makeCaller({ account, region: options.region });
  const group = opsItemGroupArnOf(caller);
  const listed = await step('GetResourcePolicies', () =>
    client.send(new GetResourcePoliciesCommand({ ResourceArn: group, MaxResults: 50 })),
  );
  if (listed.unusable !== undefined) return listed.unusable;
  // A parameter that does not exist: a conforming endpoint refuses both (R4), and nothing is created.
  const missing = parameterArnOf(caller, `${options.prefix}/missing`);
  const putPolicy = await step(
    'PutResourcePolicy',
    () =>
      client.send(new PutResourcePolicyCommand({ ResourceArn: missing, Policy: parameterPolicy(missing) })),
    'any awsJson error',
  );
  if (putPolicy.unusable !== undefined) return putPolicy.unusable;
  const deletePolicy = await step(
    'DeleteResourcePolicy',
    () =>
      client.send(
        new DeleteResourcePolicyCommand({
          ResourceArn: missing,
          PolicyId: '00000000-0000-4000-8000-000000000000',
          PolicyHash: 'probe',
        }),
      ),
    'any awsJson error',
  );
  if (deletePolicy.unusable !== undefined) return deletePolicy.unusable;
  return {
    _tag: 'Usable',
    account,
    opsItemGroupPolicies: (listed.output?.Policies ?? []).flatMap((p) =>
      p.PolicyId === undefined ? [] : [{ PolicyId: p.PolicyId, PolicyHash: p.PolicyHash ?? '' }],
    ),
  };
};
