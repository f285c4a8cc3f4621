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

const ARN_FORM = 'ResourceArn must be an ARN of the form arn:<partition>:ssm:<region>:<account>:<resource>.';
const OPS_ITEM_GROUP = 'opsitemgroup/default';
const PARAMETER_PREFIX = 'parameter/';

const invalidArn = (message: string): ResourcePolicyInvalidParameterException =>
  resourcePolicyInvalidParameter(['ResourceArn'], message);

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** Twelve ASCII digits, as `/^\d{12}$/` reads them. */
const isAccount = (s: string): boolean => {
  if (s.length !== 12) return false;
  for (let i = 0; i < 12; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
};

/** A letter, digit, `_`, `.` or `-`: what a parameter name's segments are made of. */
const isNameChar = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) ||
  (c >= 0x41 && c <= 0x5a) ||
  isDigit(c) ||
  c === 0x5f ||
  c === 0x2e ||
  c === 0x2d;

/**
 * SSM parameter names, as `/^[a-zA-Z0-9_.-]+(\/[a-zA-Z0-9_.-]+)*$/` reads them: non-empty segments of those
 * characters separated by single '/', from `from` to the end of `s`.
 */
const isParameterPath = (s: string, from: number): boolean => {
  if (from >= s.length) return false;
  let segment = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2f) {
      if (segment === 0) return false;
      segment = 0;
    } else if (isNameChar(c)) segment++;
    else return false;
  }
  return segment > 0;
};

/**
 * Why an ARN carries no policy: its form (R1), or its resource type (R2), whose error the profile chooses.
 *
 * @category resources
 * @since 0.4.0
 */
export interface ArnRefusal {
  readonly rule: 'R1' | 'R2';
  readonly message: string;
}

const malformed = (message: string): ArnRefusal => ({ rule: 'R1', message });

/**
 * Rules R1 and R2: the ARN's form, then its resource type, with the rule that refused it.
 *
 * @category resources
 * @since 0.4.0
 */
export const readResourceArn = (arn: string): E.Either<ArnRefusal, PolicyResource> => {
  // The first five colons delimit arn:<partition>:ssm:<region>:<account>:; the resource keeps any further ones.
  const c1 = arn.indexOf(':');
  const c2 = c1 < 0 ? -1 : arn.indexOf(':', c1 + 1);
  const c3 = c2 < 0 ? -1 : arn.indexOf(':', c2 + 1);
  const c4 = c3 < 0 ? -1 : arn.indexOf(':', c3 + 1);
  const c5 = c4 < 0 ? -1 : arn.indexOf(':', c4 + 1);
  if (c5 < 0 || c1 !== 3 || !arn.startsWith('arn') || c3 - c2 !== 4 || !arn.startsWith('ssm', c2 + 1)) {
    return E.left(malformed(ARN_FORM));
  }
  const partition = arn.slice(c1 + 1, c2);
  const region = arn.slice(c3 + 1, c4);
  const account = arn.slice(c4 + 1, c5);
  // R1: partitions and regions are AWS's table (botocore's partitions.json), and the region must be one of
  // the ARN's partition: `arn:aws:ssm:us-isof-south-1:…` is refused, its ARN is `arn:aws-iso-f:…`.
  const regionIn = regionPartition(region);
  if (regionIn === undefined) {
    return E.left(malformed(`ResourceArn has a region that no AWS partition has: '${region}'.`));
  }
  if (regionIn !== partition) {
    return E.left(
      malformed(`ResourceArn's region ${region} is in the partition ${regionIn}, not ${partition}.`),
    );
  }
  if (!isAccount(account)) {
    return E.left(malformed('ResourceArn has an invalid account: it must be 12 digits.'));
  }
  const resource = c5 + 1;
  if (arn.length - resource === OPS_ITEM_GROUP.length && arn.startsWith(OPS_ITEM_GROUP, resource)) {
    return E.right({ _tag: 'OpsItemGroup', partition, region, account, name: 'default' });
  }
  if (arn.startsWith(PARAMETER_PREFIX, resource)) {
    const from = resource + PARAMETER_PREFIX.length;
    if (isParameterPath(arn, from)) {
      const path = arn.slice(from);
      return E.right({
        _tag: 'Parameter',
        partition,
        region,
        account,
        name: path.includes('/') ? `/${path}` : path,
      });
    }
  }
  return E.left({
    rule: 'R2',
    message: 'Resource policies are supported only for opsitemgroup/default and parameter/<name> resources.',
  });
};

/**
 * Rules R1 and R2: the ARN's form, then its resource type; either refused as invalid (`["ResourceArn"]`).
 * The commands answer R2 with the profile's `unsupportedResourceError` (see `readResourceArn`).
 *
 * @category resources
 * @since 0.1.0
 */
export const parseResourceArn = (
  arn: string,
): E.Either<ResourcePolicyInvalidParameterException, PolicyResource> => {
  const read = readResourceArn(arn);
  return E.isLeft(read) ? E.left(invalidArn(read.left.message)) : read;
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
