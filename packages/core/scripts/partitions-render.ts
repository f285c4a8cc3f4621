/**
 * Renders `src/partitions.generated.ts` from botocore's `partitions.json` (rule R1). Shared by the generator
 * script and by the test that checks the checked-in table against a fresh rendering.
 *
 * @example
 * import { readFileSync } from 'node:fs';
 * import { renderPartitions } from './partitions-render.js';
 * const source = renderPartitions(readFileSync('data/partitions.json', 'utf8'));
 *
 * @since 0.1.0
 */

/** The botocore release `data/partitions.json` was copied from. */
export const BOTOCORE_VERSION = '1.43.11';

interface PartitionsFile {
  readonly version: string;
  readonly partitions: ReadonlyArray<{
    readonly id: string;
    readonly regionRegex: string;
    readonly regions: Readonly<Record<string, unknown>>;
  }>;
}

const isPartitionsFile = (x: unknown): x is PartitionsFile => {
  if (typeof x !== 'object' || x === null) return false;
  const f = x as Record<string, unknown>;
  return (
    typeof f['version'] === 'string' &&
    Array.isArray(f['partitions']) &&
    f['partitions'].every(
      (p: unknown) =>
        typeof p === 'object' &&
        p !== null &&
        typeof (p as Record<string, unknown>)['id'] === 'string' &&
        typeof (p as Record<string, unknown>)['regionRegex'] === 'string' &&
        typeof (p as Record<string, unknown>)['regions'] === 'object',
    )
  );
};

/** The TypeScript source of the table; throws when the file is not botocore's partitions format. */
export const renderPartitions = (json: string): string => {
  const data: unknown = JSON.parse(json);
  if (!isPartitionsFile(data)) throw new Error('not a botocore partitions.json');
  const rows = data.partitions.map((p) => {
    // Compile once here so that a pattern JavaScript cannot read fails the generation, not a request.
    new RegExp(p.regionRegex);
    const regions = Object.keys(p.regions)
      .sort()
      .map((r) => `      ${JSON.stringify(r)},`)
      .join('\n');
    return [
      '  {',
      `    id: ${JSON.stringify(p.id)},`,
      `    regionRegex: new RegExp(${JSON.stringify(p.regionRegex)}),`,
      '    regions: [',
      regions,
      '    ],',
      '  },',
    ].join('\n');
  });
  return [
    '/**',
    ` * AWS partitions and their regions (rule R1), generated from botocore ${BOTOCORE_VERSION}'s \`partitions.json\``,
    ` * (format ${data.version}), copied to \`packages/core/data/partitions.json\`. Do not edit: run`,
    ' * `pnpm --filter @ssm-policy/core run generate:partitions`; `test/partitions.test.ts` checks this file',
    ' * against the data.',
    ' *',
    ' * @example',
    " * import { PARTITIONS } from './partitions.generated.js';",
    " * PARTITIONS.find((p) => p.id === 'aws-iso-f')?.regionRegex.test('us-isof-south-1'); // true",
    ' *',
    ' * @since 0.1.0',
    ' * @category data',
    ' */',
    '',
    'export interface PartitionData {',
    '  readonly id: string;',
    "  /** AWS's pattern of the partition's region names. */",
    '  readonly regionRegex: RegExp;',
    '  /** The regions AWS lists for the partition (including its `*-global` pseudo-region). */',
    '  readonly regions: ReadonlyArray<string>;',
    '}',
    '',
    `export const PARTITIONS_SOURCE = ${JSON.stringify(`botocore ${BOTOCORE_VERSION} partitions.json ${data.version}`)};`,
    '',
    'export const PARTITIONS: ReadonlyArray<PartitionData> = [',
    ...rows,
    '];',
    '',
  ].join('\n');
};
