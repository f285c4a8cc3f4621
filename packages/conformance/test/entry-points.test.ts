/**
 * The kit's entry points: `@ssm-policy/conformance` (data, cases, runners) never loads vitest, so a store
 * author's program or another test runner can import it; only `@ssm-policy/conformance/vitest` does. Checked
 * on the import graph of the sources, and by loading the built entry point in a plain Node process when the
 * package has been built.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });

const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]!);

/** Every source module `entry` loads, following relative imports. */
const graph = (entry: string): Map<string, string[]> => {
  const seen = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    const specifiers = importsOf(file);
    seen.set(file, specifiers);
    for (const s of specifiers)
      if (s.startsWith('.')) visit(resolve(dirname(file), s.replace(/\.js$/, '.ts')));
  };
  visit(entry);
  return seen;
};

describe('entry points', () => {
  it('the main entry point loads no module that imports vitest', () => {
    const loaded = graph(join(src, 'index.ts'));
    expect(loaded.size).toBeGreaterThan(20);
    const offenders = [...loaded].filter(([, specifiers]) => specifiers.some((s) => s.startsWith('vitest')));
    expect(offenders.map(([file]) => file)).toEqual([]);
  });

  it('only the vitest subpath imports vitest, and no module imports an adapter or the AWS SDK', () => {
    const all = files(src);
    const importing = (prefix: string): string[] =>
      all.filter((f) => importsOf(f).some((s) => s.startsWith(prefix))).map((f) => f.slice(src.length));
    expect(importing('vitest').every((f) => f.startsWith('vitest/'))).toBe(true);
    expect(importing('vitest').length).toBeGreaterThan(0);
    expect(importing('@aws-sdk/')).toEqual([]);
    expect(importing('@ssm-policy/adapter-')).toEqual([]);
  });

  it('vitest is a peer dependency covering 3.2 and 4, and no adapter or AWS SDK is a dependency', () => {
    expect(pkg.peerDependencies['vitest']).toBe('>=3.2 <5');
    expect(Object.keys(pkg.dependencies)).not.toContain('vitest');
    expect(Object.keys(pkg.devDependencies)).toContain('vitest');
    expect(Object.keys(pkg.dependencies).filter((d) => /adapter|@aws-sdk/.test(d))).toEqual([]);
  });

  // A resolve hook that refuses vitest: loading the built kit in plain Node proves nothing pulls it in.
  const refuseVitest =
    'data:text/javascript,' +
    encodeURIComponent(
      `import { register } from 'node:module';` +
        `register('data:text/javascript,' + encodeURIComponent(` +
        `'export async function resolve(s, c, next) {' +` +
        `'  if (s === "vitest" || s.startsWith("vitest/")) throw new Error("the kit loaded vitest");' +` +
        `'  return next(s, c);' +` +
        `'}'));`,
    );
  const built = fileURLToPath(new URL('../dist/index.js', import.meta.url));
  it('the built entry point loads in plain Node that refuses vitest', { timeout: 120_000 }, () => {
    // A clean clone has no dist yet: build the kit (and what it references) rather than skip.
    if (!existsSync(built)) {
      const tsc = fileURLToPath(new URL('../../../node_modules/typescript/bin/tsc', import.meta.url));
      execFileSync(process.execPath, [tsc, '-b', fileURLToPath(new URL('..', import.meta.url))], {
        stdio: 'pipe',
      });
    }
    const run = (entry: string): string =>
      execFileSync(
        process.execPath,
        [
          '--import',
          refuseVitest,
          '--input-type=module',
          '-e',
          `const kit = await import(${JSON.stringify(entry)}); console.log(Object.keys(kit).length);`,
        ],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
    expect(Number(run(built))).toBeGreaterThan(50);
    // The hook does refuse vitest: the vitest subpath fails to load under it.
    expect(() => run(fileURLToPath(new URL('../dist/vitest/index.js', import.meta.url)))).toThrow(
      /the kit loaded vitest/,
    );
  });
});
