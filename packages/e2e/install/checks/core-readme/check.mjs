/**
 * (a) The root README's "Using the core directly" example, taken from the README as written: type-checked
 * against the installed packages' `types` (strict, NodeNext, as a TypeScript user compiles it), then run.
 *
 * @since 0.1.0
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustExec } from '../../lib/proc.mjs';
import { transpile, typecheck } from '../../lib/typescript.mjs';

/** The first ```ts block under the heading. */
export const readmeExample = (readmeFile, heading) => {
  const text = readFileSync(readmeFile, 'utf8');
  const at = text.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`the README has no heading "${heading}"`);
  const block = /```ts\n([\s\S]*?)```/.exec(text.slice(at));
  if (block === null) throw new Error(`no \`\`\`ts block under "${heading}"`);
  return block[1];
};

export default {
  id: 'core-readme',
  title: 'README "Using the core directly" as written',
  needs: ['@ssm-policy/core', '@ssm-policy/adapter-memory'],
  dependencies: {},
  run: async ({ project, root }) => {
    const code = readmeExample(join(root, 'README.md'), '## Using the core directly');
    writeFileSync(join(project.dir, 'example.ts'), code);
    await typecheck(project.dir, ['example.ts']);
    writeFileSync(join(project.dir, 'example.mjs'), transpile(code));
    const r = await mustExec('node', ['example.mjs'], { cwd: project.dir, timeoutMs: 30_000 });
    if (!/_tag: 'Right'/.test(r.stdout) || !/PolicyId/.test(r.stdout))
      throw new Error(`the example printed no Right with a PolicyId:\n${r.stdout}${r.stderr}`);
    return `type-checks; prints ${r.stdout.replace(/\s+/g, ' ').trim().slice(0, 80)}`;
  },
};
