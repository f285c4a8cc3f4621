/**
 * `@ssm-policy/server`: the awsJson1_1 wire handler for SSM resource policies, a minimal parameter store, and
 * a `node:http` listener, as a library. The runnable emulator (`pnpm start`) is `@ssm-policy/emulator`.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { startEmulator } from '@ssm-policy/server';
 * const emulator = await startEmulator({ port: 0 }); // emulator.url is the endpoint
 * const res = await fetch(emulator.url, {
 *   method: 'POST',
 *   headers: { 'x-amz-target': 'AmazonSSM.GetResourcePolicies', 'content-type': 'application/x-amz-json-1.1' },
 *   body: '{"ResourceArn":"arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default"}',
 * });
 * const body: unknown = await res.json();
 * await emulator.close();
 * assert.deepEqual(body, { Policies: [] });
 *
 * @since 0.1.0
 */
export {
  DEFAULT_HEADERS_TIMEOUT_SECONDS,
  DEFAULT_HOST,
  DEFAULT_KEEP_ALIVE_TIMEOUT_SECONDS,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_UNSENT_BYTES,
  DEFAULT_PORT,
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  DEFAULT_SHUTDOWN_TIMEOUT_SECONDS,
  consoleLogger,
  createEmulatorServer,
  createRequestListener,
  formatRequestLogLine,
  parserRefusal,
  startEmulator,
  stopGracefully,
  type ConnectionOptions,
  type EmulatorOptions,
  type ListenerOptions,
  type RequestLogEntry,
  type RequestLogger,
  type RunningEmulator,
} from './http-listener.js';
export {
  DEFAULT_MEMORY_BUDGET_FRACTION,
  bytesHeldBy,
  defaultMemoryBudgetBytes,
  holdsBytes,
  oldGenerationLimitBytes,
  type HoldsBytes,
} from './memory-budget.js';
export {
  AWS_SSM_KEY_ALIAS,
  awsManagedSsmKey,
  keyManagerOf,
  type KeyScope,
  type ManagedKey,
} from './managed-keys.js';
export {
  DEFAULT_PARAMETER_QUOTAS,
  invalidNextToken,
  makeParameterCommands,
  targetOf,
  type DeleteParameterError,
  type GetParameterError,
  type GetParameterHistoryError,
  type GetParameterHistoryResponse,
  type GetParameterResponse,
  type GetParametersError,
  type GetParametersResponse,
  type InvalidNextToken,
  type ParameterHistoryView,
  type ParameterView,
  type ParameterQuotas,
  type ParameterCommandDependencies,
  type ParameterCommands,
  type PutParameterError,
  type PutParameterResponse,
} from './parameter-commands.js';
export {
  hierarchyLevelLimitExceeded,
  invalidAllowedPattern,
  parameterAlreadyExists,
  parameterLimitExceeded,
  parameterNotFound,
  parameterPatternMismatch,
  reservedParameterName,
  unsupportedParameterType,
  type HierarchyLevelLimitExceededException,
  type InvalidAllowedPatternException,
  type ParameterAlreadyExists,
  type ParameterLimitExceeded,
  type ParameterNotFound,
  type ParameterPatternMismatchException,
  type UnsupportedParameterType,
} from './parameter-errors.js';
export {
  ADVANCED_MAX_BYTES,
  DATA_TYPES,
  MAX_HIERARCHY_LEVELS,
  MAX_QUALIFIED_NAME_LENGTH,
  STANDARD_MAX_BYTES,
  checkAllowedPattern,
  checkDataType,
  checkKeyIdForType,
  checkParameterName,
  checkValueReferences,
  resolveParameterType,
  resolveTier,
} from './parameter-rules.js';
export {
  decodeDeleteParameterRequest,
  decodeGetParameterHistoryRequest,
  decodeGetParameterRequest,
  decodeGetParametersRequest,
  decodePutParameterRequest,
  type DeleteParameterRequest,
  type GetParameterHistoryRequest,
  type GetParameterRequest,
  type GetParametersRequest,
  type ParameterRequestError,
  type PutParameterRequest,
  type RequestedTier,
} from './parameter-requests.js';
export {
  createParameterStore,
  isParameterStore,
  scopeOfArn,
  type MemoryParameterStore,
  type ParameterCounts,
  type ParameterStore,
  type ParameterVersion,
  type StoredParameter,
} from './parameter-store.js';
export {
  SIGV4_ALGORITHM,
  parseAuthorization,
  type CredentialScope,
  type ParsedAuthorization,
  type SigV4Authorization,
} from './authorization.js';
export {
  DEFAULT_ACCOUNT,
  DEFAULT_REGION,
  callerFromAuthorization,
  callerOf,
  credentialScopeOf,
  type CallerDefaults,
} from './request-caller.js';
export {
  SIGNATURE_MISMATCH,
  secretLookupOf,
  verifySignature,
  type IdentityKeys,
  type SecretLookup,
  type SignatureCheck,
  type SignatureRefusal,
} from './signature.js';
export {
  AMZ_JSON_1_1,
  ANSWER_NOW,
  MAX_BODY_BYTES,
  TARGET_PREFIX,
  emptyResponse,
  errorResponse,
  headerValue,
  isAmzJson11,
  jsonResponse,
  type WireHandler,
  type WireHeaders,
  type WireRequest,
  type WireResponse,
} from './wire.js';
export {
  requestEntityTooLarge,
  statusOfError,
  unknownOperation,
  unsupportedContentType,
  wireError,
  type RequestEntityTooLargeException,
  type TaggedError,
  type UnknownOperationException,
} from './wire-errors.js';
export { decodeIdentities, identitiesOf, organizationsOf, type Identity } from './identities.js';
export { createWireHandler, operationName, parseJsonBody, type WireHandlerOptions } from './wire-handler.js';
export {
  PAGE_BYTES_FROM,
  POLICY_PAGE_CACHE_SIZE,
  POLICY_TEXT_CACHE_ENTRIES,
  createPolicyPageWriter,
  type PolicyPageAnswer,
  type PolicyPageWriter,
} from './response-body.js';
export {
  compileFilter,
  decodeDescribeParametersRequest,
  describeParameters,
  parameterListingOf,
  type DescribeParametersDependencies,
  type DescribeParametersError,
  type DescribeParametersRequest,
  type DescribeParametersResponse,
  type ParameterListing,
  type ParameterMetadata,
  type ParameterStringFilter,
} from './describe-parameters.js';
export {
  makeRamOperations,
  type RamDependencies,
  type RamError,
  type RamErrorCode,
  type RamOperation,
  type RamOperations,
} from './ram-operations.js';
export { ramError, ramResponse } from './ram-wire.js';
export {
  DEFAULT_MAX_DELETED_SHARES,
  createMemoryResourceShareStore,
  type MemoryResourceShareStoreOptions,
  type ResourceShareStore,
  type SyncResourceShareStore,
} from './resource-share-store.js';
export {
  makeShareLifecycle,
  type ShareLifecycle,
  type ShareLifecycleDependencies,
} from './share-lifecycle.js';
export { makeSharedWith, type SharedWith } from './shared-with.js';
