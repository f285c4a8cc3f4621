// What the endpoint sent, as it sent it: errors keep their `__type`, message and HTTP status (an
// UnknownOperationException stays one, a Message received is shown), a body that is not awsJson1_1 is shown
// raw, and a request that gets no answer ends at the timeout. Against node:http servers on loopback.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { createSsmResourcePolicyService } from '@ssm-policy/adapter-ssm';
import { asSent } from '../src/endpoint-factory.js';
import { describeExchange, exchangeText } from '../src/raw-exchange.js';
import { makeRecorder } from '../src/recording-handler.js';

const ARN = 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default';

const answers: Record<string, (res: ServerResponse) => void> = {
  'AmazonSSM.PutResourcePolicy': (res) =>
    void res
      .writeHead(400, { 'content-type': 'application/x-amz-json-1.1' })
      .end('{"__type":"com.amazonaws.ssm#UnknownOperationException","message":"no PutResourcePolicy here"}'),
  'AmazonSSM.GetResourcePolicies': (res) =>
    void res
      .writeHead(400, { 'content-type': 'application/x-amz-json-1.1' })
      .end('{"__type":"ResourcePolicyConflictException","Message":"stale hash, said the endpoint"}'),
  'AmazonSSM.DeleteResourcePolicy': (res) =>
    void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>'),
};

describe('errors as the endpoint sent them', () => {
  const sockets = new Set<Socket>();
  let url = '';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const answer = answers[String(req.headers['x-amz-target'])];
      // Anything else hangs: the timeout has to end it.
      answer?.(res);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );

  const connect = (timeoutMs = 5_000) => {
    const recorder = makeRecorder({ timeoutMs });
    const client = new SSMClient({
      region: 'us-east-1',
      endpoint: url,
      credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' },
      maxAttempts: 1,
      requestHandler: recorder.handler as never,
    });
    return { recorder, client, service: asSent(createSsmResourcePolicyService(client), recorder) };
  };

  it('W5 an UnknownOperationException is reported as such, with its message and status, not as InternalServerError', async () => {
    const { client, service } = connect();
    const put = await service.PutResourcePolicy({ ResourceArn: ARN, Policy: '{}' })();
    client.destroy();
    expect(put).toEqual(
      E.left({ _tag: 'UnknownOperationException', message: 'no PutResourcePolicy here', status: 400 }),
    );
  });

  it('W3 a Message received is shown, under the code the endpoint sent', async () => {
    const { client, service } = connect();
    const get = await service.GetResourcePolicies({ ResourceArn: ARN })();
    client.destroy();
    expect(get).toEqual(
      E.left({
        _tag: 'ResourcePolicyConflictException',
        message: 'stale hash, said the endpoint',
        status: 400,
      }),
    );
  });

  it('W2 a 200 that is not awsJson1_1 is shown raw, never as the SDK\'s "hidden field" hint', async () => {
    const { client, service, recorder } = connect();
    const del = await service.DeleteResourcePolicy({ ResourceArn: ARN, PolicyId: 'p', PolicyHash: 'h' })();
    client.destroy();
    expect(del).toEqual(
      E.left({
        _tag: 'not an awsJson1_1 answer',
        status: 200,
        message: 'text/html: <html>hello</html>',
        body: '<html>hello</html>',
      }),
    );
    const last = recorder.last()!;
    expect(describeExchange(last)).toBe(
      'DeleteResourcePolicy answered 200 text/html, not awsJson1_1: "<html>hello</html>"',
    );
    expect(exchangeText(last)).toMatch(
      /^POST \/\n[\s\S]*x-amz-target: AmazonSSM.DeleteResourcePolicy[\s\S]*\nHTTP 200\n/,
    );
    expect(JSON.stringify(del)).not.toMatch(/\$response|hidden field/);
  });

  it('W1 a request that gets no answer ends at the timeout, recorded as such', async () => {
    const { client, recorder } = connect(300);
    // GetParameter is not among the answers above: the server never answers it.
    const { error, exchanges } = await recorder.within(() =>
      client.send(new GetParameterCommand({ Name: '/hangs' })),
    );
    client.destroy();
    expect(error).toMatchObject({ name: 'TimeoutError', message: 'no answer within 0.3 s (--timeout)' });
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]).toMatchObject({
      operation: 'GetParameter',
      error: 'no answer within 0.3 s (--timeout)',
    });
    expect(exchanges[0]!.response).toBeUndefined();
    expect(describeExchange(exchanges[0]!)).toBe(
      'GetParameter got no answer: no answer within 0.3 s (--timeout)',
    );
  });
});
