/**
 * The library as an embedder mounts it: the wire handler with the read side of a parameter store only, the
 * handler's resolved caller in the listener's log, and the emulator's PutParameter overwrite.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as O from 'fp-ts/lib/Option.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { describe, expect, it } from 'vitest';
import type { ParameterCatalog, ParameterInfo } from '@ssm-policy/core';
import {
  createParameterStore,
  createRequestListener,
  formatRequestLogLine,
  createWireHandler,
  type WireResponse,
  type RequestLogEntry,
} from '@ssm-policy/server';
import { OTHER_ACCOUNT, REGION, paramArn, parameterPolicy, rawCall } from '@ssm-policy/server/testing';

const encode = (body: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(body));

const post = (
  handle: ReturnType<typeof createWireHandler>,
  operation: string,
  body: unknown,
): Promise<WireResponse> =>
  handle({
    method: 'POST',
    path: '/',
    headers: { 'x-amz-target': `AmazonSSM.${operation}` },
    body: encode(body),
  });

describe('W6 the listener logs the caller the handler resolved', () => {
  it('W6 a mounted handler with its own default account: the log line shows that account, not a default of the listener', async () => {
    const entries: RequestLogEntry[] = [];
    const handle = createWireHandler({ defaultAccount: OTHER_ACCOUNT, defaultRegion: 'eu-west-1' });
    const server = createServer(createRequestListener(handle, { logger: (entry) => entries.push(entry) }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const ok = await rawCall(
        url,
        'AmazonSSM.GetResourcePolicies',
        JSON.stringify({ ResourceArn: `arn:aws:ssm:eu-west-1:${OTHER_ACCOUNT}:opsitemgroup/default` }),
      );
      expect(ok.status).toBe(200);
      const unknown = await rawCall(url, 'AmazonSSM.NoSuchOperation', '{}');
      expect(unknown.status).toBe(400);
      // 'finish' fires after the answer is flushed; give the log a moment.
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      target: 'AmazonSSM.GetResourcePolicies',
      status: 200,
      caller: `${OTHER_ACCOUNT}/eu-west-1`,
    });
    expect(formatRequestLogLine(entries[0]!)).toContain(` ${OTHER_ACCOUNT}/eu-west-1 `);
    // Refused before a caller was resolved: the listener makes none up.
    expect(entries[1]).toMatchObject({ target: 'AmazonSSM.NoSuchOperation', status: 400, caller: '-' });
  });

  it('W6 the handler hands its caller back on the response, and never sends it', async () => {
    const handle = createWireHandler({ defaultAccount: OTHER_ACCOUNT });
    const res = await post(handle, 'GetResourcePolicies', {
      ResourceArn: `arn:aws:ssm:us-east-1:${OTHER_ACCOUNT}:opsitemgroup/default`,
    });
    expect(res.caller).toMatchObject({ account: OTHER_ACCOUNT, region: 'us-east-1' });
    expect(res.body).toBe('{"Policies":[]}');
    expect(Object.keys(res.headers)).not.toContain('caller');
  });

  it('W6 a refusal after the caller is resolved carries it too: a command error, a body that is not JSON, a RAM error', async () => {
    const handle = createWireHandler({ defaultAccount: OTHER_ACCOUNT });
    const missing = await post(handle, 'GetResourcePolicies', {
      ResourceArn: `arn:aws:ssm:us-east-1:${OTHER_ACCOUNT}:parameter/not-there`,
    });
    const notJson = await handle({
      method: 'POST',
      path: '/',
      headers: { 'x-amz-target': 'AmazonSSM.GetResourcePolicies' },
      body: new TextEncoder().encode('{not json'),
    });
    const ram = await handle({
      method: 'POST',
      path: '/getresourceshares',
      headers: {},
      body: encode({ resourceOwner: 'NOBODY' }),
    });
    for (const res of [missing, notJson, ram]) {
      expect(res.status).toBe(400);
      expect(res.caller).toMatchObject({ account: OTHER_ACCOUNT, region: 'us-east-1' });
      expect(res.body).not.toContain(OTHER_ACCOUNT);
    }
  });
});

describe('R4 an embedder with parameters of its own gives only the read side', () => {
  const NAME = '/embedder/db';
  const ARN = paramArn(NAME);
  const info: ParameterInfo = { Name: NAME, Type: 'String', Tier: 'Advanced' };
  const seen: Array<{ name: string; arn: string }> = [];
  const catalog: ParameterCatalog = {
    describeParameter: (resource, arn) => {
      seen.push({ name: resource.name, arn });
      return TE.right(resource.name === NAME ? O.some(info) : O.none);
    },
  };

  it('R4 a ParameterCatalog alone serves the three policy operations', async () => {
    const handle = createWireHandler({ parameters: catalog });
    const put = await post(handle, 'PutResourcePolicy', { ResourceArn: ARN, Policy: parameterPolicy(ARN) });
    expect(put.status).toBe(200);
    const { PolicyId, PolicyHash } = JSON.parse(put.body) as { PolicyId: string; PolicyHash: string };
    const got = await post(handle, 'GetResourcePolicies', { ResourceArn: ARN });
    expect(JSON.parse(got.body)).toMatchObject({ Policies: [{ PolicyId, PolicyHash }] });
    expect(
      (await post(handle, 'DeleteResourcePolicy', { ResourceArn: ARN, PolicyId, PolicyHash })).status,
    ).toBe(200);
    const missing = await post(handle, 'GetResourcePolicies', { ResourceArn: paramArn('/embedder/none') });
    expect(JSON.parse(missing.body)['__type']).toBe('ResourceNotFoundException');
    // The catalog was handed the canonical ARN the core formatted, beside the parsed resource.
    expect(seen[0]).toEqual({ name: NAME, arn: ARN });
  });

  it('W5 without a full store the parameter operations are unknown', async () => {
    const handle = createWireHandler({ parameters: catalog });
    for (const operation of ['PutParameter', 'GetParameter', 'DeleteParameter']) {
      const res = await post(handle, operation, { Name: NAME, Value: 'v', Type: 'String' });
      expect(res.status, operation).toBe(400);
      expect(JSON.parse(res.body)['__type'], operation).toBe('UnknownOperationException');
    }
  });

  it('W5 with a full store (the default) they are served', async () => {
    const handle = createWireHandler({ parameters: createParameterStore() });
    expect((await post(handle, 'PutParameter', { Name: NAME, Value: 'v', Type: 'String' })).status).toBe(200);
    expect((await post(handle, 'GetParameter', { Name: NAME })).status).toBe(200);
    expect((await post(handle, 'DeleteParameter', { Name: NAME })).status).toBe(200);
  });
});

describe('R7 PutParameter overwrite', () => {
  it('R7 an overwrite makes the next version from the stored one without touching it, and keeps its incarnation', async () => {
    const parameters = createParameterStore();
    const handle = createWireHandler({ parameters });
    const arn = paramArn('/overwrite/p', '123456789012', REGION);
    await post(handle, 'PutParameter', {
      Name: '/overwrite/p',
      Value: 'one',
      Type: 'String',
      Description: 'kept',
    });
    const first = parameters.snapshot().get(arn)!;
    const answer = await post(handle, 'PutParameter', {
      Name: '/overwrite/p',
      Value: 'two',
      Overwrite: true,
    });
    expect(JSON.parse(answer.body)).toEqual({ Version: 2, Tier: 'Standard' });
    const second = parameters.snapshot().get(arn)!;
    expect(first).toMatchObject({ Value: 'one', Version: 1 });
    expect(second).toMatchObject({
      Value: 'two',
      Version: 2,
      Description: 'kept',
      Incarnation: first.Incarnation,
    });
    expect(Object.isFrozen(second)).toBe(true);
  });
});
