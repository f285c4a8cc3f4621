// Shared values for the core's tests: a caller, its resources and policy documents that pass every P rule.
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import { makeCaller, parseResourceArn, type PolicyResource } from '@ssm-policy/core';

export const ACCOUNT = '123456789012';
export const OTHER_ACCOUNT = '210987654321';
export const REGION = 'us-east-1';
export const caller = makeCaller({ account: ACCOUNT, region: REGION });

export const OPS_ARN = `arn:aws:ssm:${REGION}:${ACCOUNT}:opsitemgroup/default`;
export const OPS_ITEMS_ARN = `arn:aws:ssm:${REGION}:${ACCOUNT}:opsitem/*`;
export const PARAM_ARN = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/app/db`;

/** The `Right` of an Either, failing the test on a `Left`. */
export const right = <L, A>(e: E.Either<L, A>): A => {
  if (E.isLeft(e)) expect.fail(`expected Right, got Left ${JSON.stringify(e.left)}`);
  return e.right;
};

/** The `Left` of an Either, failing the test on a `Right`. */
export const left = <L, A>(e: E.Either<L, A>): L => {
  if (E.isRight(e)) expect.fail(`expected Left, got Right ${JSON.stringify(e.right)}`);
  return e.left;
};

export const resourceOf = (arn: string): PolicyResource => right(parseResourceArn(arn));
export const opsGroup = resourceOf(OPS_ARN);
export const parameter = resourceOf(PARAM_ARN);

export interface StatementInput {
  readonly Effect?: unknown;
  readonly Principal?: unknown;
  readonly Action?: unknown;
  readonly Resource?: unknown;
  readonly [k: string]: unknown;
}

/** A one-statement document; `undefined` members are left out. */
export const policyWith = (statement: StatementInput): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

export const parameterStatement = (resource = PARAM_ARN): StatementInput => ({
  Effect: 'Allow',
  Principal: { AWS: OTHER_ACCOUNT },
  Action: 'ssm:GetParameter',
  Resource: resource,
});

export const opsStatement = (): StatementInput => ({
  Effect: 'Allow',
  Principal: { AWS: OTHER_ACCOUNT },
  Action: ['ssm:CreateOpsItem', 'ssm:GetOpsItem'],
  Resource: [OPS_ITEMS_ARN, OPS_ARN],
});

export const parameterPolicy = (resource = PARAM_ARN): string => policyWith(parameterStatement(resource));
export const opsPolicy = (): string => policyWith(opsStatement());
