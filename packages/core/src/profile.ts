/**
 * The behaviour profile: every rule that AWS does not publish (tagged [U] in the rulebook) is a named option
 * here, with the rulebook's default. Commands receive a profile; nothing reads one from a global, so an
 * embedder can match what the real service is later observed to do without forking.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { defaultProfile, makeProfile } from '@ssm-policy/core';
 * const contentHashed = makeProfile({ hashStrategy: 'content' });
 * assert.equal(contentHashed.hashStrategy, 'content');
 * assert.equal(contentHashed.defaultPageSize, defaultProfile.defaultPageSize); // every other option keeps its default
 *
 * @since 0.1.0
 */

/**
 * How a new `PolicyHash` is made (rule H6).
 *
 * @category profile
 * @since 0.1.0
 */
export type HashStrategy =
  /** sha256 of (PolicyId, previous hash, text): a new hash on every update, even of unchanged text. */
  | 'versioned'
  /** sha256 of the text alone: putting A → B → A brings back A's hash. */
  | 'content';

/**
 * The codes a profile may choose for a rejected parameter (rules R5, R6).
 *
 * @category profile
 * @since 0.1.0
 */
export type ParameterRejection =
  'ResourcePolicyInvalidParameterException' | 'MalformedResourcePolicyDocumentException';

/** The codes a profile may choose for a resource the caller may not use (rules R3, R8): both are in every
 * operation's error list, and the real service could plausibly answer either.
 *
 * @category profile
 * @since 0.1.0
 */
export type ResourceRejection = 'ResourcePolicyInvalidParameterException' | 'ResourceNotFoundException';

/** H12: how many Put and Delete calls one account may make on one resource: `perSecond` on average, with
 * bursts of up to `burst` calls (a token bucket that starts full).
 *
 * @category profile
 * @since 0.1.0
 */
export interface PolicyWriteRate {
  readonly perSecond: number;
  readonly burst: number;
}

/**
 * Every choice the rulebook leaves open ([U]), as one typed value.
 *
 * @category profile
 * @since 0.1.0
 */
export interface BehaviourProfile {
  // --- Ownership, identity and hash errors, rate, wire (issue 12: R3, R8, H4/H5, H8, H12, W1, W2) ---
  /**
   * R2: the error of a resource type that carries no policies (`["ResourceArn"]` for the invalid-parameter code;
   * since 0.4.0).
   */
  readonly unsupportedResourceError: ResourceRejection;
  /** R3: refuse a resource whose partition or region is not the caller's (the account is R8's business). */
  readonly requireCallerRegion: boolean;
  /** R3: the error of a resource in another partition or region (`["ResourceArn"]` for the invalid-parameter code). */
  readonly callerRegionError: ResourceRejection;
  /** R8: the error of Put or Delete on another account's resource, which is always refused. */
  readonly foreignResourceError: ResourceRejection;
  /** R8: refuse Get on another account's resource too, with `foreignResourceError` (`false`: let it read). */
  readonly refuseForeignGet: boolean;
  /** H4/H5: a `PolicyHash` that is not the current one, on a policy that exists: Conflict, or NotFound. */
  readonly staleHashError: 'ResourcePolicyConflictException' | 'ResourcePolicyNotFoundException';
  /** H8: the error of an unknown, tampered or foreign `NextToken` (`["NextToken"]` for the invalid-parameter code). */
  readonly invalidNextTokenError: 'ResourcePolicyInvalidParameterException' | 'ValidationException';
  /** H12: the most Put/Delete calls per account and resource; `undefined` for no limit. Needs `Dependencies.clock`. */
  readonly policyWriteRate: PolicyWriteRate | undefined;
  /** W1: accept a request whatever its `Content-Type` (`false`: only `application/x-amz-json-1.1`). The server reads it. */
  readonly acceptAnyContentType: boolean;
  /** W2: the body of Delete's success: `'{}'`, or `'empty'` (no body at all). The server reads it. */
  readonly deleteResponseBody: '{}' | 'empty';
  // --- end of issue 12's block ---
  /** R5: refuse a parameter that is not in the Advanced tier, with this error (or allow it: `false`). */
  readonly standardTierParameter: ParameterRejection | false;
  /** R6: refuse a SecureString whose key is AWS managed, with this error (or allow it: `false`). */
  readonly awsManagedKeySecureString: ParameterRejection | false;
  /** P1: `LimitType` of the size limit. */
  readonly policySizeLimitType: string;
  /** H9: `LimitType` of the count limit. */
  readonly policyCountLimitType: string;
  /** H9: most policies on one parameter; `undefined` for no limit. The OpsItemGroup limit of 1 is AWS's. */
  readonly maxPoliciesPerParameter: number | undefined;
  /** H6 */
  readonly hashStrategy: HashStrategy;
  /** H8: `MaxResults` when the request has none. */
  readonly defaultPageSize: number;
  /** H2: refuse a `PolicyHash` without a `PolicyId` (or ignore the hash and create: `false`). */
  readonly hashWithoutIdIsInvalid: boolean;
  /**
   * P3: the statement elements that must be present (`Principal` stands for `Principal`/`NotPrincipal`, and so
   * on). The IAM grammar requires all four; the access evaluator always does.
   */
  readonly requiredStatementElements: ReadonlyArray<'Effect' | 'Principal' | 'Action' | 'Resource'>;
  /** P3: refuse a statement with `NotPrincipal` (grammatical, but not a resource share's consumer list). */
  readonly refuseNotPrincipal: boolean;
  /** P3: refuse a statement with `NotAction`. */
  readonly refuseNotAction: boolean;
  /** P3: refuse a statement with `NotResource`. */
  readonly refuseNotResource: boolean;
  /** P3: refuse `Principal: "*"` and an `AWS` principal `"*"`. */
  readonly refuseWildcardPrincipal: boolean;
  /** P3: refuse principal keys other than `AWS` (`Service`, `Federated`, `CanonicalUser`). */
  readonly refuseNonAwsPrincipalKeys: boolean;
  /** P3: refuse `Deny` statements. */
  readonly refuseDeny: boolean;
  /**
   * P4: actions a parameter policy may grant (compared case-insensitively, as IAM does). A wildcard action is
   * expanded against Systems Manager's action catalogue and refused when it matches any other action.
   */
  readonly parameterActions: ReadonlyArray<string>;
  /** P5: actions an OpsItemGroup policy may grant (wildcards expanded as for P4). */
  readonly opsItemGroupActions: ReadonlyArray<string>;
  /** P6: every `Resource` of a statement must be the target (or, for an OpsItemGroup, its `opsitem/*`). */
  readonly resourceMustNameTarget: boolean;
  /** R7: deleting a parameter deletes its policies. */
  readonly parameterDeletionDropsPolicies: boolean;
  /** W6: check SigV4 signatures (the server reads this; the core does not sign anything). */
  readonly verifySignatures: boolean;
  /**
   * A7: the answer to a denied read of another account's parameter: `AccessDeniedException` in IAM's words, or
   * `ParameterNotFound`, as if the parameter did not exist. Either way nothing of the parameter is revealed.
   */
  readonly crossAccountDenial: 'AccessDeniedException' | 'ParameterNotFound';
  /**
   * A5: the caller's identity policies, which this library does not hold: assumed to allow (`true`), or to
   * allow nothing (`false`: a request is allowed only when a resource policy allows it, the owner's too).
   */
  readonly assumeIdentityAllows: boolean;
  /**
   * A8: `DescribeParameters` with `Shared` lists a parameter shared with the caller by a policy before its owner
   * promoted the share (`PromoteResourceShareCreatedFromPolicy`); AWS documents that it does not.
   */
  readonly listSharedBeforePromotion: boolean;
}

/**
 * The rulebook's default for every option.
 *
 * @category profile
 * @since 0.1.0
 */
export const defaultProfile: BehaviourProfile = {
  unsupportedResourceError: 'ResourcePolicyInvalidParameterException',
  requireCallerRegion: true,
  callerRegionError: 'ResourcePolicyInvalidParameterException',
  foreignResourceError: 'ResourcePolicyInvalidParameterException',
  refuseForeignGet: true,
  staleHashError: 'ResourcePolicyConflictException',
  invalidNextTokenError: 'ResourcePolicyInvalidParameterException',
  policyWriteRate: undefined,
  acceptAnyContentType: true,
  deleteResponseBody: '{}',
  standardTierParameter: 'ResourcePolicyInvalidParameterException',
  awsManagedKeySecureString: 'ResourcePolicyInvalidParameterException',
  policySizeLimitType: 'PolicySize',
  policyCountLimitType: 'PolicyCount',
  maxPoliciesPerParameter: undefined,
  hashStrategy: 'versioned',
  defaultPageSize: 50,
  hashWithoutIdIsInvalid: true,
  requiredStatementElements: ['Effect', 'Principal', 'Action', 'Resource'],
  refuseNotPrincipal: true,
  refuseNotAction: true,
  refuseNotResource: true,
  refuseWildcardPrincipal: true,
  refuseNonAwsPrincipalKeys: true,
  refuseDeny: false,
  // AWSRAMDefaultPermissionSSMParameterReadOnly, plus GetParameterHistory (…ReadOnlyWithHistory).
  parameterActions: [
    'ssm:GetParameter',
    'ssm:GetParameters',
    'ssm:DescribeParameters',
    'ssm:GetParameterHistory',
  ],
  // Exactly the actions of AWS's published OpsCenter cross-account policy.
  opsItemGroupActions: ['ssm:CreateOpsItem', 'ssm:AddTagsToResource', 'ssm:GetOpsItem', 'ssm:UpdateOpsItem'],
  resourceMustNameTarget: true,
  parameterDeletionDropsPolicies: true,
  verifySignatures: false,
  crossAccountDenial: 'AccessDeniedException',
  assumeIdentityAllows: true,
  listSharedBeforePromotion: false,
};

/**
 * A profile with some options changed and the rest at their defaults.
 *
 * @category profile
 * @since 0.1.0
 */
export const makeProfile = (overrides: Partial<BehaviourProfile>): BehaviourProfile => ({
  ...defaultProfile,
  ...overrides,
});
