/**
 * Benchmark of the core through the memory adapter, beside a floor: the same work written by hand (a `Map`,
 * `JSON.parse`, the same hash function). Prints a table; asserts nothing (targets are read off the table).
 *
 * Each row is the best of three rounds, library and floor taking turns. Targets (issues #2 and #13): ≥ 100,000 updates/s on one core, within 3× of the floor; a page of 50 from a resource
 * holding 10,000 policies within 2× of a page of 50 from a resource holding 50.
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  PutResourcePolicy,
  defaultProfile,
  makeCaller,
  seededIdSource,
  type ResourcePolicyCommands,
} from '@ssm-policy/core';
import { createMemoryService, nodeSha256Hex } from '@ssm-policy/adapter-memory';

// The floor hashes as the library does by default (node:crypto through the hash port), so that the ratio
// measures the library's own work, not a difference of hash functions.
const sha256Hex = nodeSha256Hex;

const caller = makeCaller({ account: '123456789012', region: 'us-east-1' });
const arnOf = (name: string) => `arn:aws:ssm:us-east-1:123456789012:parameter/${name}`;
const policyFor = (arn: string, account: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: account },
        Action: ['ssm:GetParameter', 'ssm:GetParameters'],
        Resource: arn,
      },
    ],
  });

/** Runs `op` repeatedly for about `ms` milliseconds after a warm-up; returns operations per second. */
const measure = async (op: (i: number) => Promise<unknown> | unknown, ms = 800): Promise<number> => {
  for (let i = 0; i < 2000; i++) await op(i);
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let k = 0; k < 256; k++) await op(n++);
    now = performance.now();
  }
  return (n * 1000) / (now - start);
};

/** `measure` for an operation answered at once: no `await`, so no microtask per operation. */
const measureNow = (op: (i: number) => unknown, ms = 800): number => {
  for (let i = 0; i < 2000; i++) op(i);
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let k = 0; k < 256; k++) op(n++);
    now = performance.now();
  }
  return (n * 1000) / (now - start);
};

const must = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};

const setup = (parameters: string[]) => {
  const service = createMemoryService({ ids: seededIdSource(7) });
  for (const name of parameters)
    service.catalog.put(caller, { Name: name, Type: 'String', Tier: 'Advanced' });
  return service;
};

const fill = async (commands: ResourcePolicyCommands, arn: string, count: number) => {
  const policy = policyFor(arn, '210987654321');
  for (let i = 0; i < count; i++)
    must(await commands.PutResourcePolicy(caller, { ResourceArn: arn, Policy: policy })());
};

// ---- library ----------------------------------------------------------------------------------

const libCreate = async () => {
  const names = Array.from({ length: 1000 }, (_, i) => `bench-create-${i}`);
  const { commands } = setup(names);
  const arns = names.map(arnOf);
  const policies = arns.map((a) => policyFor(a, '210987654321'));
  return measure(async (i) => {
    const k = i % 1000;
    must(await commands.PutResourcePolicy(caller, { ResourceArn: arns[k]!, Policy: policies[k]! })());
  });
};

const libUpdate = async () => {
  const { commands } = setup(['bench-update']);
  const ResourceArn = arnOf('bench-update');
  const texts = [policyFor(ResourceArn, '210987654321'), policyFor(ResourceArn, '333333333333')];
  let current = must(await commands.PutResourcePolicy(caller, { ResourceArn, Policy: texts[0]! })());
  return measure(async (i) => {
    current = must(
      await commands.PutResourcePolicy(caller, {
        ResourceArn,
        Policy: texts[i & 1]!,
        PolicyId: current.PolicyId,
        PolicyHash: current.PolicyHash,
      })(),
    );
  });
};

/** Updates as the emulator makes them on the memory stores: `runNow`, answered without a promise. */
const libUpdateNow = async () => {
  const { repository, catalog } = setup(['bench-update']);
  const put = PutResourcePolicy.runNow({
    repository,
    catalog,
    ids: seededIdSource(9),
    profile: defaultProfile,
    sha256Hex,
  });
  const ResourceArn = arnOf('bench-update');
  const texts = [policyFor(ResourceArn, '210987654321'), policyFor(ResourceArn, '333333333333')];
  const answer = (request: Parameters<typeof put>[1]) => {
    const r = put(caller, request);
    if (r instanceof Promise) throw new Error('the memory store answered with a promise');
    return must(r);
  };
  let current = answer({ ResourceArn, Policy: texts[0]! });
  return measureNow((i) => {
    current = answer({
      ResourceArn,
      Policy: texts[i & 1]!,
      PolicyId: current.PolicyId,
      PolicyHash: current.PolicyHash,
    });
  });
};

const libPage = async (held: number, middle: boolean) => {
  const { commands } = setup([`bench-page-${held}`]);
  const ResourceArn = arnOf(`bench-page-${held}`);
  await fill(commands, ResourceArn, held);
  // Start in the middle, so a store that scans from the beginning would pay for it.
  const first = must(await commands.GetResourcePolicies(caller, { ResourceArn, MaxResults: 50 })());
  let token = first.NextToken;
  const pages = middle ? Math.floor(held / 2 / 50) : 0;
  for (let i = 1; i < pages && token !== undefined; i++) {
    token = must(
      await commands.GetResourcePolicies(caller, { ResourceArn, MaxResults: 50, NextToken: token })(),
    ).NextToken;
  }
  const request =
    token === undefined ? { ResourceArn, MaxResults: 50 } : { ResourceArn, MaxResults: 50, NextToken: token };
  return measure(async () => {
    const page = must(await commands.GetResourcePolicies(caller, request)());
    if (page.Policies.length !== 50) throw new Error('short page');
  });
};

/** Times only the deletes: batches of policies are created untimed, then deleted timed. */
const timeDeletes = async (
  createBatch: () => Promise<Array<() => Promise<unknown> | unknown>>,
  ms = 800,
): Promise<number> => {
  let n = 0,
    spent = 0;
  while (spent < ms) {
    const deletes = await createBatch();
    const start = performance.now();
    for (const d of deletes) await d();
    spent += performance.now() - start;
    n += deletes.length;
  }
  return (n * 1000) / spent;
};

const libDelete = async () => {
  const names = Array.from({ length: 100 }, (_, i) => `bench-delete-${i}`);
  const { commands } = setup(names);
  const arns = names.map(arnOf);
  const policies = arns.map((a) => policyFor(a, '210987654321'));
  const batch = async () => {
    const deletes: Array<() => Promise<unknown>> = [];
    for (let i = 0; i < 2000; i++) {
      const ResourceArn = arns[i % 100]!;
      const created = must(
        await commands.PutResourcePolicy(caller, { ResourceArn, Policy: policies[i % 100]! })(),
      );
      deletes.push(async () =>
        must(await commands.DeleteResourcePolicy(caller, { ResourceArn, ...created })()),
      );
    }
    return deletes;
  };
  await timeDeletes(batch, 200);
  return timeDeletes(batch);
};

// ---- floor: the same work by hand -------------------------------------------------------------

interface Rec {
  PolicyId: string;
  PolicyHash: string;
  Policy: string;
}

const floorCreate = async () => {
  const byResource = new Map<string, Map<string, Rec>>();
  const arns = Array.from({ length: 1000 }, (_, i) => arnOf(`bench-create-${i}`));
  const policies = arns.map((a) => policyFor(a, '210987654321'));
  let id = 0;
  return measure(async (i) => {
    const k = i % 1000;
    const Policy = policies[k]!;
    JSON.parse(Policy);
    const PolicyId = `id-${id++}`;
    const PolicyHash = sha256Hex(`${PolicyId}\n\n${Policy}`);
    let set = byResource.get(arns[k]!);
    if (set === undefined) byResource.set(arns[k]!, (set = new Map()));
    set.set(PolicyId, { PolicyId, PolicyHash, Policy });
    return { PolicyId, PolicyHash };
  });
};

/** The floor's update: parse, compare the hash, hash again, replace; one step per call, alternating two texts. */
const floorUpdateStep = (): ((i: number) => void) => {
  const ResourceArn = arnOf('bench-update');
  const texts = [policyFor(ResourceArn, '210987654321'), policyFor(ResourceArn, '333333333333')];
  const set = new Map<string, Rec>([['p', { PolicyId: 'p', PolicyHash: 'h', Policy: texts[0]! }]]);
  let current = { PolicyId: 'p', PolicyHash: 'h' };
  return (i) => {
    const Policy = texts[i & 1]!;
    JSON.parse(Policy);
    const rec = set.get(current.PolicyId)!;
    if (rec.PolicyHash !== current.PolicyHash) throw new Error('conflict');
    const PolicyHash = sha256Hex(`${rec.PolicyId}\n${rec.PolicyHash}\n${Policy}`);
    set.set(rec.PolicyId, { PolicyId: rec.PolicyId, PolicyHash, Policy });
    current = { PolicyId: rec.PolicyId, PolicyHash };
  };
};

// The same floor measured as each library row is: through a promise per call, and at once.
const floorUpdate = async () => {
  const step = floorUpdateStep();
  return measure(async (i) => step(i));
};

const floorUpdateNow = async () => measureNow(floorUpdateStep());

const floorPage = async (held: number) => {
  const list: Rec[] = Array.from({ length: held }, (_, i) => ({
    PolicyId: `p${i}`,
    PolicyHash: 'h',
    Policy: '{}',
  }));
  const start = Math.floor(held / 2 / 50) * 50;
  return measure(async () => list.slice(start, start + 50).map((r) => ({ ...r })));
};

const floorDelete = async () => {
  const byResource = new Map<string, Map<string, Rec>>();
  const arns = Array.from({ length: 100 }, (_, i) => arnOf(`bench-delete-${i}`));
  const policies = arns.map((a) => policyFor(a, '210987654321'));
  let id = 0;
  const batch = async () => {
    const deletes: Array<() => unknown> = [];
    for (let i = 0; i < 2000; i++) {
      const arn = arns[i % 100]!;
      const Policy = policies[i % 100]!;
      const PolicyId = `id-${id++}`;
      const rec = { PolicyId, PolicyHash: sha256Hex(`${PolicyId}\n\n${Policy}`), Policy };
      let set = byResource.get(arn);
      if (set === undefined) byResource.set(arn, (set = new Map()));
      set.set(PolicyId, rec);
      deletes.push(async () => {
        const s = byResource.get(arn)!;
        if (s.get(PolicyId)?.PolicyHash !== rec.PolicyHash) throw new Error('conflict');
        s.delete(PolicyId);
      });
    }
    return deletes;
  };
  await timeDeletes(batch, 200);
  return timeDeletes(batch);
};

// ---- table ------------------------------------------------------------------------------------

const rows: Array<[string, number, number]> = [];
/** Library and floor take turns, three rounds each; the best round of each counts (noise only slows a run). */
const run = async (name: string, lib: () => Promise<number>, floor: () => Promise<number>) => {
  let l = 0,
    f = 0;
  for (let round = 0; round < 3; round++) {
    l = Math.max(l, await lib());
    f = Math.max(f, await floor());
  }
  rows.push([name, l, f]);
};

await run('create', libCreate, floorCreate);
await run('update', libUpdate, floorUpdate);
await run('update, answered at once (runNow, as the emulator calls it)', libUpdateNow, floorUpdateNow);
await run(
  'get a page of 50 (resource holds 50)',
  () => libPage(50, false),
  () => floorPage(50),
);
await run(
  'get the first page of 50 (resource holds 10,000)',
  () => libPage(10_000, false),
  () => floorPage(10_000),
);
await run(
  'get a middle page of 50 by NextToken (holds 10,000)',
  () => libPage(10_000, true),
  () => floorPage(10_000),
);
await run('delete', libDelete, floorDelete);

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const header = ['operation (core + memory adapter)', 'ops/s', 'floor ops/s', 'floor / library'];
const body = rows.map(([n, l, f]) => [n, fmt(l), fmt(f), `${(f / l).toFixed(2)}x`]);
const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
console.log(
  `\n${line(header)}\n|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
);
for (const r of body) console.log(line(r));

const page50 = rows[3]![1];
const page10k = Math.min(rows[4]![1], rows[5]![1]);
console.log(
  `\nupdate: ${fmt(rows[1]![1])}/s through the task API, ${fmt(rows[2]![1])}/s answered at once (target ≥ 100,000), ` +
    `${(rows[2]![2] / rows[2]![1]).toFixed(2)}x of floor (target ≤ 3x)` +
    `\nslowest page of 50 from 10,000 vs a page from 50: ${(page50 / page10k).toFixed(2)}x the cost (target ≤ 2x)`,
);
