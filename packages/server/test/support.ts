/**
 * Test support: an emulator on a free loopback port with a real memory repository and parameter store that
 * the test can inspect, and a raw JSON caller. (The SDK's client lives with the tests that use it, in
 * `@ssm-policy/e2e`.)
 */
import { createMemoryPolicyRepository, type MemoryPolicyRepository } from '@ssm-policy/adapter-memory';
import { seededIdSource, type PolicyRepository } from '@ssm-policy/core';
import {
  createParameterStore,
  startEmulator,
  type EmulatorOptions,
  type MemoryParameterStore,
  type RunningEmulator,
} from '@ssm-policy/server';

export const ACCOUNT = '123456789012';
export const OTHER_ACCOUNT = '210987654321';
export const REGION = 'us-east-1';
export const OPS_ARN = `arn:aws:ssm:${REGION}:${ACCOUNT}:opsitemgroup/default`;
export const paramArn = (name: string, account = ACCOUNT, region = REGION): string =>
  `arn:aws:ssm:${region}:${account}:parameter/${name.replace(/^\//, '')}`;

/** A one-line policy that satisfies P2–P6 for a parameter. */
export const parameterPolicy = (arn: string, principal = OTHER_ACCOUNT): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: principal }, Action: 'ssm:GetParameter', Resource: arn },
    ],
  });

/** A one-line policy that satisfies P2–P6 for the OpsItemGroup. */
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

export interface TestEmulator extends RunningEmulator {
  readonly repository: MemoryPolicyRepository;
  readonly parameters: MemoryParameterStore;
  /** Everything stored now, as plain data, to compare before and after a hostile request. */
  state(): unknown;
}

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

export interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: Record<string, unknown>;
}

/** A raw awsJson1_1 call with `fetch`. */
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
