/**
 * The access evaluator (rules A1–A5): may this principal perform this action on this resource, by these
 * resource policies? Pure: no clock (`aws:CurrentTime` comes from the request's context or not at all), no
 * I/O. It reads every document of the IAM grammar, not only those PutResourcePolicy's profile lets in, and
 * returns `Left` only for text that is not a grammatical policy.
 *
 * @example
 * import { evaluateAccess } from '@ssm-policy/core';
 * const policy = JSON.stringify({
 *   Version: '2012-10-17',
 *   Statement: [{ Effect: 'Allow', Principal: { AWS: '222222222222' }, Action: 'ssm:GetParameter', Resource: 'arn:aws:ssm:us-east-1:111111111111:parameter/app/db' }],
 * });
 * evaluateAccess([policy], {
 *   principal: 'arn:aws:iam::222222222222:user/alice',
 *   action: 'ssm:GetParameter',
 *   resource: 'arn:aws:ssm:us-east-1:111111111111:parameter/app/db',
 * }); // Right({ decision: 'Allow', statements: [{ policyIndex: 0, statementIndex: 0, effect: 'Allow' }] })
 *
 * @since 0.2.0
 * @category policy
 */
import * as E from 'fp-ts/lib/Either.js';
import type { MalformedResourcePolicyDocumentException } from '../errors.js';
import { conditionHolds } from './conditions.js';
import type { PolicyDocument, PolicyStatement } from './document.js';
import { parsePolicy } from './grammar.js';
import { actionMatches, resourceMatch } from './matching.js';
import { principalMatches, principalType, readCaller, type Caller } from './principals.js';
import type { ContextLookup } from './variables.js';

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

/** A statement that decided the answer: every applicable `Deny`, or else every applicable `Allow`. */
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
  let given: Map<string, string | ReadonlyArray<string>> | undefined;
  const context = request.context;
  return (key) => {
    if (context !== undefined) {
      if (given === undefined) {
        given = new Map();
        for (const k of Object.keys(context)) given.set(k.toLowerCase(), context[k]!);
      }
      const v = given.get(key);
      if (v !== undefined) return v;
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

/** A1, A2, A3: whether one statement applies to the request. */
const applies = (
  s: PolicyStatement,
  request: AccessRequest,
  caller: Caller,
  lookup: ContextLookup,
  variables: boolean,
): boolean => {
  const action = s.Action ?? s.NotAction;
  if (
    action === undefined ||
    action.some((p) => actionMatches(p, request.action)) !== (s.Action !== undefined)
  ) {
    return false;
  }
  const resource = s.Resource ?? s.NotResource;
  if (resource === undefined) return false;
  let named = false;
  for (const p of resource) {
    const m = resourceMatch(p, request.resource, variables, lookup);
    // A variable without a value: that pattern names nothing; under NotResource the statement is invalid
    // (IAM: "If AWS cannot resolve a variable this might cause the entire statement to be invalid").
    if (m === undefined && s.NotResource !== undefined) return false;
    named ||= m === true;
  }
  if (named !== (s.Resource !== undefined)) return false;
  const principal = s.Principal ?? s.NotPrincipal;
  if (principal === undefined) return false;
  const userId = lookup('aws:userid');
  if (
    principalMatches(principal, caller, typeof userId === 'string' ? userId : undefined) !==
    (s.Principal !== undefined)
  ) {
    return false;
  }
  for (const c of s.Condition) if (!conditionHolds(c, lookup, variables)) return false;
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
  const allows: DecisiveStatement[] = [];
  let denies: DecisiveStatement[] | undefined;
  for (let p = 0; p < documents.length; p++) {
    const doc = documents[p]!;
    const variables = doc.Version === '2012-10-17';
    const statements = doc.Statements;
    for (let i = 0; i < statements.length; i++) {
      const s = statements[i]!;
      if (denies !== undefined && s.Effect === 'Allow') continue;
      if (!applies(s, request, caller, lookup, variables)) continue;
      const decisive: DecisiveStatement = {
        policyIndex: p,
        statementIndex: i,
        ...(s.Sid !== undefined ? { sid: s.Sid } : {}),
        effect: s.Effect,
      };
      if (s.Effect === 'Deny') (denies ??= []).push(decisive);
      else allows.push(decisive);
    }
  }
  if (denies !== undefined) return { decision: 'ExplicitDeny', statements: denies };
  return allows.length > 0
    ? { decision: 'Allow', statements: allows }
    : { decision: 'ImplicitDeny', statements: [] };
};

/**
 * A1–A4: the decision of the resource policies `policies` (as stored) on `request`; `Left` only when a text is
 * not a grammatical policy. Identity policies are the caller's business: see `combineWithIdentity` (A5).
 *
 * @since 0.2.0
 * @category policy
 */
export const evaluateAccess = (
  policies: ReadonlyArray<string>,
  request: AccessRequest,
): E.Either<MalformedResourcePolicyDocumentException, AccessResult> => {
  const documents: PolicyDocument[] = [];
  for (const text of policies) {
    const doc = parsePolicy(text);
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
 * import { combineWithIdentity } from '@ssm-policy/core';
 * combineWithIdentity(
 *   { decision: 'ImplicitDeny', statements: [] },
 *   { principal: 'arn:aws:iam::111111111111:user/a', action: 'ssm:GetParameter', resource: 'arn:aws:ssm:us-east-1:111111111111:parameter/p' },
 * ); // 'Allow': the owner's account decides by its identity policies
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
