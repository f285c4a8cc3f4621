import { fc, test } from '@fast-check/vitest';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex, utf8Length } from '@ssm-policy/core';

const node = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('sha256Hex', () => {
  it('sha256Hex matches the published SHA-256 vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(
      sha256Hex(
        'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      ),
    ).toBe('cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1');
    expect(sha256Hex('a'.repeat(1_000_000))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('sha256Hex agrees with node:crypto at every block boundary and for non-ASCII text', () => {
    for (let n = 0; n <= 130; n++) expect(sha256Hex('x'.repeat(n))).toBe(node('x'.repeat(n)));
    for (const s of [
      'é',
      '€uro',
      '😀',
      'naïve 日本語 😀👍🏽',
      '\u0000',
      '\uffff',
      '\ud800',
      'a\udc00b',
      '😀'.repeat(300),
    ]) {
      expect(sha256Hex(s)).toBe(node(s));
    }
    // Calls in a row do not leak state into each other (long, then short).
    const long = 'q'.repeat(5000);
    expect(sha256Hex(long)).toBe(node(long));
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 300 })], { numRuns: 200 })(
    'sha256Hex agrees with node:crypto on any string, lone surrogates included',
    (s) => {
      expect(sha256Hex(s)).toBe(node(s));
    },
  );

  test.prop([fc.string({ unit: 'binary', maxLength: 300 })], { numRuns: 200 })(
    'P1 utf8Length agrees with Buffer.byteLength',
    (s) => {
      expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
    },
  );
});
