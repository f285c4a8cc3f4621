/**
 * `@ssm-policy/server/testing`: what tests of a client of the emulator need (this repository's own tests use
 * it too). An emulator on a free loopback port whose policy repository and parameter store the test can
 * inspect, a raw awsJson1_1 caller (`fetch`, no SDK), the emulator's default account and region, and policy
 * documents that pass every document rule (P2–P6) for a parameter and for the OpsItemGroup.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { OPS_ARN, opsPolicy, rawCall, startTestEmulator } from '@ssm-policy/server/testing';
 * const emulator = await startTestEmulator();
 * const put = await rawCall(emulator.url, 'AmazonSSM.PutResourcePolicy', JSON.stringify({ ResourceArn: OPS_ARN, Policy: opsPolicy() }));
 * await emulator.close();
 * assert.equal(put.status, 200);
 * assert.equal(emulator.repository.snapshot().size, 1); // the store holds what the request created
 *
 * @since 0.2.0
 */
import { createMemoryPolicyRepository, type MemoryPolicyRepository } from '@ssm-policy/adapter-memory';
import { seededIdSource, type PolicyRepository } from '@ssm-policy/core';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from './http-listener.js';
import { createParameterStore, type MemoryParameterStore } from './parameter-store.js';

/**
 * The caller's account when its access key id is not 12 digits (the emulator's default).
 *
 * @category testing
 * @since 0.2.0
 */
export const ACCOUNT = '123456789012';

/**
 * Another account, the principal of the policies below.
 *
 * @category testing
 * @since 0.2.0
 */
export const OTHER_ACCOUNT = '210987654321';

/**
 * The region of unsigned requests (the emulator's default).
 *
 * @category testing
 * @since 0.2.0
 */
export const REGION = 'us-east-1';

/**
 * The OpsItemGroup of `ACCOUNT` in `REGION`.
 *
 * @category testing
 * @since 0.2.0
 */
export const OPS_ARN = `arn:aws:ssm:${REGION}:${ACCOUNT}:opsitemgroup/default`;

/**
 * A parameter's ARN (a leading `/` of the name is not repeated).
 *
 * @category testing
 * @since 0.2.0
 */
export const paramArn = (name: string, account = ACCOUNT, region = REGION): string =>
  `arn:aws:ssm:${region}:${account}:parameter/${name.replace(/^\//, '')}`;

/**
 * A one-line policy that satisfies P2–P6 for a parameter.
 *
 * @category testing
 * @since 0.2.0
 */
export const parameterPolicy = (arn: string, principal = OTHER_ACCOUNT): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: principal }, Action: 'ssm:GetParameter', Resource: arn },
    ],
  });

/**
 * A one-line policy that satisfies P2–P6 for the OpsItemGroup.
 *
 * @category testing
 * @since 0.2.0
 */
export const opsPolicy = (principal = OTHER_ACCOUNT): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: principal },
        Action: ['ssm:CreateOpsItem', 'ssm:GetOpsItem'],
        Resource: [`arn:aws:ssm:${REGION}:${ACCOUNT}:opsitem/*`, OPS_ARN],
      },
    ],
  });

/**
 * A running emulator with the stores a test inspects.
 *
 * @category testing
 * @since 0.2.0
 */
export interface TestEmulator extends RunningEmulator {
  /** The memory repository the emulator was given (unused when the options bring a repository). */
  readonly repository: MemoryPolicyRepository;
  readonly parameters: MemoryParameterStore;
  /** Everything stored now, as plain data, to compare before and after a hostile request. */
  state(): unknown;
}

/**
 * An emulator on a free loopback port, with seeded ids, a memory repository (or the one given) and a
 * parameter store of its own.
 *
 * @category testing
 * @since 0.2.0
 */
export const startTestEmulator = async (
  options: Omit<EmulatorOptions, 'repository' | 'parameters'> & { repository?: PolicyRepository } = {},
): Promise<TestEmulator> => {
  const repository = createMemoryPolicyRepository();
  const parameters = createParameterStore();
  const emulator = await startEmulator({
    port: 0,
    ids: seededIdSource(4),
    ...options,
    repository: options.repository ?? repository,
    parameters,
  });
  return {
    ...emulator,
    repository,
    parameters,
    state: () => ({
      policies: [...repository.snapshot()],
      parameters: [...parameters.snapshot()],
    }),
  };
};

/**
 * An answer as received: status, headers, text, and the text as a JSON object (`{}` when it is not one).
 *
 * @category testing
 * @since 0.2.0
 */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: Record<string, unknown>;
}

/**
 * A raw awsJson1_1 call with `fetch`: `POST /` with the target and body given, unsigned.
 *
 * @category testing
 * @since 0.2.0
 */
export const rawCall = async (
  url: string,
  target: string | undefined,
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string> = {},
): Promise<RawAnswer> => {
  const res = await fetch(`${url}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      ...(target === undefined ? {} : { 'x-amz-target': target }),
      ...headers,
    },
    body,
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: the test looks at text
  }
  return { status: res.status, headers: res.headers, text, json };
};
