/**
 * `--profile FILE`: the behaviour profile the run expects, read from the same JSON format as the emulator's
 * `SSM_POLICY_PROFILE` (any subset of `BehaviourProfile` options, checked by core's exact codec), so that an
 * endpoint is checked against the choices it was started with. A file that cannot be read or is refused is a
 * message naming the file and every problem, which the command reports as bad usage.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { loadProfileFile } from './profile-file.js';
 * const read = async () => '{"hashStrategy":"content"}';
 * const loaded = await loadProfileFile('profile.json', read);
 * assert.ok(loaded._tag === 'Right' && loaded.right.hashStrategy === 'content');
 * const bad = await loadProfileFile('bad.json', async () => '{"hashStrategi":1}');
 * assert.deepEqual(bad, { _tag: 'Left', left: '--profile bad.json: unknown option "hashStrategi"' });
 *
 * @since 0.1.0
 * @category command line
 */
import { readFile } from 'node:fs/promises';
import * as E from 'fp-ts/lib/Either.js';
import { decodeProfileJson, type BehaviourProfile } from '@ssm-policy/core';

/**
 * The profile of a profile file, or why it cannot be used.
 *
 * @since 0.1.0
 * @category command line
 */
export const loadProfileFile = async (
  path: string,
  read: (path: string) => Promise<string> = (p) => readFile(p, 'utf8'),
): Promise<E.Either<string, BehaviourProfile>> => {
  let text: string;
  try {
    text = await read(path);
  } catch (e) {
    return E.left(`--profile ${path}: cannot read the file: ${e instanceof Error ? e.message : String(e)}`);
  }
  return E.mapLeft((e: { readonly message: string }) => `--profile ${path}: ${e.message}`)(
    decodeProfileJson(text),
  );
};
