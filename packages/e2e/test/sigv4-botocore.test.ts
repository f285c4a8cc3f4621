/**
 * Rule W6 across tools: requests signed by botocore's SigV4 signer (the one the AWS CLI uses; `python3` with
 * botocore, which CI gets from Debian's awscli) verify with the server's verifier, and tampered copies do not.
 * A second signer, written by other people in another language, catches canonicalization mistakes that a test
 * signing with the same assumptions as the verifier would share.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { makeProfile } from '@ssm-policy/core';
import {
  SIGNATURE_MISMATCH,
  secretLookupOf,
  startEmulator,
  verifySignature,
  type WireRequest,
} from '@ssm-policy/server';

const KEY = 'AKIAEXAMPLEBOTO00001';
const SECRET = 'botocore-secret-access-key';
const REGION = 'eu-west-1';
const ARN = `arn:aws:ssm:${REGION}:123456789012:opsitemgroup/default`;
const secretFor = secretLookupOf([{ accessKeyId: KEY, secretAccessKey: SECRET }]);

/** Reads {url, headers, body, accessKeyId, secretAccessKey, region} and prints the headers botocore signs. */
const BOTOCORE_SIGN = `
import json, sys
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
spec = json.load(sys.stdin)
request = AWSRequest(method='POST', url=spec['url'], data=spec['body'].encode('utf-8'), headers=spec['headers'])
SigV4Auth(Credentials(spec['accessKeyId'], spec['secretAccessKey']), 'ssm', spec['region']).add_auth(request)
json.dump(dict(request.headers.items()), sys.stdout)
`;

/** The headers botocore adds and signs for a POST of `body` to `url`, with lower-case names. */
const botocoreSign = (url: string, target: string, body: string): Record<string, string> => {
  const spec = {
    url,
    body,
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': target },
    accessKeyId: KEY,
    secretAccessKey: SECRET,
    region: REGION,
  };
  const run = spawnSync('python3', ['-c', BOTOCORE_SIGN], { input: JSON.stringify(spec), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python3 with botocore failed: ${run.stderr || String(run.error)}`);
  const signed = JSON.parse(run.stdout) as Record<string, string>;
  return Object.fromEntries(Object.entries(signed).map(([k, v]) => [k.toLowerCase(), v]));
};

const GET = 'AmazonSSM.GetResourcePolicies';
const PUT = 'AmazonSSM.PutResourcePolicy';
const getBody = JSON.stringify({ ResourceArn: ARN });
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const check = { secretFor, now: () => new Date() };

describe('W6 botocore-signed requests and the server verifier', () => {
  it('W6 a request botocore signs verifies; its copy with another body or operation (tampered) does not', () => {
    const host = '127.0.0.1:4583';
    const headers = botocoreSign(`http://${host}/`, GET, getBody);
    expect(headers['authorization']).toMatch(
      new RegExp(`^AWS4-HMAC-SHA256 Credential=${KEY}/\\d{8}/${REGION}/ssm/aws4_request, SignedHeaders=`),
    );
    const request: WireRequest = {
      method: 'POST',
      path: '/',
      headers: { ...headers, host },
      body: bytes(getBody),
    };
    expect(verifySignature(request, check)).toBeUndefined();

    const otherBody = JSON.stringify({ ResourceArn: ARN.replace('123456789012', '999999999999') });
    expect(verifySignature({ ...request, body: bytes(otherBody) }, check)).toMatchObject({
      _tag: 'InvalidSignatureException',
      message: SIGNATURE_MISMATCH,
    });
    const otherTarget = { ...request, headers: { ...request.headers, 'x-amz-target': PUT } };
    expect(verifySignature(otherTarget, check)?.message).toBe(SIGNATURE_MISMATCH);
    const otherKey = { ...check, secretFor: () => 'not-the-secret' };
    expect(verifySignature(request, otherKey)?.message).toBe(SIGNATURE_MISMATCH);
  });

  it('W6 over a real socket: the emulator with verification on takes a botocore-signed put, and refuses its body swapped', async () => {
    const emulator = await startEmulator({
      port: 0,
      profile: makeProfile({ verifySignatures: true }),
      secretFor,
    });
    try {
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: '210987654321' },
            Action: ['ssm:CreateOpsItem', 'ssm:GetOpsItem'],
            Resource: [`arn:aws:ssm:${REGION}:123456789012:opsitem/*`, ARN],
          },
        ],
      });
      const body = JSON.stringify({ ResourceArn: ARN, Policy: policy });
      const headers = botocoreSign(`${emulator.url}/`, PUT, body);
      const send = async (payload: string) => {
        const res = await fetch(emulator.url, { method: 'POST', headers, body: payload });
        return { status: res.status, json: (await res.json()) as Record<string, unknown> };
      };
      const put = await send(body);
      expect(put.status).toBe(200);
      expect(put.json['PolicyId']).toEqual(expect.any(String));

      const swapped = await send(body.replace('210987654321', '999999999999'));
      expect(swapped).toEqual({
        status: 400,
        json: { __type: 'InvalidSignatureException', Message: SIGNATURE_MISMATCH },
      });
    } finally {
      await emulator.close();
    }
  });
});
