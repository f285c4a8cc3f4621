/**
 * TypeScript for consumer files, from the workspace's own compiler: a consumer project gets no compiler of
 * its own, so its node_modules size is what our packages cost it. Checks compile as a user would: strict,
 * `module`/`moduleResolution` NodeNext, against the installed packages' `types` exports.
 *
 * @example
 * await typecheck(projectDir, ['example.ts']); // throws with tsc's diagnostics
 * const js = transpile('const a: number = 1;');
 *
 * @since 0.1.0
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { mustExec } from './proc.mjs';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
// Node's globals (console, process) as a Node user has them, from the workspace's @types/node.
const nodeTypes = dirname(dirname(require.resolve('@types/node/package.json')));

export const typecheck = async (dir, files) => {
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        typeRoots: [nodeTypes],
        types: ['node'],
      },
      files,
    }),
  );
  await mustExec(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir, timeoutMs: 120_000 });
};

export const transpile = (code) =>
  ts.transpileModule(code, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
