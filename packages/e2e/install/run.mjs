/**
 * The install test: the public packages as a user gets them. It packs every public workspace package
 * (`pnpm pack`, which runs `prepack`), checks each tarball, publishes them to a throwaway verdaccio on a
 * loopback port, and in consumer projects under the system's temp folder installs them with plain `npm`
 * (`@ssm-policy/*` from that registry, everything else from the real one) and runs the checks in
 * `checks/`. It prints one table of steps with their times and one of consumer sizes, stops the registry in
 * every case and exits non-zero when anything failed.
 *
 * Packages a check needs that this branch does not have yet are listed, each with why, in `pending.json`.
 *
 * @example
 * // node packages/e2e/install/run.mjs [--keep] [--only=core-readme,emulator]
 * // --keep leaves the temp folder for a look
 *
 * @since 0.1.0
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import conformanceCli from './checks/conformance-cli/check.mjs';
import coreReadme from './checks/core-readme/check.mjs';
import emulator from './checks/emulator/check.mjs';
import { vitestCheck } from './checks/vitest-repository/check.mjs';
import wireServer from './checks/wire-server/check.mjs';
import { killAll, mustExec } from './lib/proc.mjs';
import { startRegistry } from './lib/registry.mjs';
import { createProject, mib } from './lib/scratch.mjs';
import { inspectTarball, pack, provides, publicPackages } from './lib/workspace.mjs';

const allChecks = [
  coreReadme,
  wireServer,
  vitestCheck('~3.2.0'),
  vitestCheck('^4.0.0'),
  emulator,
  conformanceCli,
];
// `--only=id,id` runs some checks (ids: core-readme, wire-server, vitest-3.2.0, vitest-4.0.0, emulator,
// conformance-cli); packing, the tarball checks and publishing always run.
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const checks = only === undefined ? allChecks : allChecks.filter((c) => only.includes(c.id));

const root = fileURLToPath(new URL('../../../', import.meta.url));
const pending = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync(new URL('./pending.json', import.meta.url), 'utf8'))).filter(
    ([k]) => k !== '//',
  ),
);
// A user's shell: no npm settings that a pnpm script or CI step put in the environment.
for (const k of Object.keys(process.env))
  if (/^npm_(config|package|lifecycle)_/i.test(k)) delete process.env[k];

const rows = [];
const sizes = [];
const row = (step, status, ms, detail) => {
  rows.push({ step, status, ms, detail });
  console.log(
    `[install-test] ${status.padEnd(11)} ${step} (${(ms / 1000).toFixed(1)} s) ${detail.split('\n')[0]}`,
  );
};
const timed = async (step, fn) => {
  const started = performance.now();
  try {
    const detail = await fn();
    row(step, 'ok', performance.now() - started, detail ?? '');
    return true;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    row(step, 'FAIL', performance.now() - started, message);
    console.error(message);
    return false;
  }
};

const tmp = mkdtempSync(join(tmpdir(), 'ssm-policy-install-'));
const overall = performance.now();
let registry;
// Interrupted (CI's limit, ^C): end what we started, registry included, and leave no temp folder behind.
for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, () => {
    console.error(`[install-test] ${signal}: stopping`);
    killAll();
    const stopped = registry === undefined ? Promise.resolve() : registry.stop();
    void stopped.finally(() => {
      rmSync(tmp, { recursive: true, force: true });
      process.exit(130);
    });
  });
try {
  const pkgs = publicPackages(root);
  const names = pkgs.map((p) => p.name);

  // Pending entries that exist now must go: otherwise a check could stay 'not present' forever.
  for (const name of Object.keys(pending))
    if (provides(pkgs, name))
      row(
        `pending ${name}`,
        'FAIL',
        0,
        `${name} exists now: remove it from packages/e2e/install/pending.json`,
      );

  await timed('build (tsc -b)', async () => {
    await mustExec('npx', ['tsc', '-b'], { cwd: root, timeoutMs: 300_000 });
    return 'every package built once, so each prepack finds it up to date';
  });

  const tarballs = new Map();
  for (const pkg of pkgs)
    await timed(`pack ${pkg.name}`, async () => {
      const tgz = await pack(pkg, join(tmp, 'tarballs'));
      tarballs.set(pkg.name, tgz);
      const { problems, files, manifest } = inspectTarball(tgz, pkg);
      // Published all the same, so that the consumer checks still tell what they can.
      if (problems.length > 0) throw new Error(problems.join('; '));
      const deps = Object.entries(manifest.dependencies ?? {})
        .filter(([d]) => d.startsWith('@ssm-policy/'))
        .map(([d, v]) => `${d.slice('@ssm-policy/'.length)}@${v}`);
      return `${files} files${deps.length > 0 ? `; workspace:* → ${deps.join(', ')}` : ''}`;
    });

  const started = await timed('start verdaccio', async () => {
    registry = await startRegistry(join(tmp, 'registry'));
    return `verdaccio ${registry.version} on ${registry.url} (no uplinks)`;
  });

  if (started)
    for (const [name, tgz] of tarballs)
      await timed(`publish ${name}`, async () => {
        await mustExec(
          'npm',
          [
            'publish',
            tgz,
            '--registry',
            `${registry.url}/`,
            '--userconfig',
            registry.npmrc,
            '--access',
            'public',
          ],
          { cwd: tmp, timeoutMs: 60_000 },
        );
        return `to ${registry.url}`;
      });

  for (const check of checks) {
    const missing = check.needs.filter((n) => !provides(pkgs, n));
    if (missing.length > 0) {
      const unexplained = missing.filter((n) => pending[n] === undefined);
      if (unexplained.length > 0)
        row(check.title, 'FAIL', 0, `needs ${unexplained.join(', ')}, which no public package provides`);
      else row(check.title, 'not present', 0, missing.map((n) => `${n}: ${pending[n]}`).join('; '));
      continue;
    }
    if (!started) {
      row(check.title, 'FAIL', 0, 'no registry to install from');
      continue;
    }
    const packages = [
      ...new Set(check.needs.map((n) => names.find((p) => n === p || n.startsWith(`${p}/`)))),
    ];
    let project;
    await timed(`${check.title}: npm install`, async () => {
      project = await createProject(join(tmp, 'consumers', check.id), {
        registry: registry.url,
        dependencies: { ...Object.fromEntries(packages.map((p) => [p, '0.1.0'])), ...check.dependencies },
        devDependencies: check.devDependencies ?? {},
        files: check.files,
      });
      return packages.join(' ');
    });
    if (project === undefined) continue;
    const size = project.size();
    sizes.push({ id: check.id, packages, ...size });
    await timed(check.title, () => check.run({ project, root, registry }));
  }
} catch (e) {
  row('install test', 'FAIL', 0, `${e instanceof Error ? e.stack : String(e)}`);
} finally {
  if (registry !== undefined) await timed('stop verdaccio', async () => (await registry.stop(), 'stopped'));
  if (process.argv.includes('--keep')) console.log(`[install-test] kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}

const table = (head, body) => {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
};
console.log(
  `\nInstall test on Node ${process.version}: the public packages from a local registry, consumed with plain npm\n`,
);
console.log(
  table(
    ['step', 'status', 'time', 'detail'],
    rows.map((r) => [
      r.step,
      r.status,
      `${(r.ms / 1000).toFixed(1)} s`,
      r.detail.split('\n')[0].slice(0, 110),
    ]),
  ),
);
console.log('\nConsumer projects: node_modules as npm installed it\n');
console.log(
  table(
    ['consumer', 'installs', 'node_modules', 'files', 'of which @ssm-policy/*'],
    sizes.map((s) => [
      s.id,
      s.packages.map((p) => p.replace('@ssm-policy/', '')).join(' '),
      mib(s.bytes),
      s.files,
      mib(s.ours.bytes),
    ]),
  ),
);
const failed = rows.filter((r) => r.status === 'FAIL').length;
const absent = rows.filter((r) => r.status === 'not present').length;
console.log(
  `\ninstall test: ${rows.length - failed - absent} ok, ${failed} failed, ${absent} not present (see pending.json), ` +
    `${((performance.now() - overall) / 1000).toFixed(0)} s`,
);
if (failed > 0) process.exitCode = 1;
