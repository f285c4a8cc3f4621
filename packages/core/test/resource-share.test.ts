import { describe, expect, it } from 'vitest';
import {
  defaultProfile,
  listedForConsumers,
  makeCaller,
  makeProfile,
  newPolicyShare,
  promotionRefusal,
  shareTransition,
} from '@ssm-policy/core';

const owner = makeCaller({ account: '111111111111', region: 'eu-west-1' });
const arn = 'arn:aws:ssm:eu-west-1:111111111111:parameter/app/db';

describe('resource shares created from policies', () => {
  it('A8 the first policy creates a share, the last one deleted deletes it, anything else keeps it', () => {
    expect(shareTransition({ policiesLeft: true, share: undefined })).toBe('Create');
    expect(shareTransition({ policiesLeft: true, share: { status: 'DELETED' } })).toBe('Create');
    expect(shareTransition({ policiesLeft: true, share: { status: 'ACTIVE' } })).toBe('Keep');
    expect(shareTransition({ policiesLeft: false, share: { status: 'ACTIVE' } })).toBe('Delete');
    expect(shareTransition({ policiesLeft: false, share: undefined })).toBe('Keep');
    expect(shareTransition({ policiesLeft: false, share: { status: 'DELETED' } })).toBe('Keep');
  });

  it('A8 a new share is CREATED_FROM_POLICY, ACTIVE, owned by the parameter account, with a RAM ARN', () => {
    const now = new Date(0);
    const share = newPolicyShare(owner, arn, '0f2c', now);
    expect(share).toEqual({
      resourceShareArn: 'arn:aws:ram:eu-west-1:111111111111:resource-share/0f2c',
      name: 'CREATED_FROM_POLICY-parameter/app/db',
      owningAccountId: '111111111111',
      status: 'ACTIVE',
      featureSet: 'CREATED_FROM_POLICY',
      creationTime: now,
      lastUpdatedTime: now,
      resourceArn: arn,
    });
  });

  it('A8 consumers see a share in DescribeParameters only once promoted, unless the profile lists at once', () => {
    const listAtOnce = makeProfile({ listSharedBeforePromotion: true });
    expect(defaultProfile.listSharedBeforePromotion).toBe(false);
    expect(listedForConsumers({ status: 'ACTIVE', featureSet: 'CREATED_FROM_POLICY' }, defaultProfile)).toBe(
      false,
    );
    expect(listedForConsumers({ status: 'ACTIVE', featureSet: 'STANDARD' }, defaultProfile)).toBe(true);
    expect(listedForConsumers({ status: 'ACTIVE', featureSet: 'CREATED_FROM_POLICY' }, listAtOnce)).toBe(
      true,
    );
    expect(listedForConsumers({ status: 'DELETED', featureSet: 'STANDARD' }, listAtOnce)).toBe(false);
  });

  it('A8 only an active CREATED_FROM_POLICY share can be promoted', () => {
    expect(promotionRefusal({ status: 'ACTIVE', featureSet: 'CREATED_FROM_POLICY' })).toBeUndefined();
    expect(promotionRefusal({ status: 'ACTIVE', featureSet: 'STANDARD' })).toBe('NotCreatedFromPolicy');
    expect(promotionRefusal({ status: 'DELETED', featureSet: 'CREATED_FROM_POLICY' })).toBe('Deleted');
  });
});
