/**
 * Is a share's parameter shared with a consumer? The owner's policies on it, evaluated by the core's
 * `evaluateAccess` for the consumer's account root and an action (rules A1–A5), decide. RAM's
 * `OTHER-ACCOUNTS` views and `DescribeParameters` with `Shared` (rule A8) both ask this, so it lives here once.
 *
 * @example
 * import { makeSharedWith } from '@ssm-policy/server';
 * // const sharedWith = makeSharedWith(deps);
 * // await sharedWith(consumer, share, 'ssm:DescribeParameters') is true when a policy allows it
 *
 * @since 0.3.0
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  GetResourcePolicies,
  combineWithIdentity,
  evaluateAccess,
  makeCaller,
  type Caller,
  type Dependencies,
  type ResourceShare,
} from '@ssm-policy/core';

/**
 * @since 0.3.0
 * @category resource shares
 */
export type SharedWith = (
  consumer: Caller,
  share: Pick<ResourceShare, 'owningAccountId' | 'resourceArn'>,
  action: string,
) => Promise<boolean>;

/** The root principal of the caller's account: callers are accounts until identities are configured (W6). */
export const principalOfCaller = (caller: Caller): string =>
  `arn:${caller.partition}:iam::${caller.account}:root`;

/**
 * @since 0.3.0
 * @category resource shares
 */
export const makeSharedWith = (deps: Dependencies): SharedWith => {
  const list = GetResourcePolicies.run(deps);
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
    const request = {
      principal: principalOfCaller(consumer),
      action,
      resource: share.resourceArn,
      context: {
        'aws:PrincipalAccount': consumer.account,
        'aws:PrincipalArn': principalOfCaller(consumer),
        'aws:PrincipalType': 'Account',
        'aws:RequestedRegion': consumer.region,
        'aws:ResourceAccount': share.owningAccountId,
      },
    };
    const result = evaluateAccess(policies, request);
    return E.isRight(result) && combineWithIdentity(result.right, request) === 'Allow';
  };
};
