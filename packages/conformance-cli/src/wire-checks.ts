/**
 * Wire rules W1–W6, checked on the raw HTTP answers of an endpoint (`wire-probe.ts`): the status, the headers
 * and the body as sent, which the service contract cannot see through the SDK. Requests are signed by the
 * SDK, so the same checks run against the real AWS. Each check creates what it needs under a unique prefix
 * and removes it.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { defaultProfile } from '@ssm-policy/core';
 * import { startEmulator } from '@ssm-policy/server';
 * import { connectEndpoint } from './endpoint-factory.js';
 * import { probeEndpoint } from './endpoint-probe.js';
 * import { runWireChecks } from './wire-checks.js';
 * const emulator = await startEmulator({ port: 0 });
 * const endpoint = connectEndpoint({ region: 'us-east-1', endpoint: emulator.url }, {});
 * const verdict = await probeEndpoint(endpoint.probeClient, endpoint.recorder, {
 *   region: 'us-east-1',
 *   prefix: endpoint.prefix,
 *   target: emulator.url,
 * });
 * if (verdict._tag !== 'Usable') throw new Error(verdict.line);
 * const run = endpoint.forAccount(verdict.account, verdict.opsItemGroupPolicies);
 * const results = await runWireChecks(run, defaultProfile);
 * const cleanup = await run.cleanUp();
 * endpoint.destroy();
 * await emulator.close();
 * assert.deepEqual(cleanup.notRemoved, []);
 * assert.ok(results.length > 0 && results.every((r) => r.status === 'pass'));
 *
 * @since 0.1.0
 */
import {
  DeleteResourcePolicyCommand,
  GetResourcePoliciesCommand,
  PutResourcePolicyCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import {
  ConformanceSkip,
  expectEqual,
  expectTrue,
  fail,
  opsItemGroupArnOf,
  parameterArnOf,
  parameterPolicy,
  randomTag,
  runCases,
  type Case,
  type CaseResult,
  type CaseTarget,
  type ParameterFixture,
} from '@ssm-policy/conformance';
import type { BehaviourProfile, Caller } from '@ssm-policy/core';
import { codeOf, headerCodeOf, jsonOf, probe, type RawAnswer } from './wire-probe.js';

/**
 * What a wire check reads: the client, caller, profile and fresh parameters.
 *
 * @category command line
 * @since 0.1.0
 */
export interface WireContext {
  readonly client: SSMClient;
  readonly caller: Caller;
  readonly profile: BehaviourProfile;
  /** A fresh Advanced `String` parameter, removed after the check; answers its ARN. */
  parameter(label: string): Promise<string>;
}

/**
 * A check of the wire protocol.
 *
 * @category command line
 * @since 0.1.0
 */
export type WireCheck = Case<WireContext>;

const JSON_1_1 = 'application/x-amz-json-1.1';

const view = (a: RawAnswer): unknown => ({ status: a.status, body: jsonOf(a) ?? a.body });

const expectError = (a: RawAnswer, code: string, what: string): void => {
  if (a.status !== 400 || codeOf(a) !== code) fail(what, view(a), { status: 400, __type: code });
};

const get = (ResourceArn: string) => new GetResourcePoliciesCommand({ ResourceArn });

/**
 * The checks of the wire protocol (W rules).
 *
 * @category command line
 * @since 0.1.0
 */
export const wireChecks: ReadonlyArray<WireCheck> = [
  {
    rule: 'W1',
    title:
      'a POST / with the awsJson1_1 content type and X-Amz-Target AmazonSSM.<Operation> is answered 200 in awsJson1_1',
    run: async (ctx) => {
      const a = await probe(ctx.client, get(opsItemGroupArnOf(ctx.caller)));
      expectEqual(a.status, 200, 'status of GetResourcePolicies');
      // An endpoint that answers 200 to anything (an HTML page, a proxy) does not speak the protocol.
      const body = jsonOf(a);
      expectTrue(
        (a.headers['content-type'] ?? '').startsWith(JSON_1_1) &&
          typeof body === 'object' &&
          body !== null &&
          !Array.isArray(body),
        'the answer is awsJson1_1: a JSON object with its content type',
        { 'content-type': a.headers['content-type'], body: body ?? a.body },
        { 'content-type': JSON_1_1, body: { Policies: [] } },
      );
    },
  },
  {
    rule: 'W2',
    title:
      "success is 200 with the awsJson1_1 content type and x-amzn-RequestId; Delete answers {} (or no body, as the profile's deleteResponseBody says); the last page has no NextToken",
    run: async (ctx) => {
      const arn = await ctx.parameter('w2');
      const empty = await probe(ctx.client, get(arn));
      expectEqual(empty.status, 200, 'status of GetResourcePolicies');
      expectTrue(
        (empty.headers['content-type'] ?? '').startsWith(JSON_1_1),
        'Content-Type of a success',
        empty.headers['content-type'],
        JSON_1_1,
      );
      expectTrue(
        (empty.headers['x-amzn-requestid'] ?? '') !== '',
        'x-amzn-RequestId of a success',
        empty.headers,
        'an x-amzn-requestid header',
      );
      expectEqual(jsonOf(empty), { Policies: [] }, 'the only page of a resource without policies');
      const put = await probe(
        ctx.client,
        new PutResourcePolicyCommand({ ResourceArn: arn, Policy: parameterPolicy(arn) }),
      );
      const created = jsonOf(put) as { PolicyId?: string; PolicyHash?: string } | undefined;
      if (put.status !== 200 || created?.PolicyId === undefined || created.PolicyHash === undefined)
        fail('create', view(put), { status: 200, body: { PolicyId: '<string>', PolicyHash: '<string>' } });
      const del = await probe(
        ctx.client,
        new DeleteResourcePolicyCommand({
          ResourceArn: arn,
          PolicyId: created!.PolicyId,
          PolicyHash: created!.PolicyHash,
        }),
      );
      const deleted = ctx.profile.deleteResponseBody === 'empty' ? '' : {};
      expectEqual(view(del), { status: 200, body: deleted }, 'the answer of DeleteResourcePolicy');
    },
  },
  {
    rule: 'W3',
    title: 'an error is 400 with __type, Message, its modeled members and X-Amzn-ErrorType',
    run: async (ctx) => {
      const missing = await probe(
        ctx.client,
        get(parameterArnOf(ctx.caller, `/conformance/${randomTag()}/missing`)),
      );
      expectError(missing, 'ResourceNotFoundException', 'Get on a parameter that does not exist');
      expectEqual(headerCodeOf(missing), 'ResourceNotFoundException', 'X-Amzn-ErrorType');
      const body = jsonOf(missing) as Record<string, unknown>;
      expectTrue(
        typeof (body['Message'] ?? body['message']) === 'string',
        'the Message of an error',
        body,
        'a Message',
      );
      const invalid = await probe(
        ctx.client,
        get(`arn:${ctx.caller.partition}:ssm:${ctx.caller.region}:${ctx.caller.account}:document/x`),
      );
      expectError(
        invalid,
        'ResourcePolicyInvalidParameterException',
        'Get on a resource that cannot carry a policy',
      );
      expectEqual(
        (jsonOf(invalid) as Record<string, unknown>)['ParameterNames'],
        ['ResourceArn'],
        'ParameterNames in the body',
      );
    },
  },
  {
    rule: 'W4',
    title: 'a body that is not a JSON object, or a member of the wrong JSON type, is SerializationException',
    run: async (ctx) => {
      const arn = opsItemGroupArnOf(ctx.caller);
      for (const body of ['[]', '"text"', '{"ResourceArn":5}', '{"ResourceArn":'])
        expectError(await probe(ctx.client, get(arn), { body }), 'SerializationException', `body ${body}`);
    },
  },
  {
    rule: 'W5',
    title: 'an unknown target is UnknownOperationException; unknown members are ignored',
    run: async (ctx) => {
      const arn = opsItemGroupArnOf(ctx.caller);
      expectError(
        await probe(ctx.client, get(arn), { target: 'NoSuchResourcePolicyOperation' }),
        'UnknownOperationException',
        'X-Amz-Target AmazonSSM.NoSuchResourcePolicyOperation',
      );
      const extra = await probe(ctx.client, get(arn), {
        body: JSON.stringify({ ResourceArn: arn, Bogus: 1 }),
      });
      expectEqual(extra.status, 200, 'status with an unknown member');
    },
  },
  {
    rule: 'W6',
    title: "the caller's region comes from the signature: another region's OpsItemGroup is not the caller's",
    run: async (ctx) => {
      if (!ctx.profile.requireCallerRegion) throw new ConformanceSkip('profile.requireCallerRegion is off');
      const other = ctx.caller.region === 'us-west-2' ? 'eu-west-1' : 'us-west-2';
      const a = await probe(ctx.client, get(opsItemGroupArnOf({ ...ctx.caller, region: other })));
      expectError(a, 'ResourcePolicyInvalidParameterException', `Get on the OpsItemGroup of ${other}`);
    },
  },
];

/**
 * A fresh context per check; the parameters it created are deleted after it.
 *
 * @category command line
 * @since 0.2.0
 */
export interface WireEndpoint {
  readonly client: SSMClient;
  readonly caller: Caller;
  readonly parameters: ParameterFixture;
  /** The exchange seen last, attached to a failure. */
  readonly evidence?: () => unknown;
}

/**
 * The wire checks as a case target: each check gets fresh parameters, deleted after it.
 *
 * @category command line
 * @since 0.2.0
 */
export const wireTarget = (endpoint: WireEndpoint, profile: BehaviourProfile): CaseTarget<WireContext> => ({
  open: async () => {
    const created: string[] = [];
    return {
      ...(endpoint.evidence === undefined ? {} : { evidence: endpoint.evidence }),
      ctx: {
        client: endpoint.client,
        caller: endpoint.caller,
        profile,
        parameter: async (label) => {
          const Name = `/conformance/${randomTag()}/${label}`;
          created.push(Name);
          await endpoint.parameters.putParameter({ Name, Type: 'String', Tier: 'Advanced' });
          return parameterArnOf(endpoint.caller, Name);
        },
      },
      close: async () => {
        const failures: string[] = [];
        for (const Name of created)
          await endpoint.parameters
            .deleteParameter(Name)
            .catch(
              (e: unknown) => void failures.push(`${Name}: ${e instanceof Error ? e.message : String(e)}`),
            );
        if (failures.length > 0) throw new Error(`cannot remove ${failures.join('; ')}`);
      },
    };
  },
});

/**
 * Runs the wire checks one after another; never throws.
 *
 * @category command line
 * @since 0.1.0
 */
export const runWireChecks = (
  endpoint: WireEndpoint,
  profile: BehaviourProfile,
  checks: ReadonlyArray<WireCheck> = wireChecks,
  onCheck: (c: WireCheck) => void = () => undefined,
): Promise<ReadonlyArray<CaseResult>> => runCases(checks, wireTarget(endpoint, profile), onCheck);
