// Errors whose code the profile chooses: R3, R8 (rejectResource), H4/H5 (staleHash), H8 (invalidNextToken).
import { describe, expect, it } from 'vitest';
import {
  defaultProfile,
  encodePageToken,
  invalidNextToken,
  makeProfile,
  planGetResourcePolicies,
  rejectResource,
  staleHash,
} from '@ssm-policy/core';
import { OPS_ARN, PARAM_ARN, left, right } from './fixtures.js';

describe('H8 NextToken error', () => {
  it("H8 an unknown, changed or foreign NextToken is ResourcePolicyInvalidParameterException ['NextToken'] by default", () => {
    const good = encodePageToken({ arn: OPS_ARN }, '3');
    expect(
      right(
        planGetResourcePolicies({ ResourceArn: OPS_ARN, NextToken: good }, { arn: OPS_ARN }, defaultProfile),
      ),
    ).toEqual({ resource: { arn: OPS_ARN }, limit: 50, cursor: '3' });
    for (const NextToken of ['nonsense', `${good}x`, encodePageToken({ arn: PARAM_ARN }, '3')]) {
      expect(
        left(planGetResourcePolicies({ ResourceArn: OPS_ARN, NextToken }, { arn: OPS_ARN }, defaultProfile)),
      ).toEqual({
        _tag: 'ResourcePolicyInvalidParameterException',
        ParameterNames: ['NextToken'],
        message: 'The NextToken is not valid for this resource.',
        fault: 'client',
      });
    }
  });

  it('H8 profile invalidNextTokenError: the same tokens can be a ValidationException', () => {
    const profile = makeProfile({ invalidNextTokenError: 'ValidationException' });
    expect(
      left(
        planGetResourcePolicies({ ResourceArn: OPS_ARN, NextToken: 'nonsense' }, { arn: OPS_ARN }, profile),
      )._tag,
    ).toBe('ValidationException');
    expect(invalidNextToken(profile)._tag).toBe('ValidationException');
  });
});

describe('R3 R8 H5 chosen codes', () => {
  it("R3 R8 rejectResource builds ['ResourceArn'] or the model's ResourceNotFoundException", () => {
    expect(rejectResource('ResourcePolicyInvalidParameterException', 'm')).toEqual({
      _tag: 'ResourcePolicyInvalidParameterException',
      fault: 'client',
      ParameterNames: ['ResourceArn'],
      message: 'm',
    });
    expect(rejectResource('ResourceNotFoundException', 'm')._tag).toBe('ResourceNotFoundException');
  });

  it('H5 H4 staleHash follows staleHashError', () => {
    expect(staleHash(defaultProfile)._tag).toBe('ResourcePolicyConflictException');
    expect(staleHash(makeProfile({ staleHashError: 'ResourcePolicyNotFoundException' }))._tag).toBe(
      'ResourcePolicyNotFoundException',
    );
  });
});
