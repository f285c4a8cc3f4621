/**
 * What the wire benchmark measures, shared by the orchestrator (`index.ts`) and the load process
 * (`driver.ts`): the scenarios, the parameters they use, the policies they put, and the messages the two
 * processes exchange.
 */

/** The account of unsigned requests (the wire handler's default, W6). */
export const ACCOUNT = '123456789012';

export const parameterArn = (name: string): string => `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter${name}`;

/**
 * A policy of about 230 bytes granting read access to another account; `n` varies the principal so that
 * successive policies differ (and their hashes too).
 */
export const policyText = (arn: string, n: number): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${200000000000 + (n % 99999999999)}:root` },
        Action: ['ssm:GetParameter', 'ssm:GetParameters'],
        Resource: arn,
      },
    ],
  });

export const SCENARIOS = [
  { key: 'put-create', label: 'Put, create (230-byte policy)', parameter: '/bench/create' },
  { key: 'put-update', label: 'Put, update (id + current hash)', parameter: '/bench/update' },
  { key: 'get-3', label: 'Get, 3 policies', parameter: '/bench/get3' },
  { key: 'get-50', label: 'Get, a page of 50 policies', parameter: '/bench/page50' },
  { key: 'delete-create', label: 'Delete, then re-create', parameter: '/bench/cycle' },
] as const;

export type ScenarioKey = (typeof SCENARIOS)[number]['key'];

/** The bare server's round uses the body of a Put (the largest request). */
export type LoadKey = ScenarioKey | 'bare';

/** Orchestrator → driver. */
export type DriverCommand =
  | {
      readonly kind: 'run';
      readonly load: LoadKey;
      readonly url: string;
      readonly seconds: number;
      readonly connections: number;
    }
  | {
      readonly kind: 'fill';
      readonly url: string;
      readonly parameter: string;
      readonly amount: number;
      readonly connections: number;
    };

/** One measured round. */
export interface RoundResult {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  /**
   * The load process's own CPU time per request, in microseconds: near 1,000,000 / (requests/s) it is the load
   * generator, not the server, that sets the pace.
   */
  readonly driverCpuPerRequest?: number;
  /** The first answer that was not a 200, to tell a broken load script from a slow server. */
  readonly firstFailure?: string;
}

/** What a parameter holds, read back through GetResourcePolicies. */
export interface StoredBytes {
  readonly policies: number;
  readonly idBytes: number;
  readonly hashBytes: number;
  readonly textBytes: number;
}

/** Driver → orchestrator. */
export type DriverReply =
  | { readonly kind: 'result'; readonly result: RoundResult }
  | { readonly kind: 'filled'; readonly result: RoundResult; readonly stored: StoredBytes }
  | { readonly kind: 'error'; readonly message: string };
