/**
 * Policy documents (rules P1–P6): the size limit, then the document's structure, then what it may grant and
 * on which resources. The text itself is never rewritten: it is stored and returned as it was put (P7).
 *
 * @example
 * import { checkPolicyDocument, defaultProfile, parseResourceArn } from '@ssm-policy/core';
 * import * as E from 'fp-ts/lib/Either.js';
 * const arn = 'arn:aws:ssm:us-east-1:123456789012:parameter/app/db';
 * const target = E.getOrElseW(() => { throw new Error(); })(parseResourceArn(arn));
 * checkPolicyDocument(
 *   `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"210987654321"},"Action":"ssm:GetParameter","Resource":"${arn}"}]}`,
 *   target,
 *   defaultProfile,
 * ); // Right(document)
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import { formatResourceArn, type PolicyResource } from './arn.js';
import {
  malformedResourcePolicyDocument,
  resourcePolicyLimitExceeded,
  type MalformedResourcePolicyDocumentException,
  type ResourcePolicyLimitExceededException,
} from './errors.js';
import { utf8Length } from './hash.js';
import type { BehaviourProfile } from './profile.js';

// -------------------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------------------

/** P1: the largest policy, in UTF-8 bytes (AWS model). */
export const MAX_POLICY_BYTES = 1024;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  /** Account ids and IAM ARNs, always as a list. */
  readonly Principals: ReadonlyArray<string>;
  readonly Actions: ReadonlyArray<string>;
  readonly Resources: ReadonlyArray<string>;
  readonly Condition?: Readonly<Record<string, unknown>>;
}

export interface PolicyDocument {
  readonly Version?: string;
  readonly Id?: string;
  readonly Statements: ReadonlyArray<PolicyStatement>;
}

// -------------------------------------------------------------------------------------------------
// errors
// -------------------------------------------------------------------------------------------------

const malformed = (why: string): MalformedResourcePolicyDocumentException =>
  malformedResourcePolicyDocument(`The specified policy document is malformed or invalid: ${why}`);

// -------------------------------------------------------------------------------------------------
// rules
// -------------------------------------------------------------------------------------------------

/** P1 */
export const checkPolicySize = (
  policy: string,
  profile: BehaviourProfile,
): E.Either<ResourcePolicyLimitExceededException, string> =>
  // At most 3 UTF-8 bytes per UTF-16 unit: most policies are decided without counting.
  policy.length > MAX_POLICY_BYTES ||
  (policy.length * 3 > MAX_POLICY_BYTES && utf8Length(policy) > MAX_POLICY_BYTES)
    ? E.left(
        resourcePolicyLimitExceeded(
          MAX_POLICY_BYTES,
          profile.policySizeLimitType,
          `The policy is larger than the maximum of ${MAX_POLICY_BYTES} bytes.`,
        ),
      )
    : E.right(policy);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const own = (o: Record<string, Json>, k: string): Json | undefined =>
  Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;

/** A string, or a non-empty array of strings, as a list. */
const stringList = (v: Json | undefined): string[] | undefined => {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) return v as string[];
  return undefined;
};

const DOCUMENT_KEYS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'Condition']);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
// 12-digit account, account root, or an IAM role or user (with an optional path).
const PRINCIPAL = /^(\d{12}|arn:aws(-[a-z]+)*:iam::\d{12}:(root|(role|user)\/[\w+=,.@\-/]+))$/;

type Checked<A> = E.Either<MalformedResourcePolicyDocumentException, A>;

interface ProfileSets {
  readonly requiredElements: ReadonlySet<string>;
  readonly parameterActions: ReadonlySet<string>;
  readonly opsItemGroupActions: ReadonlySet<string>;
}

// Profiles are immutable values; their lookup sets are built once per profile, off the hot path.
const profileSets = new WeakMap<BehaviourProfile, ProfileSets>();
const setsOf = (profile: BehaviourProfile): ProfileSets => {
  let sets = profileSets.get(profile);
  if (sets === undefined) {
    sets = {
      requiredElements: new Set(profile.requiredStatementElements),
      parameterActions: new Set(profile.parameterActions.map((a) => a.toLowerCase())),
      opsItemGroupActions: new Set(profile.opsItemGroupActions.map((a) => a.toLowerCase())),
    };
    profileSets.set(profile, sets);
  }
  return sets;
};

/** P3: one statement's elements. */
const parseStatement = (raw: Json, profile: BehaviourProfile): Checked<PolicyStatement> => {
  if (!isObject(raw)) return E.left(malformed('each statement must be a JSON object.'));
  for (const k of Object.keys(raw)) {
    if (!STATEMENT_KEYS.has(k))
      return E.left(malformed(`statement element ${JSON.stringify(k)} is not supported.`));
  }
  const { requiredElements } = setsOf(profile);
  const sid = own(raw, 'Sid');
  if (sid !== undefined && typeof sid !== 'string') return E.left(malformed('Sid must be a string.'));

  const effect = own(raw, 'Effect');
  if (effect === undefined ? requiredElements.has('Effect') : effect !== 'Allow' && effect !== 'Deny') {
    return E.left(malformed('Effect must be "Allow" or "Deny".'));
  }

  const principal = own(raw, 'Principal');
  let principals: string[] = [];
  if (principal !== undefined) {
    const aws =
      isObject(principal) && Object.keys(principal).length === 1
        ? stringList(own(principal, 'AWS'))
        : undefined;
    if (aws === undefined || !aws.every((p) => PRINCIPAL.test(p))) {
      return E.left(malformed('Principal must be {"AWS": <account id or IAM ARN, or a list of them>}.'));
    }
    principals = aws;
  } else if (requiredElements.has('Principal'))
    return E.left(malformed('a statement must have a Principal.'));

  const action = own(raw, 'Action');
  const actions = action === undefined ? [] : stringList(action);
  if (actions === undefined || (action === undefined && requiredElements.has('Action'))) {
    return E.left(malformed('Action must be a string or a non-empty list of strings.'));
  }

  const resource = own(raw, 'Resource');
  const resources = resource === undefined ? [] : stringList(resource);
  if (resources === undefined || (resource === undefined && requiredElements.has('Resource'))) {
    return E.left(malformed('Resource must be a string or a non-empty list of strings.'));
  }

  const condition = own(raw, 'Condition');
  if (condition !== undefined && !isObject(condition))
    return E.left(malformed('Condition must be a JSON object.'));

  return E.right({
    ...(typeof sid === 'string' ? { Sid: sid } : {}),
    Effect: effect === 'Deny' ? 'Deny' : 'Allow',
    Principals: principals,
    Actions: actions,
    Resources: resources,
    ...(condition !== undefined ? { Condition: condition } : {}),
  });
};

/** P2, P3: the document's structure. */
export const parsePolicyDocument = (policy: string, profile: BehaviourProfile): Checked<PolicyDocument> => {
  let raw: unknown;
  try {
    raw = JSON.parse(policy);
  } catch {
    return E.left(malformed('the policy is not valid JSON.'));
  }
  if (!isObject(raw)) return E.left(malformed('the policy must be a JSON object.'));
  for (const k of Object.keys(raw)) {
    if (!DOCUMENT_KEYS.has(k))
      return E.left(malformed(`policy element ${JSON.stringify(k)} is not supported.`));
  }
  const version = own(raw, 'Version');
  if (version !== undefined && (typeof version !== 'string' || !VERSIONS.has(version))) {
    return E.left(malformed('Version must be "2012-10-17" or "2008-10-17".'));
  }
  const id = own(raw, 'Id');
  if (id !== undefined && typeof id !== 'string') return E.left(malformed('Id must be a string.'));
  const statement = own(raw, 'Statement');
  const list = isObject(statement)
    ? [statement]
    : Array.isArray(statement) && statement.length > 0
      ? statement
      : undefined;
  if (list === undefined) {
    return E.left(malformed('the policy must have a Statement: an object or a non-empty list of objects.'));
  }
  const statements: PolicyStatement[] = [];
  for (const s of list) {
    const parsed = parseStatement(s, profile);
    if (E.isLeft(parsed)) return parsed;
    statements.push(parsed.right);
  }
  return E.right({
    ...(typeof version === 'string' ? { Version: version } : {}),
    ...(typeof id === 'string' ? { Id: id } : {}),
    Statements: statements,
  });
};

/** P4, P5: what the document may grant on this kind of resource. */
export const checkPolicyActions = (
  document: PolicyDocument,
  target: PolicyResource,
  profile: BehaviourProfile,
): Checked<PolicyDocument> => {
  const allowed = new Set(
    (target._tag === 'Parameter' ? profile.parameterActions : profile.opsItemGroupActions).map((a) =>
      a.toLowerCase(),
    ),
  );
  for (const s of document.Statements) {
    for (const a of s.Actions) {
      if (!allowed.has(a.toLowerCase())) {
        return E.left(malformed(`action ${a} cannot be granted on a ${target._tag} resource.`));
      }
    }
  }
  return E.right(document);
};

/** P6: every statement names the target resource (an OpsItemGroup's may also name its `opsitem/*`). */
export const checkPolicyResources = (
  document: PolicyDocument,
  target: PolicyResource,
  profile: BehaviourProfile,
): Checked<PolicyDocument> => {
  if (!profile.resourceMustNameTarget) return E.right(document);
  const arn = formatResourceArn(target);
  const opsItems = `arn:${target.partition}:ssm:${target.region}:${target.account}:opsitem/*`;
  for (const s of document.Statements) {
    for (const r of s.Resources) {
      if (r !== arn && !(target._tag === 'OpsItemGroup' && r === opsItems)) {
        return E.left(malformed(`resource ${r} is not the resource the policy is attached to.`));
      }
    }
  }
  return E.right(document);
};

/** P1 then P2–P6, in the order of rule O1. */
export const checkPolicyDocument = (
  policy: string,
  target: PolicyResource,
  profile: BehaviourProfile,
): E.Either<
  ResourcePolicyLimitExceededException | MalformedResourcePolicyDocumentException,
  PolicyDocument
> => {
  // Plain checks instead of E.flatMap: its data-first form costs more than the checks themselves on this path.
  const size = checkPolicySize(policy, profile);
  if (E.isLeft(size)) return size;
  const document = parsePolicyDocument(policy, profile);
  if (E.isLeft(document)) return document;
  const actions = checkPolicyActions(document.right, target, profile);
  if (E.isLeft(actions)) return actions;
  return checkPolicyResources(document.right, target, profile);
};
