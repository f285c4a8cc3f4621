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
  DEFAULT_HOST,
  DEFAULT_PORT,
  consoleLogger,
  createEmulatorServer,
  createRequestListener,
  startEmulator,
  type EmulatorOptions,
  type ListenerOptions,
  type RequestLogger,
  type RunningEmulator,
} from './http-listener.js';
export {
  AWS_SSM_KEY_ALIAS,
  awsManagedSsmKey,
  keyManagerOf,
  type KeyScope,
  type ManagedKey,
} from './managed-keys.js';
export {
  makeParameterCommands,
  type DeleteParameterError,
  type GetParameterError,
  type GetParameterResponse,
  type ParameterCommandDependencies,
  type ParameterCommands,
  type PutParameterError,
  type PutParameterResponse,
} from './parameter-commands.js';
export {
  hierarchyLevelLimitExceeded,
  invalidAllowedPattern,
  parameterAlreadyExists,
  parameterNotFound,
  parameterPatternMismatch,
  reservedParameterName,
  unsupportedParameterType,
  type AccessDeniedException,
  type HierarchyLevelLimitExceededException,
  type InvalidAllowedPatternException,
  type ParameterAlreadyExists,
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
  decodeGetParameterRequest,
  decodePutParameterRequest,
  type DeleteParameterRequest,
  type GetParameterRequest,
  type ParameterRequestError,
  type PutParameterRequest,
  type RequestedTier,
} from './parameter-requests.js';
export {
  createParameterStore,
  isParameterStore,
  type MemoryParameterStore,
  type ParameterStore,
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
export { createWireHandler, operationName, parseJsonBody, type WireHandlerOptions } from './wire-handler.js';
