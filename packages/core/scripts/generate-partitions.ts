/**
 * Writes `src/partitions.generated.ts` from `data/partitions.json` (rule R1).
 *
 * @example
 * // pnpm --filter @ssm-policy/core run generate:partitions
 *
 * @since 0.1.0
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderPartitions } from './partitions-render.js';

const root = fileURLToPath(new URL('..', import.meta.url));
writeFileSync(
  `${root}src/partitions.generated.ts`,
  renderPartitions(readFileSync(`${root}data/partitions.json`, 'utf8')),
);
console.log('wrote src/partitions.generated.ts');
