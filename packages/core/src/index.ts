/**
 * `@ssm-policy/core`: the rules of AWS Systems Manager resource policies as pure functions over ports.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { bindCaller, defaultProfile, makeCaller, makeCommands, seededIdSource } from '@ssm-policy/core';
 * const service = bindCaller(
 *   makeCommands({
 *     repository: createMemoryPolicyRepository(),
 *     catalog: createMemoryParameterCatalog(),
 *     ids: seededIdSource(1),
 *     profile: defaultProfile,
 *   }),
 *   makeCaller({ account: '123456789012', region: 'us-east-1' }),
 * );
 * const answer = await service.GetResourcePolicies({ ResourceArn: 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default' })();
 * assert.deepEqual(answer, { _tag: 'Right', right: { Policies: [] } });
 *
 * @since 0.1.0
 */
import * as DeleteResourcePolicy from './delete-resource-policy.js';
import * as GetResourcePolicies from './get-resource-policies.js';
import * as PutResourcePolicy from './put-resource-policy.js';

/**
 * Each operation as one module: `decode` (once per request), the pure `plan`, and `run(deps)(caller, request)`
 * on a decoded request. A server decodes and runs; `makeCommands` gives the decode-then-run commands.
 *
 * @since 0.2.0
 * @category commands
 */
export { DeleteResourcePolicy, GetResourcePolicies, PutResourcePolicy };
export {
  formatResourceArn,
  parameterArn,
  parseResourceArn,
  readResourceArn,
  type ArnRefusal,
  type OpsItemGroupResource,
  type ParameterResource,
  type PolicyResource,
} from './arn.js';
export { makeCaller, partitionOfRegion, principalArnOf, type Caller, type CallerIdentity } from './caller.js';
export { invalidNextToken, rejectResource, staleHash } from './chosen-errors.js';
export type { Clock } from './clock.js';
export type { KeyManager, ParameterCatalog, ParameterInfo, ParameterTier, ParameterType } from './catalog.js';
export { deleteResourcePolicy, type DeleteResourcePolicyInput } from './delete-resource-policy.js';
export type { Dependencies } from './dependencies.js';
export {
  DeleteResourcePolicyErrorTags,
  GetResourcePoliciesErrorTags,
  PutResourcePolicyErrorTags,
  internalServerError,
  malformedResourcePolicyDocument,
  resourceNotFound,
  resourcePolicyConflict,
  resourcePolicyInvalidParameter,
  resourcePolicyLimitExceeded,
  resourcePolicyNotFound,
  serializationException,
  validationException,
  type DeleteResourcePolicyError,
  type Fault,
  type GetResourcePoliciesError,
  type InternalServerError,
  type MalformedResourcePolicyDocumentException,
  type PutResourcePolicyError,
  type ResourceNotFoundException,
  type ResourcePolicyConflictException,
  type ResourcePolicyError,
  type ResourcePolicyInvalidParameterException,
  type ResourcePolicyLimitExceededException,
  type ResourcePolicyNotFoundException,
  type SerializationException,
  type ValidationException,
} from './errors.js';
export {
  getResourcePolicies,
  pageResponse,
  planGetResourcePolicies,
  type GetResourcePoliciesInput,
} from './get-resource-policies.js';
export { sha256Hex, utf8Length } from './hash.js';
export { randomIdSource, seededIdSource, type IdSource } from './ids.js';
export { decodePageToken, encodePageToken } from './page-token.js';
export {
  MAX_POLICY_BYTES,
  checkPolicyActions,
  checkPolicyDocument,
  checkPolicyResources,
  checkPolicySize,
  optionalStatementElements,
  parsePolicyDocument,
  type PolicyDocument,
  type PolicyStatement,
} from './policy-document.js';
export { PARTITIONS, PARTITIONS_SOURCE, type PartitionData } from './partitions.generated.js';
export { partitionIds, regionPartition } from './partitions.js';
export { dropDeletedParameterPolicies } from './parameter-deletion.js';
export {
  accessContextOf,
  accessDenied,
  decideFromPolicies,
  decideParameterAccess,
  denialOf,
  type AccessDeniedException,
  type AccountOrganization,
  type OrganizationOf,
  type ParameterAccess,
} from './parameter-access.js';
export { nextPolicyHash, type Sha256Hex } from './policy-hash.js';
export {
  combineWithIdentity,
  evaluateAccess,
  evaluateDocuments,
  type AccessDecision,
  type AccessRequest,
  type AccessResult,
  type DecisiveStatement,
} from './policy/evaluate.js';
export type {
  ConditionEntry,
  ConditionSet,
  PolicyVersion,
  PrincipalElement,
  PrincipalKey,
} from './policy/document.js';
export { CONDITION_OPERATORS, parsePolicy, type OptionalElement } from './policy/grammar.js';
export { SSM_ACTIONS, type SsmActionEntry } from './policy/ssm-actions.generated.js';
export {
  listedForConsumers,
  newPolicyShare,
  policyShareName,
  promotionRefusal,
  resourceShareArn,
  shareTransition,
  type PromotionRefusal,
  type ResourceShare,
  type ShareFeatureSet,
  type ShareStatus,
  type ShareTransition,
} from './resource-share.js';
export {
  defaultProfile,
  makeProfile,
  type BehaviourProfile,
  type HashStrategy,
  type ParameterRejection,
  type PolicyWriteRate,
  type ResourceRejection,
} from './profile.js';
export {
  BehaviourProfileCodec,
  ProfileFileCodec,
  decodeProfile,
  decodeProfileJson,
  encodeProfile,
  profileOptionCodecs,
  type ProfileError,
} from './profile-codec.js';
export {
  OPS_ITEM_GROUP_POLICY_LIMIT,
  checkPolicyIdentity,
  explainConditionFailure,
  explainRefusedWrite,
  planPutResourcePolicy,
  policyLimitOf,
  putResourcePolicy,
  type PutPlan,
  type PutResourcePolicyInput,
} from './put-resource-policy.js';
export {
  cursorInvalid,
  hashMismatch,
  policyLimitReached,
  policyMissing,
  resourceMissing,
  storageError,
  type CreatePolicy,
  type CursorInvalid,
  type DeletePolicy,
  type HashMismatch,
  type ListPolicies,
  type PolicyLimitReached,
  type PolicyMissing,
  type PolicyPage,
  type PolicyRepository,
  type RepositoryCapabilities,
  type ResourceKey,
  type ResourceMissing,
  type StorageError,
  type StoredPolicy,
  type SyncPolicyRepository,
  type UpdatePolicy,
} from './repository.js';
export {
  DeleteResourcePolicyRequestShape,
  DeleteResourcePolicyResponse,
  GetResourcePoliciesRequestShape,
  GetResourcePoliciesResponse,
  GetResourcePoliciesResponseEntry,
  POLICY_PATTERN_SOURCE,
  PutResourcePolicyRequestShape,
  PutResourcePolicyResponse,
  decodeDeleteResourcePolicyRequest,
  decodeGetResourcePoliciesRequest,
  decodePutResourcePolicyRequest,
  validateDeleteResourcePolicyRequest,
  validateGetResourcePoliciesRequest,
  validatePutResourcePolicyRequest,
  type DeleteResourcePolicyRequest,
  type GetResourcePoliciesRequest,
  type PutResourcePolicyRequest,
} from './requests.js';
export { andThen, type Eventually } from './eventually.js';
export {
  callPort,
  callPortNow,
  resourceKeyOf,
  resolveResource,
  resolveResourceArn,
  resolveResourceNow,
  toInternalServerError,
  type ResolvedResource,
} from './resolve-resource.js';
export {
  PARAMETER_STORE_RULE_IDS,
  RULE_IDS,
  isRuleId,
  type ParameterStoreRuleId,
  type RuleId,
} from './rule-ids.js';
export {
  checkCallerRegion,
  checkOwner,
  checkOwnership,
  checkParameterEligibility,
  checkParameterExists,
  isAwsManagedKey,
  type ResourceAccess,
} from './resource-rules.js';
export {
  bindCaller,
  makeCommands,
  type ResourcePolicyCommands,
  type ResourcePolicyService,
} from './service.js';
export {
  checkWriteRate,
  createWriteRateState,
  takeToken,
  writeRateKey,
  type TokenBucket,
  type WriteRateState,
} from './write-rate.js';
export {
  InternalServerErrorCodec,
  MalformedResourcePolicyDocumentExceptionCodec,
  ResourceNotFoundExceptionCodec,
  ResourcePolicyConflictExceptionCodec,
  ResourcePolicyErrorCodec,
  ResourcePolicyInvalidParameterExceptionCodec,
  ResourcePolicyLimitExceededExceptionCodec,
  ResourcePolicyNotFoundExceptionCodec,
  SerializationExceptionCodec,
  ValidationExceptionCodec,
} from './error-codecs.js';
