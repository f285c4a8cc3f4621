/**
 * Hostile input against an emulator on a free loopback port: every request gets the rulebook's error (never a
 * crash, a hang or a bare 500), nothing stored changes, and the server keeps serving afterwards.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '@ssm-policy/server';
import {
  OPS_ARN,
  opsPolicy,
  paramArn,
  parameterPolicy,
  rawCall,
  startTestEmulator,
  type TestEmulator,
} from '@ssm-policy/server/testing';

const PUT = 'AmazonSSM.PutResourcePolicy';
const GET = 'AmazonSSM.GetResourcePolicies';

let emulator: TestEmulator;
let arn: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  await rawCall(
    emulator.url,
    'AmazonSSM.PutParameter',
    JSON.stringify({ Name: '/h/p', Value: 'v', Type: 'String', Tier: 'Advanced' }),
  );
  arn = paramArn('/h/p');
  await rawCall(emulator.url, PUT, JSON.stringify({ ResourceArn: arn, Policy: parameterPolicy(arn) }));
  await rawCall(emulator.url, PUT, JSON.stringify({ ResourceArn: OPS_ARN, Policy: opsPolicy() }));
});
afterAll(() => emulator.close());

/** The request's answer, and that it changed nothing and the server still answers. */
const hostile = async (target: string | undefined, body: string | Uint8Array<ArrayBuffer>) => {
  const before = emulator.state();
  const r = await rawCall(emulator.url, target, body);
  expect(emulator.state()).toEqual(before);
  expect((await rawCall(emulator.url, GET, JSON.stringify({ ResourceArn: arn }))).status).toBe(200);
  return r;
};

/** Sends raw bytes on a fresh connection; resolves with what came back once the server closes or answers. */
const rawExchange = (
  port: number,
  head: string,
  feed: (write: (chunk: Buffer) => boolean) => Promise<void>,
): Promise<{ response: string; sent: number }> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let response = '';
    let sent = 0;
    let answered = false;
    socket.on('data', (d) => {
      response += d.toString('latin1');
      answered = true;
    });
    socket.on('error', () => undefined); // a reset after the answer is expected
    socket.on('close', () => resolve({ response, sent }));
    socket.on('connect', () => {
      socket.write(head);
      void feed((chunk) => {
        if (answered || socket.destroyed) return false;
        sent += chunk.length;
        socket.write(chunk);
        return true;
      })
        .then(() => {
          if (answered) socket.end();
        })
        .catch(reject);
    });
    setTimeout(() => socket.destroy(), 10_000).unref();
  });

const pause = () => new Promise((r) => setTimeout(r, 5));

describe('bodies over 1 MiB', () => {
  it('W1 refuses a declared Content-Length over 1 MiB with 413 before the body is sent', async () => {
    const before = emulator.state();
    const { response, sent } = await rawExchange(
      emulator.port,
      `POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-amz-json-1.1\r\nx-amz-target: ${PUT}\r\ncontent-length: ${4 * MAX_BODY_BYTES}\r\n\r\n`,
      async (write) => {
        // A trickle: the answer must come long before 4 MiB would have been sent.
        for (let i = 0; i < 200 && write(Buffer.alloc(1024, 0x20)); i++) await pause();
      },
    );
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(response).toContain('"__type":"RequestEntityTooLargeException"');
    expect(response.toLowerCase()).toContain('x-amzn-errortype: requestentitytoolargeexception');
    expect(sent).toBeLessThan(MAX_BODY_BYTES);
    expect(emulator.state()).toEqual(before);
  });

  it('W1 answers Expect: 100-continue with 413 and no 100 when the declared body is too large', async () => {
    const head = (length: number) =>
      `POST / HTTP/1.1\r\nhost: x\r\nx-amz-target: ${GET}\r\nexpect: 100-continue\r\ncontent-length: ${length}\r\n\r\n`;
    const big = await rawExchange(emulator.port, head(2 * MAX_BODY_BYTES), async () => undefined);
    expect(big.response).toMatch(/^HTTP\/1\.1 413 /);
    // A body within the limit: 100 Continue first, then the answer.
    const body = JSON.stringify({ ResourceArn: arn });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: emulator.port,
          method: 'POST',
          path: '/',
          headers: { 'x-amz-target': GET, expect: '100-continue', 'content-length': body.length },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.on('continue', () => req.end(body));
    });
    expect(status).toBe(200);
  });

  it('W1 refuses a chunked body that grows over 1 MiB as soon as it does', async () => {
    const before = emulator.state();
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const frame = Buffer.concat([
      Buffer.from(`${chunk.length.toString(16)}\r\n`),
      chunk,
      Buffer.from('\r\n'),
    ]);
    const { response, sent } = await rawExchange(
      emulator.port,
      `POST / HTTP/1.1\r\nhost: x\r\nx-amz-target: ${PUT}\r\ntransfer-encoding: chunked\r\n\r\n`,
      async (write) => {
        for (let i = 0; i < 1024 && write(frame); i++) await pause();
      },
    );
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(sent).toBeLessThan(16 * MAX_BODY_BYTES);
    expect(emulator.state()).toEqual(before);
  });

  it('W1 accepts a body just under the limit (and answers the rulebook error for it)', async () => {
    const body = JSON.stringify({ ResourceArn: arn, Policy: 'x', Pad: ' '.repeat(MAX_BODY_BYTES - 200) });
    const r = await hostile(PUT, body);
    expect(r.json['__type']).toBe('MalformedResourcePolicyDocumentException');
  });
});

describe('broken and malicious bodies', () => {
  it('W4 broken JSON is a SerializationException', async () => {
    expect((await hostile(PUT, '{"ResourceArn":')).json['__type']).toBe('SerializationException');
  });

  it('W4 wrong member types are a SerializationException', async () => {
    const r = await hostile(PUT, JSON.stringify({ ResourceArn: [arn], Policy: { Statement: [] } }));
    expect(r.json['__type']).toBe('SerializationException');
  });

  it('W4 a body of 100k nested arrays is a SerializationException', async () => {
    const r = await hostile(PUT, '['.repeat(100_000) + ']'.repeat(100_000));
    expect(r.json['__type']).toBe('SerializationException');
  });

  it('W5 100k nested objects in an unknown member are ignored; the request is then validated', async () => {
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    const r = await hostile(PUT, `{"ResourceArn":"${arn}","Deep":${deep}}`);
    expect(r.json['__type']).toBe('ValidationException');
  });

  it('P1 a Policy string of 100k nested arrays is over the size limit', async () => {
    const policy = '['.repeat(100_000) + ']'.repeat(100_000);
    const r = await hostile(PUT, JSON.stringify({ ResourceArn: arn, Policy: policy }));
    expect(r.json['__type']).toBe('ResourcePolicyLimitExceededException');
  });

  it('P2 a deeply nested Policy under the size limit is a MalformedResourcePolicyDocumentException', async () => {
    const policy = '{"Statement":' + '['.repeat(400) + ']'.repeat(400) + '}';
    const r = await hostile(PUT, JSON.stringify({ ResourceArn: arn, Policy: policy }));
    expect(r.json['__type']).toBe('MalformedResourcePolicyDocumentException');
  });

  it('W4 __proto__ and constructor keys neither supply members nor pollute prototypes', async () => {
    const body = `{"__proto__":{"ResourceArn":"${arn}","Policy":"x"},"constructor":{"prototype":{"polluted":1}}}`;
    const r = await hostile(PUT, body);
    expect(r.json['__type']).toBe('ValidationException');
    const nested = `{"ResourceArn":"${arn}","Policy":${JSON.stringify(parameterPolicy(arn))},"PolicyId":"x","__proto__":{"PolicyHash":"y"}}`;
    expect((await hostile(PUT, nested)).json['ParameterNames']).toEqual(['PolicyHash']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['ResourceArn']).toBeUndefined();
  });

  it('W4 __proto__ inside a Policy document is refused as a document element', async () => {
    const policy = `{"__proto__":{"Statement":[]},"Statement":[{"Effect":"Allow","Principal":{"AWS":"210987654321"},"Action":"ssm:GetParameter","Resource":"${arn}"}]}`;
    const r = await hostile(PUT, JSON.stringify({ ResourceArn: arn, Policy: policy }));
    expect(r.json['__type']).toBe('MalformedResourcePolicyDocumentException');
  });

  it('W5 a target aimed at the prototype chain is an UnknownOperationException', async () => {
    expect((await hostile('AmazonSSM.hasOwnProperty', '{}')).json['__type']).toBe(
      'UnknownOperationException',
    );
  });

  it('W1 a client that hangs up halfway through its body changes nothing and the server keeps serving', async () => {
    const before = emulator.state();
    await new Promise<void>((resolve) => {
      const socket = connect(emulator.port, '127.0.0.1', () => {
        socket.write(
          `POST / HTTP/1.1\r\nhost: x\r\nx-amz-target: ${PUT}\r\ncontent-length: 1000\r\n\r\n{"ResourceArn":`,
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 20);
      });
    });
    await pause();
    expect(emulator.state()).toEqual(before);
    expect((await rawCall(emulator.url, GET, JSON.stringify({ ResourceArn: arn }))).status).toBe(200);
  });

  it('W1 bytes that are not HTTP get a 400 and the server keeps serving', async () => {
    const { response } = await rawExchange(
      emulator.port,
      '\x00\x01\x02 garbage\r\n\r\n',
      async () => undefined,
    );
    expect(response).toMatch(/^HTTP\/1\.1 400 /);
    expect((await rawCall(emulator.url, GET, JSON.stringify({ ResourceArn: arn }))).status).toBe(200);
  });
});
