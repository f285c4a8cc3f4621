// Tests run against the TypeScript sources of sibling packages, not their build output,
// so a test run never needs `tsc -b` first.
import { fileURLToPath } from 'node:url';

const pkgs = [
  'core',
  'adapter-memory',
  'conformance',
  'conformance-cli',
  'adapter-dynamodb',
  'adapter-ssm',
  'server',
  'emulator',
  'dynamodb-local',
];

// Subpath exports, listed before the packages: an alias also matches a longer specifier, so the first match
// must be the longest.
const subpaths = [
  ['conformance/vitest', 'conformance/src/vitest/index.ts'],
  ['server/testing', 'server/src/testing.ts'],
] as const;

export const alias = Object.fromEntries([
  ...subpaths.map(([specifier, file]) => [
    `@ssm-policy/${specifier}`,
    fileURLToPath(new URL(`./packages/${file}`, import.meta.url)),
  ]),
  ...pkgs.map((p) => [
    `@ssm-policy/${p}`,
    fileURLToPath(new URL(`./packages/${p}/src/index.ts`, import.meta.url)),
  ]),
]);
