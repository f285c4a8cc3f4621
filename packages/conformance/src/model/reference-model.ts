/**
 * The reference model: what the three operations do to a resource's policies, written from RULES.md alone as
 * plain `Map`s, sharing no code with the core. The system under test assigns ids and hashes, so the model
 * does not predict them: it takes the ones the system answered and checks what the rulebook says about them
 * (a new id was never answered before, H1; an update keeps the id and, versioned, gives a hash the policy
 * never had, H6; a content hash follows the text). `step` judges one observed outcome and applies it.
 *
 * @example
 * import { emptyModel, step } from '@ssm-policy/conformance';
 * const m = emptyModel({ hashStrategy: 'versioned', policyCountLimitType: 'PolicyCount', maxPoliciesPerParameter: undefined },
 *   [['arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default', 'OpsItemGroup']]);
 * step(m, { kind: 'create', arn: 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default', Policy: '{}' },
 *   { ok: true, value: { PolicyId: 'p1', PolicyHash: 'h1' } }); // undefined: consistent
 *
 * @since 0.1.0
 */
import type { ExpectedError } from '../assert.js';

// -------------------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------------------

export type ResourceKind = 'OpsItemGroup' | 'Parameter';

/** The [U] choices the model follows (the profile's, named in the rulebook's words). */
export interface ModelOptions {
  /** H6 */
  readonly hashStrategy: 'versioned' | 'content';
  /** H9 */
  readonly policyCountLimitType: string;
  /** H9: `undefined` for no limit. */
  readonly maxPoliciesPerParameter: number | undefined;
}

export interface ModelPolicy {
  readonly PolicyId: string;
  readonly PolicyHash: string;
  readonly Policy: string;
  /** Every hash this policy has had, the current one last. */
  readonly hashes: ReadonlyArray<string>;
}

export interface ReferenceModel {
  readonly options: ModelOptions;
  readonly kinds: Map<string, ResourceKind>;
  /** Resource ARN → its policies in creation order (H8). */
  readonly policies: Map<string, ModelPolicy[]>;
  /** Every PolicyId ever answered (H1: unique, never reused). */
  readonly ids: Set<string>;
  /** Ids deleted or dropped, per resource. */
  readonly gone: Map<string, string[]>;
  /** Content strategy: text → hash, and the other way. */
  readonly hashOfText: Map<string, string>;
  readonly textOfHash: Map<string, string>;
}

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

export type Observation =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

export type Expectation = { readonly ok: true } | { readonly ok: false; readonly error: ExpectedError };

export interface Violation {
  readonly what: string;
  readonly observed: unknown;
  readonly expected: unknown;
}

// -------------------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------------------

export const emptyModel = (
  options: ModelOptions,
  resources: ReadonlyArray<readonly [string, ResourceKind]>,
): ReferenceModel => ({
  options,
  kinds: new Map(resources),
  policies: new Map(resources.map(([arn]) => [arn, []])),
  ids: new Set(),
  gone: new Map(resources.map(([arn]) => [arn, []])),
  hashOfText: new Map(),
  textOfHash: new Map(),
});

export const cloneModel = (m: ReferenceModel): ReferenceModel => ({
  options: m.options,
  kinds: new Map(m.kinds),
  policies: new Map([...m.policies].map(([k, v]) => [k, [...v]])),
  ids: new Set(m.ids),
  gone: new Map([...m.gone].map(([k, v]) => [k, [...v]])),
  hashOfText: new Map(m.hashOfText),
  textOfHash: new Map(m.textOfHash),
});

/** Adds policies that exist before the run (a shared endpoint's), as they are. */
export const seedPolicies = (
  m: ReferenceModel,
  arn: string,
  existing: ReadonlyArray<{ PolicyId: string; PolicyHash: string; Policy: string }>,
): void => {
  m.policies.set(
    arn,
    existing.map((p) => ({ ...p, hashes: [p.PolicyHash] })),
  );
  for (const p of existing) m.ids.add(p.PolicyId);
};

// -------------------------------------------------------------------------------------------------
// queries
// -------------------------------------------------------------------------------------------------

export const policiesOf = (m: ReferenceModel, arn: string): ReadonlyArray<ModelPolicy> =>
  m.policies.get(arn) ?? [];

/** H9: the most policies the resource may hold. */
export const limitOf = (m: ReferenceModel, arn: string): number | undefined =>
  m.kinds.get(arn) === 'OpsItemGroup' ? 1 : m.options.maxPoliciesPerParameter;

/** What the rulebook says `op` answers in this state. */
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

const errorView = (error: unknown): Record<string, unknown> => {
  const e = (typeof error === 'object' && error !== null ? error : { _tag: String(error) }) as Record<
    string,
    unknown
  >;
  const out: Record<string, unknown> = { _tag: e['_tag'] };
  for (const k of ['ParameterNames', 'Limit', 'LimitType']) if (e[k] !== undefined) out[k] = e[k];
  return out;
};

const sameError = (observed: unknown, expected: ExpectedError): boolean => {
  const o = errorView(observed);
  return (
    o['_tag'] === expected._tag &&
    (expected.Limit === undefined || o['Limit'] === expected.Limit) &&
    (expected.LimitType === undefined || o['LimitType'] === expected.LimitType)
  );
};

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

const describeOp = (op: ModelOp): string =>
  op.kind === 'create'
    ? `create on ${op.arn}`
    : op.kind === 'list'
      ? `get on ${op.arn}`
      : `${op.kind} of ${op.PolicyId} on ${op.arn}`;

/** The rule an outcome of `op` is judged by: the expected error's rule, or the operation's own. */
const ruleOf = (op: ModelOp, expected: Expectation): string => {
  if (!expected.ok)
    return expected.error._tag === 'ResourcePolicyLimitExceededException'
      ? 'H9'
      : expected.error._tag === 'ResourcePolicyConflictException'
        ? 'H5'
        : 'H4';
  return { create: 'H1', update: 'H6', delete: 'H7', list: 'H8' }[op.kind];
};

/** H6, content strategy: the hash of a text is always the same, and two texts never share one. */
const checkContentHash = (
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
  m.hashOfText.set(text, hash);
  m.textOfHash.set(hash, text);
  return undefined;
};

const forget = (m: ReferenceModel, arn: string, ids: ReadonlyArray<string>): void => {
  m.gone.set(arn, [...(m.gone.get(arn) ?? []), ...ids]);
};

/** R7: a deleted parameter's policies go with it. */
export const dropResource = (m: ReferenceModel, arn: string): void => {
  forget(
    m,
    arn,
    policiesOf(m, arn).map((p) => p.PolicyId),
  );
  m.policies.set(arn, []);
};

/**
 * Judges an observed outcome of `op` against the model and, when it is consistent, applies it. Answers the
 * first violation, or `undefined`. On a violation the model may be left half-applied: stop there.
 */
export const step = (m: ReferenceModel, op: ModelOp, observed: Observation): Violation | undefined => {
  const expected = expectedOutcome(m, op);
  const what = `${ruleOf(op, expected)} ${describeOp(op)}`;
  if (!expected.ok) {
    if (observed.ok) return { what, observed: { Right: observed.value }, expected: { Left: expected.error } };
    if (!sameError(observed.error, expected.error))
      return { what, observed: { Left: errorView(observed.error) }, expected: { Left: expected.error } };
    return undefined; // H10: a failed command changes nothing.
  }
  if (!observed.ok) return { what, observed: { Left: errorView(observed.error) }, expected: 'Right' };
  const value = observed.value as Record<string, unknown>;
  const list = m.policies.get(op.arn) ?? [];
  switch (op.kind) {
    case 'create': {
      const { PolicyId, PolicyHash } = value;
      if (!isString(PolicyId) || !isString(PolicyHash))
        return {
          what: `${what}: the response`,
          observed: value,
          expected: { PolicyId: '<string>', PolicyHash: '<string>' },
        };
      if (m.ids.has(PolicyId))
        return {
          what: `${what}: a new PolicyId is unique and never reused`,
          observed: PolicyId,
          expected: 'an id never answered before',
        };
      const v = checkContentHash(m, op.Policy, PolicyHash, describeOp(op));
      if (v) return v;
      m.ids.add(PolicyId);
      m.policies.set(op.arn, [...list, { PolicyId, PolicyHash, Policy: op.Policy, hashes: [PolicyHash] }]);
      return undefined;
    }
    case 'update': {
      const at = list.findIndex((p) => p.PolicyId === op.PolicyId);
      const current = list[at]!;
      const { PolicyId, PolicyHash } = value;
      if (PolicyId !== op.PolicyId)
        return {
          what: `${what}: an update keeps the PolicyId`,
          observed: PolicyId,
          expected: op.PolicyId,
        };
      if (!isString(PolicyHash))
        return { what: `${what}: the new PolicyHash`, observed: PolicyHash, expected: '<string>' };
      if (m.options.hashStrategy === 'versioned' && current.hashes.includes(PolicyHash))
        return {
          what: `H6 ${describeOp(op)}: a versioned hash differs from every earlier hash of the policy`,
          observed: PolicyHash,
          expected: `none of ${JSON.stringify(current.hashes)}`,
        };
      const v = checkContentHash(m, op.Policy, PolicyHash, describeOp(op));
      if (v) return v;
      const next = [...list];
      next[at] = { PolicyId, PolicyHash, Policy: op.Policy, hashes: [...current.hashes, PolicyHash] };
      m.policies.set(op.arn, next);
      return undefined;
    }
    case 'delete': {
      const extra = Object.keys(value ?? {}).filter((k) => !k.startsWith('$'));
      if (extra.length > 0) return { what: `${what}: Delete answers {}`, observed: value, expected: {} };
      m.policies.set(
        op.arn,
        list.filter((p) => p.PolicyId !== op.PolicyId),
      );
      forget(m, op.arn, [op.PolicyId]);
      return undefined;
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
        ? undefined
        : {
            what: `${what}: every policy, in creation order, as stored (P7)`,
            observed: got,
            expected: want,
          };
    }
  }
};
