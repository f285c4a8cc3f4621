/**
 * The wire benchmark's load process: autocannon, in a process of its own (forked by `index.ts`, which talks to
 * it over IPC), so that neither the emulator nor the orchestrator shares its event loop. Before each round it
 * brings the scenario's parameter to a known state with plain `fetch` calls (not measured); then it drives the
 * server for the round and answers requests/s, p50 and p99 latency.
 *
 * Updates and deletes need each policy's current hash: every autocannon connection owns one policy and keeps
 * its id and hash in a closure made for that connection (`setupClient`), replaced from each answer
 * (`onResponse`) before the connection's next request is built.
 */
import autocannon from 'autocannon';
import {
  parameterArn,
  policyText,
  SCENARIOS,
  type DriverCommand,
  type DriverReply,
  type LoadKey,
  type RoundResult,
  type StoredBytes,
} from './scenarios.js';

interface Owned {
  PolicyId: string;
  PolicyHash: string;
}

interface StoredPolicy extends Owned {
  Policy: string;
}

const HEADERS = { 'content-type': 'application/x-amz-json-1.1' };
const headers = (operation: string): Record<string, string> => ({
  ...HEADERS,
  'x-amz-target': `AmazonSSM.${operation}`,
});

const call = async (
  url: string,
  operation: string,
  body: unknown,
): Promise<{ status: number; json: unknown }> => {
  const r = await fetch(url, { method: 'POST', headers: headers(operation), body: JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, json: text === '' ? {} : (JSON.parse(text) as unknown) };
};

const must = async (url: string, operation: string, body: unknown): Promise<unknown> => {
  const r = await call(url, operation, body);
  if (r.status !== 200)
    throw new Error(`${operation} ${JSON.stringify(body)}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
};

const ensureParameter = async (url: string, name: string): Promise<void> => {
  const r = await call(url, 'PutParameter', { Name: name, Value: 'v', Type: 'String', Tier: 'Advanced' });
  const type = (r.json as { __type?: string }).__type ?? '';
  if (r.status !== 200 && !type.includes('ParameterAlreadyExists'))
    throw new Error(`PutParameter ${name}: ${r.status} ${JSON.stringify(r.json)}`);
};

const listPolicies = async (url: string, arn: string): Promise<StoredPolicy[]> => {
  const all: StoredPolicy[] = [];
  let NextToken: string | undefined;
  do {
    const page = (await must(url, 'GetResourcePolicies', {
      ResourceArn: arn,
      MaxResults: 50,
      ...(NextToken === undefined ? {} : { NextToken }),
    })) as { Policies: StoredPolicy[]; NextToken?: string };
    all.push(...page.Policies);
    NextToken = page.NextToken;
  } while (NextToken !== undefined);
  return all;
};

/** The parameter exists and holds at least `count` policies; answers the first `count`. */
const ensurePolicies = async (url: string, name: string, count: number): Promise<Owned[]> => {
  await ensureParameter(url, name);
  const arn = parameterArn(name);
  const have = await listPolicies(url, arn);
  for (let i = have.length; i < count; i++) {
    const created = (await must(url, 'PutResourcePolicy', {
      ResourceArn: arn,
      Policy: policyText(arn, i),
    })) as Owned;
    have.push({ ...created, Policy: '' });
  }
  return have.slice(0, count).map(({ PolicyId, PolicyHash }) => ({ PolicyId, PolicyHash }));
};

type Request = NonNullable<autocannon.Options['requests']>[number];
type Client = Parameters<NonNullable<autocannon.Options['setupClient']>>[0];

let firstFailure: string | undefined;
const noteFailure = (status: number, body: string): void => {
  if (status !== 200 && firstFailure === undefined) firstFailure = `${status} ${body.slice(0, 300)}`;
};

const post = (operation: string, body: string): Request => ({
  method: 'POST',
  path: '/',
  headers: headers(operation),
  body,
  onResponse: (status: number, text: string) => noteFailure(status, text),
});

/** A request built afresh each time (operation and body), that reads its answer. */
const dynamic = (
  next: () => { operation: string; body: string },
  answered: (status: number, text: string) => void,
): Request => ({
  method: 'POST',
  path: '/',
  setupRequest: (req) => {
    const { operation, body } = next();
    return { ...req, headers: headers(operation), body };
  },
  onResponse: (status: number, text: string) => {
    noteFailure(status, text);
    answered(status, text);
  },
});

const put = (body: () => unknown) => () => ({ operation: 'PutResourcePolicy', body: JSON.stringify(body()) });

let variant = 1_000_000;

/** Distinct policies a Put create round cycles through. */
const CREATE_CYCLE = 1_000;

/** The requests of one scenario: fixed, or per connection (`setupClient`) when they carry a policy's hash. */
const loadOf = async (
  load: LoadKey,
  url: string,
  connections: number,
): Promise<Pick<autocannon.Options, 'requests' | 'setupClient'>> => {
  if (load === 'bare') {
    const arn = parameterArn('/bench/create');
    return {
      requests: [post('PutResourcePolicy', JSON.stringify({ ResourceArn: arn, Policy: policyText(arn, 0) }))],
    };
  }
  const parameter = SCENARIOS.find((s) => s.key === load)!.parameter;
  const arn = parameterArn(parameter);
  switch (load) {
    case 'put-create': {
      // Creates need no answer from the one before, so their requests are built once, before the round: a
      // cycle of CREATE_CYCLE distinct policies. Built afresh for each request (as updates must be), the load
      // process spent 111-139 µs of CPU per request, nearly what the server spent (145 µs at best), on a
      // machine of two cores; built once, 63-95 µs.
      await ensureParameter(url, parameter);
      const first = variant;
      variant += CREATE_CYCLE;
      const creates = Array.from({ length: CREATE_CYCLE }, (_, i) =>
        post('PutResourcePolicy', JSON.stringify({ ResourceArn: arn, Policy: policyText(arn, first + i) })),
      );
      return { requests: creates };
    }
    case 'get-3':
    case 'get-50': {
      const count = load === 'get-3' ? 3 : 50;
      await ensurePolicies(url, parameter, count);
      return {
        requests: [post('GetResourcePolicies', JSON.stringify({ ResourceArn: arn, MaxResults: 50 }))],
      };
    }
    case 'put-update': {
      const owned = await ensurePolicies(url, parameter, connections);
      let next = 0;
      return {
        setupClient: (client: Client) => {
          let mine = owned[next++ % owned.length]!;
          client.setRequests([
            dynamic(
              put(() => ({ ResourceArn: arn, Policy: policyText(arn, variant++), ...mine })),
              (status, text) => {
                if (status === 200) mine = JSON.parse(text) as Owned;
              },
            ),
          ]);
        },
      };
    }
    case 'delete-create': {
      const owned = await ensurePolicies(url, parameter, connections);
      let next = 0;
      return {
        setupClient: (client: Client) => {
          let mine: Owned | undefined = owned[next++ % owned.length]!;
          const create = put(() => ({ ResourceArn: arn, Policy: policyText(arn, variant++) }));
          const created = (status: number, text: string): void => {
            if (status === 200) mine = JSON.parse(text) as Owned;
          };
          // Should a step have failed, the delete step re-creates instead, so that the pair stays in step.
          client.setRequests([
            dynamic(
              () =>
                mine === undefined
                  ? create()
                  : {
                      operation: 'DeleteResourcePolicy',
                      body: JSON.stringify({ ResourceArn: arn, ...mine }),
                    },
              (status, text) => {
                if (status !== 200) return;
                if (text.includes('PolicyId')) created(status, text);
                else mine = undefined;
              },
            ),
            dynamic(create, created),
          ]);
        },
      };
    }
  }
};

const summary = (r: autocannon.Result, cpu?: NodeJS.CpuUsage): RoundResult => ({
  requestsPerSecond: r.requests.total / r.duration,
  ...(cpu === undefined || r.requests.total === 0
    ? {}
    : { driverCpuPerRequest: (cpu.user + cpu.system) / r.requests.total }),
  p50: r.latency.p50,
  p99: r.latency.p99,
  requests: r.requests.total,
  non2xx: r.non2xx,
  errors: r.errors + r.timeouts,
  ...(firstFailure === undefined ? {} : { firstFailure }),
});

const drive = (options: autocannon.Options): Promise<autocannon.Result> =>
  new Promise((resolve, reject) => {
    firstFailure = undefined;
    autocannon({ pipelining: 1, ...options }, (err, result) => (err ? reject(err) : resolve(result)));
  });

const fill = async (command: Extract<DriverCommand, { kind: 'fill' }>): Promise<DriverReply> => {
  await ensureParameter(command.url, command.parameter);
  const arn = parameterArn(command.parameter);
  let n = 0;
  const result = await drive({
    url: command.url,
    connections: command.connections,
    amount: command.amount,
    requests: [
      dynamic(
        put(() => ({ ResourceArn: arn, Policy: policyText(arn, n++) })),
        () => undefined,
      ),
    ],
  });
  // What the store holds, read back: the bytes of ids, hashes and texts.
  const policies = await listPolicies(command.url, arn);
  const stored: StoredBytes = {
    policies: policies.length,
    idBytes: policies.reduce((s, p) => s + Buffer.byteLength(p.PolicyId), 0),
    hashBytes: policies.reduce((s, p) => s + Buffer.byteLength(p.PolicyHash), 0),
    textBytes: policies.reduce((s, p) => s + Buffer.byteLength(p.Policy), 0),
  };
  return { kind: 'filled', result: summary(result), stored };
};

const handle = async (command: DriverCommand): Promise<DriverReply> => {
  if (command.kind === 'fill') return fill(command);
  const load = await loadOf(command.load, command.url, command.connections);
  const cpuBefore = process.cpuUsage();
  const result = await drive({
    url: command.url,
    connections: command.connections,
    duration: command.seconds,
    ...load,
  });
  return { kind: 'result', result: summary(result, process.cpuUsage(cpuBefore)) };
};

process.on('message', (command: DriverCommand) => {
  handle(command).then(
    (reply) => process.send!(reply),
    (e: unknown) =>
      process.send!({ kind: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
