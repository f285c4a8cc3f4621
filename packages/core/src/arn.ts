/**
 * Resource ARNs that can carry a resource policy (rules R1, R2), parsed into a tagged union.
 * `parameter/a/b` names the parameter `/a/b` and `parameter/a` names `a`: SSM leaves the leading slash of a
 * hierarchical name out of the ARN.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { formatResourceArn, parseResourceArn } from '@ssm-policy/core';
 * const arn = 'arn:aws:ssm:us-east-1:123456789012:parameter/app/db';
 * const r = parseResourceArn(arn);
 * assert.ok(r._tag === 'Right' && r.right._tag === 'Parameter' && r.right.name === '/app/db');
 * assert.equal(formatResourceArn(r.right), arn);
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import { resourcePolicyInvalidParameter, type ResourcePolicyInvalidParameterException } from './errors.js';
import { regionPartition } from './partitions.js';

// -------------------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------------------

interface ArnScope {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/**
 * The one OpsItemGroup of an account and region: `opsitemgroup/default`.
 *
 * @category resources
 * @since 0.1.0
 */
export interface OpsItemGroupResource extends ArnScope {
  readonly _tag: 'OpsItemGroup';
  readonly name: 'default';
}

/**
 * A parameter; `name` is the parameter's name as SSM spells it (`/a/b`, or `a` for a flat name).
 *
 * @category resources
 * @since 0.1.0
 */
export interface ParameterResource extends ArnScope {
  readonly _tag: 'Parameter';
  readonly name: string;
}

/**
 * A resource that can hold policies: an OpsItemGroup or a parameter.
 *
 * @category resources
 * @since 0.1.0
 */
export type PolicyResource = OpsItemGroupResource | ParameterResource;

// -------------------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------------------

const ACCOUNT = /^\d{12}$/;
// SSM parameter names: letters, digits and . - _ in non-empty segments separated by '/'.
const PARAMETER_PATH = /^[a-zA-Z0-9_.-]+(\/[a-zA-Z0-9_.-]+)*$/;

const invalidArn = (message: string): ResourcePolicyInvalidParameterException =>
  resourcePolicyInvalidParameter(['ResourceArn'], message);

/**
 * Rules R1 and R2: the ARN's form, then its resource type.
 *
 * @category resources
 * @since 0.1.0
 */
export const parseResourceArn = (
  arn: string,
): E.Either<ResourcePolicyInvalidParameterException, PolicyResource> => {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[2] !== 'ssm') {
    return E.left(
      invalidArn('ResourceArn must be an ARN of the form arn:<partition>:ssm:<region>:<account>:<resource>.'),
    );
  }
  const partition = parts[1]!;
  const region = parts[3]!;
  const account = parts[4]!;
  const resource = parts.slice(5).join(':');
  // R1: partitions and regions are AWS's table (botocore's partitions.json), and the region must be one of
  // the ARN's partition: `arn:aws:ssm:us-isof-south-1:…` is refused, its ARN is `arn:aws-iso-f:…`.
  const regionIn = regionPartition(region);
  if (regionIn === undefined) {
    return E.left(invalidArn(`ResourceArn has a region that no AWS partition has: '${region}'.`));
  }
  if (regionIn !== partition) {
    return E.left(
      invalidArn(`ResourceArn's region ${region} is in the partition ${regionIn}, not ${partition}.`),
    );
  }
  if (!ACCOUNT.test(account)) {
    return E.left(invalidArn('ResourceArn has an invalid account: it must be 12 digits.'));
  }
  if (resource === 'opsitemgroup/default') {
    return E.right({ _tag: 'OpsItemGroup', partition, region, account, name: 'default' });
  }
  if (resource.startsWith('parameter/')) {
    const path = resource.slice('parameter/'.length);
    if (PARAMETER_PATH.test(path)) {
      return E.right({
        _tag: 'Parameter',
        partition,
        region,
        account,
        name: path.includes('/') ? `/${path}` : path,
      });
    }
  }
  return E.left(
    invalidArn(
      'Resource policies are supported only for opsitemgroup/default and parameter/<name> resources.',
    ),
  );
};

/**
 * The canonical ARN of a resource; also the key under which stores keep its policies.
 *
 * @category resources
 * @since 0.1.0
 */
export const formatResourceArn = (r: PolicyResource): string =>
  r._tag === 'OpsItemGroup'
    ? `arn:${r.partition}:ssm:${r.region}:${r.account}:opsitemgroup/default`
    : `arn:${r.partition}:ssm:${r.region}:${r.account}:parameter/${r.name.startsWith('/') ? r.name.slice(1) : r.name}`;

/**
 * The ARN of a parameter by its name, in a caller's scope.
 *
 * @category resources
 * @since 0.1.0
 */
export const parameterArn = (scope: ArnScope, name: string): string =>
  formatResourceArn({ _tag: 'Parameter', ...scope, name });
