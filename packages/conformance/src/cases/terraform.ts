/**
 * Terraform's flows as a service case: what `aws_ssm_resource_policy` does (the provider's
 * `internal/service/ssm/resource_policy.go`). Create; update with the old id and hash, keeping the
 * `PolicyId` (rule H6, observed by Terraform); read by paging through GetResourcePolicies and matching the
 * `PolicyId` (H8); delete; delete again, answered `ResourcePolicyNotFoundException` (H7), which Terraform
 * reads as "already gone".
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { coreServiceFactory, runServiceCase, terraformScenario } from '@ssm-policy/conformance';
 * const factory = coreServiceFactory({ repository: createMemoryPolicyRepository, catalog: createMemoryParameterCatalog });
 * const result = await runServiceCase(terraformScenario, factory);
 * assert.ok(result.rule === 'H6' && result.status === 'pass');
 *
 * @since 0.1.0
 */
import { expectEqual, expectError, expectRight, expectTrue } from '../assert.js';
import { parameterPolicy } from '../documents.js';
import type { ServiceCase, ServiceContext } from '../service/context.js';

/** Terraform's read: page with a small MaxResults and pick the policy by its id. */
const readById = async (ctx: ServiceContext, ResourceArn: string, PolicyId: string) =>
  (await ctx.list(ResourceArn, 1)).find((p) => p.PolicyId === PolicyId);

/**
 * The service case of how Terraform uses the operations (H6).
 *
 * @category service contract
 * @since 0.1.0
 */
export const terraformScenario: ServiceCase = {
  rule: 'H6',
  title:
    "Terraform's flow: create; update with the old id and hash keeps the PolicyId; read by paging and " +
    'matching the PolicyId; delete; delete again is ResourcePolicyNotFoundException',
  run: async (ctx) => {
    const arn = await ctx.parameter('terraform');
    // Other policies on the resource, so that the read has to page and match.
    await ctx.create(arn, parameterPolicy(arn, { Sid: 'Before' }));
    const v1 = parameterPolicy(arn, { Sid: 'Terraform' });
    const created = await ctx.create(arn, v1);
    await ctx.create(arn, parameterPolicy(arn, { Sid: 'After' }));
    expectEqual(
      await readById(ctx, arn, created.PolicyId),
      { ...created, Policy: v1 },
      'H8 read after create',
    );

    const v2 = parameterPolicy(arn, { Sid: 'Terraform', Action: ['ssm:GetParameter', 'ssm:GetParameters'] });
    const updated = expectRight(
      await ctx.put({
        ResourceArn: arn,
        Policy: v2,
        PolicyId: created.PolicyId,
        PolicyHash: created.PolicyHash,
      }),
      'update with the old id and hash',
    );
    expectEqual(updated.PolicyId, created.PolicyId, 'H6 the PolicyId after the update');
    expectTrue(
      updated.PolicyHash !== created.PolicyHash,
      'H6 a new PolicyHash after the update',
      updated.PolicyHash,
      `not ${created.PolicyHash}`,
    );
    expectEqual(
      await readById(ctx, arn, created.PolicyId),
      { ...updated, Policy: v2 },
      'H8 read after update',
    );

    const key = { ResourceArn: arn, PolicyId: updated.PolicyId, PolicyHash: updated.PolicyHash };
    expectEqual(expectRight(await ctx.del(key), 'delete'), {}, 'H7 Delete answers {}');
    expectEqual(await readById(ctx, arn, created.PolicyId), undefined, 'H8 read after delete');
    expectError(await ctx.del(key), { _tag: 'ResourcePolicyNotFoundException' }, 'H7 delete again');
  },
};
