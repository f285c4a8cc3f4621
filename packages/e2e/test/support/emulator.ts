/**
 * Test support: the server's testing helpers (`@ssm-policy/server/testing`: an emulator on a free loopback
 * port with stores the test can inspect, a raw JSON caller, the default account and policies that pass the
 * document rules), plus an SDK client pointed at it, which the server's own tests do without.
 */
import { SSMClient } from '@aws-sdk/client-ssm';
import { REGION } from '@ssm-policy/server/testing';

export {
  ACCOUNT,
  OPS_ARN,
  OTHER_ACCOUNT,
  REGION,
  opsPolicy,
  paramArn,
  parameterPolicy,
  rawCall,
  startTestEmulator,
  type RawAnswer,
  type TestEmulator,
} from '@ssm-policy/server/testing';

/** An SDK client as one caller: a 12-digit access key id makes that the account (W6). */
export const sdkClient = (url: string, accessKeyId = 'AKIDEXAMPLE', region = REGION): SSMClient =>
  new SSMClient({
    endpoint: url,
    region,
    credentials: { accessKeyId, secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
