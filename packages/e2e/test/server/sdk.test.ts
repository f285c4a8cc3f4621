/**
 * The emulator through the real `@aws-sdk/client-ssm`: the three commands, the paginator, and every modeled
 * error class caught with `instanceof`, members included (rules W2, W3), on a server on a free loopback port.
 */
import {
  DeleteParameterCommand,
  DeleteResourcePolicyCommand,
  GetParameterCommand,
  GetResourcePoliciesCommand,
  InternalServerError,
  MalformedResourcePolicyDocumentException,
  ParameterAlreadyExists,
  ParameterNotFound,
  PutParameterCommand,
  PutResourcePolicyCommand,
  ResourceNotFoundException,
  ResourcePolicyConflictException,
  ResourcePolicyInvalidParameterException,
  ResourcePolicyLimitExceededException,
  ResourcePolicyNotFoundException,
  SSMServiceException,
  paginateGetResourcePolicies,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageError, type PolicyRepository } from '@ssm-policy/core';
import {
  ACCOUNT,
  OPS_ARN,
  OTHER_ACCOUNT,
  opsPolicy,
  paramArn,
  parameterPolicy,
  sdkClient,
  startTestEmulator,
  type TestEmulator,
} from '../support/emulator.js';

const caught = async (p: Promise<unknown>): Promise<unknown> => {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
};

let emulator: TestEmulator;
let ssm: SSMClient;

beforeAll(async () => {
  emulator = await startTestEmulator();
  ssm = sdkClient(emulator.url);
});
afterAll(async () => {
  ssm.destroy();
  await emulator.close();
});

const advanced = async (name: string): Promise<string> => {
  await ssm.send(new PutParameterCommand({ Name: name, Value: 'v', Type: 'String', Tier: 'Advanced' }));
  return paramArn(name);
};

describe('the three commands through the SDK', () => {
  it('W2 creates, reads, updates (keeping the PolicyId) and deletes a parameter policy', async () => {
    const arn = await advanced('/sdk/flow');
    const created = await ssm.send(
      new PutResourcePolicyCommand({ ResourceArn: arn, Policy: parameterPolicy(arn) }),
    );
    expect(created.PolicyId).toEqual(expect.any(String));
    expect(created.PolicyHash).toEqual(expect.any(String));
    expect(created.$metadata.httpStatusCode).toBe(200);
    expect(created.$metadata.requestId).toEqual(expect.any(String));

    const read = await ssm.send(new GetResourcePoliciesCommand({ ResourceArn: arn }));
    expect(read.Policies).toEqual([
      { PolicyId: created.PolicyId, PolicyHash: created.PolicyHash, Policy: parameterPolicy(arn) },
    ]);
    expect(read.NextToken).toBeUndefined();

    const updated = await ssm.send(
      new PutResourcePolicyCommand({
        ResourceArn: arn,
        Policy: parameterPolicy(arn, '333333333333'),
        PolicyId: created.PolicyId,
        PolicyHash: created.PolicyHash,
      }),
    );
    expect(updated.PolicyId).toBe(created.PolicyId);
    expect(updated.PolicyHash).not.toBe(created.PolicyHash);

    const deleted = await ssm.send(
      new DeleteResourcePolicyCommand({
        ResourceArn: arn,
        PolicyId: updated.PolicyId,
        PolicyHash: updated.PolicyHash,
      }),
    );
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    expect((await ssm.send(new GetResourcePoliciesCommand({ ResourceArn: arn }))).Policies).toEqual([]);
  });

  it('H8 paginateGetResourcePolicies walks every page in creation order', async () => {
    const arn = await advanced('/sdk/pages');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await ssm.send(
        new PutResourcePolicyCommand({
          ResourceArn: arn,
          Policy: parameterPolicy(arn, `1000000000${10 + i}`),
        }),
      );
      ids.push(r.PolicyId!);
    }
    const pages: number[] = [];
    const seen: string[] = [];
    for await (const page of paginateGetResourcePolicies(
      { client: ssm, pageSize: 3 },
      { ResourceArn: arn },
    )) {
      pages.push(page.Policies?.length ?? 0);
      seen.push(...(page.Policies ?? []).map((p) => p.PolicyId!));
    }
    expect(pages).toEqual([3, 3, 1]);
    expect(seen).toEqual(ids);
  });

  it('W6 a 12-digit access key id is the caller account, and the credential scope its region', async () => {
    const other = sdkClient(emulator.url, OTHER_ACCOUNT, 'eu-west-1');
    try {
      const own = `arn:aws:ssm:eu-west-1:${OTHER_ACCOUNT}:opsitemgroup/default`;
      const policy = opsPolicy().replaceAll(ACCOUNT, OTHER_ACCOUNT).replaceAll('us-east-1', 'eu-west-1');
      const r = await other.send(new PutResourcePolicyCommand({ ResourceArn: own, Policy: policy }));
      expect(r.PolicyId).toEqual(expect.any(String));
      const e = await caught(other.send(new GetResourcePoliciesCommand({ ResourceArn: OPS_ARN })));
      expect(e).toBeInstanceOf(ResourcePolicyInvalidParameterException);
    } finally {
      other.destroy();
    }
  });
});

describe('every modeled error through the SDK (W3)', () => {
  it('W3 R1 ResourcePolicyInvalidParameterException carries ParameterNames', async () => {
    const e = await caught(
      ssm.send(
        new PutResourcePolicyCommand({ ResourceArn: 'arn:aws:s3:::some-bucket-name', Policy: opsPolicy() }),
      ),
    );
    expect(e).toBeInstanceOf(ResourcePolicyInvalidParameterException);
    const x = e as ResourcePolicyInvalidParameterException;
    expect(x.name).toBe('ResourcePolicyInvalidParameterException');
    expect(x.ParameterNames).toEqual(['ResourceArn']);
    expect(x.message).toEqual(expect.any(String));
    expect(x.$metadata.httpStatusCode).toBe(400);
    expect(x.$fault).toBe('client');
  });

  it('W3 H3 ResourcePolicyInvalidParameterException names PolicyHash', async () => {
    const e = await caught(
      ssm.send(
        new PutResourcePolicyCommand({ ResourceArn: OPS_ARN, Policy: opsPolicy(), PolicyId: 'some-id' }),
      ),
    );
    expect(e).toBeInstanceOf(ResourcePolicyInvalidParameterException);
    expect((e as ResourcePolicyInvalidParameterException).ParameterNames).toEqual(['PolicyHash']);
  });

  it('W3 P1 ResourcePolicyLimitExceededException carries Limit and LimitType', async () => {
    const arn = await advanced('/sdk/size');
    const big = parameterPolicy(arn).replace('"Version"', `"Id":"${'x'.repeat(1100)}","Version"`);
    const e = await caught(ssm.send(new PutResourcePolicyCommand({ ResourceArn: arn, Policy: big })));
    expect(e).toBeInstanceOf(ResourcePolicyLimitExceededException);
    const x = e as ResourcePolicyLimitExceededException;
    expect(x.Limit).toBe(1024);
    expect(x.LimitType).toBe('PolicySize');
  });

  it('W3 H9 a second OpsItemGroup policy is ResourcePolicyLimitExceededException with Limit 1', async () => {
    await ssm.send(new PutResourcePolicyCommand({ ResourceArn: OPS_ARN, Policy: opsPolicy() }));
    const e = await caught(
      ssm.send(new PutResourcePolicyCommand({ ResourceArn: OPS_ARN, Policy: opsPolicy() })),
    );
    expect(e).toBeInstanceOf(ResourcePolicyLimitExceededException);
    expect((e as ResourcePolicyLimitExceededException).Limit).toBe(1);
    expect((e as ResourcePolicyLimitExceededException).LimitType).toBe('PolicyCount');
  });

  it('W3 H5 ResourcePolicyConflictException for a stale hash, and nothing changes', async () => {
    const arn = await advanced('/sdk/stale');
    const a = await ssm.send(
      new PutResourcePolicyCommand({ ResourceArn: arn, Policy: parameterPolicy(arn) }),
    );
    await ssm.send(
      new PutResourcePolicyCommand({
        ResourceArn: arn,
        Policy: parameterPolicy(arn, '333333333333'),
        PolicyId: a.PolicyId,
        PolicyHash: a.PolicyHash,
      }),
    );
    const before = emulator.state();
    const e = await caught(
      ssm.send(
        new DeleteResourcePolicyCommand({ ResourceArn: arn, PolicyId: a.PolicyId, PolicyHash: a.PolicyHash }),
      ),
    );
    expect(e).toBeInstanceOf(ResourcePolicyConflictException);
    expect((e as ResourcePolicyConflictException).$metadata.httpStatusCode).toBe(400);
    expect(emulator.state()).toEqual(before);
  });

  it('W3 H4 ResourcePolicyNotFoundException for an unknown PolicyId', async () => {
    const arn = await advanced('/sdk/missing');
    const e = await caught(
      ssm.send(new DeleteResourcePolicyCommand({ ResourceArn: arn, PolicyId: 'nope', PolicyHash: 'nope' })),
    );
    expect(e).toBeInstanceOf(ResourcePolicyNotFoundException);
  });

  it('W3 R4 ResourceNotFoundException for a parameter that does not exist', async () => {
    const e = await caught(ssm.send(new GetResourcePoliciesCommand({ ResourceArn: paramArn('/sdk/none') })));
    expect(e).toBeInstanceOf(ResourceNotFoundException);
  });

  it('W3 P2 MalformedResourcePolicyDocumentException for a document without Statement', async () => {
    const arn = await advanced('/sdk/malformed');
    const e = await caught(
      ssm.send(new PutResourcePolicyCommand({ ResourceArn: arn, Policy: '{"Version":"2012-10-17"}' })),
    );
    expect(e).toBeInstanceOf(MalformedResourcePolicyDocumentException);
  });

  it('W3 V2 ValidationException reaches the SDK as a service exception with its code', async () => {
    const e = await caught(ssm.send(new PutResourcePolicyCommand({ ResourceArn: OPS_ARN, Policy: '   ' })));
    expect(e).toBeInstanceOf(SSMServiceException);
    expect((e as SSMServiceException).name).toBe('ValidationException');
  });

  it('W3 InternalServerError (500) when the store fails, as a server fault', async () => {
    const failing: PolicyRepository = {
      capabilities: { assignsIdentity: false },
      create: () => TE.left(storageError('disk on fire')),
      update: () => TE.left(storageError('disk on fire')),
      delete: () => TE.left(storageError('disk on fire')),
      list: () => TE.left(storageError('disk on fire')),
      dropResource: () => TE.left(storageError('disk on fire')),
    };
    const broken = await startTestEmulator({ repository: failing });
    const client = sdkClient(broken.url);
    try {
      const e = await caught(client.send(new GetResourcePoliciesCommand({ ResourceArn: OPS_ARN })));
      expect(e).toBeInstanceOf(InternalServerError);
      expect((e as InternalServerError).$metadata.httpStatusCode).toBe(500);
      expect((e as InternalServerError).$fault).toBe('server');
    } finally {
      client.destroy();
      await broken.close();
    }
  });
});

describe('the parameter store through the SDK (R4–R7)', () => {
  it('R5 R6 refuse Standard parameters and AWS-managed SecureStrings; accept a customer key', async () => {
    await ssm.send(new PutParameterCommand({ Name: '/sdk/standard', Value: 'v', Type: 'String' }));
    const standard = await caught(
      ssm.send(
        new PutResourcePolicyCommand({
          ResourceArn: paramArn('/sdk/standard'),
          Policy: parameterPolicy(paramArn('/sdk/standard')),
        }),
      ),
    );
    expect(standard).toBeInstanceOf(ResourcePolicyInvalidParameterException);
    expect((standard as ResourcePolicyInvalidParameterException).ParameterNames).toEqual(['ResourceArn']);

    await ssm.send(
      new PutParameterCommand({ Name: '/sdk/managed', Value: 's', Type: 'SecureString', Tier: 'Advanced' }),
    );
    const managed = await caught(
      ssm.send(
        new PutResourcePolicyCommand({
          ResourceArn: paramArn('/sdk/managed'),
          Policy: parameterPolicy(paramArn('/sdk/managed')),
        }),
      ),
    );
    expect(managed).toBeInstanceOf(ResourcePolicyInvalidParameterException);

    await ssm.send(
      new PutParameterCommand({
        Name: '/sdk/cmk',
        Value: 's',
        Type: 'SecureString',
        Tier: 'Advanced',
        KeyId: 'alias/my-key',
      }),
    );
    const ok = await ssm.send(
      new PutResourcePolicyCommand({
        ResourceArn: paramArn('/sdk/cmk'),
        Policy: parameterPolicy(paramArn('/sdk/cmk')),
      }),
    );
    expect(ok.PolicyId).toEqual(expect.any(String));
  });

  it('R7 deleting a parameter drops its policies; a new one of the same name starts with none', async () => {
    const arn = await advanced('/sdk/r7');
    await ssm.send(new PutResourcePolicyCommand({ ResourceArn: arn, Policy: parameterPolicy(arn) }));
    await ssm.send(new DeleteParameterCommand({ Name: '/sdk/r7' }));
    expect(await caught(ssm.send(new GetResourcePoliciesCommand({ ResourceArn: arn })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
    expect(emulator.repository.snapshot().has(arn)).toBe(false);
    await advanced('/sdk/r7');
    expect((await ssm.send(new GetResourcePoliciesCommand({ ResourceArn: arn }))).Policies).toEqual([]);
  });

  it('PutParameter, GetParameter (by name and by ARN) and DeleteParameter answer AWS-shaped', async () => {
    const put = await ssm.send(
      new PutParameterCommand({
        Name: '/sdk/tiers',
        Value: 'x'.repeat(5000),
        Type: 'String',
        Tier: 'Intelligent-Tiering',
      }),
    );
    expect(put).toMatchObject({ Version: 1, Tier: 'Advanced' });
    const small = await ssm.send(
      new PutParameterCommand({ Name: 'flat', Value: 'x', Type: 'StringList', Tier: 'Intelligent-Tiering' }),
    );
    expect(small).toMatchObject({ Version: 1, Tier: 'Standard' });
    const byName = await ssm.send(new GetParameterCommand({ Name: '/sdk/tiers' }));
    expect(byName.Parameter).toMatchObject({
      Name: '/sdk/tiers',
      Type: 'String',
      Version: 1,
      ARN: paramArn('/sdk/tiers'),
    });
    expect(byName.Parameter?.LastModifiedDate).toBeInstanceOf(Date);
    const byArn = await ssm.send(new GetParameterCommand({ Name: paramArn('flat') }));
    expect(byArn.Parameter).toMatchObject({ Name: 'flat', Value: 'x', Type: 'StringList' });

    expect(
      await caught(ssm.send(new PutParameterCommand({ Name: 'flat', Value: 'y', Type: 'String' }))),
    ).toBeInstanceOf(ParameterAlreadyExists);
    const over = await ssm.send(new PutParameterCommand({ Name: 'flat', Value: 'y', Overwrite: true }));
    expect(over).toMatchObject({ Version: 2, Tier: 'Standard' });

    await ssm.send(new DeleteParameterCommand({ Name: 'flat' }));
    expect(await caught(ssm.send(new GetParameterCommand({ Name: 'flat' })))).toBeInstanceOf(
      ParameterNotFound,
    );
    expect(await caught(ssm.send(new DeleteParameterCommand({ Name: 'flat' })))).toBeInstanceOf(
      ParameterNotFound,
    );
  });
});
