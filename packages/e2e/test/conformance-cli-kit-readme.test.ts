// The kit's README snippets "Your endpoint" (my-endpoint.ts) and "Outside vitest" (check-my-endpoint.ts), taken
// from the README as written and run against our emulator: only the endpoint's URL is replaced, by the port
// the emulator got. With the dummy credentials the snippet sets, every case passes or is skipped with why.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createParameterStore, startEmulator, type RunningEmulator } from '@ssm-policy/server';

const README = fileURLToPath(new URL('../../conformance/README.md', import.meta.url));

/** The ```ts block whose first line is `// <name>`. */
const snippet = (markdown: string, name: string): string => {
  const block = [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((code) => code.startsWith(`// ${name}\n`));
  if (block === undefined) throw new Error(`no snippet ${name} in the README`);
  return block;
};

describe("the kit README's programmatic snippet", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, parameters: createParameterStore() });
  });
  afterAll(() => emulator.close());

  it('O1 H5 runs as written against a local endpoint: every case passes or is skipped, the properties pass', async () => {
    const markdown = await readFile(README, 'utf8');
    const endpoint = snippet(markdown, 'my-endpoint.ts');
    const check = snippet(markdown, 'check-my-endpoint.ts');
    expect(endpoint).toContain("credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' }");
    expect(endpoint).toContain("endpoint: 'http://127.0.0.1:4583'");
    // Next to this test, so that its imports resolve as the package's own would.
    const dir = await mkdtemp(join(fileURLToPath(new URL('.', import.meta.url)), '.readme-'));
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
    try {
      await writeFile(join(dir, 'my-endpoint.ts'), endpoint.replace('http://127.0.0.1:4583', emulator.url));
      await writeFile(join(dir, 'check-my-endpoint.ts'), check);
      await import(join(dir, 'check-my-endpoint.ts'));
    } finally {
      log.mockRestore();
      await rm(dir, { recursive: true, force: true });
    }
    const caseLines = lines.filter((l) => /^[A-Z]\d+ (pass|FAIL|skip) /.test(l));
    expect(caseLines.length).toBeGreaterThan(50);
    expect(caseLines.filter((l) => / FAIL /.test(l))).toEqual([]);
    expect(caseLines.filter((l) => / pass /.test(l)).length).toBeGreaterThan(50);
    // The model property printed no report (it passed); the concurrency checks printed their status.
    expect(lines.filter((l) => l.startsWith('pass '))).toHaveLength(3);
    expect(lines.join('\n')).not.toMatch(/failed after/);
  }, 120_000);
});
