/**
 * Rule W6's signature check through requests that the real `@aws-sdk/client-ssm` signs with SigV4, against an
 * emulator on a free loopback port whose profile turns verification on.
 */
import {
  GetResourcePoliciesCommand,
  PutResourcePolicyCommand,
  SSMClient,
  SSMServiceException,
} from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { makeProfile } from '@ssm-policy/core';
import { OPS_ARN, opsPolicy, rawCall, startTestEmulator } from '../support/emulator.js';

const GET = 'AmazonSSM.GetResourcePolicies';

describe('W6 the caller, signed by the SDK', () => {
  it('W6 signature verification (profile option, off by default) accepts only correctly signed requests', async () => {
    const strict = await startTestEmulator({
      profile: makeProfile({ verifySignatures: true }),
      secretFor: (id) => (id === 'AKIDGOOD' ? 'good-secret' : undefined),
    });
    const client = (accessKeyId: string, secretAccessKey: string) =>
      new SSMClient({
        endpoint: strict.url,
        region: 'us-east-1',
        credentials: { accessKeyId, secretAccessKey },
        maxAttempts: 1,
      });
    const good = client('AKIDGOOD', 'good-secret');
    const forged = client('AKIDGOOD', 'wrong-secret');
    const stranger = client('AKIDBAD', 'x');
    try {
      const ok = await good.send(new PutResourcePolicyCommand({ ResourceArn: OPS_ARN, Policy: opsPolicy() }));
      expect(ok.PolicyId).toEqual(expect.any(String));
      const codeOf = async (c: SSMClient) =>
        c.send(new GetResourcePoliciesCommand({ ResourceArn: OPS_ARN })).then(
          () => 'ok',
          (e: unknown) => (e instanceof SSMServiceException ? e.name : String(e)),
        );
      expect(await codeOf(forged)).toBe('InvalidSignatureException');
      expect(await codeOf(stranger)).toBe('UnrecognizedClientException');
      const unsigned = await rawCall(strict.url, GET, JSON.stringify({ ResourceArn: OPS_ARN }));
      expect(unsigned.json['__type']).toBe('MissingAuthenticationTokenException');
    } finally {
      good.destroy();
      forged.destroy();
      stranger.destroy();
      await strict.close();
    }
  });
});
