/**
 * Where the built emulator's entry point is, and the vitest global set-up that builds it: `tsc -b` on
 * `packages/emulator` (and, through its project references, everything it depends on) once per run, so that a
 * clean clone runs the entry-point tests without a separate build step. `tsc -b` is incremental: when nothing
 * changed it returns at once.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** `packages/emulator/dist/main.js`: what `pnpm start` and the `ssm-policy-emulator` bin run. */
export const EMULATOR_MAIN = fileURLToPath(new URL('../../../emulator/dist/main.js', import.meta.url));

const EMULATOR_PROJECT = fileURLToPath(new URL('../../../emulator', import.meta.url));

export default function buildEmulator(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-b', EMULATOR_PROJECT], { stdio: 'inherit' });
}
