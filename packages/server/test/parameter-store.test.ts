/**
 * The emulator's Parameter Store (rules S1–S8 of docs/rules.md) and its AWS managed key (R6), through the wire
 * handler with raw requests: each constraint of SSM's model on PutParameter answers the model's error shape, with
 * the message member as the model cases it, and nothing is stored when a request is refused.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
import { parseResourceArn } from '@ssm-policy/core';
import {
  awsManagedSsmKey,
  checkAllowedPattern,
  createParameterStore,
  createWireHandler,
  keyManagerOf,
  type MemoryParameterStore,
} from '@ssm-policy/server';
import { ACCOUNT, REGION, paramArn, parameterPolicy } from '@ssm-policy/server/testing';

const fresh = () => {
  const parameters = createParameterStore();
  const handle = createWireHandler({ repository: createMemoryPolicyRepository(), parameters });
  const call = async (operation: string, body: unknown, accessKey = ACCOUNT, region = REGION) => {
    const res = await handle({
      method: 'POST',
      path: '/',
      headers: {
        'x-amz-target': `AmazonSSM.${operation}`,
        'content-type': 'application/x-amz-json-1.1',
        authorization: `AWS4-HMAC-SHA256 Credential=${accessKey}/20260101/${region}/ssm/aws4_request, SignedHeaders=host, Signature=x`,
      },
      body: new TextEncoder().encode(JSON.stringify(body)),
    });
    return {
      status: res.status,
      json: JSON.parse(res.body === '' ? '{}' : res.body) as Record<string, unknown>,
    };
  };
  return { parameters, call };
};

/** A refused PutParameter: its status, its body, and that the store is unchanged. */
const refused = async (
  setup: { parameters: MemoryParameterStore; call: ReturnType<typeof fresh>['call'] },
  body: Record<string, unknown>,
) => {
  const before = [...setup.parameters.snapshot()];
  const r = await setup.call('PutParameter', body);
  expect(r.status).toBe(400);
  expect([...setup.parameters.snapshot()]).toEqual(before);
  return r.json;
};

describe('S1 parameter names', () => {
  it('S1 a name of other characters, or a path without its leading slash, is a ValidationException', async () => {
    const s = fresh();
    for (const Name of ['a b', 'a/b', 'a@b', '/a//b', '/a/', 'é'])
      expect(await refused(s, { Name, Value: 'v', Type: 'String' }), Name).toEqual({
        __type: 'ValidationException',
        Message:
          'Parameter name: can\'t be prefixed with "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_',
      });
  });

  it('S1 a name prefixed with aws or ssm in any case is refused; /aws/… is reserved (AccessDeniedException)', async () => {
    const s = fresh();
    for (const Name of ['awsTest', 'SSM-test', '/ssm', '/Aws'])
      expect((await refused(s, { Name, Value: 'v', Type: 'String' }))['Message'], Name).toBe(
        'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).',
      );
    expect(await refused(s, { Name: '/aws/testparam1', Value: 'v', Type: 'String' })).toEqual({
      __type: 'AccessDeniedException',
      Message: 'No access to reserved parameter name: /aws/testparam1.',
    });
    expect((await s.call('PutParameter', { Name: '/awsome-not/x', Value: 'v', Type: 'String' })).status).toBe(
      400,
    );
    expect((await s.call('PutParameter', { Name: '/my/aws', Value: 'v', Type: 'String' })).status).toBe(200);
  });

  it('S1 a hierarchy of 15 levels is accepted, of 16 is HierarchyLevelLimitExceededException (member message)', async () => {
    const s = fresh();
    const levels = (n: number) => Array.from({ length: n }, (_, i) => `/L${i + 1}`).join('');
    expect((await s.call('PutParameter', { Name: levels(15), Value: 'v', Type: 'String' })).status).toBe(200);
    expect(await refused(s, { Name: levels(16), Value: 'v', Type: 'String' })).toEqual({
      __type: 'HierarchyLevelLimitExceededException',
      message:
        'A hierarchy can have a maximum of 15 levels. For more information, see Requirements and constraints for parameter names in the Amazon Web Services Systems Manager User Guide.',
    });
  });

  it('S1 the name with its ARN may have 1011 characters, not more; the model allows 2048', async () => {
    const s = fresh();
    const prefix = paramArn('x').length - 1; // arn:aws:ssm:us-east-1:123456789012:parameter/
    const fits = 'n'.repeat(1011 - prefix);
    expect((await s.call('PutParameter', { Name: fits, Value: 'v', Type: 'String' })).status).toBe(200);
    expect((await refused(s, { Name: `${fits}n`, Value: 'v', Type: 'String' }))['__type']).toBe(
      'ValidationException',
    );
    expect((await refused(s, { Name: 'n'.repeat(2049), Value: 'v', Type: 'String' }))['Message']).toMatch(
      /^1 validation error detected: Value '.*' at 'name' failed to satisfy constraint: Member must have length less than or equal to 2048$/,
    );
  });
});

describe('S2 /a and a are one parameter', () => {
  it('S2 a created as /a is found, overwritten and deleted as a, under one ARN; its name stays as created', async () => {
    const s = fresh();
    expect((await s.call('PutParameter', { Name: '/a', Value: 'one', Type: 'String' })).status).toBe(200);
    expect(await s.call('PutParameter', { Name: 'a', Value: 'two', Type: 'String' })).toEqual({
      status: 400,
      json: {
        __type: 'ParameterAlreadyExists',
        message:
          'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
      },
    });
    expect((await s.call('PutParameter', { Name: 'a', Value: 'two', Overwrite: true })).json).toEqual({
      Version: 2,
      Tier: 'Standard',
    });
    const got = await s.call('GetParameter', { Name: 'a' });
    expect(got.json['Parameter']).toMatchObject({ Name: '/a', Value: 'two', Version: 2, ARN: paramArn('a') });
    expect([...s.parameters.snapshot().keys()]).toEqual([paramArn('a')]);
    expect((await s.call('DeleteParameter', { Name: 'a' })).status).toBe(200);
    expect((await s.call('GetParameter', { Name: '/a' })).json).toEqual({
      __type: 'ParameterNotFound',
      message: 'Parameter /a not found.',
    });
  });
});

describe('S3 type and key', () => {
  it('S3 a new parameter without Type is refused with a ValidationException; an overwrite keeps the stored type', async () => {
    const s = fresh();
    expect(await refused(s, { Name: '/t', Value: 'v' })).toEqual({
      __type: 'ValidationException',
      Message: 'You must specify a parameter type when creating a parameter.',
    });
    await s.call('PutParameter', { Name: '/t', Value: 'v', Type: 'StringList' });
    expect((await s.call('PutParameter', { Name: '/t', Value: 'w', Overwrite: true })).status).toBe(200);
    expect(s.parameters.snapshot().get(paramArn('/t'))).toMatchObject({
      Type: 'StringList',
      Value: 'w',
      Version: 2,
    });
  });

  it('S3 a Type outside the model enum is a V5 ValidationException', async () => {
    const s = fresh();
    expect((await refused(s, { Name: '/t', Value: 'v', Type: 'Secret' }))['Message']).toBe(
      "1 validation error detected: Value 'Secret' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]",
    );
  });

  it("S3 a KeyId must match the model's pattern and length, and belongs to a SecureString only", async () => {
    const s = fresh();
    expect(
      (await refused(s, { Name: '/k', Value: 'v', Type: 'SecureString', KeyId: 'my key' }))['Message'],
    ).toBe(
      "1 validation error detected: Value 'my key' at 'keyId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([a-zA-Z0-9:/_-]+)$",
    );
    expect(
      (await refused(s, { Name: '/k', Value: 'v', Type: 'SecureString', KeyId: 'k'.repeat(257) }))['Message'],
    ).toMatch(/Member must have length less than or equal to 256$/);
    expect(
      (await refused(s, { Name: '/k', Value: 'v', Type: 'String', KeyId: 'alias/mine' }))['Message'],
    ).toBe('KeyId is required for SecureString type parameter only.');
  });
});

describe('S4 values and tiers', () => {
  it('S4 Standard holds 4 KB, Advanced 8 KB, in UTF-8 bytes; Intelligent-Tiering picks by size', async () => {
    const s = fresh();
    expect(
      (await s.call('PutParameter', { Name: '/v/std', Value: 'x'.repeat(4096), Type: 'String' })).status,
    ).toBe(200);
    expect(
      (await refused(s, { Name: '/v/std2', Value: 'é'.repeat(2049), Type: 'String' }))['Message'],
    ).toMatch(/^Standard tier parameters support a maximum parameter value of 4096/);
    expect(
      (
        await s.call('PutParameter', {
          Name: '/v/adv',
          Value: 'x'.repeat(8192),
          Type: 'String',
          Tier: 'Advanced',
        })
      ).status,
    ).toBe(200);
    expect(
      (await refused(s, { Name: '/v/adv2', Value: 'x'.repeat(8193), Type: 'String', Tier: 'Advanced' }))[
        'Message'
      ],
    ).toMatch(/^Advanced tier parameters support a maximum parameter value of 8192/);
    expect(
      (
        await s.call('PutParameter', {
          Name: '/v/it',
          Value: 'x'.repeat(4097),
          Type: 'String',
          Tier: 'Intelligent-Tiering',
        })
      ).json,
    ).toEqual({ Version: 1, Tier: 'Advanced' });
  });

  it('S4 an empty value, or one that references another parameter, is refused', async () => {
    const s = fresh();
    expect((await refused(s, { Name: '/v/e', Value: '', Type: 'String' }))['Message']).toBe(
      "1 validation error detected: Value '' at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect((await refused(s, { Name: '/v/r', Value: 'x{{ssm:/other}}', Type: 'String' }))['__type']).toBe(
      'ValidationException',
    );
  });
});

describe('S5 description and AllowedPattern', () => {
  it('S5 Description and AllowedPattern may have 1024 characters, not more', async () => {
    const s = fresh();
    expect(
      (
        await s.call('PutParameter', {
          Name: '/d/ok',
          Value: 'v',
          Type: 'String',
          Description: 'd'.repeat(1024),
        })
      ).status,
    ).toBe(200);
    expect(
      (await refused(s, { Name: '/d/no', Value: 'v', Type: 'String', Description: 'd'.repeat(1025) }))[
        'Message'
      ],
    ).toMatch(
      /at 'description' failed to satisfy constraint: Member must have length less than or equal to 1024$/,
    );
    expect(
      (await refused(s, { Name: '/d/no', Value: 'v', Type: 'String', AllowedPattern: '.'.repeat(1025) }))[
        'Message'
      ],
    ).toMatch(
      /at 'allowedPattern' failed to satisfy constraint: Member must have length less than or equal to 1024$/,
    );
  });

  it('S5 a value that does not match AllowedPattern is ParameterPatternMismatchException; later overwrites too', async () => {
    const s = fresh();
    expect(await refused(s, { Name: '/p', Value: 'abc', Type: 'String', AllowedPattern: '^\\d+$' })).toEqual({
      __type: 'ParameterPatternMismatchException',
      message: 'Parameter value, cannot be validated against allowedPattern: ^\\d+$',
    });
    expect(
      (await s.call('PutParameter', { Name: '/p', Value: '42', Type: 'String', AllowedPattern: '^\\d+$' }))
        .status,
    ).toBe(200);
    expect((await refused(s, { Name: '/p', Value: 'x', Overwrite: true }))['__type']).toBe(
      'ParameterPatternMismatchException',
    );
  });

  it('S5 an AllowedPattern that is not a regular expression is InvalidAllowedPatternException', async () => {
    const s = fresh();
    expect(
      await refused(s, { Name: '/p', Value: 'v', Type: 'String', AllowedPattern: '([a-z' }),
    ).toMatchObject({
      __type: 'InvalidAllowedPatternException',
      message: expect.stringContaining('([a-z'),
    });
  });

  it('S5 a catastrophic AllowedPattern does not hang the emulator: it fails as a mismatch within its time limit', () => {
    const started = Date.now();
    const r = checkAllowedPattern('^(a+)+$', `${'a'.repeat(40)}b`);
    expect(E.isLeft(r) && r.left._tag).toBe('ParameterPatternMismatchException');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('S6 data types', () => {
  it('S6 text, aws:ec2:image and aws:ssm:integration are supported; another is a ValidationException', async () => {
    const s = fresh();
    for (const [i, DataType] of ['text', 'aws:ec2:image', 'aws:ssm:integration'].entries())
      expect(
        (
          await s.call('PutParameter', {
            Name: `/dt/${i}`,
            Value: 'ami-12345678',
            Type: DataType === 'aws:ssm:integration' ? 'SecureString' : 'String',
            DataType,
          })
        ).status,
        DataType,
      ).toBe(200);
    expect(await refused(s, { Name: '/dt/x', Value: 'v', Type: 'String', DataType: 'Text' })).toEqual({
      __type: 'ValidationException',
      Message: 'The following data type is not supported: Text (Data type names are all lowercase.)',
    });
  });

  it('S6 aws:ec2:image on a type other than String is UnsupportedParameterType', async () => {
    const s = fresh();
    expect(
      (await refused(s, { Name: '/dt/l', Value: 'ami-1', Type: 'StringList', DataType: 'aws:ec2:image' }))[
        '__type'
      ],
    ).toBe('UnsupportedParameterType');
  });
});

describe('R6 S7 the AWS managed key aws/ssm', () => {
  const scope = { partition: 'aws', region: REGION, account: ACCOUNT };

  it('S7 each account and region has its own stable aws/ssm key id and ARN', () => {
    const key = awsManagedSsmKey(scope);
    expect(awsManagedSsmKey(scope)).toEqual(key);
    expect(key.KeyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(key.Arn).toBe(`arn:aws:kms:${REGION}:${ACCOUNT}:key/${key.KeyId}`);
    expect(key.AliasArn).toBe(`arn:aws:kms:${REGION}:${ACCOUNT}:alias/aws/ssm`);
    const others = [
      awsManagedSsmKey({ ...scope, region: 'eu-west-1' }).KeyId,
      awsManagedSsmKey({ ...scope, account: '210987654321' }).KeyId,
      awsManagedSsmKey({ ...scope, partition: 'aws-cn', region: 'cn-north-1' }).KeyId,
    ];
    expect(new Set([key.KeyId, ...others]).size).toBe(4);
  });

  it("R6 the aws/ssm key by alias, alias ARN, key id or key ARN is AWS managed; any other key is the customer's", () => {
    const key = awsManagedSsmKey(scope);
    for (const name of [undefined, 'alias/aws/ssm', 'alias/aws/other', key.AliasArn, key.KeyId, key.Arn])
      expect(keyManagerOf(scope, name), String(name)).toBe('AWS');
    const elsewhere = awsManagedSsmKey({ ...scope, region: 'eu-west-1' });
    expect(keyManagerOf(scope, elsewhere.Arn)).toBe('AWS');
    for (const name of [
      'alias/my-key',
      '1234abcd-12ab-34cd-56ef-1234567890ab',
      `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      `arn:aws:kms:${REGION}:${ACCOUNT}:alias/my-key`,
      elsewhere.KeyId, // another region's aws/ssm id, named without its ARN, is no key of this region
    ])
      expect(keyManagerOf(scope, name), name).toBe('CUSTOMER');
  });

  it('R6 S7 PutParameter without KeyId uses aws/ssm, and the catalog says AWS manages it; a customer key is CUSTOMER', async () => {
    const s = fresh();
    await s.call('PutParameter', { Name: '/k/default', Value: 's', Type: 'SecureString', Tier: 'Advanced' });
    await s.call('PutParameter', {
      Name: '/k/cmk',
      Value: 's',
      Type: 'SecureString',
      Tier: 'Advanced',
      KeyId: 'alias/team',
    });
    expect(s.parameters.snapshot().get(paramArn('/k/default'))?.KeyId).toBe('alias/aws/ssm');
    const describe = async (name: string) => {
      const arn = paramArn(name);
      const parsed = parseResourceArn(arn);
      if (E.isLeft(parsed) || parsed.right._tag !== 'Parameter') throw new Error('arn');
      const found = await s.parameters.describeParameter(parsed.right, arn)();
      return E.isRight(found) && found.right._tag === 'Some' ? found.right.value : undefined;
    };
    expect(await describe('/k/default')).toMatchObject({ KeyId: 'alias/aws/ssm', KeyManager: 'AWS' });
    expect(await describe('/k/cmk')).toMatchObject({ KeyId: 'alias/team', KeyManager: 'CUSTOMER' });
  });

  it('R6 a SecureString under the aws/ssm key named by its key id or key ARN cannot be shared', async () => {
    const s = fresh();
    const key = awsManagedSsmKey(scope);
    for (const [name, KeyId] of [
      ['/k/by-id', key.KeyId],
      ['/k/by-arn', key.Arn],
    ] as const) {
      await s.call('PutParameter', { Name: name, Value: 's', Type: 'SecureString', Tier: 'Advanced', KeyId });
      const arn = paramArn(name);
      expect(
        (await s.call('PutResourcePolicy', { ResourceArn: arn, Policy: parameterPolicy(arn) })).json[
          '__type'
        ],
        name,
      ).toBe('ResourcePolicyInvalidParameterException');
    }
    await s.call('PutParameter', {
      Name: '/k/mine',
      Value: 's',
      Type: 'SecureString',
      Tier: 'Advanced',
      KeyId: 'alias/team',
    });
    const arn = paramArn('/k/mine');
    expect(
      (await s.call('PutResourcePolicy', { ResourceArn: arn, Policy: parameterPolicy(arn) })).status,
    ).toBe(200);
  });
});

describe('S8 existence', () => {
  it('S8 Get and Delete of a missing parameter are ParameterNotFound with the member message (W3)', async () => {
    const s = fresh();
    for (const op of ['GetParameter', 'DeleteParameter'])
      expect(await s.call(op, { Name: '/missing' })).toEqual({
        status: 400,
        json: { __type: 'ParameterNotFound', message: 'Parameter /missing not found.' },
      });
  });
});
