// The consumer's options: a second account's access key (and optional secret) for the cross-account cases.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { USAGE, parseCliArgs } from '../src/args.js';

describe('--consumer-access-key', () => {
  it('R8 A6 takes a consumer key and its secret; the secret alone is a usage error', () => {
    expect(parseCliArgs(['--consumer-access-key', '210987654321'])).toEqual(
      E.right(expect.objectContaining({ consumerAccessKey: '210987654321' })),
    );
    const both = parseCliArgs(['--consumer-access-key', 'AKIAB', '--consumer-secret-key', 's']);
    expect(both).toEqual(
      E.right(expect.objectContaining({ consumerAccessKey: 'AKIAB', consumerSecretKey: 's' })),
    );
    expect(parseCliArgs(['--consumer-secret-key', 's'])).toEqual(
      E.left({ _tag: 'UsageError', message: '--consumer-secret-key needs --consumer-access-key' }),
    );
    expect(E.isLeft(parseCliArgs(['--consumer-access-key', '']))).toBe(true);
    const none = parseCliArgs([]);
    expect(E.isRight(none) && none.right.consumerAccessKey === undefined).toBe(true);
    expect(USAGE).toContain('--consumer-access-key K');
  });
});
