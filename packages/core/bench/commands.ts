/**
 * Benchmark of the core's per-request work for PutResourcePolicy and GetResourcePolicies (issue #13): the policy
 * checks of the emulator bench's 230-byte policy, the ResourceArn parse, the request decode, and the commands
 * themselves (`runNow`, a decoded request, as the server calls them) over a tiny synchronous store written here.
 * The core declares no adapter as a dependency, so the store is this file's: a Map of arrays, the least a store
 * can do, so that the rows show the core's own cost. Hashes use `node:crypto`, as the Node adapters pass it.
 * Prints a table of µs per call (best of three rounds); asserts nothing.
 */
import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import {
  checkPolicyDocument,
  decodeGetResourcePoliciesRequest,
  decodePutResourcePolicyRequest,
  defaultProfile,
  formatResourceArn,
  GetResourcePolicies,
  makeCaller,
  parsePolicy,
  parseResourceArn,
  PutResourcePolicy,
  seededIdSource,
  type Dependencies,
  type ParameterInfo,
  type PolicyRepository,
  type StoredPolicy,
  type SyncPolicyRepository,
} from '@ssm-policy/core';

const caller = makeCaller({ account: '123456789012', region: 'us-east-1' });
const arnOf = (name: string) => `arn:aws:ssm:us-east-1:123456789012:parameter${name}`;
// The emulator bench's policy (packages/emulator/bench/scenarios.ts), about 230 bytes.
const policyText = (arn: string, n: number): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${200000000000 + (n % 99999999999)}:root` },
        Action: ['ssm:GetParameter', 'ssm:GetParameters'],
        Resource: arn,
      },
    ],
  });

// ---- a tiny synchronous store and catalog ------------------------------------------------------

const stored = new Map<string, StoredPolicy[]>();
const unsupported = () => {
  throw new Error('the bench store answers synchronously only');
};
const sync: SyncPolicyRepository = {
  create: (w) => {
    let list = stored.get(w.resource.arn);
    // The bench creates without end: a resource keeps its last 1,000 policies, as if the rest were deleted.
    if (list === undefined || list.length >= 1000) stored.set(w.resource.arn, (list = []));
    const p = { PolicyId: w.proposed.PolicyId, PolicyHash: w.proposed.PolicyHash, Policy: w.Policy };
    list.push(p);
    return E.right(p);
  },
  update: (w) => {
    const list = stored.get(w.resource.arn) ?? [];
    const i = list.findIndex((p) => p.PolicyId === w.PolicyId);
    if (i < 0) return E.left({ _tag: 'PolicyMissing' });
    if (list[i]!.PolicyHash !== w.expectedHash) return E.left({ _tag: 'HashMismatch' });
    const p = { PolicyId: w.PolicyId, PolicyHash: w.proposedHash, Policy: w.Policy };
    list[i] = p;
    return E.right(p);
  },
  delete: () => E.right(undefined),
  list: (q) => E.right({ policies: (stored.get(q.resource.arn) ?? []).slice(0, q.limit) }),
};
const repository: PolicyRepository = {
  capabilities: { assignsIdentity: false },
  create: unsupported,
  update: unsupported,
  delete: unsupported,
  list: unsupported,
  dropResource: unsupported,
  sync,
};
const parameter: ParameterInfo = { Name: '/bench', Type: 'String', Tier: 'Advanced' };
const found = E.right(O.some(parameter));
const deps: Dependencies = {
  repository,
  catalog: { describeParameter: unsupported, describeParameterSync: () => found },
  ids: seededIdSource(1),
  profile: defaultProfile,
  sha256Hex: (text) => createHash('sha256').update(text).digest('hex'),
};
const put = PutResourcePolicy.runNow(deps);
const get = GetResourcePolicies.runNow(deps);

// ---- measurement ------------------------------------------------------------------------------

let sink = 0;
/** Runs `op` repeatedly for about `ms` milliseconds after a warm-up; returns µs per call. */
const measure = (op: (i: number) => unknown, ms = 500): number => {
  for (let i = 0; i < 5_000; i++) op(i);
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let k = 0; k < 256; k++) op(n++);
    now = performance.now();
  }
  return ((now - start) * 1000) / n;
};
const settled = <A>(x: A | Promise<A>): A => {
  if (x instanceof Promise) throw new Error('the bench store is synchronous: no promise expected');
  return x;
};
const ok = <A>(x: E.Either<{ readonly message?: string; readonly _tag: string }, A>): A => {
  if (E.isLeft(x)) throw new Error(`${x.left._tag}: ${x.left.message ?? ''}`);
  return x.right;
};

const createArn = arnOf('/bench/create');
const updateArn = arnOf('/bench/update');
const get3Arn = arnOf('/bench/get3');
const target = ok(parseResourceArn(createArn));
const POLICY = policyText(createArn, 7);
// A few texts, so that nothing memoised by text can answer for the parser.
const TEXTS = Array.from({ length: 64 }, (_, i) => policyText(createArn, i));
const PUT_BODIES = TEXTS.map((Policy) => ({ ResourceArn: createArn, Policy }));
const GET_BODY = { ResourceArn: get3Arn };

for (let i = 0; i < 3; i++)
  ok(settled(put(caller, { ResourceArn: get3Arn, Policy: policyText(get3Arn, i) })));
const owned = Array.from({ length: 10 }, (_, i) =>
  ok(settled(put(caller, { ResourceArn: updateArn, Policy: policyText(updateArn, i) }))),
);
const UPDATE_TEXTS = Array.from({ length: 64 }, (_, i) => policyText(updateArn, 100 + i));

const rows: ReadonlyArray<readonly [string, (i: number) => unknown]> = [
  [`parsePolicy (${POLICY.length}-byte policy)`, (i) => parsePolicy(TEXTS[i & 63]!)],
  [
    `checkPolicyDocument (${POLICY.length}-byte policy)`,
    (i) => checkPolicyDocument(TEXTS[i & 63]!, target, defaultProfile),
  ],
  ['parseResourceArn (parameter)', (i) => parseResourceArn(i & 1 ? createArn : updateArn)],
  ['formatResourceArn (parameter)', () => (sink += formatResourceArn(target).length)],
  ['decodePutResourcePolicyRequest', (i) => decodePutResourcePolicyRequest(PUT_BODIES[i & 63])],
  ['decodeGetResourcePoliciesRequest', () => decodeGetResourcePoliciesRequest(GET_BODY)],
  [
    'PutResourcePolicy.runNow, create',
    (i) => ok(settled(put(caller, { ResourceArn: createArn, Policy: TEXTS[i & 63]! }))),
  ],
  [
    'PutResourcePolicy.runNow, update',
    (i) => {
      const o = owned[i % 10]!;
      owned[i % 10] = ok(
        settled(
          put(caller, {
            ResourceArn: updateArn,
            Policy: UPDATE_TEXTS[i & 63]!,
            PolicyId: o.PolicyId,
            PolicyHash: o.PolicyHash,
          }),
        ),
      );
    },
  ],
  [
    'GetResourcePolicies.runNow, 3 policies',
    () => (sink += ok(settled(get(caller, { ResourceArn: get3Arn }))).Policies.length),
  ],
];

const best = rows.map(() => Infinity);
for (let round = 0; round < 3; round++) {
  rows.forEach(([, op], i) => {
    best[i] = Math.min(best[i]!, measure(op));
  });
}

console.log(
  '\ncore per-request work, µs per call, best of three rounds (the tiny synchronous store of this file)\n',
);
console.log('| operation | µs/call | calls/s |');
console.log('|---|---:|---:|');
rows.forEach(([label], i) => {
  const us = best[i]!;
  console.log(`| ${label} | ${us.toFixed(2)} | ${Math.round(1e6 / us).toLocaleString('en-US')} |`);
});
if (sink < 0) console.log(sink);
