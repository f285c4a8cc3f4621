// The synchronous path (issue 13): on the memory stores the handler's `ANSWER_NOW` answers the policy
// operations at once, share hook (A8) included, and with the same answers and the same shares as a store that
// waits. A share store wrapped by spreading loses its `sync` side and is answered through its promises.
import { describe, expect, it } from 'vitest';
import { seededIdSource } from '@ssm-policy/core';
import {
  ANSWER_NOW,
  createMemoryResourceShareStore,
  createWireHandler,
  type ResourceShareStore,
  type WireRequest,
  type WireResponse,
} from '@ssm-policy/server';

const OWNER = '111111111111';
const CONSUMER = '222222222222';
const ARN = `arn:aws:ssm:us-east-1:${OWNER}:parameter/app/db`;
const auth = `AWS4-HMAC-SHA256 Credential=${OWNER}/20260101/us-east-1/ssm/aws4_request, SignedHeaders=host, Signature=0`;

const request = (op: string, body: unknown): WireRequest => ({
  method: 'POST',
  path: '/',
  headers: { 'x-amz-target': `AmazonSSM.${op}`, authorization: auth },
  body: new TextEncoder().encode(JSON.stringify(body)),
});

const policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${CONSUMER}:root` },
      Action: ['ssm:GetParameter'],
      Resource: ARN,
    },
  ],
});

/** Runs one scenario; `sync[i]` says whether answer i came at once. */
const scenario = async (shares: ResourceShareStore) => {
  const handler = createWireHandler({ ids: seededIdSource(3), shares, requestId: () => 'req' });
  const answerNow = handler[ANSWER_NOW]!;
  const sync: boolean[] = [];
  const call = async (op: string, body: unknown): Promise<Record<string, unknown>> => {
    const answer = answerNow(request(op, body));
    sync.push(!(answer instanceof Promise));
    const response: WireResponse = await answer;
    return { status: response.status, ...(response.body === '' ? {} : JSON.parse(response.body)) };
  };
  const states: unknown[] = [];
  const share = async () => (await shares.activeShareOf(ARN))?.status ?? 'none';
  states.push(await call('PutParameter', { Name: '/app/db', Value: 'v', Type: 'String', Tier: 'Advanced' }));
  const created = (await call('PutResourcePolicy', { ResourceArn: ARN, Policy: policy })) as {
    PolicyId: string;
    PolicyHash: string;
  };
  states.push(created, await share());
  const updated = (await call('PutResourcePolicy', {
    ResourceArn: ARN,
    Policy: policy.replace('GetParameter', 'GetParameters'),
    PolicyId: created.PolicyId,
    PolicyHash: created.PolicyHash,
  })) as { PolicyHash: string };
  states.push(updated, await call('GetResourcePolicies', { ResourceArn: ARN }));
  states.push(
    await call('DeleteResourcePolicy', { ResourceArn: ARN, PolicyId: created.PolicyId, PolicyHash: 'stale' }),
    await share(),
    await call('DeleteResourcePolicy', {
      ResourceArn: ARN,
      PolicyId: created.PolicyId,
      PolicyHash: updated.PolicyHash,
    }),
    await share(),
    (await shares.ownedBy(OWNER)).map((s) => s.status),
  );
  return { sync, states };
};

describe('ANSWER_NOW on the memory stores', () => {
  it('A8 a policy write and its share update are answered at once, and a spread share store waits', async () => {
    const now = await scenario(createMemoryResourceShareStore());
    // PutParameter goes through its task API; every policy operation after it is answered at once.
    expect(now.sync).toEqual([false, true, true, true, true, true]);
    const spread = await scenario({ ...createMemoryResourceShareStore() });
    // Without the share store's sync side, the writes that consult it (a Put; a Delete that finds a share)
    // become promises; Get and the refused Delete do not touch it.
    expect(spread.sync).toEqual([false, false, false, true, true, false]);
    expect(spread.states).toEqual(now.states);
    // The share followed the policies: created with the first, kept through the update, deleted with the last.
    expect(now.states[2]).toBe('ACTIVE');
    expect(now.states.at(-2)).toBe('none');
    expect(now.states.at(-1)).toEqual(['DELETED']);
  });
});
