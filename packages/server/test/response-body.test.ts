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
