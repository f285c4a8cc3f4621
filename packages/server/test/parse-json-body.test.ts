// W4: the body's reading (issue 13 made it skip native calls) answers exactly as the plain reading does:
// not UTF-8 or not JSON is a SerializationException, blank is `{}`, anything else is its JSON value.
import { isUtf8 } from 'node:buffer';
import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect } from 'vitest';
import { parseJsonBody } from '@ssm-policy/server';

/** The reading before issue 13: every body checked as UTF-8, trimmed, then parsed. */
const plainReading = (body: Uint8Array): E.Either<string, unknown> => {
  if (!isUtf8(body)) return E.left('SerializationException');
  const text = Buffer.from(body).toString('utf8');
  try {
    return E.right(text.trim() === '' ? {} : JSON.parse(text));
  } catch {
    return E.left('SerializationException');
  }
};

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const body = fc.oneof(
  // Any bytes: mostly not UTF-8.
  fc.uint8Array({ maxLength: 40 }),
  // JSON texts, with U+FFFD and other non-ASCII characters inside strings.
  fc.jsonValue().map((v) => utf8(JSON.stringify(v))),
  fc.string({ unit: fc.constantFrom('\uFFFD', 'é', '"', '{', '}', ' ', 'a', ':', '\n') }).map(utf8),
  fc.constantFrom('', ' ', '\n\t ', '{}', ' {} ', '\uFEFF{}', '{"a":"\uFFFD"}').map(utf8),
  // A JSON text with one byte spoilt somewhere.
  fc.tuple(fc.jsonValue(), fc.nat(), fc.constantFrom(0x80, 0xc0, 0xff, 0xed)).map(([v, at, byte]) => {
    const bytes = utf8(JSON.stringify({ v, s: '\uFFFD' }));
    bytes[at % bytes.length] = byte;
    return bytes;
  }),
);

describe('the body as JSON', () => {
  test.prop([body], { numRuns: 2000 })('W4 reads every body as the plain reading does', (bytes) => {
    const read = parseJsonBody(bytes);
    const expected = plainReading(bytes);
    expect(E.isRight(read)).toBe(E.isRight(expected));
    if (E.isLeft(read)) expect(read.left._tag).toBe('SerializationException');
    if (E.isRight(read) && E.isRight(expected)) expect(read.right).toEqual(expected.right);
  });
});
