/**
 * RAM's view of a parameter policy (rule A8): attaching the first policy to a parameter creates a resource
 * share of feature set `CREATED_FROM_POLICY`, owned by the parameter's account and visible only to it until it
 * is promoted (`PromoteResourceShareCreatedFromPolicy`, which makes it `STANDARD`); deleting the last policy, or
 * the parameter, deletes the share (status `DELETED`, as RAM keeps deleted shares visible to their owner). The
 * decisions are pure functions here, so the rule lives in one place; the server keeps the shares in its own
 * port and calls `shareTransition` after each successful policy or parameter write.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { listedForConsumers, makeCaller, newPolicyShare, promotionRefusal, shareTransition } from '@ssm-policy/core';
 * const owner = makeCaller({ account: '111111111111', region: 'us-east-1' });
 * const parameter = 'arn:aws:ssm:us-east-1:111111111111:parameter/app/db';
 * // The first policy creates the share; the last one's deletion deletes it.
 * assert.equal(shareTransition({ policiesLeft: true, share: undefined }), 'Create');
 * const share = newPolicyShare(owner, parameter, 'a1b2c3d4', new Date(0));
 * assert.equal(share.resourceShareArn, 'arn:aws:ram:us-east-1:111111111111:resource-share/a1b2c3d4');
 * assert.equal(share.name, 'CREATED_FROM_POLICY-parameter/app/db');
 * assert.equal(shareTransition({ policiesLeft: true, share }), 'Keep');
 * assert.equal(shareTransition({ policiesLeft: false, share }), 'Delete');
 * // Consumers see it in DescribeParameters only once the owner promoted it (unless the profile says otherwise).
 * assert.equal(listedForConsumers(share, { listSharedBeforePromotion: false }), false);
 * assert.equal(promotionRefusal(share), undefined);
 * assert.equal(listedForConsumers({ ...share, featureSet: 'STANDARD' }, { listSharedBeforePromotion: false }), true);
 * assert.equal(promotionRefusal({ ...share, status: 'DELETED' }), 'Deleted');
 *
 * @since 0.3.0
 */
import type { Caller } from './caller.js';
import type { BehaviourProfile } from './profile.js';

/**
 * RAM's `ResourceShareFeatureSet`.
 *
 * @since 0.3.0
 * @category resource shares
 */
export type ShareFeatureSet = 'CREATED_FROM_POLICY' | 'PROMOTING_TO_STANDARD' | 'STANDARD';

/**
 * The `ResourceShareStatus` values this emulator uses.
 *
 * @since 0.3.0
 * @category resource shares
 */
export type ShareStatus = 'ACTIVE' | 'DELETED';

/**
 * A resource share as RAM describes it, with the one resource it shares.
 *
 * @since 0.3.0
 * @category resource shares
 */
export interface ResourceShare {
  readonly resourceShareArn: string;
  readonly name: string;
  readonly owningAccountId: string;
  readonly status: ShareStatus;
  readonly featureSet: ShareFeatureSet;
  readonly creationTime: Date;
  readonly lastUpdatedTime: Date;
  /** The canonical ARN of the shared parameter. */
  readonly resourceArn: string;
}

/**
 * What a write does to the share of its resource.
 *
 * @since 0.3.0
 * @category resource shares
 */
export type ShareTransition = 'Create' | 'Delete' | 'Keep';

/**
 * A8: the share's next state after a successful write, from whether the resource still holds a policy and its
 * current (active) share.
 *
 * @since 0.3.0
 * @category resource shares
 */
export const shareTransition = (input: {
  readonly policiesLeft: boolean;
  readonly share: Pick<ResourceShare, 'status'> | undefined;
}): ShareTransition => {
  const active = input.share !== undefined && input.share.status === 'ACTIVE';
  return input.policiesLeft ? (active ? 'Keep' : 'Create') : active ? 'Delete' : 'Keep';
};

/**
 * `arn:<partition>:ram:<region>:<account>:resource-share/<id>`, in the owner's partition and region.
 *
 * @since 0.3.0
 * @category resource shares
 */
export const resourceShareArn = (owner: Caller, id: string): string =>
  `arn:${owner.partition}:ram:${owner.region}:${owner.account}:resource-share/${id}`;

/**
 * [U] The name of a share created from a policy: RAM's documentation does not give it; this emulator names it
 * after the parameter's resource part (`parameter/app/db` → `CREATED_FROM_POLICY-parameter/app/db`).
 *
 * @since 0.3.0
 * @category resource shares
 */
export const policyShareName = (resourceArn: string): string =>
  `CREATED_FROM_POLICY-${resourceArn.split(':').slice(5).join(':')}`;

/**
 * A new, active share of `resourceArn` created from a policy, owned by `owner`.
 *
 * @since 0.3.0
 * @category resource shares
 */
export const newPolicyShare = (owner: Caller, resourceArn: string, id: string, now: Date): ResourceShare => ({
  resourceShareArn: resourceShareArn(owner, id),
  name: policyShareName(resourceArn),
  owningAccountId: owner.account,
  status: 'ACTIVE',
  featureSet: 'CREATED_FROM_POLICY',
  creationTime: now,
  lastUpdatedTime: now,
  resourceArn,
});

/**
 * A8: may `DescribeParameters` (with `Shared`) list this share's parameter for a consumer? Only an active share,
 * and only once promoted unless the profile says `listSharedBeforePromotion`.
 *
 * @since 0.3.0
 * @category resource shares
 */
export const listedForConsumers = (
  share: Pick<ResourceShare, 'status' | 'featureSet'>,
  profile: Pick<BehaviourProfile, 'listSharedBeforePromotion'>,
): boolean =>
  share.status === 'ACTIVE' && (share.featureSet === 'STANDARD' || profile.listSharedBeforePromotion);

/**
 * Why a share cannot be promoted (`promotionRefusal` answers `undefined` when it can).
 *
 * @since 0.3.0
 * @category resource shares
 */
export type PromotionRefusal = 'Deleted' | 'NotCreatedFromPolicy';

/**
 * A8: `PromoteResourceShareCreatedFromPolicy` promotes an active `CREATED_FROM_POLICY` share only.
 *
 * @since 0.3.0
 * @category resource shares
 */
export const promotionRefusal = (
  share: Pick<ResourceShare, 'status' | 'featureSet'>,
): PromotionRefusal | undefined =>
  share.status !== 'ACTIVE'
    ? 'Deleted'
    : share.featureSet !== 'CREATED_FROM_POLICY'
      ? 'NotCreatedFromPolicy'
      : undefined;
