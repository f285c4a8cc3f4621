// Rewrites the last column of docs/rules.md's rule tables: for every rule id, the test files (and the conformance
// kit's case modules) that name it in a quoted string, so the column is always what the tree holds.
// `node scripts/rules-doc-tests.mjs` rewrites; `--check` exits 1 when the file is stale.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const docPath = join(root, 'docs/rules.md');

const walk = (dir, out = []) => {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
};

const sources = walk(join(root, 'packages'))
  .map((p) => relative(root, p).split('\\').join('/'))
  .filter(
    (p) =>
      /^packages\/[^/]+\/test\/.*\.test\.ts$/.test(p) ||
      /^packages\/conformance\/src\/cases\/.*\.ts$/.test(p),
  )
  .sort();
const texts = new Map(sources.map((p) => [p, readFileSync(join(root, p), 'utf8')]));

/** Files that name `id` inside one quoted string ('…', "…" or `…`). */
export const filesNaming = (id) =>
  sources.filter((p) => new RegExp(`(['"\`])(?:(?!\\1).)*\\b${id}\\b(?:(?!\\1).)*\\1`).test(texts.get(p)));

const doc = readFileSync(docPath, 'utf8');
const next = doc.replace(
  /^(\| (?:<a id="[a-z]\d+"><\/a>)?\*\*([A-Z]\d+)\*\* \|.*\| )([^|]*)( \|)$/gm,
  (_, head, id, _old, tail) => {
    const files = filesNaming(id);
    return `${head}${files.length === 0 ? '(none)' : files.map((f) => `\`${f}\``).join('<br>')}${tail}`;
  },
);

if (process.argv.includes('--check')) {
  if (next !== doc) {
    console.error('docs/rules.md: the tests column is stale; run node scripts/rules-doc-tests.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(docPath, next);
}
