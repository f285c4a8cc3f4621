// Shared setup for the memory adapter's tests: a seeded service with a few parameters, and policy documents.
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import { createMemoryService, type MemoryService } from '@ssm-policy/adapter-memory';
import {
  bindCaller,
  makeCaller,
  parameterArn,
  seededIdSource,
  type BehaviourProfile,
  type ResourcePolicyService,
} from '@ssm-policy/core';

export const ACCOUNT = '123456789012';
export const OTHER_ACCOUNT = '210987654321';
export const REGION = 'us-east-1';
export const scope = { partition: 'aws', region: REGION, account: ACCOUNT };
export const caller = makeCaller({ account: ACCOUNT, region: REGION });

export const OPS_ARN = `arn:aws:ssm:${REGION}:${ACCOUNT}:opsitemgroup/default`;
export const OPS_ITEMS_ARN = `arn:aws:ssm:${REGION}:${ACCOUNT}:opsitem/*`;
export const PARAM = '/app/db';
export const PARAM_ARN = parameterArn(scope, PARAM);
export const FLAT_ARN = parameterArn(scope, 'flat');
export const STANDARD_ARN = parameterArn(scope, '/std');
export const AWS_KEY_ARN = parameterArn(scope, '/secure/aws');
export const CMK_ARN = parameterArn(scope, '/secure/cmk');
export const MISSING_ARN = parameterArn(scope, '/no/such');

export interface Fixture extends MemoryService {
  readonly service: ResourcePolicyService;
}

export const setup = (options: { seed?: number; profile?: BehaviourProfile } = {}): Fixture => {
  const memory = createMemoryService({
    ids: seededIdSource(options.seed ?? 1),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
  });
  memory.catalog.put(scope, { Name: PARAM, Type: 'String', Tier: 'Advanced' });
  memory.catalog.put(scope, { Name: 'flat', Type: 'StringList', Tier: 'Advanced' });
  memory.catalog.put(scope, { Name: '/std', Type: 'String', Tier: 'Standard' });
  memory.catalog.put(scope, {
    Name: '/secure/aws',
    Type: 'SecureString',
    Tier: 'Advanced',
    KeyId: 'alias/aws/ssm',
  });
  memory.catalog.put(scope, {
    Name: '/secure/cmk',
    Type: 'SecureString',
    Tier: 'Advanced',
    KeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  });
  return { ...memory, service: bindCaller(memory.commands, caller) };
};

export const policyFor = (arn: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      arn.endsWith(':opsitemgroup/default')
        ? {
            Effect: 'Allow',
            Principal: { AWS: OTHER_ACCOUNT },
            Action: ['ssm:CreateOpsItem', 'ssm:GetOpsItem'],
            Resource: [arn.replace('opsitemgroup/default', 'opsitem/*'), arn],
            ...extra,
          }
        : {
            Effect: 'Allow',
            Principal: { AWS: OTHER_ACCOUNT },
            Action: 'ssm:GetParameter',
            Resource: arn,
            ...extra,
          },
    ],
  });

/** A policy for `arn` whose Sid makes it unique. */
export const nthPolicy = (arn: string, n: number): string => policyFor(arn, { Sid: `s${n}` });

export const right = <L, A>(e: E.Either<L, A>): A => {
  if (E.isLeft(e)) expect.fail(`expected Right, got Left ${JSON.stringify(e.left)}`);
  return e.right;
};

export const left = <L, A>(e: E.Either<L, A>): L => {
  if (E.isRight(e)) expect.fail(`expected Right to be a Left: ${JSON.stringify(e.right)}`);
  return e.left;
};

/** Every policy of a resource, following NextToken to the end. */
export const listAll = async (service: ResourcePolicyService, ResourceArn: string, MaxResults?: number) => {
  const out: Array<{ PolicyId: string; PolicyHash: string; Policy: string }> = [];
  let NextToken: string | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = right(
      await service.GetResourcePolicies({
        ResourceArn,
        ...(NextToken === undefined ? {} : { NextToken }),
        ...(MaxResults === undefined ? {} : { MaxResults }),
      })(),
    );
    out.push(...page.Policies);
    if (page.NextToken === undefined) return out;
    NextToken = page.NextToken;
  }
  return expect.fail('paging did not end');
};

/** The store's whole state through the public API: resource → its policies in creation order. */
export const stateOf = (repository: MemoryService['repository']) => repository.snapshot();
