// The independent implementation of rule A9: @cloud-copilot/iam-simulate (AGPL-3.0, a dev dependency of this
// private package only). Its public `runSimulation` validates every input against its action and context-key
// data (about 3.5 ms a case here); its `runUnsafeSimulation` skips that but loads the resource policy without
// the name its engine reads. So this calls the engine's `authorize` the way `runUnsafeSimulation` does, with a
// name: the same evaluation, at about 0.5 ms a case. The package's exports map hides the engine's modules, so
// they are loaded by path next to its entry point.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type SimDecision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

export interface SimRequest {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string;
  readonly context: Record<string, string | string[]>;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the engine's internal modules have no types here */
const entry = fileURLToPath(import.meta.resolve('@cloud-copilot/iam-simulate'));
const dist = dirname(entry);
const load = (path: string): Promise<any> => import(pathToFileURL(join(dist, path)).href);
const { authorize } = await load('core_engine/CoreSimulatorEngine.js');
const { AwsRequestImpl } = await load('request/request.js');
const { RequestContextImpl } = await load('requestContext.js');
const { DiscoveryContextKeyConstraints } = await load('context_keys/discoveryContextKeyConstraints.js');
const policyEntry = createRequire(entry).resolve('@cloud-copilot/iam-policy');
const { loadPolicy } = await import(pathToFileURL(policyEntry.replace(/\/cjs\//, '/esm/')).href);

// Identity policies are outside the library (rule A5: assumed to allow), so the caller's allow everything.
const identityPolicies = [
  loadPolicy(
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
    { name: 'all' },
  ),
];

/** A resource policy in the simulator's form (load once, ask many times). */
export const loadResourcePolicy = (policy: unknown): unknown => loadPolicy(policy, { name: 'resource' });

/** The simulator's overall decision for one request against one loaded resource policy. */
export const simulate = (resourcePolicy: unknown, r: SimRequest): SimDecision =>
  authorize({
    request: new AwsRequestImpl(
      r.principal,
      { resource: r.resource, accountId: r.resourceAccount },
      r.action,
      new RequestContextImpl(r.context),
    ),
    sessionPolicy: undefined,
    identityPolicies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy,
    permissionBoundaries: undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters: {
      simulationMode: 'Strict',
      discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]),
    },
    serviceSettings: { s3: { blockPublicAccess: undefined } },
  }).result as SimDecision;
/* eslint-enable @typescript-eslint/no-explicit-any */
