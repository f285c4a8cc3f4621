import { describe, expect, it } from 'vitest';
import { createMemoryService } from '@ssm-policy/adapter-memory';
import {
  DeleteResourcePolicy,
  GetResourcePolicies,
  PutResourcePolicy,
  bindCaller,
  defaultProfile,
  makeCaller,
  makeProfile,
  parameterArn,
  putResourcePolicy,
  seededIdSource,
} from '@ssm-policy/core';
import {
  ACCOUNT,
  AWS_KEY_ARN,
  CMK_ARN,
  FLAT_ARN,
  MISSING_ARN,
  OPS_ARN,
  OTHER_ACCOUNT,
  PARAM_ARN,
  REGION,
  STANDARD_ARN,
  caller,
  left,
  listAll,
  nthPolicy,
  policyFor,
  right,
  scope,
  setup,
  stateOf,
} from './fixtures.js';

describe('V: validation end to end', () => {
  it('V1 a missing or short ResourceArn is a ValidationException for all three commands', async () => {
    const { service, repository } = setup();
    expect(left(await service.PutResourcePolicy({ Policy: policyFor(OPS_ARN) })())._tag).toBe(
      'ValidationException',
    );
    expect(left(await service.GetResourcePolicies({ ResourceArn: 'arn:aws:ssm' })())._tag).toBe(
      'ValidationException',
    );
    expect(
      left(
        await service.DeleteResourcePolicy({
          ResourceArn: 'x'.repeat(2049),
          PolicyId: 'p',
          PolicyHash: 'h',
        })(),
      )._tag,
    ).toBe('ValidationException');
    expect(repository.snapshot().size).toBe(0);
  });

  it('V2 a blank or multi-line Policy is a ValidationException; compact JSON is stored', async () => {
    const { service } = setup();
    for (const Policy of ['', '  ', JSON.stringify(JSON.parse(policyFor(OPS_ARN)), null, 2)]) {
      expect(left(await service.PutResourcePolicy({ ResourceArn: OPS_ARN, Policy })())._tag).toBe(
        'ValidationException',
      );
    }
    right(await service.PutResourcePolicy({ ResourceArn: OPS_ARN, Policy: policyFor(OPS_ARN) })());
  });

  it('V3 a fractional, NaN or infinite MaxResults is a ValidationException, never a page', async () => {
    const { service } = setup();
    for (const MaxResults of [1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(left(await service.GetResourcePolicies({ ResourceArn: OPS_ARN, MaxResults })())._tag).toBe(
        'ValidationException',
      );
    }
  });

  it('V1 a body or member of the wrong type, past the types, is a ValidationException, never a throw', async () => {
    const { service, repository } = setup();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const bad: any[] = [
      null,
      undefined,
      'body',
      7,
      [],
      { ResourceArn: 7, Policy: '{}' },
      { ResourceArn: OPS_ARN, Policy: {}, PolicyId: 1, PolicyHash: 'h', MaxResults: '5' },
    ];
    for (const input of bad) {
      await expect(service.PutResourcePolicy(input)()).resolves.toMatchObject({
        left: { _tag: 'ValidationException' },
      });
      await expect(service.GetResourcePolicies(input)()).resolves.toMatchObject({
        left: { _tag: 'ValidationException' },
      });
      await expect(service.DeleteResourcePolicy(input)()).resolves.toMatchObject({
        left: { _tag: 'ValidationException' },
      });
    }
    expect(repository.snapshot().size).toBe(0);
  });

  it('V3 MaxResults 0 or 51 is a ValidationException', async () => {
    const { service } = setup();
    for (const MaxResults of [0, 51]) {
      expect(left(await service.GetResourcePolicies({ ResourceArn: OPS_ARN, MaxResults })())._tag).toBe(
        'ValidationException',
      );
    }
  });

  it('V4 Delete without PolicyHash is a ValidationException', async () => {
    const { service } = setup();
    const e = left(await service.DeleteResourcePolicy({ ResourceArn: OPS_ARN, PolicyId: 'p' })());
    expect(e).toEqual({
      _tag: 'ValidationException',
      message:
        "1 validation error detected: Value null at 'policyHash' failed to satisfy constraint: Member must not be null",
      fault: 'client',
    });
  });

  it('V5 a command reports every violation in one message', async () => {
    const { service } = setup();
    expect(left(await service.GetResourcePolicies({ ResourceArn: OPS_ARN, MaxResults: 51 })()).message).toBe(
      "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
    expect(left(await service.DeleteResourcePolicy({ ResourceArn: OPS_ARN })()).message).toBe(
      "2 validation errors detected: Value null at 'policyId' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'policyHash' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe('R: resources end to end', () => {
  const invalidArn = { _tag: 'ResourcePolicyInvalidParameterException', ParameterNames: ['ResourceArn'] };

  it('R1 a malformed ARN is refused by all three commands', async () => {
    const { service } = setup();
    const arn = `arn:aws:s3:${REGION}:123456789012:parameter/app/db`;
    expect(
      left(await service.PutResourcePolicy({ ResourceArn: arn, Policy: policyFor(arn) })()),
    ).toMatchObject(invalidArn);
    expect(left(await service.GetResourcePolicies({ ResourceArn: arn })())).toMatchObject(invalidArn);
    expect(
      left(await service.DeleteResourcePolicy({ ResourceArn: arn, PolicyId: 'p', PolicyHash: 'h' })()),
    ).toMatchObject(invalidArn);
  });

  it('R2 an unsupported resource type is refused', async () => {
    const { service } = setup();
    const arn = `arn:aws:ssm:${REGION}:123456789012:document/MyDoc`;
    expect(left(await service.GetResourcePolicies({ ResourceArn: arn })())).toMatchObject(invalidArn);
    expect(right(await service.GetResourcePolicies({ ResourceArn: FLAT_ARN })())).toEqual({ Policies: [] });
  });

  it('R3 another account or region is refused, even for the OpsItemGroup that exists everywhere', async () => {
    const { service } = setup();
    for (const arn of [
      `arn:aws:ssm:${REGION}:${OTHER_ACCOUNT}:opsitemgroup/default`,
      'arn:aws:ssm:eu-west-1:123456789012:opsitemgroup/default',
    ]) {
      expect(
        left(await service.PutResourcePolicy({ ResourceArn: arn, Policy: policyFor(arn) })()),
      ).toMatchObject(invalidArn);
      expect(left(await service.GetResourcePolicies({ ResourceArn: arn })())).toMatchObject(invalidArn);
    }
  });

  it("R3 the region check can be turned off in the profile; R8 still refuses another account's resource", async () => {
    const { service } = setup({ profile: makeProfile({ requireCallerRegion: false }) });
    const elsewhere = `arn:aws:ssm:eu-west-1:${ACCOUNT}:opsitemgroup/default`;
    right(await service.PutResourcePolicy({ ResourceArn: elsewhere, Policy: policyFor(elsewhere) })());
    const foreign = `arn:aws:ssm:${REGION}:${OTHER_ACCOUNT}:opsitemgroup/default`;
    expect(
      left(await service.PutResourcePolicy({ ResourceArn: foreign, Policy: policyFor(foreign) })()),
    ).toMatchObject(invalidArn);
  });

  it('R4 a parameter that does not exist is ResourceNotFoundException for Put, Get and Delete', async () => {
    const { service } = setup();
    expect(
      left(await service.PutResourcePolicy({ ResourceArn: MISSING_ARN, Policy: policyFor(MISSING_ARN) })())
        ._tag,
    ).toBe('ResourceNotFoundException');
    expect(left(await service.GetResourcePolicies({ ResourceArn: MISSING_ARN })())._tag).toBe(
      'ResourceNotFoundException',
    );
    expect(
      left(await service.DeleteResourcePolicy({ ResourceArn: MISSING_ARN, PolicyId: 'p', PolicyHash: 'h' })())
        ._tag,
    ).toBe('ResourceNotFoundException');
  });

  it('R5 a Standard parameter cannot get a policy', async () => {
    const { service, repository } = setup();
    expect(
      left(await service.PutResourcePolicy({ ResourceArn: STANDARD_ARN, Policy: policyFor(STANDARD_ARN) })())
        ._tag,
    ).toBe('ResourcePolicyInvalidParameterException');
    expect(repository.snapshot().size).toBe(0);
  });

  it('R6 a SecureString needs a customer managed key', async () => {
    const { service } = setup();
    expect(
      left(await service.PutResourcePolicy({ ResourceArn: AWS_KEY_ARN, Policy: policyFor(AWS_KEY_ARN) })())
        ._tag,
    ).toBe('ResourcePolicyInvalidParameterException');
    right(await service.PutResourcePolicy({ ResourceArn: CMK_ARN, Policy: policyFor(CMK_ARN) })());
  });

  it('R6 a catalog that gives KeyManager makes the aws/ssm key refused by its key id or key ARN too', async () => {
    const { service, catalog } = setup();
    const keyId = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
    for (const [name, KeyId] of [
      ['/secure/by-id', keyId],
      ['/secure/by-arn', `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId}`],
    ] as const) {
      catalog.put(scope, { Name: name, Type: 'SecureString', Tier: 'Advanced', KeyId, KeyManager: 'AWS' });
      const arn = parameterArn(scope, name);
      expect(
        left(await service.PutResourcePolicy({ ResourceArn: arn, Policy: policyFor(arn) })()),
      ).toMatchObject({
        _tag: 'ResourcePolicyInvalidParameterException',
        ParameterNames: ['ResourceArn'],
      });
      catalog.put(scope, {
        Name: name,
        Type: 'SecureString',
        Tier: 'Advanced',
        KeyId,
        KeyManager: 'CUSTOMER',
      });
      right(await service.PutResourcePolicy({ ResourceArn: arn, Policy: policyFor(arn) })());
    }
  });

  it('R7 a parameter deleted and created again starts with no policies (dropResource)', async () => {
    const { service, repository, catalog } = setup();
    right(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: policyFor(PARAM_ARN) })());
    right(await service.PutResourcePolicy({ ResourceArn: OPS_ARN, Policy: policyFor(OPS_ARN) })());
    expect(catalog.remove({ partition: 'aws', region: REGION, account: '123456789012' }, '/app/db')).toBe(
      true,
    );
    right(await repository.dropResource({ arn: PARAM_ARN })());
    expect(left(await service.GetResourcePolicies({ ResourceArn: PARAM_ARN })())._tag).toBe(
      'ResourceNotFoundException',
    );
    catalog.put(
      { partition: 'aws', region: REGION, account: '123456789012' },
      { Name: '/app/db', Type: 'String', Tier: 'Advanced' },
    );
    expect(right(await service.GetResourcePolicies({ ResourceArn: PARAM_ARN })())).toEqual({ Policies: [] });
    // Other resources keep theirs; dropping a resource with no policies is fine.
    expect(await listAll(service, OPS_ARN)).toHaveLength(1);
    right(await repository.dropResource({ arn: PARAM_ARN })());
  });

  it('R8 the account a parameter was shared with cannot put, read or delete its policies', async () => {
    const { service } = setup();
    const shared = `arn:aws:ssm:${REGION}:${OTHER_ACCOUNT}:parameter/shared/with-me`;
    expect(
      left(await service.PutResourcePolicy({ ResourceArn: shared, Policy: policyFor(shared) })()),
    ).toMatchObject(invalidArn);
    expect(
      left(await service.DeleteResourcePolicy({ ResourceArn: shared, PolicyId: 'p', PolicyHash: 'h' })()),
    ).toMatchObject(invalidArn);
  });
});

describe("R8 end to end: a consumer never manages the owner's policies", () => {
  const invalidArn = { _tag: 'ResourcePolicyInvalidParameterException', ParameterNames: ['ResourceArn'] };

  it("R8 even with R3 off and a policy granting the consumer read access, Put and Delete on the owner's parameter are refused", async () => {
    const profile = makeProfile({ requireCallerRegion: false });
    const memory = setup({ profile });
    const ownerScope = { partition: 'aws', region: REGION, account: OTHER_ACCOUNT };
    memory.catalog.put(ownerScope, { Name: '/shared/db', Type: 'String', Tier: 'Advanced' });
    const owner = bindCaller(memory.commands, makeCaller({ account: OTHER_ACCOUNT, region: REGION }));
    const arn = parameterArn(ownerScope, '/shared/db');
    const grant = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'ssm:GetParameter', Resource: arn },
      ],
    });
    const created = right(await owner.PutResourcePolicy({ ResourceArn: arn, Policy: grant })());
    const consumer = memory.service;
    expect(left(await consumer.PutResourcePolicy({ ResourceArn: arn, Policy: grant })())).toMatchObject(
      invalidArn,
    );
    expect(
      left(await consumer.PutResourcePolicy({ ResourceArn: arn, Policy: grant, ...created })()),
    ).toMatchObject(invalidArn);
    expect(left(await consumer.DeleteResourcePolicy({ ResourceArn: arn, ...created })())).toMatchObject(
      invalidArn,
    );
    expect(left(await consumer.GetResourcePolicies({ ResourceArn: arn })())).toMatchObject(invalidArn);
    // Nothing changed: the owner still has its one policy, with its hash.
    expect(right(await owner.GetResourcePolicies({ ResourceArn: arn })()).Policies).toEqual([
      { ...created, Policy: grant },
    ]);
  });

  it('R8 profile: foreignResourceError picks the code, refuseForeignGet false lets the consumer read', async () => {
    const profile = makeProfile({
      foreignResourceError: 'ResourceNotFoundException',
      refuseForeignGet: false,
    });
    const memory = setup({ profile });
    const ownerScope = { partition: 'aws', region: REGION, account: OTHER_ACCOUNT };
    memory.catalog.put(ownerScope, { Name: '/shared/db', Type: 'String', Tier: 'Advanced' });
    const arn = parameterArn(ownerScope, '/shared/db');
    expect(
      left(await memory.service.PutResourcePolicy({ ResourceArn: arn, Policy: policyFor(arn) })())._tag,
    ).toBe('ResourceNotFoundException');
    expect(right(await memory.service.GetResourcePolicies({ ResourceArn: arn })())).toEqual({ Policies: [] });
  });
});

describe('H12 end to end: excessive Put/Delete calls, with a fake clock', () => {
  const rateProfile = (extra: Parameters<typeof makeProfile>[0] = {}) =>
    makeProfile({ policyWriteRate: { perSecond: 1, burst: 2 }, ...extra });
  const fakeClock = () => {
    let t = 0;
    return { now: () => t, advance: (ms: number) => void (t += ms) };
  };
  const memoryWith = (profile: ReturnType<typeof makeProfile>, clock: ReturnType<typeof fakeClock>) => {
    const memory = createMemoryService({ profile, clock, ids: seededIdSource(1) });
    memory.catalog.put(scope, { Name: '/app/db', Type: 'String', Tier: 'Advanced' });
    memory.catalog.put(scope, { Name: '/std', Type: 'String', Tier: 'Standard' });
    return { ...memory, service: bindCaller(memory.commands, caller) };
  };
  const MALFORMED = { _tag: 'MalformedResourcePolicyDocumentException' };

  it('H12 Put and Delete share the per-resource budget; an excess call is refused and changes nothing', async () => {
    const clock = fakeClock();
    const { service } = memoryWith(rateProfile(), clock);
    const a = right(
      await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: policyFor(PARAM_ARN) })(),
    );
    right(await service.DeleteResourcePolicy({ ResourceArn: PARAM_ARN, ...a })());
    expect(
      left(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: policyFor(PARAM_ARN) })()),
    ).toMatchObject(MALFORMED);
    expect(right(await service.GetResourcePolicies({ ResourceArn: PARAM_ARN })())).toEqual({ Policies: [] });
    // Get is not rate-limited, and another resource has its own budget.
    right(await service.PutResourcePolicy({ ResourceArn: OPS_ARN, Policy: policyFor(OPS_ARN) })());
    clock.advance(1000);
    const b = right(
      await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: policyFor(PARAM_ARN) })(),
    );
    expect(left(await service.DeleteResourcePolicy({ ResourceArn: PARAM_ARN, ...b })())).toMatchObject(
      MALFORMED,
    );
    expect((await listAll(service, PARAM_ARN)).map((p) => p.PolicyId)).toEqual([b.PolicyId]);
  });

  it('O1 H12 comes after R4 and R5 and before P1: refused calls before H12 spend nothing', async () => {
    const clock = fakeClock();
    const { service } = memoryWith(rateProfile({ policyWriteRate: { perSecond: 1, burst: 1 } }), clock);
    const STD = parameterArn(scope, '/std');
    // R5 refuses before H12 and takes no token from the Standard parameter's bucket.
    for (let i = 0; i < 3; i++)
      expect(left(await service.PutResourcePolicy({ ResourceArn: STD, Policy: policyFor(STD) })())._tag).toBe(
        'ResourcePolicyInvalidParameterException',
      );
    expect(
      left(await service.PutResourcePolicy({ ResourceArn: MISSING_ARN, Policy: policyFor(MISSING_ARN) })())
        ._tag,
    ).toBe('ResourceNotFoundException');
    // A call that reaches H12 takes the token even when P2 then refuses it.
    expect(
      left(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: 'not json' })()),
    ).toMatchObject(MALFORMED);
    // An oversized document (P1) now meets H12 first.
    const big = policyFor(PARAM_ARN, { Sid: 'x'.repeat(1100) });
    expect(left(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: big })())).toMatchObject({
      ...MALFORMED,
      message: expect.stringContaining('excessive PutResourcePolicy'),
    });
    clock.advance(1000);
    expect(left(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: big })())._tag).toBe(
      'ResourcePolicyLimitExceededException',
    );
  });
});

describe('P: documents end to end', () => {
  it('P1 a policy of 1025 UTF-8 bytes is ResourcePolicyLimitExceededException Limit 1024 PolicySize', async () => {
    const { service } = setup();
    const base = policyFor(PARAM_ARN, { Sid: '' });
    const room = 1025 - Buffer.byteLength(base);
    const big = policyFor(PARAM_ARN, { Sid: 'é'.repeat(Math.floor(room / 2)) + 'a'.repeat(room % 2) });
    expect(Buffer.byteLength(big)).toBe(1025);
    expect(big.length).toBeLessThan(1024);
    expect(left(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: big })())).toMatchObject({
      _tag: 'ResourcePolicyLimitExceededException',
      Limit: 1024,
      LimitType: 'PolicySize',
    });
  });

  it('P2 a document without Statement is MalformedResourcePolicyDocumentException', async () => {
    const { service } = setup();
    expect(
      left(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: '{"Version":"2012-10-17"}' })())
        ._tag,
    ).toBe('MalformedResourcePolicyDocumentException');
  });

  it('P3 a statement without Principal is MalformedResourcePolicyDocumentException', async () => {
    const { service } = setup();
    const policy = JSON.stringify({
      Statement: { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: PARAM_ARN },
    });
    expect(left(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: policy })())._tag).toBe(
      'MalformedResourcePolicyDocumentException',
    );
  });

  it('P4 a parameter policy granting ssm:PutParameter is refused', async () => {
    const { service } = setup();
    expect(
      left(
        await service.PutResourcePolicy({
          ResourceArn: PARAM_ARN,
          Policy: policyFor(PARAM_ARN, { Action: 'ssm:PutParameter' }),
        })(),
      )._tag,
    ).toBe('MalformedResourcePolicyDocumentException');
  });

  it('P5 an OpsItemGroup policy granting ssm:GetParameter is refused', async () => {
    const { service } = setup();
    expect(
      left(
        await service.PutResourcePolicy({
          ResourceArn: OPS_ARN,
          Policy: policyFor(OPS_ARN, { Action: 'ssm:GetParameter' }),
        })(),
      )._tag,
    ).toBe('MalformedResourcePolicyDocumentException');
  });

  it('P6 a policy naming another resource is refused', async () => {
    const { service } = setup();
    expect(
      left(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: policyFor(FLAT_ARN) })())._tag,
    ).toBe('MalformedResourcePolicyDocumentException');
  });

  it('P7 the text is stored and returned byte for byte (whitespace, unicode escapes, key order)', async () => {
    const { service } = setup();
    const odd =
      `  {"Statement" : [ {"Resource":"${PARAM_ARN}",  "Sid":"\\u00e9t\\u00C9 é 😀 \\ud83d\\ude00",` +
      `"Action":["ssm:GetParameters" ,"ssm:GetParameter"],"Principal":{"AWS":["${OTHER_ACCOUNT}"]},"Effect":"Allow"}],` +
      `"Version":"2012-10-17"}\t `;
    const created = right(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: odd })());
    const [stored] = await listAll(service, PARAM_ARN);
    expect(stored).toEqual({ ...created, Policy: odd });
    const again = `${odd}  `;
    const updated = right(
      await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: again, ...created })(),
    );
    expect((await listAll(service, PARAM_ARN))[0]).toEqual({ ...updated, Policy: again });
  });
});

describe('H: identity and hashes end to end', () => {
  it('H1 a create returns a new PolicyId and PolicyHash; ids are unique across resources', async () => {
    const { service } = setup();
    const ids = new Set<string>();
    for (const arn of [OPS_ARN, PARAM_ARN, FLAT_ARN, CMK_ARN]) {
      for (let i = 0; i < (arn === OPS_ARN ? 1 : 5); i++) {
        const r = right(await service.PutResourcePolicy({ ResourceArn: arn, Policy: nthPolicy(arn, i) })());
        expect(r.PolicyId).toMatch(/^[0-9a-f-]{36}$/);
        expect(r.PolicyHash).toMatch(/^[0-9a-f]{64}$/);
        ids.add(r.PolicyId);
      }
    }
    expect(ids.size).toBe(16);
  });

  it("H2 a Put with PolicyHash and no PolicyId is refused with ['PolicyId']", async () => {
    const { service, repository } = setup();
    expect(
      left(
        await service.PutResourcePolicy({
          ResourceArn: PARAM_ARN,
          Policy: policyFor(PARAM_ARN),
          PolicyHash: 'h',
        })(),
      ),
    ).toMatchObject({
      _tag: 'ResourcePolicyInvalidParameterException',
      ParameterNames: ['PolicyId'],
    });
    expect(repository.snapshot().size).toBe(0);
  });

  it("H3 a Put with PolicyId and no PolicyHash is refused with ['PolicyHash']", async () => {
    const { service } = setup();
    const created = right(
      await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: policyFor(PARAM_ARN) })(),
    );
    expect(
      left(
        await service.PutResourcePolicy({
          ResourceArn: PARAM_ARN,
          Policy: policyFor(PARAM_ARN),
          PolicyId: created.PolicyId,
        })(),
      ),
    ).toMatchObject({ _tag: 'ResourcePolicyInvalidParameterException', ParameterNames: ['PolicyHash'] });
  });

  it('H4 Put or Delete naming an id the resource does not have is ResourcePolicyNotFoundException', async () => {
    const { service } = setup();
    const onOps = right(
      await service.PutResourcePolicy({ ResourceArn: OPS_ARN, Policy: policyFor(OPS_ARN) })(),
    );
    // The id exists, but on another resource.
    expect(
      left(
        await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: policyFor(PARAM_ARN), ...onOps })(),
      )._tag,
    ).toBe('ResourcePolicyNotFoundException');
    expect(left(await service.DeleteResourcePolicy({ ResourceArn: PARAM_ARN, ...onOps })())._tag).toBe(
      'ResourcePolicyNotFoundException',
    );
    expect(
      left(
        await service.DeleteResourcePolicy({
          ResourceArn: OPS_ARN,
          PolicyId: 'nope',
          PolicyHash: onOps.PolicyHash,
        })(),
      )._tag,
    ).toBe('ResourcePolicyNotFoundException');
  });

  it('H5 a stale PolicyHash is ResourcePolicyConflictException and nothing changes', async () => {
    const { service, repository } = setup();
    const v1 = right(
      await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: nthPolicy(PARAM_ARN, 1) })(),
    );
    const v2 = right(
      await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: nthPolicy(PARAM_ARN, 2), ...v1 })(),
    );
    const before = stateOf(repository);
    expect(
      left(
        await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: nthPolicy(PARAM_ARN, 3), ...v1 })(),
      )._tag,
    ).toBe('ResourcePolicyConflictException');
    expect(left(await service.DeleteResourcePolicy({ ResourceArn: PARAM_ARN, ...v1 })())._tag).toBe(
      'ResourcePolicyConflictException',
    );
    expect(stateOf(repository)).toEqual(before);
    expect(await listAll(service, PARAM_ARN)).toEqual([{ ...v2, Policy: nthPolicy(PARAM_ARN, 2) }]);
  });

  it('H6 an update keeps the PolicyId and returns a new hash, even for the same text (A → B → A)', async () => {
    const { service } = setup();
    const A = nthPolicy(PARAM_ARN, 1);
    const B = nthPolicy(PARAM_ARN, 2);
    const h1 = right(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: A })());
    const h2 = right(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: B, ...h1 })());
    const h3 = right(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: A, ...h2 })());
    const h4 = right(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: A, ...h3 })());
    expect(new Set([h1, h2, h3, h4].map((h) => h.PolicyId))).toEqual(new Set([h1.PolicyId]));
    expect(new Set([h1, h2, h3, h4].map((h) => h.PolicyHash)).size).toBe(4);
    // The first hash cannot be revived.
    expect(left(await service.DeleteResourcePolicy({ ResourceArn: PARAM_ARN, ...h1 })())._tag).toBe(
      'ResourcePolicyConflictException',
    );
  });

  it('H6 with the content hash profile, A → B → A brings back the hash of A', async () => {
    const { service } = setup({ profile: makeProfile({ hashStrategy: 'content' }) });
    const A = nthPolicy(PARAM_ARN, 1);
    const h1 = right(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: A })());
    const h2 = right(
      await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: nthPolicy(PARAM_ARN, 2), ...h1 })(),
    );
    const h3 = right(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: A, ...h2 })());
    expect(h3).toEqual(h1);
  });

  it('H7 Delete with the current id and hash removes the policy; a second Delete is ResourcePolicyNotFoundException', async () => {
    const { service, repository } = setup();
    const p = right(await service.PutResourcePolicy({ ResourceArn: OPS_ARN, Policy: policyFor(OPS_ARN) })());
    expect(right(await service.DeleteResourcePolicy({ ResourceArn: OPS_ARN, ...p })())).toEqual({});
    expect(right(await service.GetResourcePolicies({ ResourceArn: OPS_ARN })())).toEqual({ Policies: [] });
    expect(left(await service.DeleteResourcePolicy({ ResourceArn: OPS_ARN, ...p })())._tag).toBe(
      'ResourcePolicyNotFoundException',
    );
    expect(repository.snapshot().size).toBe(0);
    // The group can take a policy again.
    right(await service.PutResourcePolicy({ ResourceArn: OPS_ARN, Policy: policyFor(OPS_ARN) })());
  });

  it('H8 Get pages in creation order with NextToken, default 50 per page; no policies answers {Policies: []}', async () => {
    const { service } = setup();
    expect(right(await service.GetResourcePolicies({ ResourceArn: PARAM_ARN })())).toEqual({ Policies: [] });
    const created: string[] = [];
    for (let i = 0; i < 53; i++) {
      created.push(
        right(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: nthPolicy(PARAM_ARN, i) })())
          .PolicyId,
      );
    }
    const first = right(await service.GetResourcePolicies({ ResourceArn: PARAM_ARN })());
    expect(first.Policies).toHaveLength(50);
    expect(first.NextToken).toBeDefined();
    const second = right(
      await service.GetResourcePolicies({ ResourceArn: PARAM_ARN, NextToken: first.NextToken! })(),
    );
    expect(second.Policies).toHaveLength(3);
    expect(second.NextToken).toBeUndefined();
    expect([...first.Policies, ...second.Policies].map((p) => p.PolicyId)).toEqual(created);
    expect((await listAll(service, PARAM_ARN, 7)).map((p) => p.PolicyId)).toEqual(created);
    const exact = right(
      await service.GetResourcePolicies({
        ResourceArn: PARAM_ARN,
        MaxResults: 50,
        NextToken: first.NextToken!,
      })(),
    );
    expect(exact).not.toHaveProperty('NextToken');
  });

  it("H8 an unknown, tampered or foreign NextToken is refused with ['NextToken']", async () => {
    const { service } = setup();
    for (let i = 0; i < 3; i++) {
      right(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: nthPolicy(PARAM_ARN, i) })());
      right(await service.PutResourcePolicy({ ResourceArn: FLAT_ARN, Policy: nthPolicy(FLAT_ARN, i) })());
    }
    const token = right(
      await service.GetResourcePolicies({ ResourceArn: PARAM_ARN, MaxResults: 1 })(),
    ).NextToken!;
    const tampered = token.slice(0, -2) + (token.at(-2) === 'A' ? 'B' : 'A') + token.slice(-1);
    for (const [ResourceArn, NextToken] of [
      [PARAM_ARN, 'garbage'],
      [PARAM_ARN, tampered],
      [FLAT_ARN, token],
      [OPS_ARN, token],
      [PARAM_ARN, ''],
    ] as const) {
      expect(left(await service.GetResourcePolicies({ ResourceArn, NextToken })())).toMatchObject({
        _tag: 'ResourcePolicyInvalidParameterException',
        ParameterNames: ['NextToken'],
      });
    }
    expect(
      right(await service.GetResourcePolicies({ ResourceArn: PARAM_ARN, NextToken: token })()).Policies,
    ).toHaveLength(2);
  });

  it('H9 a second policy on the OpsItemGroup is ResourcePolicyLimitExceededException Limit 1 PolicyCount', async () => {
    const { service } = setup();
    const first = right(
      await service.PutResourcePolicy({ ResourceArn: OPS_ARN, Policy: policyFor(OPS_ARN) })(),
    );
    expect(
      left(
        await service.PutResourcePolicy({ ResourceArn: OPS_ARN, Policy: policyFor(OPS_ARN, { Sid: 'x' }) })(),
      ),
    ).toMatchObject({
      _tag: 'ResourcePolicyLimitExceededException',
      Limit: 1,
      LimitType: 'PolicyCount',
    });
    // An update of the one policy is not a second policy.
    right(
      await service.PutResourcePolicy({
        ResourceArn: OPS_ARN,
        Policy: policyFor(OPS_ARN, { Sid: 'y' }),
        ...first,
      })(),
    );
    expect(await listAll(service, OPS_ARN)).toHaveLength(1);
  });

  it('H9 parameters are unlimited by default, and the profile can cap them', async () => {
    const unlimited = setup();
    for (let i = 0; i < 60; i++) {
      right(
        await unlimited.service.PutResourcePolicy({
          ResourceArn: PARAM_ARN,
          Policy: nthPolicy(PARAM_ARN, i),
        })(),
      );
    }
    const capped = setup({ profile: makeProfile({ maxPoliciesPerParameter: 2 }) });
    for (let i = 0; i < 2; i++) {
      right(
        await capped.service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: nthPolicy(PARAM_ARN, i) })(),
      );
    }
    expect(
      left(
        await capped.service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: nthPolicy(PARAM_ARN, 9) })(),
      ),
    ).toMatchObject({
      _tag: 'ResourcePolicyLimitExceededException',
      Limit: 2,
      LimitType: 'PolicyCount',
    });
  });

  it('H11 two services with the same seed give the same ids and hashes for the same commands', async () => {
    const run = async (seed: number) => {
      const { service } = setup({ seed });
      const out: unknown[] = [];
      const a = right(
        await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: nthPolicy(PARAM_ARN, 1) })(),
      );
      out.push(a);
      out.push(
        right(await service.PutResourcePolicy({ ResourceArn: OPS_ARN, Policy: policyFor(OPS_ARN) })()),
      );
      out.push(
        right(
          await service.PutResourcePolicy({
            ResourceArn: PARAM_ARN,
            Policy: nthPolicy(PARAM_ARN, 2),
            ...a,
          })(),
        ),
      );
      out.push(
        right(await service.PutResourcePolicy({ ResourceArn: FLAT_ARN, Policy: nthPolicy(FLAT_ARN, 1) })()),
      );
      out.push(await listAll(service, PARAM_ARN, 1));
      return out;
    };
    const first = await run(99);
    expect(await run(99)).toEqual(first);
    expect(await run(100)).not.toEqual(first);
  });
});

describe('O1 order of checks end to end', () => {
  it('O1 validation before everything: a short ARN and a blank policy are one ValidationException', async () => {
    const { service } = setup();
    expect(
      left(await service.PutResourcePolicy({ ResourceArn: 'arn:aws:ssm:x', Policy: ' ' })()).message,
    ).toMatch(/^2 validation errors detected/);
  });

  it('O1 a bad ARN wins over a bad policy', async () => {
    const { service } = setup();
    expect(
      left(
        await service.PutResourcePolicy({
          ResourceArn: `arn:aws:ssm:${REGION}:123456789012:document/x`,
          Policy: 'not json',
        })(),
      ),
    ).toMatchObject({ _tag: 'ResourcePolicyInvalidParameterException', ParameterNames: ['ResourceArn'] });
  });

  it('O1 ownership wins over existence, existence over eligibility, eligibility over the document', async () => {
    const { service } = setup();
    const foreignMissing = `arn:aws:ssm:${REGION}:${OTHER_ACCOUNT}:parameter/no/such`;
    expect(
      left(await service.PutResourcePolicy({ ResourceArn: foreignMissing, Policy: 'not json' })()),
    ).toMatchObject({
      _tag: 'ResourcePolicyInvalidParameterException',
      ParameterNames: ['ResourceArn'],
    });
    expect(
      left(await service.PutResourcePolicy({ ResourceArn: MISSING_ARN, Policy: 'not json' })())._tag,
    ).toBe('ResourceNotFoundException');
    expect(
      left(await service.DeleteResourcePolicy({ ResourceArn: MISSING_ARN, PolicyId: 'p', PolicyHash: 'h' })())
        ._tag,
    ).toBe('ResourceNotFoundException');
    const profile = makeProfile({ standardTierParameter: 'MalformedResourcePolicyDocumentException' });
    const tiered = setup({ profile });
    // Standard tier (R5) and an oversize policy (P1): R5 wins.
    expect(
      left(await tiered.service.PutResourcePolicy({ ResourceArn: STANDARD_ARN, Policy: 'x'.repeat(2000) })())
        ._tag,
    ).toBe('MalformedResourcePolicyDocumentException');
    expect(
      left(await service.PutResourcePolicy({ ResourceArn: STANDARD_ARN, Policy: 'not json' })())._tag,
    ).toBe('ResourcePolicyInvalidParameterException');
  });

  it('O1 a stale hash and an oversize policy: P1 wins; a stale hash and a bad document: P wins', async () => {
    const { service } = setup();
    const v1 = right(
      await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: nthPolicy(PARAM_ARN, 1) })(),
    );
    right(
      await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: nthPolicy(PARAM_ARN, 2), ...v1 })(),
    );
    expect(
      left(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: 'x'.repeat(1025), ...v1 })())
        ._tag,
    ).toBe('ResourcePolicyLimitExceededException');
    expect(
      left(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: '{}', ...v1 })())._tag,
    ).toBe('MalformedResourcePolicyDocumentException');
  });

  it('O1 a bad document wins over H2/H3; H3 wins over a missing policy; not found wins over conflict', async () => {
    const { service } = setup();
    expect(
      left(await service.PutResourcePolicy({ ResourceArn: PARAM_ARN, Policy: '{}', PolicyId: 'p' })())._tag,
    ).toBe('MalformedResourcePolicyDocumentException');
    expect(
      left(
        await service.PutResourcePolicy({
          ResourceArn: PARAM_ARN,
          Policy: policyFor(PARAM_ARN),
          PolicyId: 'nope',
        })(),
      ),
    ).toMatchObject({ ParameterNames: ['PolicyHash'] });
    expect(
      left(
        await service.PutResourcePolicy({
          ResourceArn: PARAM_ARN,
          Policy: policyFor(PARAM_ARN),
          PolicyId: 'nope',
          PolicyHash: 'stale',
        })(),
      )._tag,
    ).toBe('ResourcePolicyNotFoundException');
  });

  it('O1 a bad document wins over the OpsItemGroup limit, and the limit applies to a valid second create', async () => {
    const { service } = setup();
    right(await service.PutResourcePolicy({ ResourceArn: OPS_ARN, Policy: policyFor(OPS_ARN) })());
    expect(left(await service.PutResourcePolicy({ ResourceArn: OPS_ARN, Policy: '{}' })())._tag).toBe(
      'MalformedResourcePolicyDocumentException',
    );
    expect(
      left(
        await service.PutResourcePolicy({
          ResourceArn: OPS_ARN,
          Policy: policyFor(OPS_ARN),
          PolicyHash: 'h',
        })(),
      ),
    ).toMatchObject({
      ParameterNames: ['PolicyId'],
    });
  });
});

describe('W5 unknown members', () => {
  it('W5 unknown members of a request are ignored', async () => {
    const { service } = setup();
    const input = {
      ResourceArn: OPS_ARN,
      Policy: policyFor(OPS_ARN),
      Tags: [{ Key: 'k' }],
      policy: 'lowercase',
    };
    const created = right(await service.PutResourcePolicy(input)());
    expect(await listAll(service, OPS_ARN)).toEqual([{ ...created, Policy: policyFor(OPS_ARN) }]);
    const get = { ResourceArn: OPS_ARN, Filter: 'x' };
    expect(right(await service.GetResourcePolicies(get)()).Policies).toHaveLength(1);
  });
});

describe('one pass per request', () => {
  it('W4 V1 decode once, run on the decoded request; the public command is decode-then-run', async () => {
    const { repository, catalog } = setup();
    const deps = { repository, catalog, ids: seededIdSource(7), profile: defaultProfile };
    const decoded = right(PutResourcePolicy.decode({ ResourceArn: PARAM_ARN, Policy: policyFor(PARAM_ARN) }));
    const created = right(await PutResourcePolicy.run(deps)(caller, decoded)());
    const page = right(
      await GetResourcePolicies.run(deps)(
        caller,
        right(GetResourcePolicies.decode({ ResourceArn: PARAM_ARN })),
      )(),
    );
    expect(page.Policies.map((p) => p.PolicyId)).toEqual([created.PolicyId]);
    // The wire decoder answers W4's SerializationException; the public command, whose union has none, a
    // ValidationException (both from the one decoder).
    expect(left(PutResourcePolicy.decode(42))._tag).toBe('SerializationException');
    expect(left(await putResourcePolicy(deps)(caller, 42 as never)())._tag).toBe('ValidationException');
    const remove = right(
      DeleteResourcePolicy.decode({
        ResourceArn: PARAM_ARN,
        PolicyId: created.PolicyId,
        PolicyHash: created.PolicyHash,
      }),
    );
    expect(DeleteResourcePolicy.plan(remove, { arn: PARAM_ARN })).toEqual({
      resource: { arn: PARAM_ARN },
      PolicyId: created.PolicyId,
      expectedHash: created.PolicyHash,
    });
    expect(right(await DeleteResourcePolicy.run(deps)(caller, remove)())).toEqual({});
  });
});
