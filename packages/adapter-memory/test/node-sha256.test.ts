// The hash port (H11): node:crypto's SHA-256, which the Node adapters pass to the core, against the core's pure
// one, on many random strings and through the commands, so that a store's hashes never depend on which ran.
import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect } from 'vitest';
import { createMemoryService, nodeSha256Hex } from '@ssm-policy/adapter-memory';
import { makeCaller, parameterArn, seededIdSource, sha256Hex } from '@ssm-policy/core';

const caller = makeCaller({ account: '123456789012', region: 'us-east-1' });
const scope = { partition: 'aws', region: 'us-east-1', account: '123456789012' };

describe('nodeSha256Hex', () => {
  test.prop([fc.string({ unit: 'binary', maxLength: 2000 })], { numRuns: 1000 })(
    'H11 agrees with the pure sha256Hex on any string, lone surrogates and astral characters included',
    (s) => {
      expect(nodeSha256Hex(s)).toBe(sha256Hex(s));
    },
  );

  test.prop(
    [
      fc.array(
        // A line terminator that JSON.stringify leaves raw (U+2028, U+2029) would make the text multi-line,
        // which V2 refuses before any hashing: keep the texts to what PutResourcePolicy accepts.
        fc
          .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
          .filter((s) => !/[\n\r\u2028\u2029]/.test(s)),
        { minLength: 1, maxLength: 6 },
      ),
    ],
    {
      numRuns: 50,
    },
  )(
    'H11 a service hashing with node:crypto gives the hashes of one hashing with the pure function',
    async (texts) => {
      const run = async (hash: (s: string) => string): Promise<string[]> => {
        const { commands, catalog } = createMemoryService({ ids: seededIdSource(3), sha256Hex: hash });
        catalog.put(caller, { Name: '/h11', Type: 'String', Tier: 'Advanced' });
        const ResourceArn = parameterArn(scope, '/h11');
        const policy = (sid: string): string =>
          JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Sid: sid,
                Effect: 'Allow',
                Principal: { AWS: '210987654321' },
                Action: 'ssm:GetParameter',
                Resource: ResourceArn,
              },
            ],
          });
        const hashes: string[] = [];
        let current: { PolicyId: string; PolicyHash: string } | undefined;
        for (const text of texts) {
          const r = await commands.PutResourcePolicy(caller, {
            ResourceArn,
            Policy: policy(text),
            ...current,
          })();
          if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
          current = r.right;
          hashes.push(r.right.PolicyHash);
        }
        return hashes;
      };
      expect(await run(nodeSha256Hex)).toEqual(await run(sha256Hex));
    },
  );
});
