/**
 * The workspace as data, for the layout checks: every `packages/*\/package.json` with its declared
 * dependencies, the bare specifiers that each package's own files import, and the cycles of the package graph.
 * Pure functions over text and records, plus one reader of the file system, so that the checks can also be
 * tried on small made-up workspaces.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';

/** Where a file sits in its package: what it may import depends on it. */
export type FileRole = 'src' | 'test' | 'bench' | 'example';

export const FILE_ROLES: readonly FileRole[] = ['src', 'test', 'bench', 'example'];

export interface PackageManifest {
  readonly name: string;
  readonly dir: string;
  readonly dependencies: readonly string[];
  readonly devDependencies: readonly string[];
  readonly peerDependencies: readonly string[];
  readonly optionalDependencies: readonly string[];
}

export interface ImportSite {
  readonly file: string;
  readonly role: FileRole;
  readonly specifier: string;
}

const keys = (v: unknown): string[] => (typeof v === 'object' && v !== null ? Object.keys(v) : []);

export const readManifest = (dir: string): PackageManifest => {
  const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  return {
    name: String(json['name']),
    dir,
    dependencies: keys(json['dependencies']),
    devDependencies: keys(json['devDependencies']),
    peerDependencies: keys(json['peerDependencies']),
    optionalDependencies: keys(json['optionalDependencies']),
  };
};

/** Every package under `packagesDir` that has a package.json. */
export const readWorkspace = (packagesDir: string): PackageManifest[] =>
  readdirSync(packagesDir)
    .map((d) => join(packagesDir, d))
    .filter((d) => statSync(d).isDirectory() && safeIsFile(join(d, 'package.json')))
    .map(readManifest);

const safeIsFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * The workspace packages each package points to, through any kind of dependency: a dev or peer dependency
 * orders builds and installs as much as a runtime one, so a cycle through one is a cycle too.
 */
export const workspaceEdges = (packages: readonly PackageManifest[]): Map<string, string[]> => {
  const names = new Set(packages.map((p) => p.name));
  return new Map(
    packages.map((p) => [
      p.name,
      [
        ...new Set([
          ...p.dependencies,
          ...p.devDependencies,
          ...p.peerDependencies,
          ...p.optionalDependencies,
        ]),
      ]
        .filter((d) => names.has(d) && d !== p.name)
        .sort(),
    ]),
  );
};

/** Each elementary cycle found by a depth-first walk, as `a → b → a`; none for an acyclic graph. */
export const findCycles = (edges: ReadonlyMap<string, readonly string[]>): string[] => {
  const cycles = new Set<string>();
  const done = new Set<string>();
  const visit = (node: string, path: string[]): void => {
    const at = path.indexOf(node);
    if (at >= 0) {
      const loop = path.slice(at);
      // One rotation per cycle, starting at its smallest name, so that the report does not repeat it.
      const start = loop.indexOf([...loop].sort()[0]!);
      const rotated = [...loop.slice(start), ...loop.slice(0, start)];
      cycles.add([...rotated, rotated[0]].join(' → '));
      return;
    }
    if (done.has(node)) return;
    for (const next of edges.get(node) ?? []) visit(next, [...path, node]);
    done.add(node);
  };
  for (const node of [...edges.keys()].sort()) visit(node, []);
  return [...cycles].sort();
};

const STATIC_IMPORT = /^[ \t]*(?:import|export)\b[^;'"`]*?\bfrom\s*['"]([^'"]+)['"]/gm;
const SIDE_EFFECT_IMPORT = /^[ \t]*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The module specifiers a TypeScript or JavaScript file imports or re-exports (not those in comments). */
export const importedSpecifiers = (text: string): string[] => [
  ...new Set(
    [STATIC_IMPORT, SIDE_EFFECT_IMPORT, DYNAMIC_IMPORT].flatMap((re) =>
      [...text.matchAll(re)].map((m) => m[1]!),
    ),
  ),
];

const BUILTINS = new Set(builtinModules);

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`), or undefined for a relative path or a Node built-in. */
export const packageOf = (specifier: string): string | undefined => {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  if (specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0]!)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};

const SOURCE = /\.(?:[cm]?[jt]s|tsx)$/;

const filesUnder = (dir: string): string[] => {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    if (e === 'node_modules' || e === 'dist') return [];
    const path = join(dir, e);
    return statSync(path).isDirectory()
      ? filesUnder(path)
      : SOURCE.test(e) && !e.endsWith('.d.ts')
        ? [path]
        : [];
  });
};

/** Every import of every source file under the package's src, test, bench and example folders. */
export const importSites = (pkg: PackageManifest): ImportSite[] =>
  FILE_ROLES.flatMap((role) =>
    filesUnder(join(pkg.dir, role)).flatMap((file) =>
      importedSpecifiers(readFileSync(file, 'utf8')).map((specifier) => ({ file, role, specifier })),
    ),
  );

/**
 * The bare imports a package does not declare. A published module (`src`) may use only what its users
 * install with it (dependencies, peer and optional ones); tests, benchmarks and examples may also use the
 * package's dev dependencies. A package may import itself by name.
 */
export const undeclaredImports = (pkg: PackageManifest, sites: readonly ImportSite[]): string[] => {
  const runtime = new Set([
    ...pkg.dependencies,
    ...pkg.peerDependencies,
    ...pkg.optionalDependencies,
    pkg.name,
  ]);
  const all = new Set([...runtime, ...pkg.devDependencies]);
  return sites.flatMap((s) => {
    const name = packageOf(s.specifier);
    if (name === undefined || (s.role === 'src' ? runtime : all).has(name)) return [];
    return [
      `${relative(pkg.dir, s.file).split(sep).join('/')} imports ${s.specifier} (${name} is not a ${s.role === 'src' ? 'dependency' : 'dependency or dev dependency'} of ${pkg.name})`,
    ];
  });
};

/** Relative imports that leave the package: they would bypass its declared dependencies. */
export const importsLeavingPackage = (pkg: PackageManifest, sites: readonly ImportSite[]): string[] =>
  sites.flatMap((s) => {
    if (!s.specifier.startsWith('.')) return [];
    const target = resolve(s.file, '..', s.specifier);
    const inside = relative(pkg.dir, target);
    return inside.startsWith('..')
      ? [`${relative(pkg.dir, s.file).split(sep).join('/')} imports ${s.specifier}, outside ${pkg.name}`]
      : [];
  });
