// H12 through the wire handler: the emulator gives the core a real clock, so a profile rate takes effect.
import { describe, expect, it } from 'vitest';
import { makeProfile } from '@ssm-policy/core';
import { createWireHandler } from '@ssm-policy/server';

const OPS_ARN = 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default';
const policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: '210987654321' },
      Action: ['ssm:GetOpsItem'],
      Resource: [OPS_ARN, OPS_ARN.replace('opsitemgroup/default', 'opsitem/*')],
    },
  ],
});

const request = (operation: string, body: unknown) => ({
  method: 'POST',
  path: '/',
  headers: { 'x-amz-target': `AmazonSSM.${operation}`, 'content-type': 'application/x-amz-json-1.1' },
  body: new TextEncoder().encode(JSON.stringify(body)),
});

describe('H12 in the emulator', () => {
  it('H12 with policyWriteRate on, an excess Put is MalformedResourcePolicyDocumentException and changes nothing', async () => {
    // One call per 1000 seconds: the second call within the test cannot have a token.
    const handle = createWireHandler({
      profile: makeProfile({ policyWriteRate: { perSecond: 0.001, burst: 1 } }),
    });
    const first = await handle(request('PutResourcePolicy', { ResourceArn: OPS_ARN, Policy: policy }));
    expect(first.status).toBe(200);
    const { PolicyId, PolicyHash } = JSON.parse(first.body) as { PolicyId: string; PolicyHash: string };
    const second = await handle(
      request('DeleteResourcePolicy', { ResourceArn: OPS_ARN, PolicyId, PolicyHash }),
    );
    expect(second.status).toBe(400);
    expect(JSON.parse(second.body)).toMatchObject({ __type: 'MalformedResourcePolicyDocumentException' });
    const read = await handle(request('GetResourcePolicies', { ResourceArn: OPS_ARN }));
    expect(JSON.parse(read.body)).toEqual({ Policies: [{ PolicyId, PolicyHash, Policy: policy }] });
  });

  it('H12 off by default: many writes in a row all pass', async () => {
    const handle = createWireHandler();
    for (let i = 0; i < 5; i++) {
      const put = await handle(request('PutResourcePolicy', { ResourceArn: OPS_ARN, Policy: policy }));
      expect(put.status).toBe(200);
      const ids = JSON.parse(put.body) as { PolicyId: string; PolicyHash: string };
      expect((await handle(request('DeleteResourcePolicy', { ResourceArn: OPS_ARN, ...ids }))).status).toBe(
        200,
      );
    }
  });
});
