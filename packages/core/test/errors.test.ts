import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  DeleteResourcePolicyErrorTags,
  GetResourcePoliciesErrorTags,
  PutResourcePolicyErrorTags,
  ResourcePolicyErrorCodec,
  internalServerError,
  malformedResourcePolicyDocument,
  resourceNotFound,
  resourcePolicyConflict,
  resourcePolicyInvalidParameter,
  resourcePolicyLimitExceeded,
  resourcePolicyNotFound,
  validationException,
  type DeleteResourcePolicyError,
  type GetResourcePoliciesError,
  type PutResourcePolicyError,
  type ResourcePolicyCommands,
} from '@ssm-policy/core';

// AWS's model (docs/rules.md, Errors) per operation, plus ValidationException.
const PUT = [
  'ResourcePolicyInvalidParameterException',
  'ResourcePolicyLimitExceededException',
  'ResourcePolicyConflictException',
  'ResourcePolicyNotFoundException',
  'ResourceNotFoundException',
  'MalformedResourcePolicyDocumentException',
  'InternalServerError',
  'ValidationException',
];
const GET = [
  'ResourcePolicyInvalidParameterException',
  'ResourceNotFoundException',
  'InternalServerError',
  'ValidationException',
];
const DELETE = [
  'ResourcePolicyInvalidParameterException',
  'ResourcePolicyConflictException',
  'ResourcePolicyNotFoundException',
  'ResourceNotFoundException',
  'MalformedResourcePolicyDocumentException',
  'InternalServerError',
  'ValidationException',
];

type Failure<T> = T extends () => Promise<infer R>
  ? R extends { _tag: 'Left'; left: infer L }
    ? L
    : never
  : never;

describe('error unions', () => {
  it('PutResourcePolicy: its error union is exactly the model list plus ValidationException', () => {
    expectTypeOf<PutResourcePolicyError['_tag']>().toEqualTypeOf<
      | 'ValidationException'
      | 'ResourcePolicyInvalidParameterException'
      | 'ResourcePolicyLimitExceededException'
      | 'ResourcePolicyConflictException'
      | 'ResourcePolicyNotFoundException'
      | 'ResourceNotFoundException'
      | 'MalformedResourcePolicyDocumentException'
      | 'InternalServerError'
    >();
    expectTypeOf<
      Failure<ReturnType<ResourcePolicyCommands['PutResourcePolicy']>>
    >().toEqualTypeOf<PutResourcePolicyError>();
    expect([...PutResourcePolicyErrorTags].sort()).toEqual([...PUT].sort());
    expect(new Set(PutResourcePolicyErrorTags).size).toBe(PutResourcePolicyErrorTags.length);
  });

  it('GetResourcePolicies: its error union is exactly the model list plus ValidationException', () => {
    expectTypeOf<GetResourcePoliciesError['_tag']>().toEqualTypeOf<
      | 'ValidationException'
      | 'ResourcePolicyInvalidParameterException'
      | 'ResourceNotFoundException'
      | 'InternalServerError'
    >();
    expectTypeOf<
      Failure<ReturnType<ResourcePolicyCommands['GetResourcePolicies']>>
    >().toEqualTypeOf<GetResourcePoliciesError>();
    expect([...GetResourcePoliciesErrorTags].sort()).toEqual([...GET].sort());
    expect(new Set(GetResourcePoliciesErrorTags).size).toBe(GetResourcePoliciesErrorTags.length);
  });

  it('DeleteResourcePolicy: its error union is exactly the model list plus ValidationException', () => {
    expectTypeOf<DeleteResourcePolicyError['_tag']>().toEqualTypeOf<
      | 'ValidationException'
      | 'ResourcePolicyInvalidParameterException'
      | 'ResourcePolicyConflictException'
      | 'ResourcePolicyNotFoundException'
      | 'ResourceNotFoundException'
      | 'MalformedResourcePolicyDocumentException'
      | 'InternalServerError'
    >();
    expectTypeOf<
      Failure<ReturnType<ResourcePolicyCommands['DeleteResourcePolicy']>>
    >().toEqualTypeOf<DeleteResourcePolicyError>();
    expect([...DeleteResourcePolicyErrorTags].sort()).toEqual([...DELETE].sort());
    expect(new Set(DeleteResourcePolicyErrorTags).size).toBe(DeleteResourcePolicyErrorTags.length);
  });

  it('every constructor builds a value its codec accepts, with the modeled members', () => {
    const all = [
      validationException('m'),
      resourcePolicyInvalidParameter(['ResourceArn'], 'm'),
      resourcePolicyLimitExceeded(1, 'PolicyCount', 'm'),
      resourcePolicyConflict(),
      resourcePolicyNotFound(),
      resourceNotFound(),
      malformedResourcePolicyDocument(),
      internalServerError(),
    ];
    for (const e of all) expect(ResourcePolicyErrorCodec.is(e)).toBe(true);
    expect(new Set(all.map((e) => e._tag))).toEqual(new Set(PUT));
    expect(
      ResourcePolicyErrorCodec.is({ _tag: 'ResourcePolicyInvalidParameterException', message: 'm' }),
    ).toBe(false);
    expect(
      ResourcePolicyErrorCodec.is({ _tag: 'ResourcePolicyLimitExceededException', message: 'm', Limit: 1 }),
    ).toBe(false);
    expect(ResourcePolicyErrorCodec.is({ _tag: 'Nope', message: 'm' })).toBe(false);
  });

  it('W3 each error carries its fault: InternalServerError is the server’s, every other the client’s', () => {
    const all = [
      validationException('m'),
      resourcePolicyInvalidParameter(['ResourceArn'], 'm'),
      resourcePolicyLimitExceeded(1, 'PolicyCount', 'm'),
      resourcePolicyConflict(),
      resourcePolicyNotFound(),
      resourceNotFound(),
      malformedResourcePolicyDocument(),
      internalServerError(),
    ];
    expect(Object.fromEntries(all.map((e) => [e._tag, e.fault]))).toEqual({
      ValidationException: 'client',
      ResourcePolicyInvalidParameterException: 'client',
      ResourcePolicyLimitExceededException: 'client',
      ResourcePolicyConflictException: 'client',
      ResourcePolicyNotFoundException: 'client',
      ResourceNotFoundException: 'client',
      MalformedResourcePolicyDocumentException: 'client',
      InternalServerError: 'server',
    });
    // The codecs hold the fault too: an error claiming the wrong one is not an error of the model.
    expect(ResourcePolicyErrorCodec.is({ ...internalServerError(), fault: 'client' })).toBe(false);
    expect(ResourcePolicyErrorCodec.is({ ...resourcePolicyConflict(), fault: 'server' })).toBe(false);
  });
});
