import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const srcDir = `${root}src/`;
const sources = readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

/** Every module specifier of a file: static imports, re-exports and dynamic imports. */
const specifiers = (text: string): string[] => [
  ...[...text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]!),
  ...[...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]!),
  ...[...text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!),
  ...[...text.matchAll(/\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!),
];

describe('the core is pure', () => {
  it('packages/core/src imports nothing from node:* or @aws-sdk/*, only fp-ts, io-ts, immer and itself', () => {
    expect(sources.length).toBeGreaterThan(10);
    let seen = 0;
    for (const file of sources) {
      const text = readFileSync(srcDir + file, 'utf8');
      // Code only: the doc comments' @example lines may show imports of the published package.
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      for (const spec of specifiers(code)) {
        seen++;
        expect(spec, `${file} imports ${spec}`).not.toMatch(/^node:|^@aws-sdk\/|^@smithy\//);
        expect(spec, `${file} imports ${spec}`).toMatch(
          /^(\.\.?\/(?:[\w-]+\/)?[\w.-]+\.js|fp-ts\/lib\/\w+\.js|io-ts|immer)$/,
        );
      }
      expect(code, file).not.toMatch(/\bprocess\.|\bBuffer\b|\brequire\(/);
      expect(code, `${file} uses export *`).not.toMatch(/export\s*\*/);
    }
    expect(seen).toBeGreaterThan(20);
  });

  // immer is allowed but no longer used: its drafts cost O(n) per write here (see policy-set.ts).
  it("core's runtime dependencies are only fp-ts and io-ts (immer would be allowed)", () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(pkg['dependencies'] as object).sort()).toEqual(['fp-ts', 'io-ts']);
    expect(pkg['peerDependencies']).toBeUndefined();
    expect(pkg['optionalDependencies']).toBeUndefined();
  });
});
