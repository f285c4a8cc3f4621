/**
 * The typed form of an IAM policy document (rule P3): what the grammar module produces from a policy's text
 * and what both PutResourcePolicy's checks (P3–P6) and the access evaluator (A1–A5) read. Single values and
 * lists are normalised to lists; `Condition` is a flat list of (operator, key, values) entries.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { parsePolicy } from '@ssm-policy/core';
 * const doc = parsePolicy('{"Statement":{"Effect":"Allow","Principal":"*","Action":"ssm:GetParameter","Resource":"*"}}');
 * assert.ok(doc._tag === 'Right' && doc.right.Statements[0]?.Principal?.kind === 'Everyone');
 *
 * @since 0.2.0
 * @category policy
 */

/**
 * The two versions of the policy language; variables (`${…}`) are read only in `2012-10-17`.
 *
 * @category policy
 * @since 0.2.0
 */
export type PolicyVersion = '2012-10-17' | '2008-10-17';

/**
 * The principal keys of the grammar.
 *
 * @category policy
 * @since 0.2.0
 */
export type PrincipalKey = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';

/**
 * A `Principal` or `NotPrincipal` element: `"*"` (everyone, `Everyone`) or an object of principal keys, each
 * with its list of values.
 *
 * @since 0.2.0
 * @category policy
 */
export type PrincipalElement =
  | { readonly kind: 'Everyone' }
  | { readonly kind: 'Keys'; readonly keys: Readonly<Partial<Record<PrincipalKey, ReadonlyArray<string>>>> };

/**
 * The set operator prefix of a condition operator.
 *
 * @category policy
 * @since 0.2.0
 */
export type ConditionSet = 'ForAllValues' | 'ForAnyValue';

/**
 * One key of one operator of a `Condition` element: `{"StringEquals": {"aws:username": ["a", "b"]}}` is one
 * entry with `base: 'StringEquals'`, `key: 'aws:username'`, `values: ['a', 'b']`. JSON numbers and booleans
 * are kept as their text (`true` → `'true'`), as IAM compares them.
 *
 * @since 0.2.0
 * @category policy
 */
export interface ConditionEntry {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** The operator without prefix and `IfExists`, e.g. `StringLike`. */
  readonly base: string;
  readonly set: ConditionSet | undefined;
  readonly ifExists: boolean;
  /** The key as written. */
  readonly key: string;
  readonly values: ReadonlyArray<string>;
}

/**
 * One statement. Exactly one of `Principal`/`NotPrincipal`, `Action`/`NotAction` and `Resource`/`NotResource`
 * is set (a profile may let PutResourcePolicy accept a statement without some of them; see
 * `requiredStatementElements`).
 *
 * @since 0.2.0
 * @category policy
 */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: PrincipalElement;
  readonly NotPrincipal?: PrincipalElement;
  readonly Action?: ReadonlyArray<string>;
  readonly NotAction?: ReadonlyArray<string>;
  readonly Resource?: ReadonlyArray<string>;
  readonly NotResource?: ReadonlyArray<string>;
  readonly Condition: ReadonlyArray<ConditionEntry>;
}

/**
 * A parsed policy document. `Version` is absent when the text has none (IAM then reads it as `2008-10-17`).
 *
 * @since 0.2.0
 * @category policy
 */
export interface PolicyDocument {
  readonly Version?: PolicyVersion;
  readonly Id?: string;
  readonly Statements: ReadonlyArray<PolicyStatement>;
}
