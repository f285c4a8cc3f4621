// R7 under a race: a PutResourcePolicy whose write is still in flight when its parameter is deleted and created
// again must not leave a policy on the new parameter. The store is the real memory store; the only thing added
// is a gate that holds `create` back, to make the interleaving happen on demand.
import { describe, expect, it } from 'vitest';
import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
import { seededIdSource, type PolicyRepository } from '@ssm-policy/core';
import { createParameterStore, createWireHandler } from '@ssm-policy/server';
import { paramArn, parameterPolicy } from '@ssm-policy/server/testing';

const call = (handle: ReturnType<typeof createWireHandler>, operation: string, body: unknown) =>
  handle({
    method: 'POST',
    path: '/',
    headers: { 'x-amz-target': `AmazonSSM.${operation}`, 'content-type': 'application/x-amz-json-1.1' },
    body: Buffer.from(JSON.stringify(body)),
  }).then((r) => ({ status: r.status, json: JSON.parse(r.body) as Record<string, unknown> }));

describe('parameter incarnations', () => {
  it('R7 H10 a policy write in flight across DeleteParameter and a re-create never shows on the new parameter', async () => {
    const memory = createMemoryPolicyRepository();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    const gated: PolicyRepository = {
      ...memory,
      create: (input) => async () => {
        held++;
        await gate;
        return memory.create(input)();
      },
    };
    const parameters = createParameterStore();
    const handle = createWireHandler({ repository: gated, parameters, ids: seededIdSource(7) });
    const Name = '/race/db';
    const arn = paramArn(Name);
    const putParameter = { Name, Value: 'v', Type: 'String', Tier: 'Advanced' };

    expect((await call(handle, 'PutParameter', putParameter)).status).toBe(200);
    const inFlight = call(handle, 'PutResourcePolicy', { ResourceArn: arn, Policy: parameterPolicy(arn) });
    await new Promise((r) => setTimeout(r, 10));
    expect(held).toBe(1);

    expect((await call(handle, 'DeleteParameter', { Name })).status).toBe(200);
    expect((await call(handle, 'PutParameter', putParameter)).status).toBe(200);
    release();
    // The old parameter's write lands, but under the old parameter's key.
    expect((await inFlight).status).toBe(200);

    const read = await call(handle, 'GetResourcePolicies', { ResourceArn: arn });
    expect(read).toEqual({ status: 200, json: { Policies: [] } });
  });

  it('R7 overwriting a parameter keeps its incarnation, so its policies stay', async () => {
    const repository = createMemoryPolicyRepository();
    const handle = createWireHandler({
      repository,
      parameters: createParameterStore(),
      ids: seededIdSource(8),
    });
    const Name = '/race/kept';
    const arn = paramArn(Name);
    await call(handle, 'PutParameter', { Name, Value: 'v1', Type: 'String', Tier: 'Advanced' });
    const created = await call(handle, 'PutResourcePolicy', {
      ResourceArn: arn,
      Policy: parameterPolicy(arn),
    });
    expect(created.status).toBe(200);
    await call(handle, 'PutParameter', {
      Name,
      Value: 'v2',
      Type: 'String',
      Tier: 'Advanced',
      Overwrite: true,
    });
    const read = await call(handle, 'GetResourcePolicies', { ResourceArn: arn });
    expect(read.json['Policies']).toEqual([{ ...created.json, Policy: parameterPolicy(arn) }]);
  });
});
