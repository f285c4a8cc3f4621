/**
 * Rules W1–W6 on the wire, with raw HTTP requests (`fetch`) to an emulator on a free loopback port: the exact
 * status, headers and body members, not what a client library makes of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalServerError, resourcePolicyConflict } from '@ssm-policy/core';
import { createWireHandler, requestEntityTooLarge, wireError } from '@ssm-policy/server';
import {
  ACCOUNT,
  OPS_ARN,
  OTHER_ACCOUNT,
  paramArn,
  parameterPolicy,
  rawCall,
  startTestEmulator,
  type TestEmulator,
} from '@ssm-policy/server/testing';

const PUT = 'AmazonSSM.PutResourcePolicy';
const GET = 'AmazonSSM.GetResourcePolicies';
const DELETE = 'AmazonSSM.DeleteResourcePolicy';
const PUT_PARAMETER = 'AmazonSSM.PutParameter';

let emulator: TestEmulator;
let arn: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  await rawCall(
    emulator.url,
    PUT_PARAMETER,
    JSON.stringify({ Name: '/wire/p', Value: 'v', Type: 'String', Tier: 'Advanced' }),
  );
  arn = paramArn('/wire/p');
});
afterAll(() => emulator.close());

const call = (target: string | undefined, body: unknown, headers?: Record<string, string>) =>
  rawCall(emulator.url, target, typeof body === 'string' ? body : JSON.stringify(body), headers);

describe('W1 requests', () => {
  it('W1 answers POST / with the target header and a JSON object body; Policy is a JSON string', async () => {
    const r = await call(PUT, { ResourceArn: arn, Policy: parameterPolicy(arn) });
    expect(r.status).toBe(200);
    const read = await call(GET, { ResourceArn: arn });
    expect((read.json['Policies'] as Array<{ Policy: string }>)[0]?.Policy).toBe(parameterPolicy(arn));
  });

  it('W1 refuses another method or path with UnknownOperationException', async () => {
    const get = await fetch(`${emulator.url}/`, { headers: { 'x-amz-target': GET } });
    expect(get.status).toBe(400);
    expect(((await get.json()) as { __type: string }).__type).toBe('UnknownOperationException');
    const path = await fetch(`${emulator.url}/other`, {
      method: 'POST',
      headers: { 'x-amz-target': GET },
      body: JSON.stringify({ ResourceArn: OPS_ARN }),
    });
    expect(((await path.json()) as { __type: string }).__type).toBe('UnknownOperationException');
  });

  it('W1 a Policy sent as a JSON object instead of a string is a SerializationException', async () => {
    const r = await call(PUT, { ResourceArn: arn, Policy: JSON.parse(parameterPolicy(arn)) });
    expect(r.json['__type']).toBe('SerializationException');
  });
});

describe('W2 success responses', () => {
  it('W2 answers 200, application/x-amz-json-1.1, an x-amzn-RequestId, and the members', async () => {
    const r = await call(PUT, { ResourceArn: arn, Policy: parameterPolicy(arn, '444444444444') });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(r.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.keys(r.json).sort()).toEqual(['PolicyHash', 'PolicyId']);
    const d = await call(DELETE, {
      ResourceArn: arn,
      PolicyId: r.json['PolicyId'],
      PolicyHash: r.json['PolicyHash'],
    });
    expect(d.status).toBe(200);
    expect(d.text).toBe('{}');
  });

  it('W2 every response has its own request id', async () => {
    const a = await call(GET, { ResourceArn: arn });
    const b = await call(GET, { ResourceArn: 'bad' });
    expect(a.headers.get('x-amzn-requestid')).not.toBe(b.headers.get('x-amzn-requestid'));
    expect(b.headers.get('x-amzn-requestid')).toEqual(expect.any(String));
  });

  it('W2 the last page carries no NextToken, and a resource without policies answers {"Policies":[]}', async () => {
    const empty = await call(GET, { ResourceArn: `arn:aws:ssm:us-east-1:${ACCOUNT}:opsitemgroup/default` });
    expect(empty.text).toBe('{"Policies":[]}');
    await call(PUT_PARAMETER, { Name: '/wire/pages', Value: 'v', Type: 'String', Tier: 'Advanced' });
    const pages = paramArn('/wire/pages');
    await call(PUT, { ResourceArn: pages, Policy: parameterPolicy(pages) });
    await call(PUT, { ResourceArn: pages, Policy: parameterPolicy(pages, '444444444444') });
    const first = await call(GET, { ResourceArn: pages, MaxResults: 1 });
    expect(first.json['NextToken']).toEqual(expect.any(String));
    const last = await call(GET, { ResourceArn: pages, NextToken: first.json['NextToken'] });
    expect((last.json['Policies'] as unknown[]).length).toBe(1);
    expect('NextToken' in last.json).toBe(false);
  });
});

describe('W3 errors', () => {
  it('W3 answers the code in __type and X-Amzn-ErrorType, Message, and the modeled members', async () => {
    const r = await call(PUT, { ResourceArn: 'arn:aws:ssm:us-east-1:123456789012:document/x', Policy: '{}' });
    expect(r.status).toBe(400);
    expect(r.headers.get('x-amzn-errortype')).toBe('ResourcePolicyInvalidParameterException');
    expect(r.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(r.headers.get('x-amzn-requestid')).toEqual(expect.any(String));
    expect(r.json).toEqual({
      __type: 'ResourcePolicyInvalidParameterException',
      Message: expect.any(String),
      ParameterNames: ['ResourceArn'],
    });
  });

  it('W3 ResourcePolicyLimitExceededException carries Limit and LimitType', async () => {
    const big = parameterPolicy(arn).replace('"Version"', `"Id":"${'x'.repeat(1100)}","Version"`);
    const r = await call(PUT, { ResourceArn: arn, Policy: big });
    expect(r.json).toEqual({
      __type: 'ResourcePolicyLimitExceededException',
      Message: expect.any(String),
      Limit: 1024,
      LimitType: 'PolicySize',
    });
  });

  it('W3 V5 ValidationException keeps the AWS message format', async () => {
    const r = await call(GET, { ResourceArn: arn, MaxResults: 51 });
    expect(r.status).toBe(400);
    expect(r.json).toEqual({
      __type: 'ValidationException',
      Message:
        "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50",
    });
  });
});

describe('W3 the status comes from the fault', () => {
  it('W3 a server fault is 500 and a client fault 400 whatever the tag; httpStatus overrides; neither is sent', () => {
    const server = wireError('r', { _tag: 'SomeNewFailure', message: 'm', fault: 'server' });
    expect(server.status).toBe(500);
    expect(JSON.parse(server.body)).toEqual({ __type: 'SomeNewFailure', Message: 'm' });
    expect(wireError('r', { _tag: 'InternalServerError', message: 'm', fault: 'client' }).status).toBe(400);
    expect(wireError('r', internalServerError()).status).toBe(500);
    expect(wireError('r', resourcePolicyConflict()).status).toBe(400);
    const tooLarge = wireError('r', requestEntityTooLarge(10));
    expect(tooLarge.status).toBe(413);
    expect(Object.keys(JSON.parse(tooLarge.body) as object).sort()).toEqual(['Message', '__type']);
  });
});

describe('W3 the handler mounted without a server', () => {
  const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));

  it('W3 a store that throws instead of answering is a 500 InternalServerError, never a crash', async () => {
    const boom = (): never => {
      throw new Error('the disk is on fire');
    };
    const handle = createWireHandler({
      repository: {
        capabilities: { assignsIdentity: false },
        create: boom,
        update: boom,
        delete: boom,
        list: boom,
        dropResource: boom,
      },
    });
    const res = await handle({
      method: 'POST',
      path: '/',
      headers: { 'x-amz-target': GET },
      body: enc({ ResourceArn: OPS_ARN }),
    });
    expect(res.status).toBe(500);
    expect(res.headers['x-amzn-errortype']).toBe('InternalServerError');
    expect(JSON.parse(res.body)).toEqual({ __type: 'InternalServerError', Message: expect.any(String) });
  });

  it('W1 the handler itself refuses a body over its limit with 413', async () => {
    const handle = createWireHandler({ maxBodyBytes: 64 });
    const res = await handle({
      method: 'POST',
      path: '/',
      headers: { 'x-amz-target': GET },
      body: enc({ ResourceArn: OPS_ARN, Pad: 'x'.repeat(100) }),
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)['__type']).toBe('RequestEntityTooLargeException');
  });
});

describe('W4 serialization', () => {
  it.each([
    ['an array', '[]'],
    ['a string', '"ResourceArn"'],
    ['a number', '42'],
    ['null', 'null'],
    ['broken JSON', '{"ResourceArn": "arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default"'],
    ['trailing garbage', '{} {}'],
  ])('W4 answers SerializationException for a body that is %s', async (_, body) => {
    const r = await call(GET, body);
    expect(r.status).toBe(400);
    expect(r.json['__type']).toBe('SerializationException');
    expect(r.headers.get('x-amzn-errortype')).toBe('SerializationException');
  });

  it('W4 answers SerializationException for a body that is not UTF-8', async () => {
    const r = await rawCall(emulator.url, GET, new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
    expect(r.json['__type']).toBe('SerializationException');
  });

  it.each([
    ['ResourceArn a number', { ResourceArn: 5 }],
    ['MaxResults a string', { ResourceArn: OPS_ARN, MaxResults: '5' }],
    ['MaxResults a fraction', { ResourceArn: OPS_ARN, MaxResults: 1.5 }],
    ['NextToken an object', { ResourceArn: OPS_ARN, NextToken: {} }],
  ])('W4 answers SerializationException for %s', async (_, body) => {
    expect((await call(GET, body)).json['__type']).toBe('SerializationException');
  });

  it('W4 parameter operations too: Overwrite must be a boolean', async () => {
    const r = await call(PUT_PARAMETER, { Name: '/wire/p', Value: 'v', Overwrite: 'true' });
    expect(r.json['__type']).toBe('SerializationException');
  });

  it('W4 an empty body reads as {} and fails validation instead', async () => {
    const r = await call(GET, '');
    expect(r.json['__type']).toBe('ValidationException');
  });
});

describe('W5 targets and members', () => {
  it.each([
    ['missing', undefined],
    ['an operation this emulator lacks', 'AmazonSSM.DescribeParameters'],
    ['another service', 'DynamoDB_20120810.ListTables'],
    ['a prototype key', 'AmazonSSM.__proto__'],
    ['constructor', 'AmazonSSM.constructor'],
    ['the bare prefix', 'AmazonSSM.'],
  ])('W5 answers UnknownOperationException for a target that is %s', async (_, target) => {
    const r = await call(target, { ResourceArn: OPS_ARN });
    expect(r.status).toBe(400);
    expect(r.json['__type']).toBe('UnknownOperationException');
    expect(r.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });

  it('W5 ignores unknown members', async () => {
    const r = await call(GET, { ResourceArn: arn, Unknown: [1, { deep: true }], policyId: 5 });
    expect(r.status).toBe(200);
  });
});

describe('W6 the caller', () => {
  const signedAs = (key: string, region: string) => ({
    authorization: `AWS4-HMAC-SHA256 Credential=${key}/20260101/${region}/ssm/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
  });

  it('W6 reads the account from a 12-digit access key id and the region from the credential scope', async () => {
    const own = `arn:aws:ssm:eu-west-1:${OTHER_ACCOUNT}:opsitemgroup/default`;
    expect((await call(GET, { ResourceArn: own }, signedAs(OTHER_ACCOUNT, 'eu-west-1'))).status).toBe(200);
    // R3: the same caller does not own the default account's resource, nor its own in another region.
    const foreign = await call(GET, { ResourceArn: OPS_ARN }, signedAs(OTHER_ACCOUNT, 'eu-west-1'));
    expect(foreign.json['__type']).toBe('ResourcePolicyInvalidParameterException');
    const region = await call(GET, { ResourceArn: own }, signedAs(OTHER_ACCOUNT, 'us-east-1'));
    expect(region.json['__type']).toBe('ResourcePolicyInvalidParameterException');
  });

  it('W6 another access key id acts as the default account; no Authorization means us-east-1', async () => {
    expect((await call(GET, { ResourceArn: OPS_ARN }, signedAs('AKIDEXAMPLE', 'us-east-1'))).status).toBe(
      200,
    );
    expect((await call(GET, { ResourceArn: OPS_ARN })).status).toBe(200);
  });

  it('W6 a configured default account applies to non-numeric keys', async () => {
    const handle = createWireHandler({ defaultAccount: OTHER_ACCOUNT });
    const res = await handle({
      method: 'POST',
      path: '/',
      headers: { 'x-amz-target': GET },
      body: new TextEncoder().encode(
        JSON.stringify({ ResourceArn: `arn:aws:ssm:us-east-1:${OTHER_ACCOUNT}:opsitemgroup/default` }),
      ),
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe('{"Policies":[]}');
  });
});
