/**
 * A page of policies read again over HTTP (issue 13): the handler keeps a large page's text and, from its second
 * read on, its UTF-8 bytes, which the listener writes as they are. What the client reads must not tell: every
 * answer is the page as it is now, with a `content-length` that counts its bytes, and any write in between shows
 * at once.
 */
import { Buffer } from 'node:buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_BYTES_FROM } from '@ssm-policy/server';
import { paramArn, rawCall, startTestEmulator, type TestEmulator } from '@ssm-policy/server/testing';

const PUT = 'AmazonSSM.PutResourcePolicy';
const GET = 'AmazonSSM.GetResourcePolicies';
const DELETE = 'AmazonSSM.DeleteResourcePolicy';

interface Stored {
  PolicyId: string;
  PolicyHash: string;
  Policy: string;
}

let emulator: TestEmulator;
const arn = paramArn('/pages/p');
// Non-ASCII text, so that the bytes and the characters of a page differ in number.
const policyText = (i: number, note = 'é') =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: `${note}${i}`.padEnd(40, note),
        Effect: 'Allow',
        Principal: { AWS: '210987654321' },
        Action: ['ssm:GetParameter', 'ssm:GetParameters'],
        Resource: arn,
      },
    ],
  });

/** One answer: its status, its `content-length`, and its body's bytes (the text is valid UTF-8: no lone surrogates). */
const getRaw = async (body: unknown): Promise<{ status: number; length: number; bytes: Buffer }> => {
  const answer = await rawCall(emulator.url, GET, JSON.stringify(body));
  return {
    status: answer.status,
    length: Number(answer.headers.get('content-length')),
    bytes: Buffer.from(answer.text, 'utf8'),
  };
};

const page = async (
  body: unknown = { ResourceArn: arn },
): Promise<{ Policies: Stored[]; NextToken?: string }> => {
  const answer = await getRaw(body);
  expect(answer.status).toBe(200);
  expect(answer.length).toBe(answer.bytes.byteLength);
  return JSON.parse(answer.bytes.toString('utf8')) as { Policies: Stored[]; NextToken?: string };
};

beforeAll(async () => {
  emulator = await startTestEmulator();
  await rawCall(
    emulator.url,
    'AmazonSSM.PutParameter',
    JSON.stringify({ Name: '/pages/p', Value: 'v', Type: 'String', Tier: 'Advanced' }),
  );
  for (let i = 0; i < 30; i++) {
    const put = await rawCall(emulator.url, PUT, JSON.stringify({ ResourceArn: arn, Policy: policyText(i) }));
    expect(put.status).toBe(200);
  }
});
afterAll(() => emulator.close());

describe('a page of policies read again', () => {
  it('W2 a large page read again and again is the same answer, its content-length its bytes', async () => {
    const first = await getRaw({ ResourceArn: arn });
    expect(first.bytes.toString('utf8').length).toBeGreaterThanOrEqual(PAGE_BYTES_FROM);
    // More bytes than characters: the length counts bytes.
    expect(first.length).toBeGreaterThan(first.bytes.toString('utf8').length);
    for (let i = 0; i < 4; i++) {
      const again = await getRaw({ ResourceArn: arn });
      expect(again.length).toBe(again.bytes.byteLength);
      expect(again.bytes.equals(first.bytes)).toBe(true);
    }
    expect((JSON.parse(first.bytes.toString('utf8')) as { Policies: Stored[] }).Policies).toHaveLength(30);
  });

  it('W2 H5 an update between two reads of a kept page shows at once', async () => {
    await page();
    const before = await page();
    const target = before.Policies[12]!;
    const put = await rawCall(
      emulator.url,
      PUT,
      JSON.stringify({
        ResourceArn: arn,
        Policy: policyText(12, 'ü'),
        PolicyId: target.PolicyId,
        PolicyHash: target.PolicyHash,
      }),
    );
    expect(put.status).toBe(200);
    const after = await page();
    expect(after.Policies[12]).toEqual({
      PolicyId: target.PolicyId,
      PolicyHash: put.json['PolicyHash'],
      Policy: policyText(12, 'ü'),
    });
    expect(after.Policies.filter((_, i) => i !== 12)).toEqual(before.Policies.filter((_, i) => i !== 12));
  });

  it('W2 H4 a delete between two reads of a kept page shows at once', async () => {
    await page();
    const before = await page();
    const gone = before.Policies[0]!;
    const deleted = await rawCall(
      emulator.url,
      DELETE,
      JSON.stringify({ ResourceArn: arn, PolicyId: gone.PolicyId, PolicyHash: gone.PolicyHash }),
    );
    expect(deleted.status).toBe(200);
    const after = await page();
    expect(after.Policies).toEqual(before.Policies.slice(1));
  });

  it('H8 the pages of one resource, each read twice, are each the page asked for', async () => {
    const all = (await page()).Policies;
    let NextToken: string | undefined;
    let at = 0;
    do {
      const body = { ResourceArn: arn, MaxResults: 10, ...(NextToken === undefined ? {} : { NextToken }) };
      const once = await page(body);
      const twice = await page(body);
      expect(twice).toEqual(once);
      expect(once.Policies).toEqual(all.slice(at, at + 10));
      at += once.Policies.length;
      NextToken = once.NextToken;
    } while (NextToken !== undefined);
    expect(at).toBe(all.length);
  });
});
