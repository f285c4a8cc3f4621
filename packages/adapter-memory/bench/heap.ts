/**
 * Benchmark of the memory store's heap: run with `node --expose-gc --import tsx bench/heap.ts` (`pnpm
 * bench:heap`). Fills one resource with 1,000, 10,000 and 100,000 policies of about 250 characters (a random
 * UUID, a SHA-256 hex, a text made by `JSON.parse` as the server's are), and 10,000 resources with one policy
 * each, through the store's synchronous port; collects garbage with the store and after dropping it; prints per policy (or
 * resource) the heap it took, its characters, what it took beyond them, and what `bytesHeld()` estimates.
 * The estimate's constants (`memory-policy-repository.ts`) are read off this table. Asserts nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createMemoryPolicyRepository } from '../src/memory-policy-repository.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc --import tsx bench/heap.ts');
const collect = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const arnOf = (n: number): string => `arn:aws:ssm:us-east-1:123456789012:parameter/bench/heap/p${n}`;
const policyOf = (n: number): string =>
  // Through JSON.parse, as a request's text reaches the store (a fresh flat string, not a slice or a concatenation).
  (
    JSON.parse(
      JSON.stringify({
        t: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: `s${n}`,
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::123456789012:root' },
              Action: 'ssm:GetParameter',
              Resource: `${arnOf(n)}/${'x'.repeat(40)}`,
            },
          ],
        }),
      }),
    ) as { t: string }
  ).t;

interface Row {
  readonly label: string;
  readonly count: number;
  readonly heap: number;
  readonly chars: number;
  readonly estimate: number;
}

/**
 * Fills a new store with `resources` × `perResource` policies and measures the heap with it, then without it
 * (dropped, after the same code has run): so that neither compiled code nor bytecode that a GC flushes counts.
 */
const measure = (label: string, resources: number, perResource: number): Row => {
  const { row, heapWith } = fill(label, resources, perResource);
  return { ...row, heap: heapWith - collect() };
};

const fill = (
  label: string,
  resources: number,
  perResource: number,
): { row: Omit<Row, 'heap'>; heapWith: number } => {
  const repository = createMemoryPolicyRepository();
  let chars = 0;
  for (let r = 0; r < resources; r++) {
    const resource = { arn: arnOf(r) };
    for (let i = 0; i < perResource; i++) {
      const Policy = policyOf(i);
      const PolicyId = randomUUID();
      const PolicyHash = createHash('sha256').update(Policy).digest('hex');
      chars += Policy.length + PolicyId.length + PolicyHash.length;
      repository.sync!.create({
        resource,
        Policy,
        proposed: { PolicyId, PolicyHash },
        maxPolicies: undefined,
      });
    }
    chars += resource.arn.length;
  }
  const heapWith = collect();
  const count = resources === 1 ? perResource : resources;
  return { row: { label, count, chars, estimate: repository.bytesHeld() }, heapWith };
};

// The first fill also compiles and optimises the code: its row would count the code's feedback.
measure('warm-up', 1, 10_000);
const rows = [
  measure('1 resource, policies', 1, 1_000),
  measure('1 resource, policies', 1, 10_000),
  measure('1 resource, policies', 1, 100_000),
  measure('resources of 1 policy', 10_000, 1),
];
const f = (x: number): string => x.toFixed(0).padStart(6);
console.log('\nMemory store heap after GC, bytes per policy (per resource in the last row)');
console.log('| filled with | count | heap | characters | heap beyond characters | bytesHeld() estimate |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of rows)
  console.log(
    `| ${r.label} | ${r.count.toLocaleString('en-US')} | ${f(r.heap / r.count)} | ${f(r.chars / r.count)} ` +
      `| ${f((r.heap - r.chars) / r.count)} | ${f(r.estimate / r.count)} |`,
  );
