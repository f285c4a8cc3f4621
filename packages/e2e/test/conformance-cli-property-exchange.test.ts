// The runner against an emulator whose wire answers are corrupted on purpose (a fault no real part produces on
// demand): the handler is ours, wrapped so that every GetResourcePolicies answer that lists a policy carries
// another text for it. The model-based property fails on it; the report (terminal, Markdown and JSON) must
// show the shrunk counterexample, how to replay it, and the raw request and response of the command that
// failed in the final shrunk run, with the signature redacted. The printed replay arguments must replay it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParameterStore, createRequestListener, createWireHandler } from '@ssm-policy/server';
import { runCli, type CheckResult, type CliIo, type JsonResult } from '@ssm-policy/conformance-cli';

const CORRUPTED = '{"Version":"2012-10-17","Statement":[],"Note":"corrupted by the wire wrapper"}';

const capture = () => {
  const out: string[] = [];
  const files = new Map<string, string>();
  const io: CliIo = {
    stdout: (s) => void out.push(s),
    stderr: () => {},
    tty: false,
    env: {},
    writeFile: async (path, text) => void files.set(path, text),
  };
  return { io, out, files };
};

const propertyFailure = (json: JsonResult): CheckResult =>
  json.rules.flatMap((r) => r.checks).find((c) => c.status === 'fail' && c.counterexample !== undefined)!;

describe('against an emulator whose GetResourcePolicies answers are corrupted on the wire', () => {
  let server: Server;
  let url = '';
  let corrupted = 0;

  beforeAll(async () => {
    const handler = createWireHandler({ parameters: createParameterStore() });
    const listener = createRequestListener(async (request) => {
      const answer = await handler(request);
      if (request.headers['x-amz-target'] !== 'AmazonSSM.GetResourcePolicies' || answer.status !== 200)
        return answer;
      const body = JSON.parse(answer.body) as { Policies?: Array<Record<string, unknown>> };
      if (body.Policies === undefined || body.Policies.length === 0) return answer;
      corrupted++;
      body.Policies[0] = { ...body.Policies[0], Policy: CORRUPTED };
      return { ...answer, body: JSON.stringify(body) };
    });
    server = createServer(listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('P7 a failed property reports its counterexample, its replay and the raw exchange of the failing command', async () => {
    const run = ['--endpoint', url, '--rule', 'P7', '--runs', '20', '--seed', '5', '--json', 'r.json'];
    const { io, out, files } = capture();
    const status = await runCli([...run, '--report', 'r.md'], io);
    const stdout = out.join('');
    expect(status, stdout).toBe(1);
    expect(corrupted).toBeGreaterThan(0);

    const json = JSON.parse(files.get('r.json') ?? '') as JsonResult;
    const check = propertyFailure(json);
    const c = check.counterexample!;
    expect(c).toMatchObject({ seed: 5, path: expect.any(String), replayPath: expect.any(String) });
    // The step that failed is the last command of the shrunk list: a Get that read the corrupted text.
    expect(c.failedStep).toMatch(/^Get\(r\d, MaxResults \w+\)$/);
    expect(c.commands!.replace(/ \/\*replayPath=.*\*\/$/, '').endsWith(c.failedStep!)).toBe(true);
    const exchanges = c.exchanges!;
    expect(exchanges.length).toBeGreaterThan(0);
    expect(exchanges.every((x) => x.operation === 'GetResourcePolicies')).toBe(true);
    const last = exchanges.at(-1)!;
    expect(last.request).toMatchObject({
      method: 'POST',
      path: '/',
      headers: { 'x-amz-target': 'AmazonSSM.GetResourcePolicies' },
    });
    expect(JSON.parse(last.request.body)).toMatchObject({
      ResourceArn: expect.stringMatching(/^arn:aws:ssm:/),
    });
    expect(last.response?.status).toBe(200);
    expect(exchanges.some((x) => x.response?.body.includes('corrupted by the wire wrapper'))).toBe(true);
    expect(last.request.headers['authorization']).toMatch(
      /Credential=\(redacted\)\/.*Signature=\(redacted\)$/,
    );

    // The property stopped at a failure of H8, which --rule did not name: it is reported, not dropped.
    expect(check.rule).toBe('H8');
    expect(stdout).toMatch(/^H8 +\[M\]\[U\] +FAIL +every response and error of random command lists/m);

    // The terminal: the counterexample, the replay line and the exchange in two lines. Only the model
    // property replays by path; the H10 checks (which the corrupted lists break too) by the seed alone.
    const replay = `--seed 5 --path ${c.path} --replay-path '${c.replayPath}'`;
    expect(stdout).toContain(`    replay with ${replay}`);
    const replayLines = stdout.split('\n').filter((l) => l.startsWith('    replay with '));
    expect(new Set(replayLines.map((l) => l.slice('    replay with '.length)))).toEqual(
      new Set([replay, ...(replayLines.length > 1 ? ['--seed 5'] : [])]),
    );
    expect(stdout).toContain(`    failed at ${c.failedStep}, which sent:`);
    expect(stdout).toMatch(/^ {6}> POST \/ AmazonSSM\.GetResourcePolicies \{"ResourceArn":"arn:aws:ssm:/m);
    expect(stdout).toMatch(/^ {6}< 200 \{"Policies":\[.*corrupted by the wire wrapper/m);

    // The Markdown report: the exchange whole, as HTTP, and no signature anywhere.
    const report = files.get('r.md') ?? '';
    expect(report).toContain(`It failed at \`${c.failedStep}\`, which sent`);
    expect(report).toMatch(
      /```http\nPOST \/\n[\s\S]*x-amz-target: AmazonSSM\.GetResourcePolicies[\s\S]*\n\{"ResourceArn":"arn:aws:ssm:[^\n]*\n\nHTTP 200\n[\s\S]*corrupted by the wire wrapper/,
    );
    expect(report + JSON.stringify(json)).not.toMatch(/Signature=[0-9a-f]|Credential=AKID/);

    // The printed replay arguments replay the same shrunk counterexample.
    const again = capture();
    const replayed = await runCli([...run, '--path', c.path!, '--replay-path', c.replayPath!], again.io);
    expect(replayed).toBe(1);
    const second = propertyFailure(JSON.parse(again.files.get('r.json') ?? '') as JsonResult);
    expect(second.counterexample?.commands).toBe(c.commands);
    expect(second.counterexample?.failedStep).toBe(c.failedStep);
  }, 120_000);
});
