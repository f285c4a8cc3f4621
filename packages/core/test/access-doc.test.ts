// docs/access.md shows packages/core/example/access.ts verbatim, and the example gives the answers it states.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('docs/access.md', () => {
  it('A1 A5 the example in docs/access.md is the runnable example, and it answers as the page says', async () => {
    const doc = readFileSync(`${root}docs/access.md`, 'utf8');
    const example = readFileSync(`${root}packages/core/example/access.ts`, 'utf8');
    expect(doc).toContain('```ts\n' + example + '```');
    const { results } = await import('../example/access.js');
    expect(results.decision).toBe('Allow');
    expect(results.final).toBe('Allow');
    expect(results.overHttp).toEqual({ _tag: 'Right', right: 'ExplicitDeny' });
  });
});
