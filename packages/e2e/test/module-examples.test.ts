// The documentation, run: every `@example` in the packages' sources is real code ending in an assertion, and
// this test executes each one (and type-checks them all), so that an example that no longer compiles, throws
// or answers something else fails here. It also checks that every exported declaration says when it came
// (`@since`) and where it belongs in the docs (`@category`).
//
// An example is written to `packages/<its package>/.examples/` (git-ignored, removed afterwards), so that its
// bare imports resolve from its own package's dependencies and `@ssm-policy/*` through the workspace aliases;
// a relative import (`./page-cursor.js`) is pointed at the module next to the one it documents.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PACKAGES = join(ROOT, 'packages');
const SCRATCH = '.examples';

// Examples that are only type-checked, never run, each with its reason. Keep this list short: everything
// that can run on loopback runs. An example on this list starts with a `// needs: …` line saying the same.
const TYPE_CHECK_ONLY: Readonly<Record<string, string>> = {
  'packages/conformance/src/vitest/describe-policy-repository.ts#1':
    "registers vitest suites: allowed only at a test file's top level, not inside a running test",
  'packages/conformance/src/vitest/describe-ssm-service.ts#1':
    "registers vitest suites: allowed only at a test file's top level, not inside a running test",
};

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.generated.ts') && !e.name.endsWith('.d.ts')
      ? [path]
      : [];
  });

const sources = readdirSync(PACKAGES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .flatMap((e) => {
    try {
      return sourceFiles(join(PACKAGES, e.name, 'src'));
    } catch {
      return [];
    }
  })
  .sort();

interface Example {
  /** `packages/core/src/arn.ts#1`: the module's path and the block's number in it. */
  readonly name: string;
  readonly module: string;
  readonly code: string;
  /** The `// needs: …` reason, when the block declares one. */
  readonly needs: string | undefined;
}

/** The `@example` blocks of one source file, with the ` * ` prefixes stripped. */
const examplesOf = (module: string, text: string): Example[] => {
  const blocks: Example[] = [];
  for (const [comment] of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const lines = comment
      .replace(/^\/\*\*/, '')
      .replace(/\*\/$/, '')
      .split('\n')
      .map((l) => l.replace(/^\s*(\* ?)?/, ''));
    let current: string[] | undefined;
    const flush = () => {
      if (current === undefined) return;
      const code = current.join('\n').trim();
      const needs = /^\/\/ needs: (.+)$/m.exec(code.split('\n')[0] ?? '')?.[1];
      blocks.push({ name: `${module}#${blocks.length + 1}`, module, code, needs });
      current = undefined;
    };
    for (const line of lines) {
      if (/^@example\b/.test(line)) {
        flush();
        current = [line.replace(/^@example\s*/, '')];
      } else if (/^@\w/.test(line)) flush();
      else current?.push(line);
    }
    flush();
  }
  return blocks;
};

/** Why a block does not end in an assertion (`assert(…)` or `assert.x(…)`), or undefined when it does. */
const missingAssertion = (code: string): string | undefined => {
  const sf = ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest, true);
  const last = sf.statements[sf.statements.length - 1];
  if (last === undefined || !ts.isExpressionStatement(last)) return 'the last statement is not an assertion';
  let e: ts.Expression = last.expression;
  if (ts.isAwaitExpression(e)) e = e.expression;
  if (!ts.isCallExpression(e)) return 'the last statement is not a call to assert';
  const callee = e.expression;
  const isAssert =
    (ts.isIdentifier(callee) && callee.text === 'assert') ||
    (ts.isPropertyAccessExpression(callee) &&
      ts.isIdentifier(callee.expression) &&
      callee.expression.text === 'assert');
  return isAssert ? undefined : 'the last statement is not a call to assert';
};

const examples = sources.flatMap((file) => examplesOf(relative(ROOT, file), readFileSync(file, 'utf8')));

/** Where a block is written: next to its package's sources, with relative imports pointed at them. */
const scratchFileOf = (example: Example): string => {
  const pkg = example.module.split('/').slice(0, 2).join('/');
  const flat = example.module.split('/').slice(3).join('__').replace(/\.ts$/, '');
  return join(ROOT, pkg, SCRATCH, `${flat}__${example.name.split('#')[1]}.ts`);
};

const written = new Map<string, string>();
for (const example of examples) {
  const file = scratchFileOf(example);
  const moduleDir = dirname(join(ROOT, example.module));
  const code = example.code.replace(
    /(from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)\.js'/g,
    (_, head: string, spec: string) => {
      const target = resolve(moduleDir, `${spec}.js`);
      return `${head}'${relative(dirname(file), target).replace(/^(?!\.)/, './')}'`;
    },
  );
  mkdirSync(dirname(file), { recursive: true });
  // `export {}` makes a block without imports a module too, so top-level await and its names stay its own.
  writeFileSync(file, `${code}\n\nexport {};\n`);
  written.set(example.name, file);
}

afterAll(() => {
  for (const dir of new Set([...written.values()].map(dirname)))
    rmSync(dir, { recursive: true, force: true });
});

describe('the example finder', () => {
  it('finds each block of a header, strips the prefixes and reads a needs line', () => {
    const text = [
      '/**',
      ' * A module.',
      ' *',
      ' * @example',
      ' * // needs: a network',
      ' * const a = 1;',
      ' *   assert.equal(a, 1);',
      ' *',
      ' * @since 0.1.0',
      ' */',
      '/** @example assert(true) */',
    ].join('\n');
    expect(examplesOf('m.ts', text)).toEqual([
      {
        name: 'm.ts#1',
        module: 'm.ts',
        code: '// needs: a network\nconst a = 1;\n  assert.equal(a, 1);',
        needs: 'a network',
      },
      { name: 'm.ts#2', module: 'm.ts', code: 'assert(true)', needs: undefined },
    ]);
  });

  it('accepts only a block whose last statement is an assertion', () => {
    expect(missingAssertion("import assert from 'node:assert/strict';\nassert.equal(1, 1);")).toBeUndefined();
    expect(missingAssertion('await assert.rejects(Promise.reject(new Error()));')).toBeUndefined();
    expect(missingAssertion('assert(true);')).toBeUndefined();
    expect(missingAssertion('assert.ok(true);\nconst x = 1;')).toBeDefined();
    expect(missingAssertion('// assert.ok(f());')).toBeDefined();
    expect(missingAssertion('if (!ok) throw new Error();')).toBeDefined();
    expect(missingAssertion('f(); // true')).toBeDefined();
  });
});

describe('module examples', () => {
  it('there are examples to run, and the type-check-only list names only blocks that exist and say so', () => {
    expect(examples.length).toBeGreaterThan(100);
    const declared = examples.filter((e) => e.needs !== undefined).map((e) => e.name);
    expect(declared.sort()).toEqual(Object.keys(TYPE_CHECK_ONLY).sort());
  });

  it('every example type-checks', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(ROOT, 'tsconfig.test.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    );
    if (config === undefined) throw new Error('tsconfig.test.json');
    const files = [...written.values()];
    const program = ts.createProgram(files, { ...config.options, noUnusedLocals: false });
    const diagnostics = files.flatMap((f) => {
      const sf = program.getSourceFile(f);
      return sf === undefined
        ? [`${f}: not in the program`]
        : [...program.getSemanticDiagnostics(sf), ...program.getSyntacticDiagnostics(sf)].map(
            (d) =>
              `${relative(ROOT, f)}:${d.start === undefined ? 0 : sf.getLineAndCharacterOfPosition(d.start).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
          );
    });
    expect(diagnostics).toEqual([]);
  }, 300_000);

  for (const example of examples) {
    it(
      example.name,
      async () => {
        expect(missingAssertion(example.code), 'an example ends in an assertion').toBeUndefined();
        if (TYPE_CHECK_ONLY[example.name] !== undefined) return;
        await import(pathToFileURL(written.get(example.name)!).href);
      },
      60_000,
    );
  }
});

// Every exported declaration carries `@category` and `@since` in its own doc comment.
const exportsLackingTags = (module: string, text: string): string[] => {
  const sf = ts.createSourceFile(module, text, ts.ScriptTarget.Latest, true);
  return sf.statements.flatMap((s) => {
    if (!ts.canHaveModifiers(s) || !ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))
      return [];
    const tags = ts.getJSDocTags(s).map((t) => t.tagName.text);
    const lacking = ['category', 'since'].filter((t) => !tags.includes(t));
    if (lacking.length === 0) return [];
    const name = ts.isVariableStatement(s)
      ? s.declarationList.declarations.map((d) => d.name.getText(sf)).join(', ')
      : ((s as ts.DeclarationStatement).name?.getText(sf) ?? '?');
    return [`${module}: ${name} lacks @${lacking.join(' and @')}`];
  });
};

describe('export tags', () => {
  it('the checker finds an export without its tags', () => {
    const text = [
      '/** Header. */',
      "import { x } from 'y';",
      '/**\n * One.\n * @category a\n * @since 0.1.0\n */',
      'export const one = 1;',
      '/** Two. @since 0.1.0 */',
      'export function two() {}',
      'export type Three = 3;',
      'const local = 4;',
    ].join('\n');
    expect(exportsLackingTags('m.ts', text)).toEqual([
      'm.ts: two lacks @category',
      'm.ts: Three lacks @category and @since',
    ]);
  });

  it('every export in packages/*/src carries @category and @since', () => {
    expect(sources.flatMap((f) => exportsLackingTags(relative(ROOT, f), readFileSync(f, 'utf8')))).toEqual(
      [],
    );
  });
});
