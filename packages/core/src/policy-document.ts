/**
 * Policy documents at PutResourcePolicy (rules P1–P6): the size limit, then the IAM grammar (the one parser,
 * `policy/grammar.ts`) and the profile's restrictions on top of it, then what the document may grant and on
 * which resources. The text itself is never rewritten: it is stored and returned as it was put (P7). The
 * document returned is the one the access evaluator reads.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { checkPolicyDocument, defaultProfile, parseResourceArn } from '@ssm-policy/core';
 * const arn = 'arn:aws:ssm:us-east-1:123456789012:parameter/app/db';
 * const target = parseResourceArn(arn);
 * assert.ok(target._tag === 'Right');
 * const checked = checkPolicyDocument(
 *   `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"210987654321"},"Action":"ssm:GetParameter","Resource":"${arn}"}]}`,
 *   target.right,
 *   defaultProfile,
 * );
 * assert.equal(checked._tag, 'Right');
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import { formatResourceArn, type PolicyResource } from './arn.js';
import {
  resourcePolicyLimitExceeded,
  type MalformedResourcePolicyDocumentException,
  type ResourcePolicyLimitExceededException,
} from './errors.js';
import { utf8Length } from './hash.js';
import type { PolicyDocument, PolicyStatement, PrincipalElement } from './policy/document.js';
import { malformedAt, parsePolicy, type OptionalElement } from './policy/grammar.js';
import { actionMatches } from './policy/matching.js';
import { SSM_ACTIONS } from './policy/ssm-actions.generated.js';
import type { BehaviourProfile } from './profile.js';

export type { PolicyDocument, PolicyStatement } from './policy/document.js';

/**
 * P1: the largest policy, in UTF-8 bytes (AWS model).
 *
 * @category policy
 * @since 0.1.0
 */
export const MAX_POLICY_BYTES = 1024;

type Checked<A> = E.Either<MalformedResourcePolicyDocumentException, A>;

/**
 * P1
 *
 * @category policy
 * @since 0.1.0
 */
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

interface ProfileSets {
  readonly optional: ReadonlySet<OptionalElement>;
  readonly parameterActions: ReadonlySet<string>;
  readonly opsItemGroupActions: ReadonlySet<string>;
}

const ELEMENTS: ReadonlyArray<OptionalElement> = ['Effect', 'Principal', 'Action', 'Resource'];

// Profiles are immutable values; their lookup sets are built once per profile, off the hot path.
const optionalSets = new WeakMap<ReadonlyArray<OptionalElement>, ReadonlySet<OptionalElement>>();
const profileSets = new WeakMap<BehaviourProfile, ProfileSets>();
const setsOf = (profile: BehaviourProfile): ProfileSets => {
  let sets = profileSets.get(profile);
  if (sets === undefined) {
    sets = {
      optional: optionalStatementElements(profile),
      parameterActions: new Set(profile.parameterActions.map((a) => a.toLowerCase())),
      opsItemGroupActions: new Set(profile.opsItemGroupActions.map((a) => a.toLowerCase())),
    };
    profileSets.set(profile, sets);
  }
  return sets;
};

/**
 * P3: the statement elements `profile.requiredStatementElements` lets a policy leave out (none by default), for
 * `evaluateAccess`, so that what PutResourcePolicy accepted is what the access check reads. One set per
 * profile, the same object on every call.
 *
 * @category policy
 * @since 0.4.0
 */
export const optionalStatementElements = (
  profile: Pick<BehaviourProfile, 'requiredStatementElements'>,
): ReadonlySet<OptionalElement> => {
  const required = profile.requiredStatementElements;
  let optional = optionalSets.get(required);
  if (optional === undefined) {
    optional = new Set(ELEMENTS.filter((e) => !required.includes(e)));
    optionalSets.set(required, optional);
  }
  return optional;
};

/** P3: the profile's restrictions on a statement's `Principal` or `NotPrincipal`. */
const restrictPrincipal = (
  element: PrincipalElement | undefined,
  at: string,
  profile: BehaviourProfile,
): MalformedResourcePolicyDocumentException | undefined => {
  if (element === undefined) return undefined;
  if (element.kind === 'Everyone') {
    return profile.refuseWildcardPrincipal
      ? malformedAt(at, 'a wildcard principal is not accepted')
      : undefined;
  }
  if (profile.refuseNonAwsPrincipalKeys) {
    for (const key of Object.keys(element.keys)) {
      if (key !== 'AWS') {
        return malformedAt(`${at}.${key}`, 'only AWS principals (accounts and IAM identities) are accepted');
      }
    }
  }
  if (profile.refuseWildcardPrincipal && element.keys.AWS?.includes('*')) {
    return malformedAt(`${at}.AWS`, 'a wildcard principal is not accepted');
  }
  return undefined;
};

/** P3: the profile's restrictions on a grammatical statement. */
const restrictStatement = (
  s: PolicyStatement,
  path: string,
  profile: BehaviourProfile,
): MalformedResourcePolicyDocumentException | undefined => {
  if (profile.refuseDeny && s.Effect === 'Deny') return malformedAt(`${path}.Effect`, 'Deny is not accepted');
  if (profile.refuseNotPrincipal && s.NotPrincipal !== undefined) {
    return malformedAt(`${path}.NotPrincipal`, 'NotPrincipal is not accepted');
  }
  if (profile.refuseNotAction && s.NotAction !== undefined) {
    return malformedAt(`${path}.NotAction`, 'NotAction is not accepted');
  }
  if (profile.refuseNotResource && s.NotResource !== undefined) {
    return malformedAt(`${path}.NotResource`, 'NotResource is not accepted');
  }
  return (
    restrictPrincipal(s.Principal, `${path}.Principal`, profile) ??
    restrictPrincipal(s.NotPrincipal, `${path}.NotPrincipal`, profile)
  );
};

/**
 * P2, P3: the document's grammar, then the profile's restrictions.
 *
 * @category policy
 * @since 0.1.0
 */
export const parsePolicyDocument = (policy: string, profile: BehaviourProfile): Checked<PolicyDocument> => {
  const document = parsePolicy(policy, setsOf(profile).optional);
  if (E.isLeft(document)) return document;
  const statements = document.right.Statements;
  for (let i = 0; i < statements.length; i++) {
    const refused = restrictStatement(statements[i]!, `Statement[${i}]`, profile);
    if (refused !== undefined) return E.left(refused);
  }
  return document;
};

const CATALOGUE: ReadonlyArray<string> = SSM_ACTIONS.map(([name]) => `ssm:${name}`);

const hasWildcard = (s: string): boolean => s.includes('*') || s.includes('?');

/** P4, P5: the first action a pattern matches that is not in `allowed`, or undefined when there is none. */
const forbiddenMatch = (pattern: string, allowed: ReadonlySet<string>): string | undefined => {
  if (!hasWildcard(pattern)) return allowed.has(pattern.toLowerCase()) ? undefined : pattern;
  const colon = pattern.indexOf(':');
  // A wildcard in the service part reaches other services' actions, which no list here allows.
  if (colon < 0) return pattern;
  const service = pattern.slice(0, colon);
  if (hasWildcard(service) || service.toLowerCase() !== 'ssm') return pattern;
  const matched = CATALOGUE.filter((a) => actionMatches(pattern, a));
  if (matched.length === 0) return pattern;
  return matched.find((a) => !allowed.has(a.toLowerCase()));
};

/**
 * P4, P5: what the document's `Allow` statements may grant on this kind of resource.
 *
 * @category policy
 * @since 0.1.0
 */
export const checkPolicyActions = (
  document: PolicyDocument,
  target: PolicyResource,
  profile: BehaviourProfile,
): Checked<PolicyDocument> => {
  const sets = setsOf(profile);
  const allowed = target._tag === 'Parameter' ? sets.parameterActions : sets.opsItemGroupActions;
  const statements = document.Statements;
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i]!;
    if (s.Effect !== 'Allow') continue; // a Deny grants nothing
    if (s.Action !== undefined) {
      for (let j = 0; j < s.Action.length; j++) {
        const pattern = s.Action[j]!;
        const bad = forbiddenMatch(pattern, allowed);
        if (bad !== undefined) {
          const also = bad === pattern ? '' : ` (it matches ${bad})`;
          return E.left(
            malformedAt(
              `Statement[${i}].Action${s.Action.length > 1 ? `[${j}]` : ''}`,
              `${pattern}${also} cannot be granted on a ${target._tag} resource`,
            ),
          );
        }
      }
    } else if (s.NotAction !== undefined) {
      // NotAction grants every action it does not name: every other service's, and these Systems Manager ones.
      const granted = CATALOGUE.filter((a) => !s.NotAction!.some((p) => actionMatches(p, a)));
      const bad = granted.find((a) => !allowed.has(a.toLowerCase())) ?? 'actions of other services';
      return E.left(
        malformedAt(
          `Statement[${i}].NotAction`,
          `grants ${bad}, which cannot be granted on a ${target._tag} resource`,
        ),
      );
    }
  }
  return E.right(document);
};

/**
 * P6: every statement names the target resource (an OpsItemGroup's may also name its `opsitem/*`). `arn` is the
 * target's canonical ARN, when the caller has it already (a command has formatted it once, to resolve the target).
 *
 * @category policy
 * @since 0.1.0
 */
export const checkPolicyResources = (
  document: PolicyDocument,
  target: PolicyResource,
  profile: BehaviourProfile,
  arn: string = formatResourceArn(target),
): Checked<PolicyDocument> => {
  if (!profile.resourceMustNameTarget) return E.right(document);
  // An OpsItemGroup's policy may also name its OpsItems; a parameter's names the parameter alone.
  const opsItems =
    target._tag === 'OpsItemGroup'
      ? `arn:${target.partition}:ssm:${target.region}:${target.account}:opsitem/*`
      : undefined;
  const statements = document.Statements;
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i]!;
    if (s.NotResource !== undefined) {
      return E.left(
        malformedAt(`Statement[${i}].NotResource`, 'does not name the resource the policy is attached to'),
      );
    }
    const resources = s.Resource;
    if (resources === undefined) continue;
    for (let j = 0; j < resources.length; j++) {
      const r = resources[j]!;
      if (r !== arn && r !== opsItems) {
        return E.left(
          malformedAt(`Statement[${i}].Resource`, `${r} is not the resource the policy is attached to`),
        );
      }
    }
  }
  return E.right(document);
};

/**
 * P1 then P2–P6, in the order of rule O1. `arn`: the target's canonical ARN, if the caller has it (see
 * `checkPolicyResources`).
 *
 * @category policy
 * @since 0.1.0
 */
export const checkPolicyDocument = (
  policy: string,
  target: PolicyResource,
  profile: BehaviourProfile,
  arn?: string,
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
  return checkPolicyResources(document.right, target, profile, arn);
};
