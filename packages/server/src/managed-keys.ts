/**
 * The AWS managed KMS key `aws/ssm` of each account and region, as far as the emulator needs it for rule R6:
 * a stable fake key id and ARN (the same for the same partition, account and region in every run, different
 * between them), and who manages a key a parameter names, as KMS's `DescribeKey` would say (`KeyManager`).
 * There is no KMS here: nothing is encrypted, and a customer managed key is any key that is not AWS managed.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { awsManagedSsmKey, keyManagerOf } from '@ssm-policy/server';
 * const scope = { partition: 'aws', region: 'us-east-1', account: '123456789012' };
 * const key = awsManagedSsmKey(scope);
 * assert.equal(key.Arn, `arn:aws:kms:us-east-1:123456789012:key/${key.KeyId}`);
 * assert.equal(keyManagerOf(scope, key.KeyId), 'AWS');
 * assert.equal(keyManagerOf(scope, 'alias/aws/ssm'), 'AWS');
 * assert.equal(keyManagerOf(scope, 'alias/my-team-key'), 'CUSTOMER');
 *
 * @since 0.2.0
 * @category parameters
 */
import { createHash } from 'node:crypto';
import type { KeyManager } from '@ssm-policy/core';

/**
 * The account and region a key belongs to.
 *
 * @category parameters
 * @since 0.2.0
 */
export interface KeyScope {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/**
 * An AWS managed key: its key id, its ARN, and its alias with the alias's ARN.
 *
 * @category parameters
 * @since 0.2.0
 */
export interface ManagedKey {
  readonly KeyId: string;
  readonly Arn: string;
  readonly AliasName: string;
  readonly AliasArn: string;
}

/**
 * The alias Parameter Store's default key has in every account and region.
 *
 * @category parameters
 * @since 0.2.0
 */
export const AWS_SSM_KEY_ALIAS = 'alias/aws/ssm';

/** A UUID-shaped id derived from the scope, so that it is stable across runs and distinct between scopes. */
const stableKeyId = (scope: KeyScope): string => {
  const h = createHash('sha256')
    .update(`aws/ssm\u0000${scope.partition}\u0000${scope.region}\u0000${scope.account}`)
    .digest('hex');
  // Version 4 and the RFC 4122 variant, as KMS key ids look.
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/**
 * R6: the AWS managed key `aws/ssm` of an account and region: `PutParameter` encrypts a SecureString with it
 * when the request names no `KeyId`.
 *
 * @since 0.2.0
 * @category parameters
 */
export const awsManagedSsmKey = (scope: KeyScope): ManagedKey => {
  const KeyId = stableKeyId(scope);
  const prefix = `arn:${scope.partition}:kms:${scope.region}:${scope.account}`;
  return {
    KeyId,
    Arn: `${prefix}:key/${KeyId}`,
    AliasName: AWS_SSM_KEY_ALIAS,
    AliasArn: `${prefix}:${AWS_SSM_KEY_ALIAS}`,
  };
};

const KMS_ARN = /^arn:([a-z0-9-]+):kms:([a-z0-9-]+):(\d{12}):(key|alias)\/(.+)$/;

/**
 * R6: who manages the key a parameter of `scope` names, as KMS's `DescribeKey` says (`KeyMetadata.KeyManager`):
 * `AWS` for no key at all (the default `aws/ssm`), for any `alias/aws/…` name or alias ARN, and for an
 * `aws/ssm` key named by its key id (in the parameter's own account and region) or by its key ARN (in the
 * account and region the ARN names); `CUSTOMER` for every other key.
 *
 * @since 0.2.0
 * @category parameters
 */
export const keyManagerOf = (scope: KeyScope, keyId: string | undefined): KeyManager => {
  if (keyId === undefined || keyId.startsWith('alias/aws/')) return 'AWS';
  const arn = KMS_ARN.exec(keyId);
  if (arn !== null) {
    const [, partition, region, account, kind, rest] = arn;
    if (kind === 'alias') return rest!.startsWith('aws/') ? 'AWS' : 'CUSTOMER';
    return rest === stableKeyId({ partition: partition!, region: region!, account: account! })
      ? 'AWS'
      : 'CUSTOMER';
  }
  return keyId === stableKeyId(scope) ? 'AWS' : 'CUSTOMER';
};
