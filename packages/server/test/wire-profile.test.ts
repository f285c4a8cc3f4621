/**
 * The wire choices of the behaviour profile, on the wire: W1's `acceptAnyContentType` (what to do with a body not
 * declared as application/x-amz-json-1.1) and W2's `deleteResponseBody` (Delete's success as `{}` or no body).
 * Both defaults and both alternatives, with raw HTTP requests, nothing stored changing on a refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProfile } from '@ssm-policy/core';
import { isAmzJson11 } from '@ssm-policy/server';
import {
  OPS_ARN,
  opsPolicy,
  rawCall,
  startTestEmulator,
  type TestEmulator,
} from '@ssm-policy/server/testing';

const PUT = 'AmazonSSM.PutResourcePolicy';
const GET = 'AmazonSSM.GetResourcePolicies';
const DELETE = 'AmazonSSM.DeleteResourcePolicy';

describe('W1 the content type', () => {
  it('W1 application/x-amz-json-1.1 is recognised with parameters and in any case, nothing else is', () => {
    expect(isAmzJson11('application/x-amz-json-1.1')).toBe(true);
    expect(isAmzJson11('Application/X-Amz-Json-1.1; charset=utf-8')).toBe(true);
    expect(isAmzJson11(' application/x-amz-json-1.1 ;charset=UTF-8')).toBe(true);
    for (const other of [undefined, '', 'application/json', 'application/x-amz-json-1.0', 'text/plain'])
      expect(isAmzJson11(other), String(other)).toBe(false);
  });

  describe('W1 by default (acceptAnyContentType: true)', () => {
    let emulator: TestEmulator;
    beforeAll(async () => {
      emulator = await startTestEmulator();
    });
    afterAll(() => emulator.close());

    it.each(['application/json', 'text/plain', 'application/octet-stream'])(
      'W1 accepts a request sent as %s',
      async (contentType) => {
        const r = await rawCall(emulator.url, GET, JSON.stringify({ ResourceArn: OPS_ARN }), {
          'content-type': contentType,
        });
        expect(r.status).toBe(200);
        expect(r.json).toEqual({ Policies: [] });
      },
    );
  });

  describe('W1 with acceptAnyContentType: false', () => {
    let emulator: TestEmulator;
    beforeAll(async () => {
      emulator = await startTestEmulator({ profile: makeProfile({ acceptAnyContentType: false }) });
    });
    afterAll(() => emulator.close());

    it('W1 accepts application/x-amz-json-1.1, with a charset parameter too', async () => {
      for (const contentType of ['application/x-amz-json-1.1', 'application/x-amz-json-1.1; charset=utf-8']) {
        const r = await rawCall(emulator.url, GET, JSON.stringify({ ResourceArn: OPS_ARN }), {
          'content-type': contentType,
        });
        expect(r.status, contentType).toBe(200);
      }
    });

    it.each(['application/json', 'application/octet-stream', 'application/x-amz-json-1.0'])(
      'W1 refuses %s with UnknownOperationException (400), and nothing changes',
      async (contentType) => {
        const before = emulator.state();
        const r = await rawCall(
          emulator.url,
          PUT,
          JSON.stringify({ ResourceArn: OPS_ARN, Policy: opsPolicy() }),
          {
            'content-type': contentType,
          },
        );
        expect(r.status).toBe(400);
        expect(r.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
        expect(r.json).toEqual({
          __type: 'UnknownOperationException',
          Message: `The Content-Type ${JSON.stringify(contentType)} is not application/x-amz-json-1.1.`,
        });
        expect(emulator.state()).toEqual(before);
      },
    );

    it('W1 refuses a request with no Content-Type', async () => {
      const res = await fetch(`${emulator.url}/`, {
        method: 'POST',
        headers: { 'x-amz-target': GET },
        body: new TextEncoder().encode(JSON.stringify({ ResourceArn: OPS_ARN })),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { __type: string }).__type).toBe('UnknownOperationException');
    });
  });
});

describe('W2 the body of Delete', () => {
  const putThenDelete = async (emulator: TestEmulator) => {
    const created = await rawCall(
      emulator.url,
      PUT,
      JSON.stringify({ ResourceArn: OPS_ARN, Policy: opsPolicy() }),
    );
    const { PolicyId, PolicyHash } = created.json as { PolicyId: string; PolicyHash: string };
    return rawCall(emulator.url, DELETE, JSON.stringify({ ResourceArn: OPS_ARN, PolicyId, PolicyHash }));
  };

  it("W2 by default (deleteResponseBody: '{}') Delete answers 200 with the body {}", async () => {
    const emulator = await startTestEmulator();
    try {
      const r = await putThenDelete(emulator);
      expect(r.status).toBe(200);
      expect(r.text).toBe('{}');
      expect(r.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    } finally {
      await emulator.close();
    }
  });

  it("W2 with deleteResponseBody: 'empty' Delete answers 200 with no body; Put and Get keep theirs", async () => {
    const emulator = await startTestEmulator({ profile: makeProfile({ deleteResponseBody: 'empty' }) });
    try {
      const r = await putThenDelete(emulator);
      expect(r.status).toBe(200);
      expect(r.text).toBe('');
      expect(r.headers.get('content-length')).toBe('0');
      expect(r.headers.get('x-amzn-requestid')).toEqual(expect.any(String));
      const get = await rawCall(emulator.url, GET, JSON.stringify({ ResourceArn: OPS_ARN }));
      expect(get.text).toBe('{"Policies":[]}');
      // An error of Delete still has its body.
      const again = await rawCall(
        emulator.url,
        DELETE,
        JSON.stringify({ ResourceArn: OPS_ARN, PolicyId: 'gone', PolicyHash: 'gone' }),
      );
      expect(again.json['__type']).toBe('ResourcePolicyNotFoundException');
    } finally {
      await emulator.close();
    }
  });
});
