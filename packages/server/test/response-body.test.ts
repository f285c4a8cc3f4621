// W2: GetResourcePolicies' answer written by hand is byte for byte what JSON.stringify writes, and a page read
// again (its text kept, its bytes kept once it is large) is still exactly that, and is written afresh as soon as
// anything in it changed.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { PAGE_BYTES_FROM, createPolicyPageWriter } from '@ssm-policy/server';

// Any UTF-16 code units: lone surrogates, control characters, quotes and backslashes included.
const text = fc.string({ unit: 'binary', maxLength: 300 });
const entry = fc.record({ PolicyId: text, PolicyHash: text, Policy: text });
const page = fc.record(
  { Policies: fc.array(entry, { maxLength: 60 }), NextToken: text },
  { requiredKeys: ['Policies'] },
);

describe('the GetResourcePolicies answer', () => {
  test.prop([page], { numRuns: 300 })('W2 the body is what JSON.stringify writes', (p) => {
    expect(createPolicyPageWriter()(p)).toBe(JSON.stringify(p));
  });

  // One writer over many pages whose policies share a few ids with changing hashes and texts (an update, or
  // another resource's policy with the same id): a kept form is used only for the same id, hash and text.
  const small = (values: string[]) => fc.constantFrom(...values);
  const reused = fc.record({
    PolicyId: small(['p1', 'p2', 'p3']),
    PolicyHash: small(['h1', 'h2']),
    Policy: small(['{"a":1}', '{"b":"\u2028"}', '"\ud800"', '{"a":1} ']),
  });
  test.prop(
    [fc.array(fc.array(reused, { maxLength: 5 }), { maxLength: 30 }), fc.integer({ min: 1, max: 4 })],
    {
      numRuns: 300,
    },
  )('W2 pages read one after another with reused ids are what JSON.stringify writes', (pages, entries) => {
    const write = createPolicyPageWriter(entries);
    for (const Policies of pages) expect(write({ Policies })).toBe(JSON.stringify({ Policies }));
  });

  it('W2 a full cache starts again and still writes the same text', () => {
    const write = createPolicyPageWriter(2);
    const policies = ['{"a":1}', '{"b":"\\u2028"}', '"\ud800"', '{"a":1}'].map((Policy, i) => ({
      PolicyId: `p${i}`,
      PolicyHash: `h${i}`,
      Policy,
    }));
    for (let round = 0; round < 3; round++) {
      const answer = { Policies: policies };
      expect(write(answer)).toBe(JSON.stringify(answer));
    }
  });

  // Reads of one writer over pages that change a little between reads (a policy updated, one more or one fewer,
  // another token, another resource with the same first id): every answer is JSON.stringify's text, and its
  // bytes, when it has them, are exactly that text in UTF-8.
  const big = fc.string({ unit: 'binary', minLength: 300, maxLength: 600 });
  const pageEntry = fc.record({
    PolicyId: small(['p1', 'p2', 'p3', 'p4']),
    PolicyHash: small(['h1', 'h2']),
    Policy: fc.oneof(small(['{"a":1}', '{"b":"\u2028"}', '"\ud800"']), big),
  });
  const someToken = fc.option(small(['t1', 't2', '"\u2028']), { nil: undefined });
  const aPage = fc
    .tuple(fc.array(pageEntry, { maxLength: 20 }), someToken)
    .map(([Policies, NextToken]) => (NextToken === undefined ? { Policies } : { Policies, NextToken }));
  test.prop(
    [
      fc.array(fc.tuple(aPage, fc.integer({ min: 1, max: 3 })), { maxLength: 30 }),
      // From less than a page to a few pages' text and bytes: the writer starts again often.
      fc.integer({ min: 1, max: 60_000 }),
    ],
    {
      numRuns: 200,
    },
  )(
    'W2 pages read again, and changed between reads, are what JSON.stringify writes, bytes included',
    (reads, size) => {
      const write = createPolicyPageWriter(1024, size);
      for (const [page, times] of reads) {
        for (let i = 0; i < times; i++) {
          const { text, bytes } = write.answer(page);
          expect(text).toBe(JSON.stringify(page));
          if (bytes !== undefined) expect(Buffer.from(bytes).equals(Buffer.from(text, 'utf8'))).toBe(true);
        }
      }
    },
  );

  const largePage = (n: number, hash = 'h') => ({
    Policies: Array.from({ length: n }, (_, i) => ({
      // Pages with another `hash` start with another id: they are kept side by side.
      PolicyId: `${hash}-p${i}`,
      PolicyHash: `${hash}${i}`,
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: `S${i}`, Effect: 'Allow', Note: 'é'.repeat(200) }],
      }),
    })),
  });

  it('W2 a large page read again is the same text, with its UTF-8 bytes kept from the second read on', () => {
    const write = createPolicyPageWriter();
    const page = largePage(20);
    const first = write.answer(page);
    expect(first.text.length).toBeGreaterThanOrEqual(PAGE_BYTES_FROM);
    // Read once: no bytes yet (a page read once must not pay for them).
    expect(first.bytes).toBeUndefined();
    // A new response object with the same policies (as the core gives on every read).
    const second = write.answer(structuredClone(page));
    expect(second.text).toBe(first.text);
    expect(second.bytes).toBeDefined();
    expect(Buffer.from(second.bytes!).toString('utf8')).toBe(JSON.stringify(page));
    // And kept: the third read answers the very same bytes.
    expect(write.answer(structuredClone(page)).bytes).toBe(second.bytes);
  });

  it('W2 a page whose policy was updated, added, removed or whose token changed is written afresh', () => {
    const write = createPolicyPageWriter();
    const page = largePage(20);
    write.answer(page);
    const kept = write.answer(page);
    const changed = [
      {
        Policies: page.Policies.map((p, i) => (i === 7 ? { ...p, PolicyHash: 'new', Policy: '{"b":2}' } : p)),
      },
      {
        Policies: page.Policies.map((p, i) => (i === 7 ? { ...p, Policy: p.Policy.replace('S7', 'S8') } : p)),
      },
      { Policies: page.Policies.slice(0, 19) },
      { Policies: [...page.Policies, { PolicyId: 'p99', PolicyHash: 'h', Policy: '{}' }] },
      { ...page, NextToken: 'next' },
    ];
    for (const next of changed) {
      const answer = write.answer(next);
      expect(answer.text).toBe(JSON.stringify(next));
      expect(answer.text).not.toBe(kept.text);
      expect(answer.bytes).toBeUndefined();
    }
  });

  it('W2 a small page read again is answered as text only (its bytes are not worth keeping)', () => {
    const write = createPolicyPageWriter();
    const page = largePage(2);
    expect(write.answer(page).text.length).toBeLessThan(PAGE_BYTES_FROM);
    write.answer(page);
    expect(write.answer(page).bytes).toBeUndefined();
  });

  it('W2 a full page cache starts again and still answers the right text and bytes', () => {
    const a = largePage(20, 'a');
    const b = largePage(20, 'b');
    const size = JSON.stringify(a).length;
    // Room for one page's text and bytes, not two pages'.
    const write = createPolicyPageWriter(1024, 3 * size);
    write.answer(a);
    expect(write.answer(a).bytes).toBeDefined();
    // b does not fit beside a: the writer starts again with b alone, so a is written afresh, with no bytes.
    write.answer(b);
    const again = write.answer(a);
    expect(again.text).toBe(JSON.stringify(a));
    expect(again.bytes).toBeUndefined();
    for (let round = 0; round < 3; round++)
      for (const page of [a, b, { Policies: [...b.Policies].reverse() }]) {
        const { text, bytes } = write.answer(page);
        expect(text).toBe(JSON.stringify(page));
        if (bytes !== undefined) expect(Buffer.from(bytes).toString('utf8')).toBe(text);
      }
  });
});
