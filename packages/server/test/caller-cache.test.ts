// The wire handler makes each caller once per access key, region and client address and keeps it (issue 13):
// requests of different keys, regions and addresses, interleaved, each still act as their own caller, also
// after the bounded cache has been emptied.
import { describe, expect, it } from 'vitest';
import { ANSWER_NOW, createWireHandler, type WireRequest, type WireResponse } from '@ssm-policy/server';

const authorization = (key: string, region: string): string =>
  `AWS4-HMAC-SHA256 Credential=${key}/20260101/${region}/ssm/aws4_request, SignedHeaders=host, Signature=0`;

const request = (key: string | undefined, region: string, sourceIp: string | undefined): WireRequest => ({
  method: 'POST',
  path: '/',
  headers: {
    'x-amz-target': 'AmazonSSM.GetResourcePolicies',
    ...(key === undefined ? {} : { authorization: authorization(key, region) }),
  },
  body: new TextEncoder().encode(
    JSON.stringify({ ResourceArn: `arn:aws:ssm:${region}:111111111111:opsitemgroup/default` }),
  ),
  ...(sourceIp === undefined ? {} : { sourceIp }),
});

const answerOf = (handler: ReturnType<typeof createWireHandler>, r: WireRequest): WireResponse => {
  const answer = handler[ANSWER_NOW]!(r);
  if (answer instanceof Promise) throw new Error('the memory stores answer at once');
  return answer;
};

describe('callers kept made', () => {
  it('W6 A4 interleaved keys, regions and addresses each act as their own caller, before and after the cache empties', () => {
    const handler = createWireHandler({ defaultAccount: '999999999999', defaultRegion: 'eu-west-1' });
    const keys = [undefined, '111111111111', '222222222222', 'AKIDEXAMPLE'];
    const regions = ['us-east-1', 'eu-west-1'];
    const addresses = [undefined, '10.0.0.1', '10.0.0.2', '192.0.2.7'];
    const check = (key: string | undefined, region: string, sourceIp: string | undefined): void => {
      const caller = answerOf(handler, request(key, region, sourceIp)).caller;
      expect(caller?.account).toBe(key !== undefined && /^\d{12}$/.test(key) ? key : '999999999999');
      expect(caller?.region).toBe(key === undefined ? 'eu-west-1' : region);
      expect(caller?.sourceIp).toBe(sourceIp);
    };
    // Every combination, interleaved so that each key, region and address follows every other.
    const everyCombination = (): void => {
      for (let n = 0; n < 4 * 4 * 2 * 3; n++)
        check(keys[n % 4], regions[(n >> 4) % 2]!, addresses[((n >> 2) + n) % 4]);
    };
    everyCombination();
    // 1,500 addresses: past the cache's 1,024 entries, so it is emptied and filled again on the way.
    for (let n = 0; n < 1500; n++) check(keys[n % 4], regions[n % 2]!, `10.1.${n >> 8}.${n & 255}`);
    everyCombination();
  });
});
