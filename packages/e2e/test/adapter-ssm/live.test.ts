// Live mode: with SSM_LIVE=1 and real credentials (the SDK's usual chain, AWS_REGION or us-east-1) every test
// of this package that goes through `openTarget` runs against the real AWS instead of our emulator. These
// checks only make sense there; CI leaves SSM_LIVE unset and skips them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSsmResourcePolicyService } from '@ssm-policy/adapter-ssm';
import { LIVE, openTarget, type Target } from './target.js';

describe.skipIf(!LIVE)('live: the real AWS', () => {
  let target: Target;
  beforeAll(async () => {
    target = await openTarget();
  });
  afterAll(() => target.close());

  it("W6 the caller's account comes from the credential chain", () => {
    expect(target.account).toMatch(/^\d{12}$/);
  });

  it("R3 another account's OpsItemGroup is refused with ResourcePolicyInvalidParameterException", async () => {
    const other = target.account === '210987654321' ? '123456789012' : '210987654321';
    const service = createSsmResourcePolicyService(target.client);
    const r = await service.GetResourcePolicies({
      ResourceArn: `arn:aws:ssm:${target.region}:${other}:opsitemgroup/default`,
    })();
    expect(r).toMatchObject({ _tag: 'Left', left: { _tag: 'ResourcePolicyInvalidParameterException' } });
  });
});
