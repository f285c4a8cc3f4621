// The ssm-policy-conformance runner against endpoints that cannot be checked, on real loopback sockets: one
// that accepts connections and never answers, one that answers an HTML page with 200 to everything, one
// without DeleteResourcePolicy (our emulator behind a proxy that answers UnknownOperationException for it), a
// closed port, and endpoints whose cleanup fails or whose OpsItemGroup already holds someone else's policy.
// An unusable endpoint is one line and exit status 3; a run never claims a removal that failed.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetResourcePoliciesCommand, PutResourcePolicyCommand, SSMClient } from '@aws-sdk/client-ssm';
import { opsItemGroupArnOf, opsItemGroupPolicy } from '@ssm-policy/conformance';
import { RULE_IDS, defaultProfile, makeCaller } from '@ssm-policy/core';
import {
  createParameterStore,
  startEmulator,
  type MemoryParameterStore,
  type RunningEmulator,
} from '@ssm-policy/server';
import { makeRecorder, runCli, runWireChecks, wireChecks, type CliIo } from '@ssm-policy/conformance-cli';

interface Captured extends CliIo {
  readonly out: string[];
  readonly err: string[];
  readonly files: Map<string, string>;
}

const capture = (): Captured => {
  const out: string[] = [];
  const err: string[] = [];
  const files = new Map<string, string>();
  return {
    out,
    err,
    files,
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    tty: false,
    env: {},
    writeFile: async (path, text) => void files.set(path, text),
  };
};

/** A loopback server that can be closed even while it holds connections that never get an answer. */
const serve = async (
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; close: () => Promise<void> }> => {
  const sockets = new Set<Socket>();
  const server: Server = createServer(handler);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
};

/** Our emulator behind a proxy; `intercept` answers some requests itself (by target and body). */
const proxyTo = (
  upstream: string,
  intercept: (target: string, body: string, res: ServerResponse) => boolean,
): Promise<{ url: string; close: () => Promise<void> }> => {
  const to = new URL(upstream);
  return serve((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (intercept(String(req.headers['x-amz-target']), body.toString('utf8'), res)) return;
      const up = request(
        { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      up.end(body);
    });
  });
};

const awsJsonError = (res: ServerResponse, status: number, code: string, message: string): void =>
  void res
    .writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': code })
    .end(JSON.stringify({ __type: code, message }));

const HTML = '<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>';

/** The rows of the printed table: rule → result. */
const resultsOf = (stdout: string): Map<string, string> =>
  new Map(
    stdout
      .split('\n')
      .map((line) => /^([A-Z]\d+|cleanup|run)\s+(?:\[[MDOU]\])*\s+(pass|FAIL|skip)\b/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );

describe('an endpoint that accepts connections and never answers', () => {
  let hung: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    hung = await serve((req) => void req.resume());
  });
  afterAll(() => hung.close());

  it('W1 is unusable: one clear line naming the request and the timeout, exit status 3, nothing on stdout', async () => {
    const io = capture();
    const status = await runCli(['--endpoint', hung.url, '--timeout', '0.5'], io);
    expect(status).toBe(3);
    expect(io.out.join('')).toBe('');
    const err = io.err.join('');
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err).toBe(
      `ssm-policy-conformance: ${hung.url} does not answer: PutParameter got no answer within 0.5 s (--timeout)\n`,
    );
  });

  it('W1 a hung endpoint with --account is unusable too: the probe comes before any check', async () => {
    const io = capture();
    const status = await runCli(
      ['--endpoint', hung.url, '--account', '123456789012', '--timeout', '0.5', '--json', 'r.json'],
      io,
    );
    expect(status).toBe(3);
    const json = JSON.parse(io.files.get('r.json') ?? '') as { status: string; exitCode: number };
    expect(json).toMatchObject({ status: 'unusable', exitCode: 3 });
  });
});

describe('an endpoint that answers an HTML page with 200 to everything', () => {
  let html: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    html = await serve((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'text/html' }).end(HTML));
    });
  });
  afterAll(() => html.close());

  it('W1 is unusable: not awsJson1_1, said in one line with what it answered, exit status 3', async () => {
    const io = capture();
    const status = await runCli(['--endpoint', html.url, '--json', 'r.json', '--report', 'r.md'], io);
    expect(status).toBe(3);
    expect(io.err.join('')).toBe(
      `ssm-policy-conformance: ${html.url} does not speak SSM's awsJson1_1 protocol: PutParameter answered 200 text/html, not awsJson1_1: ${JSON.stringify(HTML)}\n`,
    );
    expect(io.err.join('')).not.toMatch(/\$response|hidden field/);
    const json = JSON.parse(io.files.get('r.json') ?? '') as {
      status: string;
      reason: string;
      rules: Array<{ rule: string; status: string }>;
    };
    expect(json.status).toBe('unusable');
    expect(json.rules.map((r) => r.rule)).toEqual([...RULE_IDS]);
    expect(new Set(json.rules.map((r) => r.status))).toEqual(new Set(['not run']));
    expect(io.files.get('r.md')).toContain('No rule was checked');
  });

  it('W1 fails against it: a 200 that is not awsJson1_1 does not pass', async () => {
    const recorder = makeRecorder({ timeoutMs: 5_000 });
    const client = new SSMClient({
      region: 'us-east-1',
      endpoint: html.url,
      credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' },
      requestHandler: recorder.handler as never,
    });
    try {
      const [w1] = await runWireChecks(
        {
          client,
          caller: makeCaller({ account: '123456789012', region: 'us-east-1' }),
          parameters: { putParameter: async () => {}, deleteParameter: async () => {} },
          evidence: () => recorder.last(),
        },
        defaultProfile,
        wireChecks.filter((c) => c.rule === 'W1'),
      );
      expect(w1).toMatchObject({ rule: 'W1', status: 'fail' });
      expect(w1!.observed).toEqual({ 'content-type': 'text/html', body: HTML });
      expect(w1!.evidence).toMatchObject({ response: { status: 200, body: HTML } });
    } finally {
      client.destroy();
    }
  });
});

describe('an endpoint without DeleteResourcePolicy', () => {
  let emulator: RunningEmulator;
  let parameters: MemoryParameterStore;
  let proxy: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    parameters = createParameterStore();
    emulator = await startEmulator({ port: 0, parameters });
    proxy = await proxyTo(emulator.url, (target, _body, res) => {
      if (target !== 'AmazonSSM.DeleteResourcePolicy') return false;
      awsJsonError(res, 400, 'UnknownOperationException', 'Operation DeleteResourcePolicy is not supported.');
      return true;
    });
  });
  afterAll(async () => {
    await proxy.close();
    await emulator.close();
  });

  it('H7 is unusable: it names the missing operation and the error as sent, exit status 3, and leaves nothing', async () => {
    const io = capture();
    const status = await runCli(['--endpoint', proxy.url], io);
    expect(status).toBe(3);
    expect(io.err.join('')).toBe(
      `ssm-policy-conformance: ${proxy.url} does not offer DeleteResourcePolicy, which the run needs: ` +
        'DeleteResourcePolicy answered 400 UnknownOperationException: Operation DeleteResourcePolicy is not supported.\n',
    );
    expect(io.err.join('')).not.toContain('InternalServerError');
    // The probe created one parameter and removed it; it attached no policy anywhere.
    expect(parameters.snapshot().size).toBe(0);
  });
});

describe('a closed port', () => {
  it('W1 is unusable at once, and claims no removals', async () => {
    const gone = await serve(() => undefined);
    await gone.close();
    const io = capture();
    const status = await runCli(['--endpoint', gone.url, '--account', '123456789012'], io);
    expect(status).toBe(3);
    const err = io.err.join('');
    expect(err).toMatch(
      new RegExp(
        `^ssm-policy-conformance: ${gone.url} cannot be reached: PutParameter failed: .*ECONNREFUSED.*\n$`,
      ),
    );
    expect(err + io.out.join('')).not.toMatch(/removed/);
  });
});

describe('usage', () => {
  it('O1 an unknown --rule is bad usage: exit status 2 before any request', async () => {
    const io = capture();
    expect(await runCli(['--endpoint', 'http://127.0.0.1:9', '--rule', 'Z9'], io)).toBe(2);
    expect(io.err.join('')).toContain('--rule names no rule of the rulebook: Z9');
    for (const bad of [
      ['--timeout', '0'],
      ['--timeout', 'x'],
      ['--deadline', '-1'],
    ]) {
      const again = capture();
      expect(await runCli(bad, again)).toBe(2);
    }
  });
});

describe('an endpoint whose DeleteParameter fails during the run', () => {
  let emulator: RunningEmulator;
  let parameters: MemoryParameterStore;
  let proxy: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    parameters = createParameterStore();
    emulator = await startEmulator({ port: 0, parameters });
    // The probe's own parameter may go; every other DeleteParameter fails as the endpoint says.
    proxy = await proxyTo(emulator.url, (target, body, res) => {
      if (target !== 'AmazonSSM.DeleteParameter' || body.includes('/probe"')) return false;
      awsJsonError(res, 500, 'InternalServerError', 'the parameter store is read-only today');
      return true;
    });
  });
  afterAll(async () => {
    await proxy.close();
    await emulator.close();
  });

  it('R5 reports every parameter it could not remove, with the answer, claims no removal, and exits 1', async () => {
    const io = capture();
    const status = await runCli(
      ['--endpoint', proxy.url, '--rule', 'R5', '--no-properties', '--json', 'r.json'],
      io,
    );
    expect(status).toBe(1);
    const err = io.err.join('');
    const left = [...parameters.snapshot().keys()];
    expect(left.length).toBeGreaterThan(0);
    expect(err).not.toMatch(/removed \d+ parameter/);
    for (const arn of left) {
      const name = arn.slice(arn.indexOf(':parameter') + ':parameter'.length);
      expect(err).toContain(
        `could NOT remove parameter ${name}: DeleteParameter answered 500 InternalServerError: the parameter store is read-only today`,
      );
    }
    expect(resultsOf(io.out.join('')).get('cleanup')).toBe('FAIL');
    const json = JSON.parse(io.files.get('r.json') ?? '') as {
      cleanup: { removedParameters: string[]; notRemoved: unknown[] };
    };
    expect(json.cleanup.removedParameters).toEqual([]);
    expect(json.cleanup.notRemoved).toHaveLength(left.length);
  });
});

describe('an endpoint whose OpsItemGroup holds a policy the run did not create', () => {
  let emulator: RunningEmulator;
  const caller = makeCaller({ account: '123456789012', region: 'us-east-1' });
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    const client = new SSMClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' },
    });
    await client.send(
      new PutResourcePolicyCommand({
        ResourceArn: opsItemGroupArnOf(caller),
        Policy: opsItemGroupPolicy(caller),
      }),
    );
    client.destroy();
  });
  afterAll(() => emulator.close());

  it('V3 V4 V5 P5 P6 H9 say so, FAIL the rules that need it empty, exit 1, and leave that policy alone', async () => {
    const io = capture();
    const rules = 'V3,V4,V5,P5,P6,H9,R4';
    const status = await runCli(
      ['--endpoint', emulator.url, '--rule', rules, '--no-properties', '--report', 'r.md'],
      io,
    );
    expect(status).toBe(1);
    const rows = resultsOf(io.out.join(''));
    for (const rule of ['V3', 'V4', 'V5', 'P5', 'P6', 'H9']) expect(rows.get(rule), rule).toBe('FAIL');
    const err = io.err.join('');
    expect(err).toMatch(
      /the OpsItemGroup arn:aws:ssm:us-east-1:123456789012:opsitemgroup\/default already holds 1 policy/,
    );
    expect(err).toMatch(
      /V3, V4, V5, .*failed because the OpsItemGroup held a policy this run did not create/,
    );
    expect(io.files.get('r.md')).toContain('already holds a policy this run did not create');
    // Still there, and still the only one.
    const client = new SSMClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' },
    });
    const after = await client.send(
      new GetResourcePoliciesCommand({ ResourceArn: opsItemGroupArnOf(caller) }),
    );
    client.destroy();
    expect(after.Policies).toHaveLength(1);
  });
});
