/**
 * One model run's world: a fresh service, three Advanced parameters under a unique prefix (a `String`, a
 * `SecureString` with a customer managed key, and a flat-named `StringList`) and the caller's OpsItemGroup,
 * with the reference model set to what is there (a shared endpoint's OpsItemGroup may hold policies already).
 * `teardown` removes what the run created.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { coreServiceFactory, setupModelRun, teardownModelRun } from '@ssm-policy/conformance';
 * import { defaultProfile } from '@ssm-policy/core';
 * const factory = coreServiceFactory({ repository: createMemoryPolicyRepository, catalog: createMemoryParameterCatalog });
 * const world = await setupModelRun(await factory(), defaultProfile);
 * await teardownModelRun(world);
 * assert.equal(world.real.resources.length, 4); // an OpsItemGroup and three parameters
 *
 * @since 0.1.0
 */
import type { BehaviourProfile } from '@ssm-policy/core';
import { ConformanceFailure } from '../assert.js';
import { opsItemGroupArnOf, parameterArnOf, randomTag } from '../documents.js';
import type { ParameterSpec, ServiceHandle } from '../fixture.js';
import { observeAll, type ModelReal, type ModelResource } from './commands.js';
import {
  emptyModel,
  policiesOf,
  seedPolicies,
  type ModelOptions,
  type ReferenceModel,
} from './reference-model.js';

/**
 * The reference model and the real resources of one run.
 *
 * @category reference model
 * @since 0.1.0
 */
export interface ModelWorld {
  /** The model of the state after setup; commands move on from it to models of their own. */
  readonly model: ReferenceModel;
  readonly real: ModelReal;
  /** Policies that were there before the run, left alone by `teardown`. */
  readonly preexisting: ReadonlySet<string>;
}

/**
 * The reference model's options from a behaviour profile.
 *
 * @category reference model
 * @since 0.1.0
 */
export const modelOptionsOf = (profile: BehaviourProfile): ModelOptions => ({
  hashStrategy: profile.hashStrategy,
  policyCountLimitType: profile.policyCountLimitType,
  maxPoliciesPerParameter: profile.maxPoliciesPerParameter,
});

/**
 * Creates one run's world.
 *
 * @category reference model
 * @since 0.1.0
 */
export const setupModelRun = async (
  handle: ServiceHandle,
  profile: BehaviourProfile,
): Promise<ModelWorld> => {
  const tag = randomTag();
  const scope = handle.caller;
  const specs: ParameterSpec[] = [
    { Name: `/conformance/${tag}/model/a`, Type: 'String', Tier: 'Advanced' },
    {
      Name: `/conformance/${tag}/model/b`,
      Type: 'SecureString',
      Tier: 'Advanced',
      KeyId: 'alias/conformance-key',
    },
    { Name: `conformance-${tag}-flat`, Type: 'StringList', Tier: 'Advanced' },
  ];
  for (const spec of specs) await handle.parameters.putParameter(spec);
  const resources: ModelResource[] = [
    { label: 'opsitemgroup', arn: opsItemGroupArnOf(scope), kind: 'OpsItemGroup' },
    ...specs.map((spec) => ({
      label: spec.Name,
      arn: parameterArnOf(scope, spec.Name),
      kind: 'Parameter' as const,
      spec,
    })),
  ];
  const existing = await observeAll(handle.service, resources[0]!.arn);
  if (!existing.ok) throw new ConformanceFailure('R4 Get on the OpsItemGroup', existing.error, 'Right');
  const found = existing.value as Array<{ PolicyId: string; PolicyHash: string; Policy: string }>;
  const model = seedPolicies(
    emptyModel(
      modelOptionsOf(profile),
      resources.map((r) => [r.arn, r.kind] as const),
    ),
    resources[0]!.arn,
    found,
  );
  return {
    model,
    real: {
      service: handle.service,
      parameters: handle.parameters,
      scope,
      resources,
      deletionDropsPolicies: profile.parameterDeletionDropsPolicies,
    },
    preexisting: new Set(found.map((p) => p.PolicyId)),
  };
};

/**
 * Deletes the run's parameters and the OpsItemGroup policies it created; never throws.
 *
 * @category reference model
 * @since 0.1.0
 */
export const teardownModelRun = async (world: ModelWorld): Promise<void> => {
  const { real, model, preexisting } = world;
  for (const r of real.resources) {
    if (r.spec !== undefined) {
      await real.parameters.deleteParameter(r.spec.Name).catch(() => undefined);
      continue;
    }
    // The model may be behind the service after a failure: delete what the service lists.
    const listed = await observeAll(real.service, r.arn).catch(() => undefined);
    const current = listed?.ok
      ? (listed.value as Array<{ PolicyId: string; PolicyHash: string }>)
      : policiesOf(model, r.arn);
    for (const p of current)
      if (!preexisting.has(p.PolicyId))
        await real.service
          .DeleteResourcePolicy({ ResourceArn: r.arn, PolicyId: p.PolicyId, PolicyHash: p.PolicyHash })()
          .catch(() => undefined);
  }
};
