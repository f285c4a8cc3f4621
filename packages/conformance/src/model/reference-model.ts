/**
 * The reference model: what the three operations do to a resource's policies, written from the rulebook
 * (`docs/rules.md`) alone, sharing no code with the core. The system under test assigns ids and hashes, so
 * the model does not predict them: it takes the ones the system answered and checks what the rulebook says
 * about them (a new id was never answered before, H1; an update keeps the id and, versioned, gives a hash the
 * policy never had, H6; a content hash follows the text).
 *
 * `step(model, op, observed)` judges one observed outcome and answers either the violation or the next model,
 * made with immer's `produce`: a model is never changed in place, never half-applied after a violation, and
 * frozen, so a command that tries to mutate one throws.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { emptyModel, policiesOf, step } from '@ssm-policy/conformance';
 * const group = 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default';
 * const m = emptyModel({ hashStrategy: 'versioned', policyCountLimitType: 'PolicyCount', maxPoliciesPerParameter: undefined },
 *   [[group, 'OpsItemGroup']]);
 * const next = step(m, { kind: 'create', arn: group, Policy: '{}' }, { ok: true, value: { PolicyId: 'p1', PolicyHash: 'h1' } });
 * // step answers a new model and leaves the old one alone
 * assert.ok(next._tag === 'Right' && policiesOf(next.right, group).length === 1);
 * assert.equal(policiesOf(m, group).length, 0);
 *
 * @since 0.1.0
 * @category reference model
 */
import * as E from 'fp-ts/lib/Either.js';
import { castDraft, enableMapSet, freeze, produce, type Draft } from 'immer';
import type { RuleId } from '@ssm-policy/core';
import { errorSummary, matchesError, type ExpectedError } from '../assert.js';

// The model keeps Maps and Sets; immer drafts them only with this plugin.
enableMapSet();

// -------------------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------------------

/**
 * The kinds of resource that hold policies.
 *
 * @since 0.1.0
 * @category reference model
 */
export type ResourceKind = 'OpsItemGroup' | 'Parameter';

/**
 * The [U] choices the model follows (the profile's, named in the rulebook's words).
 *
 * @since 0.1.0
 * @category reference model
 */
export interface ModelOptions {
  /** H6 */
  readonly hashStrategy: 'versioned' | 'content';
  /** H9 */
  readonly policyCountLimitType: string;
  /** H9: `undefined` for no limit. */
  readonly maxPoliciesPerParameter: number | undefined;
}

/**
 * A policy as the model knows it.
 *
 * @since 0.1.0
 * @category reference model
 */
export interface ModelPolicy {
  readonly PolicyId: string;
  readonly PolicyHash: string;
  readonly Policy: string;
  /** Every hash this policy has had, the current one last. */
  readonly hashes: ReadonlyArray<string>;
}

/**
 * The state of every resource the run uses. Immutable: `step`, `dropResource` and `seedPolicies` answer a
 * new one.
 *
 * @since 0.1.0
 * @category reference model
 */
export interface ReferenceModel {
  readonly options: ModelOptions;
  readonly kinds: ReadonlyMap<string, ResourceKind>;
  /** Resource ARN → its policies in creation order (H8). */
  readonly policies: ReadonlyMap<string, ReadonlyArray<ModelPolicy>>;
  /** Every PolicyId ever answered (H1: unique, never reused). */
  readonly ids: ReadonlySet<string>;
  /** Ids deleted or dropped, per resource. */
  readonly gone: ReadonlyMap<string, ReadonlyArray<string>>;
  /** Content strategy: text → hash, and the other way. */
  readonly hashOfText: ReadonlyMap<string, string>;
  readonly textOfHash: ReadonlyMap<string, string>;
}

/**
 * An operation the model judges.
 *
 * @since 0.1.0
 * @category reference model
 */
export type ModelOp =
  | { readonly kind: 'create'; readonly arn: string; readonly Policy: string }
  | {
      readonly kind: 'update';
      readonly arn: string;
      readonly PolicyId: string;
      readonly PolicyHash: string;
      readonly Policy: string;
    }
  | { readonly kind: 'delete'; readonly arn: string; readonly PolicyId: string; readonly PolicyHash: string }
  /** Every policy of the resource, all pages joined. */
  | { readonly kind: 'list'; readonly arn: string };

/**
 * What the system under test answered.
 *
 * @since 0.1.0
 * @category reference model
 */
export type Observation =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/**
 * What the model expects: success, or an error.
 *
 * @since 0.1.0
 * @category reference model
 */
export type Expectation = { readonly ok: true } | { readonly ok: false; readonly error: ExpectedError };

/**
 * What differs from the rulebook; `what` starts with the rule id.
 *
 * @since 0.1.0
 * @category reference model
 */
export interface Violation {
  readonly what: string;
  readonly observed: unknown;
  readonly expected: unknown;
}

// -------------------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------------------

/**
 * A model of `resources` without policies.
 *
 * @since 0.1.0
 * @category reference model
 */
export const emptyModel = (
  options: ModelOptions,
  resources: ReadonlyArray<readonly [string, ResourceKind]>,
): ReferenceModel =>
  freeze(
    {
      options,
      kinds: new Map(resources),
      policies: new Map(resources.map(([arn]) => [arn, []])),
      ids: new Set<string>(),
      gone: new Map(resources.map(([arn]) => [arn, []])),
      hashOfText: new Map<string, string>(),
      textOfHash: new Map<string, string>(),
    },
    true,
  );

/**
 * Adds policies that exist before the run (a shared endpoint's), as they are.
 *
 * @since 0.1.0
 * @category reference model
 */
export const seedPolicies = (
  m: ReferenceModel,
  arn: string,
  existing: ReadonlyArray<{ PolicyId: string; PolicyHash: string; Policy: string }>,
): ReferenceModel =>
  produce(m, (d) => {
    d.policies.set(
      arn,
      castDraft(
        existing.map(({ PolicyId, PolicyHash, Policy }) => ({
          PolicyId,
          PolicyHash,
          Policy,
          hashes: [PolicyHash],
        })),
      ),
    );
    for (const p of existing) d.ids.add(p.PolicyId);
  });

// -------------------------------------------------------------------------------------------------
// queries
// -------------------------------------------------------------------------------------------------

/**
 * The model's policies of a resource, in creation order.
 *
 * @since 0.1.0
 * @category reference model
 */
export const policiesOf = (m: ReferenceModel, arn: string): ReadonlyArray<ModelPolicy> =>
  m.policies.get(arn) ?? [];

/**
 * H9: the most policies the resource may hold.
 *
 * @since 0.1.0
 * @category reference model
 */
export const limitOf = (m: ReferenceModel, arn: string): number | undefined =>
  m.kinds.get(arn) === 'OpsItemGroup' ? 1 : m.options.maxPoliciesPerParameter;

/**
 * What the rulebook says `op` answers in this state.
 *
 * @since 0.1.0
 * @category reference model
 */
export const expectedOutcome = (m: ReferenceModel, op: ModelOp): Expectation => {
  const list = policiesOf(m, op.arn);
  switch (op.kind) {
    case 'create': {
      const limit = limitOf(m, op.arn);
      return limit !== undefined && list.length >= limit
        ? {
            ok: false,
            error: {
              _tag: 'ResourcePolicyLimitExceededException',
              Limit: limit,
              LimitType: m.options.policyCountLimitType,
            },
          }
        : { ok: true };
    }
    case 'update':
    case 'delete': {
      const p = list.find((x) => x.PolicyId === op.PolicyId);
      if (p === undefined) return { ok: false, error: { _tag: 'ResourcePolicyNotFoundException' } };
      if (p.PolicyHash !== op.PolicyHash)
        return { ok: false, error: { _tag: 'ResourcePolicyConflictException' } };
      return { ok: true };
    }
    case 'list':
      return { ok: true };
  }
};

// -------------------------------------------------------------------------------------------------
// judging
// -------------------------------------------------------------------------------------------------

type Recipe = (draft: Draft<ReferenceModel>) => void;

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

const describeOp = (op: ModelOp): string =>
  op.kind === 'create'
    ? `create on ${op.arn}`
    : op.kind === 'list'
      ? `get on ${op.arn}`
      : `${op.kind} of ${op.PolicyId} on ${op.arn}`;

/** The rule an outcome of `op` is judged by: the expected error's rule, or the operation's own. */
const ruleOf = (op: ModelOp, expected: Expectation): RuleId => {
  if (!expected.ok)
    return expected.error._tag === 'ResourcePolicyLimitExceededException'
      ? 'H9'
      : expected.error._tag === 'ResourcePolicyConflictException'
        ? 'H5'
        : 'H4';
  const rules: Record<ModelOp['kind'], RuleId> = { create: 'H1', update: 'H6', delete: 'H7', list: 'H8' };
  return rules[op.kind];
};

/** H6, content strategy: the hash of a text is always the same, and two texts never share one. */
const contentHashViolation = (
  m: ReferenceModel,
  text: string,
  hash: string,
  what: string,
): Violation | undefined => {
  if (m.options.hashStrategy !== 'content') return undefined;
  const known = m.hashOfText.get(text);
  if (known !== undefined && known !== hash)
    return { what: `H6 ${what}: the content hash of a text put before`, observed: hash, expected: known };
  const other = m.textOfHash.get(hash);
  if (other !== undefined && other !== text)
    return {
      what: `H6 ${what}: a content hash already given to another text`,
      observed: hash,
      expected: 'a new hash',
    };
  return undefined;
};

const rememberContentHash = (d: Draft<ReferenceModel>, text: string, hash: string): void => {
  if (d.options.hashStrategy !== 'content') return;
  d.hashOfText.set(text, hash);
  d.textOfHash.set(hash, text);
};

const forget = (d: Draft<ReferenceModel>, arn: string, ids: ReadonlyArray<string>): void => {
  d.gone.set(arn, [...(d.gone.get(arn) ?? []), ...ids]);
};

/**
 * R7: a deleted parameter's policies go with it.
 *
 * @since 0.1.0
 * @category reference model
 */
export const dropResource = (m: ReferenceModel, arn: string): ReferenceModel =>
  produce(m, (d) => {
    forget(
      d,
      arn,
      policiesOf(m, arn).map((p) => p.PolicyId),
    );
    d.policies.set(arn, []);
  });

/** The violation of an observed outcome, or how it changes the model. Reads `m` only. */
const judge = (m: ReferenceModel, op: ModelOp, observed: Observation): E.Either<Violation, Recipe> => {
  const expected = expectedOutcome(m, op);
  const what = `${ruleOf(op, expected)} ${describeOp(op)}`;
  const unchanged: Recipe = () => undefined;
  if (!expected.ok) {
    if (observed.ok)
      return E.left({ what, observed: { Right: observed.value }, expected: { Left: expected.error } });
    if (!matchesError(observed.error, expected.error))
      return E.left({
        what,
        observed: { Left: errorSummary(observed.error) },
        expected: { Left: expected.error },
      });
    return E.right(unchanged); // H10: a failed command changes nothing.
  }
  if (!observed.ok)
    return E.left({ what, observed: { Left: errorSummary(observed.error) }, expected: 'Right' });
  const value = observed.value as Record<string, unknown>;
  const list = policiesOf(m, op.arn);
  switch (op.kind) {
    case 'create': {
      const { PolicyId, PolicyHash } = value;
      if (!isString(PolicyId) || !isString(PolicyHash))
        return E.left({
          what: `${what}: the response`,
          observed: value,
          expected: { PolicyId: '<string>', PolicyHash: '<string>' },
        });
      if (m.ids.has(PolicyId))
        return E.left({
          what: `${what}: a new PolicyId is unique and never reused`,
          observed: PolicyId,
          expected: 'an id never answered before',
        });
      const v = contentHashViolation(m, op.Policy, PolicyHash, describeOp(op));
      if (v) return E.left(v);
      return E.right((d) => {
        rememberContentHash(d, op.Policy, PolicyHash);
        d.ids.add(PolicyId);
        d.policies.set(
          op.arn,
          castDraft([...list, { PolicyId, PolicyHash, Policy: op.Policy, hashes: [PolicyHash] }]),
        );
      });
    }
    case 'update': {
      const at = list.findIndex((p) => p.PolicyId === op.PolicyId);
      const current = list[at]!;
      const { PolicyId, PolicyHash } = value;
      if (PolicyId !== op.PolicyId)
        return E.left({
          what: `${what}: an update keeps the PolicyId`,
          observed: PolicyId,
          expected: op.PolicyId,
        });
      if (!isString(PolicyHash))
        return E.left({ what: `${what}: the new PolicyHash`, observed: PolicyHash, expected: '<string>' });
      if (m.options.hashStrategy === 'versioned' && current.hashes.includes(PolicyHash))
        return E.left({
          what: `H6 ${describeOp(op)}: a versioned hash differs from every earlier hash of the policy`,
          observed: PolicyHash,
          expected: `none of ${JSON.stringify(current.hashes)}`,
        });
      const v = contentHashViolation(m, op.Policy, PolicyHash, describeOp(op));
      if (v) return E.left(v);
      return E.right((d) => {
        rememberContentHash(d, op.Policy, PolicyHash);
        const next = [...list];
        next[at] = { PolicyId, PolicyHash, Policy: op.Policy, hashes: [...current.hashes, PolicyHash] };
        d.policies.set(op.arn, castDraft(next));
      });
    }
    case 'delete': {
      const extra = Object.keys(value ?? {}).filter((k) => !k.startsWith('$'));
      if (extra.length > 0)
        return E.left({ what: `${what}: Delete answers {}`, observed: value, expected: {} });
      return E.right((d) => {
        d.policies.set(op.arn, castDraft(list.filter((p) => p.PolicyId !== op.PolicyId)));
        forget(d, op.arn, [op.PolicyId]);
      });
    }
    case 'list': {
      const want = list.map(({ PolicyId, PolicyHash, Policy }) => ({ PolicyId, PolicyHash, Policy }));
      const got = Array.isArray(observed.value)
        ? (observed.value as Array<Record<string, unknown>>).map((p) => ({
            PolicyId: p['PolicyId'],
            PolicyHash: p['PolicyHash'],
            Policy: p['Policy'],
          }))
        : observed.value;
      return JSON.stringify(got) === JSON.stringify(want)
        ? E.right(unchanged)
        : E.left({
            what: `${what}: every policy, in creation order, as stored (P7)`,
            observed: got,
            expected: want,
          });
    }
  }
};

/**
 * Judges an observed outcome of `op` against the model: the first violation, or the model with the outcome
 * applied. `m` itself never changes.
 *
 * @since 0.1.0
 * @category reference model
 */
export const step = (
  m: ReferenceModel,
  op: ModelOp,
  observed: Observation,
): E.Either<Violation, ReferenceModel> =>
  E.map((recipe: Recipe) => produce(m, recipe))(judge(m, op, observed));
