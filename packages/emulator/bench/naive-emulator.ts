/**
 * The benchmark's stand-in for a naive peer: a dependency-free SSM emulator on `node:http`, written the way such
 * emulators are (one JSON.parse, a Map per parameter, SHA-256 of the text as the hash, JSON.stringify of the
 * answer), that validates almost nothing — no policy grammar, no resource rules, no paging token checks, no
 * request ids. It is not the peer (that one is not available here); it answers the same five scenarios
 * so that the table can show what the emulator's checking costs against code that does none of it, in the same
 * run. `PORT` as the bare server.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';

interface Policy {
  PolicyId: string;
  PolicyHash: string;
  Policy: string;
}

const parameters = new Map<string, Map<string, Policy>>();

const answer = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
};
const fail = (res: ServerResponse, type: string, message: string): void =>
  answer(res, 400, { __type: type, message });

const nameOf = (arn: string): string => arn.slice(arn.indexOf(':parameter') + ':parameter'.length);
const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex');

type Body = Record<string, unknown>;

const operations: Record<string, (body: Body, res: ServerResponse) => void> = {
  PutParameter: (body, res) => {
    const name = String(body['Name']);
    if (parameters.has(name) && body['Overwrite'] !== true)
      return fail(res, 'ParameterAlreadyExists', 'The parameter already exists.');
    parameters.set(name, parameters.get(name) ?? new Map());
    answer(res, 200, { Version: 1, Tier: body['Tier'] ?? 'Standard' });
  },
  PutResourcePolicy: (body, res) => {
    const policies = parameters.get(nameOf(String(body['ResourceArn'])));
    if (policies === undefined) return fail(res, 'ResourceNotFoundException', 'No such resource.');
    const text = String(body['Policy']);
    try {
      JSON.parse(text);
    } catch {
      return fail(res, 'MalformedResourcePolicyDocumentException', 'The policy is not JSON.');
    }
    const id = body['PolicyId'];
    if (typeof id === 'string') {
      const current = policies.get(id);
      if (current === undefined) return fail(res, 'ResourcePolicyNotFoundException', 'No such policy.');
      if (current.PolicyHash !== body['PolicyHash'])
        return fail(res, 'ResourcePolicyConflictException', 'The hash does not match.');
      const next = { PolicyId: id, PolicyHash: hashOf(text), Policy: text };
      policies.set(id, next);
      return answer(res, 200, { PolicyId: id, PolicyHash: next.PolicyHash });
    }
    const created = { PolicyId: randomUUID(), PolicyHash: hashOf(text), Policy: text };
    policies.set(created.PolicyId, created);
    answer(res, 200, { PolicyId: created.PolicyId, PolicyHash: created.PolicyHash });
  },
  GetResourcePolicies: (body, res) => {
    const policies = parameters.get(nameOf(String(body['ResourceArn'])));
    if (policies === undefined) return fail(res, 'ResourceNotFoundException', 'No such resource.');
    const max = typeof body['MaxResults'] === 'number' ? body['MaxResults'] : 50;
    const start = typeof body['NextToken'] === 'string' ? Number(body['NextToken']) : 0;
    const all = [...policies.values()];
    const page = all.slice(start, start + max);
    answer(res, 200, {
      Policies: page,
      ...(start + max < all.length ? { NextToken: String(start + max) } : {}),
    });
  },
  DeleteResourcePolicy: (body, res) => {
    const policies = parameters.get(nameOf(String(body['ResourceArn'])));
    const current = policies?.get(String(body['PolicyId']));
    if (policies === undefined || current === undefined)
      return fail(res, 'ResourcePolicyNotFoundException', 'No such policy.');
    if (current.PolicyHash !== body['PolicyHash'])
      return fail(res, 'ResourcePolicyConflictException', 'The hash does not match.');
    policies.delete(current.PolicyId);
    answer(res, 200, {});
  },
};

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = operations[target.slice(target.indexOf('.') + 1)];
    if (operation === undefined) return fail(res, 'UnknownOperationException', target);
    let body: Body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Body;
    } catch {
      return fail(res, 'SerializationException', 'Not JSON.');
    }
    operation(body, res);
  });
});
server.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1');
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
