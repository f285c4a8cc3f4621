/**
 * The workspace side of the install test: which packages are public (every `packages/*` whose package.json
 * is not `private`), packing them as a release would (`pnpm pack`, which runs `prepack` and rewrites
 * `workspace:*` to versions), and what a tarball must and must not hold.
 *
 * @example
 * const pkgs = publicPackages(root); // [{ name: '@ssm-policy/core', dir, manifest }, …]
 * const tgz = await pack(pkgs[0], outDir);
 * const problems = inspectTarball(tgz, pkgs[0]); // [] when it is fit to publish
 *
 * @since 0.1.0
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustExec } from './proc.mjs';

export const PNPM = ['-y', 'pnpm@12.4.2'];

/** Every package under packages/ that is not private, in directory order. */
export const publicPackages = (root) =>
  readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, 'packages', d.name, 'package.json')))
    .map((d) => {
      const dir = join(root, 'packages', d.name);
      return { dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) };
    })
    .filter((p) => p.manifest.private !== true)
    .map((p) => ({ ...p, name: p.manifest.name }));

/** Whether a package (or a subpath export such as `@ssm-policy/conformance/vitest`) is among `pkgs`. */
export const provides = (pkgs, specifier) => {
  const pkg = pkgs.find((p) => specifier === p.name || specifier.startsWith(`${p.name}/`));
  if (pkg === undefined) return false;
  if (specifier === pkg.name) return true;
  const exports = pkg.manifest.exports;
  return typeof exports === 'object' && exports !== null && `.${specifier.slice(pkg.name.length)}` in exports;
};

/** `pnpm pack` into `outDir` (runs the package's `prepack`); answers the tarball's path. */
export const pack = async (pkg, outDir) => {
  const r = await mustExec('npx', [...PNPM, 'pack', '--pack-destination', outDir], {
    cwd: pkg.dir,
    timeoutMs: 180_000,
  });
  const tgz = r.stdout
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .reverse()
    .find((l) => l.endsWith('.tgz'));
  if (tgz === undefined) throw new Error(`pnpm pack printed no tarball name:\n${r.stdout}`);
  return tgz.startsWith('/') ? tgz : join(outDir, tgz);
};

const DEP_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'];

/** The export and bin targets a manifest names (files that must be in the tarball). */
const targets = (manifest) => {
  const out = [];
  const walk = (v) => {
    if (typeof v === 'string') out.push(v);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(manifest.exports);
  walk(manifest.bin);
  return out.map((t) => t.replace(/^\.\//, ''));
};

/** What is wrong with a tarball; empty when it is fit to publish. */
export const inspectTarball = (tgz, pkg) => {
  const files = execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f !== '')
    .map((f) => f.replace(/^package\//, ''));
  const manifest = JSON.parse(
    execFileSync('tar', ['-xzOf', tgz, 'package/package.json'], { encoding: 'utf8' }),
  );
  const has = new Set(files);
  const problems = [];
  for (const f of ['LICENSE', 'README.md', 'package.json']) if (!has.has(f)) problems.push(`no ${f}`);
  if (!files.some((f) => f.startsWith('dist/'))) problems.push('no dist/ (prepack did not build)');
  for (const t of targets(manifest))
    if (!has.has(t)) problems.push(`exports/bin target ${t} is not in the tarball`);
  const exportsMap = manifest.exports;
  if (typeof exportsMap !== 'object' || exportsMap === null || !('.' in exportsMap))
    problems.push('no exports map with "."');
  else
    for (const [key, exp] of Object.entries(exportsMap))
      if (key.endsWith('.json')) continue;
      else if (typeof exp !== 'object' || exp === null || typeof exp.types !== 'string')
        problems.push(`exports["${key}"] has no types condition`);
      else if (Object.keys(exp)[0] !== 'types') problems.push(`exports["${key}"]: types must come first`);
  const tests = files.filter(
    (f) => /(^|\/)(test|tests|__tests__)\//.test(f) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(f),
  );
  if (tests.length > 0) problems.push(`ships tests: ${tests.slice(0, 3).join(', ')}`);
  // The AGPL simulator may only be a dev dependency of a private test package: no file of it, no import of it.
  const everything = execFileSync('tar', ['-xzOf', tgz], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (files.some((f) => /iam-simulate/.test(f)) || everything.includes('@cloud-copilot/iam-simulate'))
    problems.push('ships or imports AGPL code (@cloud-copilot/iam-simulate)');
  for (const field of DEP_FIELDS)
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) problems.push(`${field}.${dep} is still ${range}`);
      if (dep === '@cloud-copilot/iam-simulate') problems.push(`${field} names the AGPL ${dep}`);
    }
  if (manifest.engines?.node !== '>=20')
    problems.push(`engines.node is ${manifest.engines?.node ?? 'missing'}, not >=20`);
  if (typeof manifest.license !== 'string') problems.push('no license');
  if (manifest.repository?.directory === undefined) problems.push('repository.directory missing');
  const readme = has.has('README.md')
    ? execFileSync('tar', ['-xzOf', tgz, 'package/README.md'], { encoding: 'utf8' })
    : '';
  const head = readme.split('\n').slice(0, 15).join('\n');
  const install = new RegExp(`npm (install|i)\\b[^\\n]*\\s${pkg.name.replace('/', '\\/')}(\\s|$)`, 'm');
  if (!install.test(head))
    problems.push(`README does not start with \`npm install ${pkg.name}\` (first 15 lines)`);
  return { problems, files: files.length, manifest };
};
