import * as O from 'fp-ts/lib/Option.js';
import { describe, expect, it } from 'vitest';
import {
  checkCallerRegion,
  checkOwner,
  checkOwnership,
  checkParameterEligibility,
  checkParameterExists,
  defaultProfile,
  isAwsManagedKey,
  makeCaller,
  makeProfile,
  type ParameterInfo,
} from '@ssm-policy/core';
import {
  ACCOUNT,
  OTHER_ACCOUNT,
  REGION,
  caller,
  left,
  opsGroup,
  parameter,
  resourceOf,
  right,
} from './fixtures.js';

describe('R3 partition and region', () => {
  it("R3 refuses a resource of another region or partition with ['ResourceArn']", () => {
    for (const arn of [
      `arn:aws:ssm:eu-west-1:${ACCOUNT}:opsitemgroup/default`,
      `arn:aws-cn:ssm:cn-north-1:${ACCOUNT}:parameter/a`,
      `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/db`,
    ]) {
      const e = left(checkCallerRegion(resourceOf(arn), caller, defaultProfile));
      expect(e).toMatchObject({
        _tag: 'ResourcePolicyInvalidParameterException',
        ParameterNames: ['ResourceArn'],
      });
      expect(left(checkOwnership(resourceOf(arn), caller, 'write', defaultProfile))._tag).toBe(e._tag);
    }
    for (const access of ['read', 'write'] as const) {
      expect(right(checkOwnership(opsGroup, caller, access, defaultProfile))).toBe(opsGroup);
      expect(right(checkOwnership(parameter, caller, access, defaultProfile))).toBe(parameter);
    }
  });

  it('R3 is only about partition and region: the account is left to R8', () => {
    const otherAccountHere = resourceOf(`arn:aws:ssm:${REGION}:${OTHER_ACCOUNT}:opsitemgroup/default`);
    expect(right(checkCallerRegion(otherAccountHere, caller, defaultProfile))).toBe(otherAccountHere);
  });

  it('R3 profile: requireCallerRegion false lets another region through; callerRegionError picks the code', () => {
    const elsewhere = resourceOf(`arn:aws:ssm:eu-west-1:${ACCOUNT}:opsitemgroup/default`);
    const off = makeProfile({ requireCallerRegion: false });
    expect(right(checkCallerRegion(elsewhere, caller, off))).toBe(elsewhere);
    expect(right(checkOwnership(elsewhere, caller, 'write', off))).toBe(elsewhere);
    const notFound = makeProfile({ callerRegionError: 'ResourceNotFoundException' });
    expect(left(checkCallerRegion(elsewhere, caller, notFound))).toEqual({
      _tag: 'ResourceNotFoundException',
      fault: 'client',
      message: 'The specified parameter to be shared could not be found.',
    });
  });
});

describe('R8 ownership', () => {
  // The parameter belongs to OTHER_ACCOUNT and was shared with ACCOUNT: ACCOUNT may read it, not share it.
  const shared = resourceOf(`arn:aws:ssm:${REGION}:${OTHER_ACCOUNT}:parameter/shared/secret`);
  const consumer = makeCaller({ account: ACCOUNT, region: REGION });
  const owner = makeCaller({ account: OTHER_ACCOUNT, region: REGION });

  it('R8 refuses to let the consumer of a shared parameter put or delete its policies', () => {
    for (const access of ['read', 'write'] as const) {
      expect(left(checkOwner(shared, consumer, access, defaultProfile))).toMatchObject({
        _tag: 'ResourcePolicyInvalidParameterException',
        ParameterNames: ['ResourceArn'],
      });
      expect(right(checkOwner(shared, owner, access, defaultProfile))).toBe(shared);
    }
  });

  it('R8 is unconditional for Put and Delete: no profile option lets another account write', () => {
    const lenient = makeProfile({ requireCallerRegion: false, refuseForeignGet: false });
    expect(left(checkOwner(shared, consumer, 'write', lenient))._tag).toBe(
      'ResourcePolicyInvalidParameterException',
    );
    expect(left(checkOwnership(shared, consumer, 'write', lenient))._tag).toBe(
      'ResourcePolicyInvalidParameterException',
    );
    // Reading is the one thing the profile may allow.
    expect(right(checkOwnership(shared, consumer, 'read', lenient))).toBe(shared);
  });

  it('R8 profile: foreignResourceError picks the code of Put, Delete and (by default) Get', () => {
    const profile = makeProfile({ foreignResourceError: 'ResourceNotFoundException' });
    for (const access of ['read', 'write'] as const)
      expect(left(checkOwner(shared, consumer, access, profile))._tag).toBe('ResourceNotFoundException');
  });

  it('O1 R8 comes before R3: a resource of another account and region gets R8 code', () => {
    const both = resourceOf(`arn:aws:ssm:eu-west-1:${OTHER_ACCOUNT}:parameter/x`);
    const profile = makeProfile({ foreignResourceError: 'ResourceNotFoundException' });
    expect(left(checkOwnership(both, consumer, 'write', profile))._tag).toBe('ResourceNotFoundException');
    const swapped = makeProfile({ callerRegionError: 'ResourceNotFoundException' });
    expect(left(checkOwnership(both, consumer, 'write', swapped))._tag).toBe(
      'ResourcePolicyInvalidParameterException',
    );
  });
});

const info = (p: Partial<ParameterInfo> = {}): ParameterInfo => ({
  Name: '/app/db',
  Type: 'String',
  Tier: 'Advanced',
  ...p,
});

describe('R4 existence', () => {
  it('R4 refuses a parameter that does not exist with ResourceNotFoundException', () => {
    expect(left(checkParameterExists(O.none))._tag).toBe('ResourceNotFoundException');
    const found = info();
    expect(right(checkParameterExists(O.some(found)))).toBe(found);
  });
});

describe('R5 tier', () => {
  it('R5 refuses a Standard parameter with ResourcePolicyInvalidParameterException', () => {
    const e = left(checkParameterEligibility(info({ Tier: 'Standard' }), defaultProfile));
    expect(e._tag).toBe('ResourcePolicyInvalidParameterException');
    expect(right(checkParameterEligibility(info({ Tier: 'Advanced' }), defaultProfile))).toEqual(info());
  });

  it('R5 follows the profile: another code, or no check at all', () => {
    const standard = info({ Tier: 'Standard' });
    expect(
      left(
        checkParameterEligibility(
          standard,
          makeProfile({ standardTierParameter: 'MalformedResourcePolicyDocumentException' }),
        ),
      )._tag,
    ).toBe('MalformedResourcePolicyDocumentException');
    expect(right(checkParameterEligibility(standard, makeProfile({ standardTierParameter: false })))).toBe(
      standard,
    );
  });
});

describe('R6 SecureString keys', () => {
  const secure = (KeyId?: string) =>
    info(KeyId === undefined ? { Type: 'SecureString' } : { Type: 'SecureString', KeyId });

  it('R6 refuses a SecureString under an AWS managed key (absent, alias/aws/ssm, alias/aws/other, its ARN)', () => {
    for (const p of [
      secure(),
      secure(''),
      secure('alias/aws/ssm'),
      secure('alias/aws/other'),
      secure(`arn:aws:kms:${REGION}:${ACCOUNT}:alias/aws/ssm`),
      secure(`arn:aws-cn:kms:cn-north-1:${ACCOUNT}:alias/aws/ssm`),
    ]) {
      expect(left(checkParameterEligibility(p, defaultProfile))._tag).toBe(
        'ResourcePolicyInvalidParameterException',
      );
    }
  });

  it("R6 the catalog's KeyManager decides: the aws/ssm key by its key id or key ARN is AWS managed too", () => {
    const awsSsmKeyId = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
    for (const KeyId of [awsSsmKeyId, `arn:aws:kms:${REGION}:${ACCOUNT}:key/${awsSsmKeyId}`, undefined]) {
      const p = info({ Type: 'SecureString', KeyManager: 'AWS', ...(KeyId === undefined ? {} : { KeyId }) });
      expect(left(checkParameterEligibility(p, defaultProfile))._tag, String(KeyId)).toBe(
        'ResourcePolicyInvalidParameterException',
      );
      expect(isAwsManagedKey(KeyId, 'AWS')).toBe(true);
      // Without KeyManager, a key id or key ARN cannot be told apart: it passes (the alias fallback).
      if (KeyId !== undefined) expect(isAwsManagedKey(KeyId)).toBe(false);
    }
    const customer = info({
      Type: 'SecureString',
      KeyManager: 'CUSTOMER',
      KeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    });
    expect(right(checkParameterEligibility(customer, defaultProfile))).toBe(customer);
    // An alias/aws/… name is reserved for AWS managed keys: a catalog that says CUSTOMER for it is overruled.
    expect(isAwsManagedKey('alias/aws/ssm', 'CUSTOMER')).toBe(true);
    // A catalog that says CUSTOMER for a parameter without a KeyId is believed (it knows the default key).
    expect(isAwsManagedKey(undefined, 'CUSTOMER')).toBe(false);
    expect(
      right(checkParameterEligibility(customer, makeProfile({ awsManagedKeySecureString: false }))),
    ).toBe(customer);
  });

  it('R6 accepts a SecureString under a customer managed key (id, key ARN, alias, alias ARN)', () => {
    for (const keyId of [
      '1234abcd-12ab-34cd-56ef-1234567890ab',
      `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      'alias/my-key',
      'alias/awsome',
      `arn:aws:kms:${REGION}:${ACCOUNT}:alias/my-key`,
      'mrk-1234abcd12ab34cd56ef1234567890ab',
    ]) {
      expect(isAwsManagedKey(keyId)).toBe(false);
      expect(right(checkParameterEligibility(secure(keyId), defaultProfile)).KeyId).toBe(keyId);
    }
    // A plain String has no key to check.
    expect(right(checkParameterEligibility(info({ Type: 'String' }), defaultProfile)).Type).toBe('String');
    expect(right(checkParameterEligibility(info({ Type: 'StringList' }), defaultProfile)).Type).toBe(
      'StringList',
    );
  });

  it('R6 follows the profile, and R5 is decided before R6', () => {
    expect(
      left(
        checkParameterEligibility(
          secure('alias/aws/ssm'),
          makeProfile({ awsManagedKeySecureString: 'MalformedResourcePolicyDocumentException' }),
        ),
      )._tag,
    ).toBe('MalformedResourcePolicyDocumentException');
    expect(
      right(
        checkParameterEligibility(secure('alias/aws/ssm'), makeProfile({ awsManagedKeySecureString: false })),
      ).KeyId,
    ).toBe('alias/aws/ssm');
    // Standard tier AND an AWS managed key: R5's code (Malformed here) wins over R6's.
    const both = info({ Type: 'SecureString', Tier: 'Standard', KeyId: 'alias/aws/ssm' });
    expect(
      left(
        checkParameterEligibility(
          both,
          makeProfile({ standardTierParameter: 'MalformedResourcePolicyDocumentException' }),
        ),
      )._tag,
    ).toBe('MalformedResourcePolicyDocumentException');
  });
});

describe('R3 callers', () => {
  it('R3 a caller’s partition follows its region, and ownership compares it', () => {
    const china = makeCaller({ account: ACCOUNT, region: 'cn-north-1' });
    expect(china.partition).toBe('aws-cn');
    expect(makeCaller({ account: ACCOUNT, region: 'us-gov-west-1' }).partition).toBe('aws-us-gov');
    expect(makeCaller({ account: ACCOUNT, region: 'eu-west-1' }).partition).toBe('aws');
    const cnGroup = resourceOf(`arn:aws-cn:ssm:cn-north-1:${ACCOUNT}:opsitemgroup/default`);
    expect(right(checkOwnership(cnGroup, china, 'write', defaultProfile))).toBe(cnGroup);
    const awsGroup = resourceOf(`arn:aws:ssm:us-east-1:${ACCOUNT}:opsitemgroup/default`);
    expect(left(checkOwnership(awsGroup, china, 'write', defaultProfile))._tag).toBe(
      'ResourcePolicyInvalidParameterException',
    );
  });
});
