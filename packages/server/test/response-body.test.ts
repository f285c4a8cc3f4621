// W2: GetResourcePolicies' answer written by hand is byte for byte what JSON.stringify writes.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createPolicyPageWriter } from '@ssm-policy/server';

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
});
