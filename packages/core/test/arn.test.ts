import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  formatResourceArn,
  parameterArn,
  parseResourceArn,
  regionPartition,
  resourcePolicyInvalidParameter,
  type PolicyResource,
} from '@ssm-policy/core';
import { ACCOUNT, REGION, left, right } from './fixtures.js';

const invalidArn = (arn: string) => {
  const e = left(parseResourceArn(arn));
  expect(e._tag).toBe('ResourcePolicyInvalidParameterException');
  expect(e.ParameterNames).toEqual(['ResourceArn']);
};

describe('R1 ARN form', () => {
  it('R1 refuses anything that is not arn:<partition>:ssm:<region>:<account>:<resource>', () => {
    for (const arn of [
      'not-an-arn-at-all-really',
      `arn:aws:s3:${REGION}:${ACCOUNT}:parameter/a`,
      `arn:aws:ssm:${REGION}:${ACCOUNT}`,
      `arx:aws:ssm:${REGION}:${ACCOUNT}:parameter/a`,
      `arn:aws:ssm::${ACCOUNT}:parameter/a`,
      `arn:aws:ssm:${REGION}::parameter/a`,
      `arn:aws:ssm:${REGION}:12345678901:parameter/a`,
      `arn:aws:ssm:${REGION}:1234567890123:parameter/a`,
      `arn:aws:ssm:${REGION}:12345678901x:parameter/a`,
      `arn:gcp:ssm:${REGION}:${ACCOUNT}:parameter/a`,
      `arn::ssm:${REGION}:${ACCOUNT}:parameter/a`,
      `arn:aws:ssm:US-EAST-1:${ACCOUNT}:parameter/a`,
      `arn:aws:ssm:useast1:${ACCOUNT}:parameter/a`,
      `arn:aws:ssm:us-isof-south-1:${ACCOUNT}:parameter/a`,
      `arn:aws:ssm:eusc-de-east-1:${ACCOUNT}:parameter/a`,
      `arn:aws-iso:ssm:us-isob-east-1:${ACCOUNT}:parameter/a`,
      `arn:aws-cn:ssm:${REGION}:${ACCOUNT}:parameter/a`,
      ` arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/a`,
      `ARN:aws:ssm:${REGION}:${ACCOUNT}:parameter/a`,
    ]) {
      invalidArn(arn);
    }
  });

  it('R1 accepts the form in every partition', () => {
    for (const [partition, region] of [
      ['aws', 'eu-west-1'],
      ['aws-cn', 'cn-north-1'],
      ['aws-us-gov', 'us-gov-west-1'],
      ['aws-iso-b', 'us-isob-east-1'],
      ['aws-iso', 'us-iso-east-1'],
      ['aws-iso-e', 'eu-isoe-west-1'],
      ['aws-iso-f', 'us-isof-south-1'],
      ['aws-eusc', 'eusc-de-east-1'],
    ] as const) {
      const r = right(parseResourceArn(`arn:${partition}:ssm:${region}:${ACCOUNT}:opsitemgroup/default`));
      expect(r).toEqual({ _tag: 'OpsItemGroup', partition, region, account: ACCOUNT, name: 'default' });
    }
  });
});

describe('R2 resource types', () => {
  const base = `arn:aws:ssm:${REGION}:${ACCOUNT}:`;

  it('R2 supports opsitemgroup/default and parameter/<name> only', () => {
    for (const resource of [
      'opsitemgroup/other',
      'opsitemgroup/',
      'opsitemgroup/default/x',
      'opsitem/oi-0123456789ab',
      'document/MyDoc',
      'maintenancewindow/mw-0c50858d01EXAMPLE',
      'parameter',
      'parameter/',
      'parameter//a',
      'parameter/a//b',
      'parameter/a/',
      'parameter/a b',
      'parameter/a:b',
      'Parameter/a',
      'association/x',
    ]) {
      invalidArn(base + resource);
    }
  });

  it('R2 reads parameter/a/b as the name /a/b and parameter/a as the name a', () => {
    expect(right(parseResourceArn(`${base}parameter/a/b`))).toEqual({
      _tag: 'Parameter',
      partition: 'aws',
      region: REGION,
      account: ACCOUNT,
      name: '/a/b',
    });
    expect(right(parseResourceArn(`${base}parameter/a`))).toMatchObject({ _tag: 'Parameter', name: 'a' });
    expect(right(parseResourceArn(`${base}parameter/My_param.v-2`))).toMatchObject({ name: 'My_param.v-2' });
    expect(right(parseResourceArn(`${base}opsitemgroup/default`))).toMatchObject({
      _tag: 'OpsItemGroup',
      name: 'default',
    });
  });

  it('R2 formats a hierarchical name without its leading slash', () => {
    const scope = { partition: 'aws', region: REGION, account: ACCOUNT };
    expect(parameterArn(scope, '/a/b')).toBe(`${base}parameter/a/b`);
    expect(parameterArn(scope, 'flat')).toBe(`${base}parameter/flat`);
  });
});

// -------------------------------------------------------------------------------------------------
// round trip
// -------------------------------------------------------------------------------------------------

// A region and its partition, as AWS's table pairs them (R1: an ARN's region must be of its partition).
const scopeArb = fc
  .constantFrom(
    ['aws', 'us-east-1'],
    ['aws', 'eu-central-2'],
    ['aws', 'ap-southeast-3'],
    ['aws-cn', 'cn-north-1'],
    ['aws-us-gov', 'us-gov-west-1'],
    ['aws-iso', 'us-iso-east-1'],
    ['aws-iso-b', 'us-isob-east-1'],
    ['aws-iso-e', 'eu-isoe-west-1'],
    ['aws-iso-f', 'us-isof-east-1'],
    ['aws-eusc', 'eusc-de-east-1'],
  )
  .chain(([partition, region]) =>
    fc.record({
      partition: fc.constant(partition),
      region: fc.constant(region),
      account: fc.stringMatching(/^\d{12}$/),
    }),
  );
const segment = fc.stringMatching(/^[a-zA-Z0-9_.-]{1,12}$/);
// A flat name has no slash; a hierarchical one has a leading slash and at least two segments
// (`/a` and `a` share the ARN `parameter/a`, so `/a` is read back as `a`).
const nameArb = fc.oneof(
  segment,
  fc.array(segment, { minLength: 2, maxLength: 5 }).map((segments) => `/${segments.join('/')}`),
);
const resourceArb: fc.Arbitrary<PolicyResource> = fc.oneof(
  scopeArb.map((s): PolicyResource => ({ _tag: 'OpsItemGroup', ...s, name: 'default' })),
  fc.tuple(scopeArb, nameArb).map(([s, name]): PolicyResource => ({ _tag: 'Parameter', ...s, name })),
);

describe('R1 R2 round trip', () => {
  test.prop([resourceArb], { numRuns: 200 })('R1 R2 parse(format(resource)) gives the resource back', (r) => {
    expect(right(parseResourceArn(formatResourceArn(r)))).toEqual(r);
  });

  test.prop([resourceArb], { numRuns: 200 })('R1 R2 format(parse(arn)) gives the ARN back', (r) => {
    const arn = formatResourceArn(r);
    expect(formatResourceArn(right(parseResourceArn(arn)))).toBe(arn);
  });

  test.prop([fc.string({ maxLength: 80 })], { numRuns: 200 })(
    'R1 parsing any string never throws and a parsed ARN formats back to itself',
    (s) => {
      const parsed = parseResourceArn(s);
      if (parsed._tag === 'Right') expect(formatResourceArn(parsed.right)).toBe(s);
      else expect(parsed.left.ParameterNames).toEqual(['ResourceArn']);
    },
  );
});

// -------------------------------------------------------------------------------------------------
// the parser against the rules' patterns
// -------------------------------------------------------------------------------------------------

/**
 * R1 and R2 written with the patterns they are stated in (split on ':', `/^\d{12}$/`, the parameter-name
 * pattern): the parser scans characters instead, and must give the same answer, error message included.
 */
const byPatterns = (arn: string): ReturnType<typeof parseResourceArn> => {
  const refuse = (message: string) => E.left(resourcePolicyInvalidParameter(['ResourceArn'], message));
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[2] !== 'ssm') {
    return refuse(
      'ResourceArn must be an ARN of the form arn:<partition>:ssm:<region>:<account>:<resource>.',
    );
  }
  const [, partition = '', , region = '', account = ''] = parts;
  const resource = parts.slice(5).join(':');
  const regionIn = regionPartition(region);
  if (regionIn === undefined)
    return refuse(`ResourceArn has a region that no AWS partition has: '${region}'.`);
  if (regionIn !== partition) {
    return refuse(`ResourceArn's region ${region} is in the partition ${regionIn}, not ${partition}.`);
  }
  if (!/^\d{12}$/.test(account)) return refuse('ResourceArn has an invalid account: it must be 12 digits.');
  if (resource === 'opsitemgroup/default') {
    return E.right({ _tag: 'OpsItemGroup', partition, region, account, name: 'default' });
  }
  const path = resource.startsWith('parameter/') ? resource.slice('parameter/'.length) : undefined;
  if (path !== undefined && /^[a-zA-Z0-9_.-]+(\/[a-zA-Z0-9_.-]+)*$/.test(path)) {
    const name = path.includes('/') ? `/${path}` : path;
    return E.right({ _tag: 'Parameter', partition, region, account, name });
  }
  return refuse(
    'Resource policies are supported only for opsitemgroup/default and parameter/<name> resources.',
  );
};

// Near-ARNs: every field right, or wrong in the ways a caller gets it wrong.
// Mostly right, so that the later fields are reached: a field is wrong one time in four.
const pieceArb = (right: ReadonlyArray<string>, wrong: ReadonlyArray<string>) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...right), weight: 9 },
    { arbitrary: fc.constantFrom(...wrong), weight: 2 },
    { arbitrary: fc.string({ maxLength: 6 }), weight: 1 },
  );
const nearArnArb = fc
  .tuple(
    pieceArb(['arn'], ['ARN', 'arx', 'ar', 'arnn', '']),
    fc.oneof(
      {
        arbitrary: fc.constantFrom(
          'aws:ssm:us-east-1',
          'aws-cn:ssm:cn-north-1',
          'aws-iso-f:ssm:us-isof-east-1',
        ),
        weight: 9,
      },
      {
        arbitrary: fc.constantFrom(
          'aws:ssm:cn-north-1',
          'gcp:ssm:us-east-1',
          ':ssm:us-east-1',
          'aws:ssm:US-EAST-1',
          'aws:ssm:useast1',
          'aws:ssm:',
          'aws:ssm:mars-north-1',
          'aws:s3:us-east-1',
          'aws:ssmx:us-east-1',
          'aws:SSM:us-east-1',
          'aws::us-east-1',
        ),
        weight: 3,
      },
      { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
    ),
    fc.oneof(
      { arbitrary: fc.stringMatching(/^\d{12}$/), weight: 3 },
      { arbitrary: fc.stringMatching(/^\d{11,13}$/), weight: 1 },
      { arbitrary: fc.stringMatching(/^[\d٣x ]{10,13}$/), weight: 1 },
    ),
    fc.oneof(
      fc.constantFrom('opsitemgroup/default', 'opsitemgroup/default/', 'opsitemgroup/defaults', 'parameter/'),
      // Names near the pattern: empty segments (a leading, trailing or doubled slash), a colon, a space, a line
      // end, a non-ASCII letter.
      fc
        .array(fc.constantFrom('a', 'B9', '_.-', '', '', 'x:y', 'a b', 'é', 'a\n'), {
          minLength: 1,
          maxLength: 4,
        })
        .map((segments) => `parameter/${segments.join('/')}`),
      fc.string({ maxLength: 12 }),
    ),
  )
  .map((fields) => fields.join(':'));

describe('R1 R2 parser', () => {
  test.prop([fc.oneof(nearArnArb, resourceArb.map(formatResourceArn), fc.string({ maxLength: 60 }))], {
    numRuns: 2000,
  })('R1 R2 the parser answers as the rules’ patterns do, messages included', (arn) => {
    expect(parseResourceArn(arn)).toEqual(byPatterns(arn));
  });
});
