/**
 * The access evaluator (rules A1–A5): may this principal perform this action on this resource, by these
 * resource policies? Pure: no clock (`aws:CurrentTime` comes from the request's context or not at all), no
 * I/O. It reads every document of the IAM grammar, not only those PutResourcePolicy's profile lets in (and,
 * given the profile's optional statement elements, those whose statements leave them out), and returns `Left`
 * only for text that is not a grammatical policy.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { evaluateAccess } from '@ssm-policy/core';
 * const policy = JSON.stringify({
 *   Version: '2012-10-17',
 *   Statement: [{ Effect: 'Allow', Principal: { AWS: '222222222222' }, Action: 'ssm:GetParameter', Resource: 'arn:aws:ssm:us-east-1:111111111111:parameter/app/db' }],
 * });
 * const result = evaluateAccess([policy], {
 *   principal: 'arn:aws:iam::222222222222:user/alice',
 *   action: 'ssm:GetParameter',
 *   resource: 'arn:aws:ssm:us-east-1:111111111111:parameter/app/db',
 * });
 * assert.deepEqual(result, {
 *   _tag: 'Right',
 *   right: { decision: 'Allow', statements: [{ policyIndex: 0, statementIndex: 0, effect: 'Allow' }] },
 * });
 *
 * @since 0.2.0
 * @category policy
 */
import * as E from 'fp-ts/lib/Either.js';
import type { MalformedResourcePolicyDocumentException } from '../errors.js';
import { conditionHolds } from './conditions.js';
import type { ConditionEntry, PolicyDocument, PolicyStatement } from './document.js';
import { parsePolicy, type OptionalElement } from './grammar.js';
import { resourceMatch } from './matching.js';
import {
  compileNotPrincipal,
  compilePrincipal,
  principalType,
  readCaller,
  type Caller,
  type PrincipalTest,
} from './principals.js';
import { globSource, hasVariables, type ContextLookup } from './variables.js';

/**
 * A request, as IAM's simulator takes one. `context` holds condition keys (dates ISO 8601, booleans
 * `'true'`/`'false'`, a list for a multivalued key); it overrides the keys derived from the request.
 *
 * @since 0.2.0
 * @category policy
 */
export interface AccessRequest {
  /** `arn:<p>:iam::<acct>:root`, `…:user/…`, `…:role/…`, or `arn:<p>:sts::<acct>:assumed-role/<role>/<session>`. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, string | ReadonlyArray<string>>>;
}

/** @since 0.2.0 @category policy */
export type AccessDecision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/**
 * A statement that decided the answer: every applicable `Deny`, or else every applicable `Allow`.
 *
 * @category policy
 * @since 0.2.0
 */
export interface DecisiveStatement {
  readonly policyIndex: number;
  readonly statementIndex: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
}

/** @since 0.2.0 @category policy */
export interface AccessResult {
  readonly decision: AccessDecision;
  readonly statements: ReadonlyArray<DecisiveStatement>;
}

const resourceAccount = (arn: string): string | undefined => {
  const parts = arn.split(':', 6);
  return parts.length >= 5 && parts[0] === 'arn' ? parts[4] : undefined;
};

/** A4: the keys IAM derives from the request, unless the request's context gives them. */
const contextOf = (request: AccessRequest, caller: Caller): ContextLookup => {
  const context = request.context;
  return (key, written) => {
    if (context !== undefined) {
      // Key names are case-insensitive: the name as the policy writes it first, then any spelling.
      if (written !== undefined && Object.prototype.hasOwnProperty.call(context, written))
        return context[written];
      for (const k in context) if (k.toLowerCase() === key) return context[k];
    }
    switch (key) {
      case 'aws:principalaccount':
        return caller.account;
      case 'aws:principalarn':
        return caller.kind === 'Other' ? undefined : caller.principalArn;
      case 'aws:principaltype':
        return principalType(caller);
      case 'aws:username':
        return caller.userName;
      case 'aws:userid':
        return caller.kind === 'Account' ? caller.account : undefined;
      case 'aws:resourceaccount':
        return resourceAccount(request.resource);
      default:
        return undefined;
    }
  };
};

interface CompiledStatement {
  readonly statement: PolicyStatement;
  /** Whether the action names the request's action (before `NotAction`'s complement). */
  readonly action: (action: string) => boolean;
  /** Fixed resource patterns (no variables), ready; `undefined` when they must be read per request. */
  readonly resource: ((arn: string) => boolean) | undefined;
  readonly principal: PrincipalTest;
  readonly conditions: ReadonlyArray<readonly [entry: ConditionEntry, lowerKey: string]>;
  /** The answer's entries for this statement, by policy index (a document may sit at several). */
  readonly decisive: DecisiveStatement[];
}

const ALWAYS = (): boolean => true;

/** Literal values as a set, wildcard ones as regular expressions. */
const patternTest = (
  patterns: ReadonlyArray<string>,
  fold: boolean,
  arnFields: boolean,
): ((value: string) => boolean) => {
  if (patterns.includes('*')) return ALWAYS;
  const literal = new Set<string>();
  const prefixes: string[] = [];
  const globs: RegExp[] = [];
  for (const raw of patterns) {
    const p = fold ? raw.toLowerCase() : raw;
    const star = p.indexOf('*');
    // `ssm:*`, `ssm:Get*`: a prefix (outside an ARN's first five fields, where `*` would stop at a colon).
    if (star === p.length - 1 && !p.includes('?') && (!arnFields || p.split(':').length >= 6)) {
      prefixes.push(p.slice(0, -1));
    } else if (p.includes('*') || p.includes('?'))
      globs.push(new RegExp(`^${globSource(p, false, undefined, arnFields)!}$`));
    else literal.add(p);
  }
  // Values come already lower-cased when `fold` (the evaluator folds the request's action once).
  if (globs.length === 0 && prefixes.length === 0) return (v) => literal.has(v);
  return (v) => {
    if (literal.has(v)) return true;
    for (let i = 0; i < prefixes.length; i++) if (v.startsWith(prefixes[i]!)) return true;
    for (let i = 0; i < globs.length; i++) if (globs[i]!.test(v)) return true;
    return false;
  };
};

/** The answer's entry for a statement; made once per position (the entries are immutable). */
const decisiveOf = (c: CompiledStatement, policyIndex: number, statementIndex: number): DecisiveStatement => {
  const made = c.decisive[policyIndex];
  if (made !== undefined) return made;
  const s = c.statement;
  return (c.decisive[policyIndex] = {
    policyIndex,
    statementIndex,
    ...(s.Sid !== undefined ? { sid: s.Sid } : {}),
    effect: s.Effect,
  });
};

const compiledDocuments = new WeakMap<PolicyDocument, ReadonlyArray<CompiledStatement>>();

/** A document's statements made ready for many requests, once per document (documents are immutable). */
const compile = (doc: PolicyDocument): ReadonlyArray<CompiledStatement> => {
  let compiled = compiledDocuments.get(doc);
  if (compiled !== undefined) return compiled;
  const variables = doc.Version === '2012-10-17';
  compiled = doc.Statements.map((s) => {
    const resources = s.Resource ?? s.NotResource ?? [];
    const dynamic = variables && resources.some(hasVariables);
    return {
      statement: s,
      action: patternTest(s.Action ?? s.NotAction ?? [], true, false),
      resource: dynamic ? undefined : patternTest(resources, false, true),
      principal:
        s.Principal !== undefined
          ? compilePrincipal(s.Principal)
          : s.NotPrincipal !== undefined
            ? compileNotPrincipal(s.NotPrincipal)
            : () => false,
      conditions: s.Condition.map((c) => [c, c.key.toLowerCase()] as const),
      decisive: [],
    };
  });
  compiledDocuments.set(doc, compiled);
  return compiled;
};

/** A1, A2, A3: whether one statement applies to the request. */
const applies = (
  c: CompiledStatement,
  action: string,
  request: AccessRequest,
  caller: Caller,
  lookup: ContextLookup,
  variables: boolean,
): boolean => {
  const s = c.statement;
  if (c.action(action) !== (s.Action !== undefined)) return false;
  let named: boolean;
  if (c.resource !== undefined) named = c.resource(request.resource);
  else {
    named = false;
    for (const p of s.Resource ?? s.NotResource ?? []) {
      const m = resourceMatch(p, request.resource, variables, lookup);
      // A variable without a value: that pattern names nothing; under NotResource the statement is invalid
      // (IAM: "If AWS cannot resolve a variable this might cause the entire statement to be invalid").
      if (m === undefined && s.NotResource !== undefined) return false;
      named ||= m === true;
    }
  }
  if (named !== (s.Resource !== undefined)) return false;
  if (c.principal(caller, lookup) !== (s.Principal !== undefined)) return false;
  const conditions = c.conditions;
  for (let i = 0; i < conditions.length; i++) {
    const [entry, lowerKey] = conditions[i]!;
    if (!conditionHolds(entry, lookup, variables, lowerKey)) return false;
  }
  return true;
};

/**
 * A1–A4 on documents already parsed (a store may keep the parsed form): the resource policies' decision.
 *
 * @since 0.2.0
 * @category policy
 */
export const evaluateDocuments = (
  documents: ReadonlyArray<PolicyDocument>,
  request: AccessRequest,
): AccessResult => {
  const caller = readCaller(request.principal);
  const lookup = contextOf(request, caller);
  const action = request.action.toLowerCase();
  const allows: DecisiveStatement[] = [];
  let denies: DecisiveStatement[] | undefined;
  for (let p = 0; p < documents.length; p++) {
    const doc = documents[p]!;
    const variables = doc.Version === '2012-10-17';
    const statements = compile(doc);
    for (let i = 0; i < statements.length; i++) {
      const c = statements[i]!;
      const s = c.statement;
      if (denies !== undefined && s.Effect === 'Allow') continue;
      if (!applies(c, action, request, caller, lookup, variables)) continue;
      const decisive = decisiveOf(c, p, i);
      if (s.Effect === 'Deny') (denies ??= []).push(decisive);
      else allows.push(decisive);
    }
  }
  if (denies !== undefined) return { decision: 'ExplicitDeny', statements: denies };
  return allows.length > 0
    ? { decision: 'Allow', statements: allows }
    : { decision: 'ImplicitDeny', statements: [] };
};

type ParsedText = E.Either<MalformedResourcePolicyDocumentException, PolicyDocument>;

// The same text always parses to the same document, so parsing is memoised (bounded): a caller that asks
// many questions of the same stored policies pays for one parse. One memo per set of optional elements (a
// profile's set is one object for the profile's life).
const parsedTexts = new Map<string, ParsedText>();
const parsedTextsWith = new WeakMap<ReadonlySet<OptionalElement>, Map<string, ParsedText>>();
const MAX_PARSED = 1_000;
const NO_OPTIONAL: ReadonlySet<OptionalElement> = new Set();

/**
 * A1–A4: the decision of the resource policies `policies` (as stored) on `request`; `Left` only when a text is
 * not a grammatical policy. Identity policies are the caller's business: see `combineWithIdentity` (A5).
 *
 * `optional` (since 0.4.0; default none) lists the statement elements a text may leave out, as P3's
 * `requiredStatementElements` lets PutResourcePolicy accept (`optionalStatementElements` of a profile), so that
 * every policy Put accepted is read. A statement without `Effect` allows; one without `Principal`, `Action` or
 * `Resource` (and its `Not` form) applies to every principal, action or resource.
 *
 * @since 0.2.0
 * @category policy
 */
export const evaluateAccess = (
  policies: ReadonlyArray<string>,
  request: AccessRequest,
  optional: ReadonlySet<OptionalElement> = NO_OPTIONAL,
): E.Either<MalformedResourcePolicyDocumentException, AccessResult> => {
  let memo = parsedTexts;
  if (optional.size > 0) {
    const kept = parsedTextsWith.get(optional);
    if (kept !== undefined) memo = kept;
    else parsedTextsWith.set(optional, (memo = new Map<string, ParsedText>()));
  }
  const documents: PolicyDocument[] = [];
  for (const text of policies) {
    let doc = memo.get(text);
    if (doc === undefined) {
      doc = parsePolicy(text, optional);
      if (memo.size >= MAX_PARSED) memo.clear();
      memo.set(text, doc);
    }
    if (E.isLeft(doc)) return doc;
    documents.push(doc.right);
  }
  return E.right(evaluateDocuments(documents, request));
};

/**
 * A5: the request's final decision from the resource policies' result and the caller's identity policies'
 * decision (outside this library; default: they allow). A cross-account request needs both to allow; a
 * request from the resource's own account needs either; an explicit deny in either wins.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { combineWithIdentity } from '@ssm-policy/core';
 * const decision = combineWithIdentity(
 *   { decision: 'ImplicitDeny', statements: [] },
 *   { principal: 'arn:aws:iam::111111111111:user/a', action: 'ssm:GetParameter', resource: 'arn:aws:ssm:us-east-1:111111111111:parameter/p' },
 * );
 * assert.equal(decision, 'Allow'); // the owner's account decides by its identity policies
 *
 * @since 0.2.0
 * @category policy
 */
export const combineWithIdentity = (
  result: AccessResult,
  request: AccessRequest,
  identity: AccessDecision = 'Allow',
): AccessDecision => {
  if (result.decision === 'ExplicitDeny' || identity === 'ExplicitDeny') return 'ExplicitDeny';
  const sameAccount = readCaller(request.principal).account === resourceAccount(request.resource);
  if (sameAccount) return result.decision === 'Allow' || identity === 'Allow' ? 'Allow' : 'ImplicitDeny';
  return result.decision === 'Allow' && identity === 'Allow' ? 'Allow' : 'ImplicitDeny';
};
