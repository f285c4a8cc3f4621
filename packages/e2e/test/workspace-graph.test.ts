// The repository's layout, checked: the workspace's packages form an acyclic graph (dev and peer dependencies
// included), and every package imports only what its package.json declares. The checkers are first tried on
// made-up workspaces, so that a pass on the real one means something.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  findCycles,
  importedSpecifiers,
  importsLeavingPackage,
  importSites,
  packageOf,
  readWorkspace,
  undeclaredImports,
  workspaceEdges,
  type PackageManifest,
} from './support/workspace.js';

const PACKAGES = fileURLToPath(new URL('../../', import.meta.url));
const workspace = readWorkspace(PACKAGES);

const manifest = (
  name: string,
  deps: Partial<Omit<PackageManifest, 'name' | 'dir'>> = {},
): PackageManifest => ({
  name,
  dir: `/ws/${name}`,
  dependencies: [],
  devDependencies: [],
  peerDependencies: [],
  optionalDependencies: [],
  ...deps,
});

describe('the checkers, on made-up workspaces', () => {
  it('find a cycle closed by a dev dependency, once, and none in a diamond', () => {
    const cyclic = [
      manifest('a', { dependencies: ['b'] }),
      manifest('b', { peerDependencies: ['c'] }),
      manifest('c', { devDependencies: ['a'] }),
    ];
    expect(findCycles(workspaceEdges(cyclic))).toEqual(['a → b → c → a']);
    const diamond = [
      manifest('a', { dependencies: ['b', 'c'] }),
      manifest('b', { dependencies: ['d'] }),
      manifest('c', { devDependencies: ['d'] }),
      manifest('d', { dependencies: ['fp-ts'] }),
    ];
    expect(findCycles(workspaceEdges(diamond))).toEqual([]);
  });

  it('read static, re-export, side-effect and dynamic imports, not those in comments', () => {
    const text = [
      "import { a } from 'x';",
      'import {',
      '  b,',
      "} from '@s/y/sub';",
      "export { c } from './c.js';",
      "import 'z';",
      // Split so that this file's own text holds no dynamic import of 'w'.
      'const d = await imp' + "ort('w');",
      " * import { e } from 'commented';",
      "// import { f } from 'commented-too';",
    ].join('\n');
    expect(importedSpecifiers(text).sort()).toEqual(['./c.js', '@s/y/sub', 'w', 'x', 'z']);
    expect(['@s/y/sub', 'fp-ts/lib/Either.js', 'node:fs', 'fs', './c.js'].map(packageOf)).toEqual([
      '@s/y',
      'fp-ts',
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('refuse a dev dependency in src, allow it in test, and refuse a relative import into another package', () => {
    const pkg = manifest('p', { dependencies: ['fp-ts'], devDependencies: ['vitest'] });
    const sites = [
      { file: '/ws/p/src/a.ts', role: 'src', specifier: 'vitest' },
      { file: '/ws/p/src/a.ts', role: 'src', specifier: 'fp-ts/lib/Either.js' },
      { file: '/ws/p/src/a.ts', role: 'src', specifier: 'p' },
      { file: '/ws/p/test/a.test.ts', role: 'test', specifier: 'vitest' },
      { file: '/ws/p/test/a.test.ts', role: 'test', specifier: 'io-ts' },
      { file: '/ws/p/test/a.test.ts', role: 'test', specifier: '../src/a.js' },
      { file: '/ws/p/test/a.test.ts', role: 'test', specifier: '../../q/src/b.js' },
    ] as const;
    expect(undeclaredImports(pkg, sites)).toEqual([
      'src/a.ts imports vitest (vitest is not a dependency of p)',
      'test/a.test.ts imports io-ts (io-ts is not a dependency or dev dependency of p)',
    ]);
    expect(importsLeavingPackage(pkg, sites)).toEqual(['test/a.test.ts imports ../../q/src/b.js, outside p']);
  });
});

describe('the workspace', () => {
  it('holds the packages of the layout', () => {
    expect(workspace.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        '@ssm-policy/core',
        '@ssm-policy/adapter-memory',
        '@ssm-policy/adapter-dynamodb',
        '@ssm-policy/adapter-ssm',
        '@ssm-policy/conformance',
        '@ssm-policy/server',
        '@ssm-policy/emulator',
        '@ssm-policy/e2e',
      ]),
    );
  });

  it('has no dependency cycle, counting dev and peer dependencies', () => {
    expect(findCycles(workspaceEdges(workspace))).toEqual([]);
  });

  it.each(workspace.map((p) => [p.name, p] as const))(
    '%s imports, in src, test, bench and example, only the packages its package.json declares',
    (_name, pkg) => {
      const sites = importSites(pkg);
      expect(undeclaredImports(pkg, sites)).toEqual([]);
      expect(importsLeavingPackage(pkg, sites)).toEqual([]);
    },
  );
});
