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

export const alias = Object.fromEntries(
  pkgs.map((p) => [
    `@ssm-policy/${p}`,
    fileURLToPath(new URL(`./packages/${p}/src/index.ts`, import.meta.url)),
  ]),
);
