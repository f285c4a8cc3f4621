// A failed property shows the raw exchanges of the step that failed: the recorder hands a nested `within` its
// callee's exchanges, each handle of the traced factory keeps its own, signatures and keys are redacted, and
// the terminal and the Markdown report print the counterexample with the exchanges. Against a node:http
// server on loopback; the whole runner against a broken emulator is in @ssm-policy/e2e.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SSMClient } from '@aws-sdk/client-ssm';
import { createSsmParameterFixture, createSsmResourcePolicyService } from '@ssm-policy/adapter-ssm';
import { makeCaller } from '@ssm-policy/core';
import type { PropertyResult } from '@ssm-policy/conformance';
import { parseCliArgs } from '../src/args.js';
import { asSent } from '../src/endpoint-factory.js';
import { counterexampleLines, exchangeLines } from '../src/counterexample-text.js';
import { formatMarkdown } from '../src/markdown-report.js';
import { propertyChecks } from '../src/property-rows.js';
import type { RawExchange } from '../src/raw-exchange.js';
import { makeRecorder, redactHeaders } from '../src/recording-handler.js';
import { formatTable, ruleRows } from '../src/rule-table.js';
import { tracedFactory } from '../src/traced-factory.js';

const ARN = 'arn:aws:ssm:us-east-1:123456789012:parameter/a';

describe('exchanges of a handle', () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    // Answers every operation with an empty awsJson1_1 object; GetResourcePolicies gets one policy.
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const get = req.headers['x-amz-target'] === 'AmazonSSM.GetResourcePolicies';
        res
          .writeHead(200, { 'content-type': 'application/x-amz-json-1.1' })
          .end(get ? '{"Policies":[{"PolicyId":"p","PolicyHash":"h","Policy":"{}"}]}' : '{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('W6 a handle traces the exchanges of its own calls, in order, with the signature and the key redacted', async () => {
    const recorder = makeRecorder({ timeoutMs: 5_000 });
    const client = new SSMClient({
      region: 'us-east-1',
      endpoint: url,
      credentials: { accessKeyId: 'AKIDSECRETLOOKING', secretAccessKey: 'x', sessionToken: 'token' },
      maxAttempts: 1,
      requestHandler: recorder.handler as never,
    });
    const service = asSent(createSsmResourcePolicyService(client), recorder);
    const factory = tracedFactory(
      async () => ({
        service,
        caller: makeCaller({ account: '123456789012', region: 'us-east-1' }),
        parameters: createSsmParameterFixture(client),
        dispose: async () => {},
      }),
      recorder,
    );
    const one = await factory();
    const other = await factory();
    const got = await one.service.GetResourcePolicies({ ResourceArn: ARN })();
    await one.parameters.putParameter({ Name: '/a', Type: 'String', Tier: 'Advanced' });
    await other.service.DeleteResourcePolicy({ ResourceArn: ARN, PolicyId: 'p', PolicyHash: 'h' })();
    client.destroy();
    // The service's own `within` (asSent) still reads its answer: nesting does not steal its exchanges.
    expect(E.isRight(got)).toBe(true);
    const trace = one.trace!() as ReadonlyArray<RawExchange>;
    expect(trace.map((x) => x.operation)).toEqual(['GetResourcePolicies', 'PutParameter']);
    expect((other.trace!() as ReadonlyArray<RawExchange>).map((x) => x.operation)).toEqual([
      'DeleteResourcePolicy',
    ]);
    const headers = trace[0]!.request.headers;
    expect(headers['authorization']).toMatch(
      /^AWS4-HMAC-SHA256 Credential=\(redacted\)\/\d{8}\/us-east-1\/ssm\/aws4_request, SignedHeaders=[^,]+, Signature=\(redacted\)$/,
    );
    expect(headers['x-amz-security-token']).toBe('(redacted)');
    expect(JSON.stringify(trace)).not.toMatch(/AKIDSECRETLOOKING|"token"|Signature=[0-9a-f]/);
  });

  it('W6 an Authorization header of another scheme is redacted whole', () => {
    expect(redactHeaders({ authorization: 'Bearer abc', host: 'h' })).toEqual({
      authorization: '(redacted)',
      host: 'h',
    });
  });
});

const exchange: RawExchange = {
  operation: 'GetResourcePolicies',
  request: {
    method: 'POST',
    path: '/',
    headers: { 'x-amz-target': 'AmazonSSM.GetResourcePolicies', authorization: '(redacted)' },
    body: '{"ResourceArn":"arn:aws:ssm:us-east-1:123456789012:parameter/a"}',
  },
  response: {
    status: 200,
    headers: { 'content-type': 'application/x-amz-json-1.1' },
    body: '{"Policies":[{"PolicyId":"p","PolicyHash":"h","Policy":"CORRUPTED"}]}',
  },
  ms: 3,
};

const failed: PropertyResult = {
  name: 'every response and error of random command lists equals the reference model',
  rules: ['H1', 'P7'],
  status: 'fail',
  runs: 25,
  seed: 11,
  path: '4:2:0',
  replayPath: 'AAB:F',
  counterexample:
    'Create(r1, {sid:"A",actions:1,principals:0}),Get(r1, MaxResults absent) /*replayPath="AAB:F"*/',
  failure: 'P7 get on arn: the text differs',
  failedStep: { step: 'Get(r1, MaxResults absent)', evidence: ['not an exchange', exchange] },
  durationMs: 5,
};

describe('a failed property in the report', () => {
  it('P7 the check carries the failed step and only the exchanges of it', () => {
    const p7 = propertyChecks(failed).find((c) => c.rule === 'P7')!;
    expect(p7.counterexample).toEqual({
      seed: 11,
      path: '4:2:0',
      replayPath: 'AAB:F',
      commands: failed.counterexample,
      failedStep: 'Get(r1, MaxResults absent)',
      exchanges: [exchange],
    });
  });

  it('P7 the terminal shows the counterexample, the replay arguments and the exchange, cut to its width', () => {
    const table = formatTable(ruleRows(propertyChecks(failed)), 100);
    expect(table).toContain("    replay with --seed 11 --path 4:2:0 --replay-path 'AAB:F'");
    expect(table).toContain('    failed at Get(r1, MaxResults absent), which sent:');
    // The request line is longer than the room: cut; the answer fits.
    expect(table).toMatch(
      /^ {6}> POST \/ AmazonSSM\.GetResourcePolicies \{"ResourceArn":"arn:aws:ssm:[^"]*…$/m,
    );
    expect(table).toContain(`      < 200 ${exchange.response!.body}`);
    expect(formatTable(ruleRows(propertyChecks(failed)))).toContain(
      `      > POST / AmazonSSM.GetResourcePolicies ${exchange.request.body}`,
    );
    expect(exchangeLines(exchange)[1]).toBe(`< 200 ${exchange.response!.body}`);
    expect(counterexampleLines({ seed: 1, failedStep: 'Get(r0, MaxResults 1)' })).toContain(
      'failed at Get(r0, MaxResults 1) (no request recorded)',
    );
    const many = counterexampleLines({ seed: 1, failedStep: 'batch', exchanges: Array(11).fill(exchange) });
    expect(many.filter((l) => l.startsWith('  > '))).toHaveLength(8);
    expect(many.at(-1)).toBe('  … and 3 more (all of them in --report and --json)');
  });

  it('P7 the Markdown report shows the exchange whole, as HTTP', () => {
    const md = formatMarkdown(ruleRows(propertyChecks(failed)), { target: 'x', lines: [] });
    expect(md).toContain(
      "replay with `ssm-policy-conformance … --seed 11 --path 4:2:0 --replay-path 'AAB:F'`",
    );
    expect(md).toContain(
      'It failed at `Get(r1, MaxResults absent)`, which sent this request (as sent, with the answers as received):',
    );
    expect(md).toContain(
      [
        'POST /',
        'x-amz-target: AmazonSSM.GetResourcePolicies',
        'authorization: (redacted)',
        '',
        exchange.request.body,
        '',
        'HTTP 200',
        'content-type: application/x-amz-json-1.1',
        '',
        exchange.response!.body,
      ].join('\n'),
    );
  });

  it('P7 the printed replay arguments parse back: a command list replays only with its --replay-path', () => {
    expect(parseCliArgs(['--seed', '11', '--path', '4:2:0', '--replay-path', 'AAB:F'])).toMatchObject(
      E.right({ seed: 11, path: '4:2:0', replayPath: 'AAB:F' }),
    );
  });
});
