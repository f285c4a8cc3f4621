// `pnpm --filter @ssm-policy/core run generate`: writes src/policy/ssm-actions.generated.ts.
import { writeFileSync } from 'node:fs';
import { GENERATED_PATH, renderSsmActions } from './ssm-actions-source.js';

writeFileSync(GENERATED_PATH, await renderSsmActions());
console.log(`wrote ${GENERATED_PATH.pathname}`);
