/**
 * How many runs and which seed the properties use: `CONFORMANCE_RUNS` (default 100) and `CONFORMANCE_SEED`
 * (random when unset); `CONFORMANCE_PATH` and `CONFORMANCE_REPLAY_PATH` replay one shrunk counterexample
 * together with the seed, as a failure prints them.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { propertySettings } from '@ssm-policy/conformance';
 * const s = propertySettings({ CONFORMANCE_RUNS: '1000', CONFORMANCE_SEED: '42' });
 * assert.ok(s.runs === 1000 && s.seed === 42);
 *
 * @since 0.1.0
 */

/**
 * Runs and seed of the properties, from the environment.
 *
 * @category settings
 * @since 0.1.0
 */
export interface PropertySettings {
  readonly runs: number;
  readonly seed: number;
  /** fast-check's replay path of a counterexample. */
  readonly path?: string;
  /** The command list's own replay hint (`fc.commands`' `replayPath`), printed with a failure. */
  readonly replayPath?: string;
}

/**
 * Runs of each property when the environment does not say.
 *
 * @category settings
 * @since 0.1.0
 */
export const DEFAULT_RUNS = 100;

const integer = (text: string | undefined): number | undefined => {
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
};

/**
 * Reads the settings from an environment (`process.env` by default).
 *
 * @category settings
 * @since 0.1.0
 */
export const propertySettings = (
  env: Readonly<Record<string, string | undefined>> = (
    globalThis as { process?: { env: Record<string, string | undefined> } }
  ).process?.env ?? {},
): PropertySettings => {
  const runs = integer(env['CONFORMANCE_RUNS']);
  const seed = integer(env['CONFORMANCE_SEED']);
  const path = env['CONFORMANCE_PATH'];
  const replayPath = env['CONFORMANCE_REPLAY_PATH'];
  return {
    runs: runs !== undefined && runs > 0 ? runs : DEFAULT_RUNS,
    seed: seed ?? (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0,
    ...(path !== undefined && path !== '' ? { path } : {}),
    ...(replayPath !== undefined && replayPath !== '' ? { replayPath } : {}),
  };
};
