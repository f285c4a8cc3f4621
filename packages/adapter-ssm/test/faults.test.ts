// Faults our emulator cannot produce (a 500, a dropped connection, a refused port), injected by a bare
// loopback HTTP server: they must come out as InternalServerError (service) and StorageError (repository).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSsmClient,
  createSsmPolicyRepository,
  createSsmResourcePolicyService,
} from '@ssm-policy/adapter-ssm';

type Fault = 'json500' | 'html500' | 'drop';

const ARN = 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default';
const credentials = { accessKeyId: 'AKIDFAULTS', secretAccessKey: 'faults' };

let server: Server;
let fault: Fault = 'json500';
let url = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (fault === 'drop') {
        req.socket.destroy();
        return;
      }
      if (fault === 'html500') {
        res.writeHead(500, { 'content-type': 'text/html' }).end('<html>Internal Server Error</html>');
        return;
      }
      res
        .writeHead(500, {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-errortype': 'InternalServerError',
        })
        .end(JSON.stringify({ __type: 'InternalServerError', message: 'boom' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const client = (endpoint = url) =>
  createSsmClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });

describe('faults through the service', () => {
  for (const f of ['json500', 'html500', 'drop'] as const) {
    it(`W3 answers InternalServerError, never a throw, when the endpoint gives ${f}`, async () => {
      fault = f;
      const service = createSsmResourcePolicyService(client());
      const put = await service.PutResourcePolicy({ ResourceArn: ARN, Policy: '{}' })();
      const get = await service.GetResourcePolicies({ ResourceArn: ARN })();
      const del = await service.DeleteResourcePolicy({ ResourceArn: ARN, PolicyId: 'p', PolicyHash: 'h' })();
      for (const r of [put, get, del])
        expect(r).toMatchObject({ _tag: 'Left', left: { _tag: 'InternalServerError' } });
    });
  }

  it('W3 answers InternalServerError when nothing listens on the port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const service = createSsmResourcePolicyService(client(`http://127.0.0.1:${port}`));
    const get = await service.GetResourcePolicies({ ResourceArn: ARN })();
    expect(get).toMatchObject({ _tag: 'Left', left: { _tag: 'InternalServerError' } });
  });
});

describe('faults through the repository', () => {
  for (const f of ['json500', 'drop'] as const) {
    it(`W3 answers StorageError (the caller's InternalServerError) for every operation when the endpoint gives ${f}`, async () => {
      fault = f;
      const repo = createSsmPolicyRepository(client());
      const proposed = { PolicyId: 'p', PolicyHash: 'h' };
      const results = [
        await repo.create({ resource: { arn: ARN }, Policy: '{}', proposed, maxPolicies: 1 })(),
        await repo.update({
          resource: { arn: ARN },
          PolicyId: 'p',
          expectedHash: 'h',
          Policy: '{}',
          proposedHash: 'h2',
        })(),
        await repo.delete({ resource: { arn: ARN }, PolicyId: 'p', expectedHash: 'h' })(),
        await repo.list({ resource: { arn: ARN }, limit: 10 })(),
        await repo.dropResource({ arn: ARN })(),
      ];
      for (const r of results) expect(r).toMatchObject({ _tag: 'Left', left: { _tag: 'StorageError' } });
    });
  }
});
