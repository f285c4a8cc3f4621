/**
 * Is a share's parameter shared with a consumer? The owner's policies on it, read through the policy commands
 * as the owner would list them, and decided by the core's `decideFromPolicies` for the consumer's principal
 * with the request context of A4 (its identity's organization and unique id, its region) and the profile's
 * identity assumption (rules A1–A5). RAM's `OTHER-ACCOUNTS` views and `DescribeParameters` with `Shared` (rule
 * A8) both ask this, so it lives here once.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { defaultProfile, makeCaller, makeCommands, seededIdSource } from '@ssm-policy/core';
 * import { createParameterStore, makeSharedWith } from '@ssm-policy/server';
 * const arn = 'arn:aws:ssm:us-east-1:111111111111:parameter/app/db';
 * const catalog = createParameterStore();
 * await catalog.save(arn, {
 *   Name: '/app/db', Type: 'String', Tier: 'Advanced', Value: 'x', Version: 1, LastModifiedDate: new Date(), DataType: 'text', Incarnation: '1',
 * })();
 * const deps = { repository: createMemoryPolicyRepository(), catalog, ids: seededIdSource(1), profile: defaultProfile };
 * const owner = makeCaller({ account: '111111111111', region: 'us-east-1' });
 * const Policy = JSON.stringify({
 *   Version: '2012-10-17',
 *   Statement: [{ Effect: 'Allow', Principal: { AWS: '222222222222' }, Action: 'ssm:GetParameter', Resource: arn }],
 * });
 * const put = await makeCommands(deps).PutResourcePolicy(owner, { ResourceArn: arn, Policy })();
 * assert.equal(put._tag, 'Right');
 * const sharedWith = makeSharedWith(deps);
 * const share = { owningAccountId: '111111111111', resourceArn: arn };
 * const account = (id: string) => makeCaller({ account: id, region: 'us-east-1' });
 * assert.equal(await sharedWith(account('222222222222'), share, 'ssm:GetParameter'), true);
 * assert.equal(await sharedWith(account('222222222222'), share, 'ssm:PutParameter'), false);
 * assert.equal(await sharedWith(account('333333333333'), share, 'ssm:GetParameter'), false);
 *
 * @since 0.3.0
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  GetResourcePolicies,
  accessContextOf,
  decideFromPolicies,
  makeCaller,
  principalArnOf,
  type Caller,
  type Dependencies,
  type OrganizationOf,
  type ResourceShare,
} from '@ssm-policy/core';

/**
 * Whether the owner's policies on a share's parameter allow `consumer` the action.
 *
 * @since 0.3.0
 * @category resource shares
 */
export type SharedWith = (
  consumer: Caller,
  share: Pick<ResourceShare, 'owningAccountId' | 'resourceArn'>,
  action: string,
) => Promise<boolean>;

/**
 * The question over the policy commands' dependencies. `now` is the time of the context (A4's
 * `aws:CurrentTime`), the clock's by default; `organizationOf` gives the owner's organization
 * (`aws:ResourceOrgID`) when it is configured.
 *
 * @since 0.3.0
 * @category resource shares
 */
export const makeSharedWith = (
  deps: Dependencies,
  options: { readonly now?: () => Date; readonly organizationOf?: OrganizationOf } = {},
): SharedWith => {
  const list = GetResourcePolicies.run(deps);
  const now = options.now ?? (() => new Date());
  return async (consumer, share, action) => {
    const [, partition = 'aws', , region = ''] = share.resourceArn.split(':');
    const owner = makeCaller({ account: share.owningAccountId, region, partition });
    const policies: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await list(owner, {
        ResourceArn: share.resourceArn,
        ...(NextToken === undefined ? {} : { NextToken }),
      })();
      if (E.isLeft(page)) return false;
      for (const p of page.right.Policies) policies.push(p.Policy);
      NextToken = page.right.NextToken;
    } while (NextToken !== undefined);
    const decided = decideFromPolicies(
      policies,
      {
        principal: principalArnOf(consumer),
        action,
        resource: share.resourceArn,
        context: accessContextOf(consumer, now(), options.organizationOf?.(share.owningAccountId)),
      },
      deps.profile,
    );
    return E.isRight(decided) && decided.right.decision === 'Allow';
  };
};
