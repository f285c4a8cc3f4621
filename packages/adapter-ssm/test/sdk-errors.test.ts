// The mapping from what the SDK throws to the domain's errors, with the SDK's own exception classes.
import {
  InternalServerError,
  MalformedResourcePolicyDocumentException,
  ResourceNotFoundException,
  ResourcePolicyConflictException,
  ResourcePolicyInvalidParameterException,
  ResourcePolicyLimitExceededException,
  ResourcePolicyNotFoundException,
  SSMServiceException,
} from '@aws-sdk/client-ssm';
import { GetResourcePoliciesErrorTags } from '@ssm-policy/core';
import { describe, expect, it } from 'vitest';
import {
  conditionRefusal,
  createRefusal,
  fromSdkError,
  fromSdkErrorFor,
  listRefusal,
} from '@ssm-policy/adapter-ssm';

const $metadata = { httpStatusCode: 400 };

const unmodeled = (name: string, status = 400) =>
  new SSMServiceException({ name, $fault: status >= 500 ? 'server' : 'client', message: name, $metadata });

describe('fromSdkError', () => {
  it('V1 maps the unmodeled ValidationException to the domain error', () => {
    expect(fromSdkError(unmodeled('ValidationException'))._tag).toBe('ValidationException');
  });

  it('R1 maps ResourcePolicyInvalidParameterException with its ParameterNames', () => {
    const e = new ResourcePolicyInvalidParameterException({
      message: 'bad arn',
      $metadata,
      ParameterNames: ['ResourceArn'],
    });
    expect(fromSdkError(e)).toMatchObject({
      _tag: 'ResourcePolicyInvalidParameterException',
      ParameterNames: ['ResourceArn'],
    });
  });

  it('P1 maps ResourcePolicyLimitExceededException with its Limit and LimitType', () => {
    const e = new ResourcePolicyLimitExceededException({
      message: 'too big',
      $metadata,
      Limit: 1024,
      LimitType: 'PolicySize',
    });
    expect(fromSdkError(e)).toMatchObject({
      _tag: 'ResourcePolicyLimitExceededException',
      Limit: 1024,
      LimitType: 'PolicySize',
    });
  });

  it('H5 maps ResourcePolicyConflictException from SSM to the domain error', () => {
    const e = new ResourcePolicyConflictException({ message: 'stale', $metadata });
    expect(fromSdkError(e)._tag).toBe('ResourcePolicyConflictException');
  });

  it('H4 maps ResourcePolicyNotFoundException from SSM to the domain error', () => {
    const e = new ResourcePolicyNotFoundException({ message: 'gone', $metadata });
    expect(fromSdkError(e)._tag).toBe('ResourcePolicyNotFoundException');
  });

  it('R4 maps ResourceNotFoundException from SSM to the domain error', () => {
    const e = new ResourceNotFoundException({ message: 'no parameter', $metadata });
    expect(fromSdkError(e)._tag).toBe('ResourceNotFoundException');
  });

  it('P2 maps MalformedResourcePolicyDocumentException from SSM to the domain error', () => {
    const e = new MalformedResourcePolicyDocumentException({ message: 'bad doc', $metadata });
    expect(fromSdkError(e)._tag).toBe('MalformedResourcePolicyDocumentException');
  });

  it('W3 maps InternalServerError, throttles, network errors and non-errors to InternalServerError', () => {
    const thrown: unknown[] = [
      new InternalServerError({ message: 'boom', $metadata: { httpStatusCode: 500 } }),
      unmodeled('ThrottlingException'),
      unmodeled('Unknown', 503),
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      'a string',
      undefined,
    ];
    for (const t of thrown) expect(fromSdkError(t)._tag).toBe('InternalServerError');
  });

  it('W3 reads the error by name, so an error from another copy of the SDK maps the same', () => {
    const foreign = { name: 'ResourcePolicyInvalidParameterException', ParameterNames: ['PolicyHash'] };
    expect(fromSdkError(foreign)).toMatchObject({ ParameterNames: ['PolicyHash'] });
  });

  it('W3 answers InternalServerError for an error the operation cannot answer', () => {
    const forGet = fromSdkErrorFor('GetResourcePolicies', GetResourcePoliciesErrorTags);
    const e = new ResourcePolicyConflictException({ message: 'stale', $metadata });
    expect(forGet(e)._tag).toBe('InternalServerError');
    expect(forGet(unmodeled('ValidationException'))._tag).toBe('ValidationException');
  });
});

describe('repository refusals', () => {
  it('H9 reads ResourcePolicyLimitExceededException on create as PolicyLimitReached with its Limit', () => {
    const e = new ResourcePolicyLimitExceededException({
      message: 'one',
      $metadata,
      Limit: 1,
      LimitType: 'PolicyCount',
    });
    expect(createRefusal(e)).toEqual({ _tag: 'PolicyLimitReached', limit: 1 });
    expect(createRefusal(unmodeled('ThrottlingException'))._tag).toBe('StorageError');
  });

  it('H4 reads ResourcePolicyNotFoundException as PolicyMissing and H5 ResourcePolicyConflictException as HashMismatch', () => {
    const refuse = conditionRefusal('DeleteResourcePolicy');
    expect(refuse(new ResourcePolicyNotFoundException({ message: 'x', $metadata }))._tag).toBe(
      'PolicyMissing',
    );
    expect(refuse(new ResourcePolicyConflictException({ message: 'x', $metadata }))._tag).toBe(
      'HashMismatch',
    );
    expect(refuse(new ResourceNotFoundException({ message: 'x', $metadata }))._tag).toBe('StorageError');
  });

  it('H8 reads a refused NextToken as CursorInvalid, any other refusal as StorageError', () => {
    const token = new ResourcePolicyInvalidParameterException({
      message: 'x',
      $metadata,
      ParameterNames: ['NextToken'],
    });
    const arn = new ResourcePolicyInvalidParameterException({
      message: 'x',
      $metadata,
      ParameterNames: ['ResourceArn'],
    });
    expect(listRefusal(token)._tag).toBe('CursorInvalid');
    expect(listRefusal(unmodeled('InvalidNextToken'))._tag).toBe('CursorInvalid');
    expect(listRefusal(arn)._tag).toBe('StorageError');
  });
});
