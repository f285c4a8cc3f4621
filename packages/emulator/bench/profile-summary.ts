/**
 * The top self-time functions of a V8 CPU profile (`node --cpu-prof`), as a table: what the closing note of a
 * performance change quotes. `tsx bench/profile-summary.ts <file.cpuprofile> [count]`; with the wire benchmark,
 * `BENCH_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof"` profiles the quiet emulator.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  readonly nodes: ReadonlyArray<ProfileNode>;
  readonly samples: ReadonlyArray<number>;
  readonly timeDeltas: ReadonlyArray<number>;
}

const [file, countArg] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: profile-summary <file.cpuprofile> [count]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
const areas = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  // Idle time is the process waiting for the load generator: shares are of the busy time.
  if (functionName === '(idle)') return;
  total += dt;
  const area = url.startsWith('node:')
    ? 'node: built-ins'
    : url.includes('/node_modules/')
      ? 'dependencies'
      : url.includes('/packages/')
        ? (/\/packages\/([^/]+)\//.exec(url)?.[1] ?? 'packages')
        : 'native (syscalls, GC, compiler)';
  areas.set(area, (areas.get(area) ?? 0) + dt);
  const where =
    url === '' ? '' : ` ${url.replace(/^.*\/(packages|node_modules)\//, '$1/')}:${lineNumber + 1}`;
  const key = `${functionName === '' ? '(anonymous)' : functionName}${where}`;
  self.set(key, (self.get(key) ?? 0) + dt);
});
const table = (rows: ReadonlyArray<[string, number]>, what: string): void => {
  console.log(`\n| self % of busy | self ms | ${what} |\n|---:|---:|---|`);
  for (const [key, us] of rows)
    console.log(`| ${((us / total) * 100).toFixed(1)} | ${(us / 1000).toFixed(0)} | ${key} |`);
};
console.log(`busy ${(total / 1000).toFixed(0)} ms`);
table(
  [...areas].sort((a, b) => b[1] - a[1]),
  'area',
);
table([...self].sort((a, b) => b[1] - a[1]).slice(0, Number(countArg ?? 25)), 'function');
