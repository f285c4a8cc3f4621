/**
 * Who may read a parameter (rules A4–A7): the request context the emulator supplies (A4), the decision of the
 * owner's resource policies combined with the caller's identity (A5, by the profile's `assumeIdentityAllows`),
 * and the answer to a refused request (A7, by the profile's `crossAccountDenial`). `decideParameterAccess` is
 * one port call unless the store pages (the parameter's policies, by its structured key) and the pure evaluator; everything else here
 * is pure.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { accessDenied } from '@ssm-policy/core';
 * const denied = accessDenied(
 *   'arn:aws:iam::222222222222:root',
 *   'ssm:GetParameter',
 *   'arn:aws:ssm:us-east-1:111111111111:parameter/app',
 *   'ImplicitDeny',
 * );
 * assert.equal(
 *   denied.message,
 *   'User: arn:aws:iam::222222222222:root is not authorized to perform: ssm:GetParameter on resource: ' +
 *     'arn:aws:ssm:us-east-1:111111111111:parameter/app because no resource-based policy allows the ssm:GetParameter action',
 * );
 *
 * @since 0.3.0
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { principalArnOf, type Caller } from './caller.js';
import type { Dependencies } from './dependencies.js';
import { internalServerError, type InternalServerError } from './errors.js';
import {
  combineWithIdentity,
  evaluateAccess,
  type AccessDecision,
  type AccessRequest,
  type AccessResult,
} from './policy/evaluate.js';
import type { BehaviourProfile } from './profile.js';
import { optionalStatementElements } from './policy-document.js';
import type { ResourceKey, StoredPolicy } from './repository.js';
import { callPort, toInternalServerError } from './resolve-resource.js';

/**
 * A7: IAM's refusal (400), in IAM's words.
 *
 * @since 0.3.0
 * @category errors
 */
export interface AccessDeniedException {
  readonly _tag: 'AccessDeniedException';
  readonly message: string;
  readonly fault: 'client';
}

/**
 * A7: "User: <principal> is not authorized to perform: <action> on resource: <ARN> because no resource-based
 * policy allows the <action> action" (an implicit deny) or "… with an explicit deny in a resource-based policy".
 *
 * @since 0.3.0
 * @category errors
 */
export const accessDenied = (
  principal: string,
  action: string,
  resource: string,
  decision: Exclude<AccessDecision, 'Allow'>,
): AccessDeniedException => ({
  _tag: 'AccessDeniedException',
  fault: 'client',
  message:
    `User: ${principal} is not authorized to perform: ${action} on resource: ${resource} ` +
    (decision === 'ExplicitDeny'
      ? 'with an explicit deny in a resource-based policy'
      : `because no resource-based policy allows the ${action} action`),
});

/** `::ffff:10.0.0.1` (an IPv4 client of a dual-stack socket) is `10.0.0.1` to IAM's `IpAddress`. */
const plainIp = (ip: string): string => (ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip);

/**
 * The AWS Organizations organization an account belongs to, as the emulator is configured (A4): its id and
 * the account's organization paths. A resource of that account has them as `aws:ResourceOrgID` and
 * `aws:ResourceOrgPaths`.
 *
 * @since 0.3.0
 * @category access
 */
export interface AccountOrganization {
  readonly orgId: string;
  readonly orgPaths?: ReadonlyArray<string>;
}

/**
 * A4: the context keys of a request that the evaluator cannot derive from the principal ARN and the resource
 * (it derives `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:PrincipalType`, `aws:username`,
 * `aws:ResourceAccount`, and `aws:userid` of a root): the caller's organization, the unique id, the source
 * address, the transport, the requested region and the time, and the resource's organization when its
 * account's is known (`resourceOrganization`).
 *
 * @since 0.3.0
 * @category access
 */
export const accessContextOf = (
  caller: Caller,
  now: Date,
  resourceOrganization?: AccountOrganization,
): Readonly<Record<string, string | ReadonlyArray<string>>> => {
  const identity = caller.identity;
  return {
    'aws:RequestedRegion': caller.region,
    'aws:SecureTransport': caller.secureTransport === true ? 'true' : 'false',
    'aws:CurrentTime': now.toISOString(),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    ...(caller.sourceIp === undefined ? {} : { 'aws:SourceIp': plainIp(caller.sourceIp) }),
    ...(identity?.userId === undefined ? {} : { 'aws:userid': identity.userId }),
    ...(identity?.orgId === undefined ? {} : { 'aws:PrincipalOrgID': identity.orgId }),
    ...(identity?.orgPaths === undefined ? {} : { 'aws:PrincipalOrgPaths': identity.orgPaths }),
    ...(resourceOrganization === undefined ? {} : { 'aws:ResourceOrgID': resourceOrganization.orgId }),
    ...(resourceOrganization?.orgPaths === undefined
      ? {}
      : { 'aws:ResourceOrgPaths': resourceOrganization.orgPaths }),
  };
};

/**
 * Where the organization of an account is looked up: the emulator derives it from its identity map.
 *
 * @since 0.3.0
 * @category access
 */
export type OrganizationOf = (account: string) => AccountOrganization | undefined;

/**
 * The decision on one request: `decision` is final (A5: resource policies and identity combined),
 * `resourcePolicies` is what the owner's policies alone said.
 *
 * @since 0.3.0
 * @category access
 */
export interface ParameterAccess {
  readonly decision: AccessDecision;
  readonly resourcePolicies: AccessResult;
  readonly request: AccessRequest;
}

/**
 * A5: the final decision from the policies' texts (pure). The identity side is the profile's assumption. The
 * texts are read with the statement elements the profile's `requiredStatementElements` lets them leave out
 * (P3; all required when the profile given has none), as PutResourcePolicy accepted them.
 *
 * @since 0.3.0
 * @category access
 */
export const decideFromPolicies = (
  policies: ReadonlyArray<string>,
  request: AccessRequest,
  profile: Pick<BehaviourProfile, 'assumeIdentityAllows'> &
    Partial<Pick<BehaviourProfile, 'requiredStatementElements'>>,
): E.Either<InternalServerError, ParameterAccess> => {
  const required = profile.requiredStatementElements;
  const result = evaluateAccess(
    policies,
    request,
    required === undefined ? undefined : optionalStatementElements({ requiredStatementElements: required }),
  );
  // A stored policy passed P3 when it was put: one that does not parse now is the store's fault.
  if (E.isLeft(result)) return E.left(internalServerError('A stored policy could not be read.'));
  const identity: AccessDecision = profile.assumeIdentityAllows ? 'Allow' : 'ImplicitDeny';
  return E.right({
    decision: combineWithIdentity(result.right, request, identity),
    resourcePolicies: result.right,
    request,
  });
};

/** The account field of an ARN (`arn:partition:service:region:account:…`). */
const resourceAccountOf = (arn: string): string => arn.split(':')[4] ?? '';

// The policies of one resource are few (a store pages them); this bounds a broken store that never stops.
const MAX_PAGES = 1_000;
const PAGE = 1_000;

/**
 * A1–A6: may `caller` perform `action` on the parameter `resource` (its structured key, as `resourceKeyOf`
 * makes it)? Reads the parameter's policies through the repository (one list call unless the store pages) and
 * evaluates them with the request's context (A4) at `now`; `organizationOf`, when given, supplies the
 * resource account's organization.
 *
 * @since 0.3.0
 * @category access
 */
export const decideParameterAccess =
  (deps: Pick<Dependencies, 'repository' | 'profile'> & { readonly organizationOf?: OrganizationOf }) =>
  (
    caller: Caller,
    resource: ResourceKey,
    action: string,
    now: Date,
  ): TE.TaskEither<InternalServerError, ParameterAccess> =>
  async () => {
    const policies: StoredPolicy[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const listed = await callPort(() =>
        deps.repository.list({ resource, limit: PAGE, ...(cursor === undefined ? {} : { cursor }) })(),
      );
      if (E.isLeft(listed)) {
        return E.left(
          listed.left._tag === 'StorageError'
            ? toInternalServerError(listed.left)
            : internalServerError('The store refused its own cursor.'),
        );
      }
      policies.push(...listed.right.policies);
      cursor = listed.right.cursor;
      if (cursor === undefined) break;
    }
    const request: AccessRequest = {
      principal: principalArnOf(caller),
      action,
      resource: resource.arn,
      context: accessContextOf(caller, now, deps.organizationOf?.(resourceAccountOf(resource.arn))),
    };
    return decideFromPolicies(
      policies.map((p) => p.Policy),
      request,
      deps.profile,
    );
  };

/**
 * A7: what a refused read answers: `AccessDeniedException` (always for the owner's own account, whose denial
 * can only be a policy's explicit `Deny`), or for another account's parameter the profile's
 * `crossAccountDenial`: `'ParameterNotFound'` tells the caller to answer as if the parameter did not exist.
 *
 * @since 0.3.0
 * @category access
 */
export const denialOf = (
  access: ParameterAccess,
  caller: Caller,
  profile: Pick<BehaviourProfile, 'crossAccountDenial'>,
): AccessDeniedException | 'ParameterNotFound' => {
  const ownAccount = access.request.resource.split(':', 5)[4] === caller.account;
  if (!ownAccount && profile.crossAccountDenial === 'ParameterNotFound') return 'ParameterNotFound';
  return accessDenied(
    access.request.principal,
    access.request.action,
    access.request.resource,
    access.decision === 'ExplicitDeny' ? 'ExplicitDeny' : 'ImplicitDeny',
  );
};
