/**
 * ARNs and policy documents the cases and the reference model build, written from the rulebook alone (no core
 * code), so that the kit does not check the core against itself. Documents are compact one-line JSON (V2).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { parameterArnOf, parameterPolicy } from '@ssm-policy/conformance';
 * const scope = { partition: 'aws', region: 'us-east-1', account: '123456789012' };
 * const arn = parameterArnOf(scope, '/app/db');
 * const doc = JSON.parse(parameterPolicy(arn));
 * assert.equal(arn, 'arn:aws:ssm:us-east-1:123456789012:parameter/app/db');
 * assert.equal(doc.Statement[0].Resource, arn); // a policy on the parameter
 *
 * @since 0.1.0
 */

/**
 * The account, region and partition of a resource.
 *
 * @category helpers
 * @since 0.1.0
 */
export interface Scope {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/**
 * R2: `parameter/<name without its leading slash>`.
 *
 * @category helpers
 * @since 0.1.0
 */
export const parameterArnOf = (scope: Scope, name: string): string =>
  `arn:${scope.partition}:ssm:${scope.region}:${scope.account}:parameter/${name.replace(/^\//, '')}`;

/**
 * The ARN of the scope's OpsItemGroup.
 *
 * @category helpers
 * @since 0.1.0
 */
export const opsItemGroupArnOf = (scope: Scope): string =>
  `arn:${scope.partition}:ssm:${scope.region}:${scope.account}:opsitemgroup/default`;

/**
 * The ARN pattern of the scope's OpsItems.
 *
 * @category helpers
 * @since 0.1.0
 */
export const opsItemsArnOf = (scope: Scope): string =>
  `arn:${scope.partition}:ssm:${scope.region}:${scope.account}:opsitem/*`;

/**
 * An account that is not the caller's: the principal the policies share with.
 *
 * @category helpers
 * @since 0.1.0
 */
export const OTHER_ACCOUNT = '210987654321';

/**
 * Overrides of a statement's members.
 *
 * @category helpers
 * @since 0.1.0
 */
export interface StatementSpec {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly Action?: string | ReadonlyArray<string>;
  readonly Resource?: string | ReadonlyArray<string>;
}

/**
 * A statement with the given elements; an element set to `undefined` explicitly is left out.
 *
 * @category helpers
 * @since 0.1.0
 */
export const statement = (
  defaults: StatementSpec,
  overrides: StatementSpec = {},
): Record<string, unknown> => {
  const merged: Record<string, unknown> = { ...defaults, ...overrides };
  const out: Record<string, unknown> = {};
  for (const k of ['Sid', 'Effect', 'Principal', 'Action', 'Resource'])
    if (merged[k] !== undefined) out[k] = merged[k];
  return out;
};

/**
 * A policy document of the statements given.
 *
 * @category helpers
 * @since 0.1.0
 */
export const policyOf = (statements: ReadonlyArray<Record<string, unknown>>): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

/**
 * P4: a read-only share of a parameter with another account.
 *
 * @category helpers
 * @since 0.1.0
 */
export const parameterStatement = (arn: string, overrides: StatementSpec = {}): Record<string, unknown> =>
  statement(
    { Effect: 'Allow', Principal: { AWS: OTHER_ACCOUNT }, Action: ['ssm:GetParameter'], Resource: arn },
    overrides,
  );

/**
 * A valid policy on a parameter (P4).
 *
 * @category helpers
 * @since 0.1.0
 */
export const parameterPolicy = (arn: string, overrides: StatementSpec = {}): string =>
  policyOf([parameterStatement(arn, overrides)]);

/**
 * P5: the canonical OpsCenter cross-account document.
 *
 * @category helpers
 * @since 0.1.0
 */
export const opsItemGroupStatement = (scope: Scope, overrides: StatementSpec = {}): Record<string, unknown> =>
  statement(
    {
      Effect: 'Allow',
      Principal: { AWS: OTHER_ACCOUNT },
      Action: ['ssm:CreateOpsItem', 'ssm:GetOpsItem', 'ssm:UpdateOpsItem', 'ssm:AddTagsToResource'],
      Resource: [opsItemsArnOf(scope), opsItemGroupArnOf(scope)],
    },
    overrides,
  );

/**
 * A valid policy on an OpsItemGroup (P5).
 *
 * @category helpers
 * @since 0.1.0
 */
export const opsItemGroupPolicy = (scope: Scope, overrides: StatementSpec = {}): string =>
  policyOf([opsItemGroupStatement(scope, overrides)]);

/**
 * UTF-8 length, without Node's Buffer (the kit also runs where only Web APIs exist).
 *
 * @category helpers
 * @since 0.1.0
 */
export const utf8Bytes = (s: string): number => new TextEncoder().encode(s).length;

/**
 * A random lower-case tag for unique names: `/conformance/<tag>/...`.
 *
 * @category helpers
 * @since 0.1.0
 */
export const randomTag = (): string =>
  `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0')}`;
