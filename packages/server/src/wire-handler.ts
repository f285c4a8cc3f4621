/**
 * The wire handler: one function from a request to a response, implementing rules W1–W6 over the core's
 * commands and the emulator's parameter store. It has no web framework and does no I/O of its own, so any
 * HTTP server can mount it (the `node:http` listener in `http-listener.ts` is one). It never throws: a fault
 * anywhere becomes a 500 `InternalServerError`.
 *
 * @example
 * import { createWireHandler } from '@ssm-policy/server';
 * const handle = createWireHandler();
 * const res = await handle({
 *   method: 'POST', path: '/',
 *   headers: { 'x-amz-target': 'AmazonSSM.GetResourcePolicies', 'content-type': 'application/x-amz-json-1.1' },
 *   body: new TextEncoder().encode('{"ResourceArn":"arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default"}'),
 * });
 * // res.status === 200, res.body === '{"Policies":[]}'
 *
 * @since 0.1.0
 */
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { createMemoryPolicyRepository, nodeSha256Hex } from '@ssm-policy/adapter-memory';
import {
  decodeDeleteResourcePolicyRequest,
  decodeGetResourcePoliciesRequest,
  decodePutResourcePolicyRequest,
  defaultProfile,
  internalServerError,
  makeCommands,
  randomIdSource,
  serializationException,
  type BehaviourProfile,
  type Caller,
  type IdSource,
  type PolicyRepository,
  type Sha256Hex,
} from '@ssm-policy/core';
import { makeParameterCommands } from './parameter-commands.js';
import {
  decodeDeleteParameterRequest,
  decodeGetParameterRequest,
  decodePutParameterRequest,
} from './parameter-requests.js';
import { createParameterStore, type ParameterStore } from './parameter-store.js';
import { callerFromAuthorization, DEFAULT_ACCOUNT, DEFAULT_REGION } from './request-caller.js';
import { verifySignature, type SecretLookup } from './signature.js';
import {
  MAX_BODY_BYTES,
  TARGET_PREFIX,
  headerValue,
  jsonResponse,
  type WireHandler,
  type WireRequest,
  type WireResponse,
} from './wire.js';
import { requestEntityTooLarge, unknownOperation, wireError, type TaggedError } from './wire-errors.js';

export interface WireHandlerOptions {
  /** Where policies live; default: a fresh in-memory repository. */
  readonly repository?: PolicyRepository;
  /** The emulator's parameters (also the catalog of rules R4–R6); default: a fresh, empty store. */
  readonly parameters?: ParameterStore;
  readonly profile?: BehaviourProfile;
  readonly ids?: IdSource;
  /** The account of callers whose access key id is not 12 digits (W6); default `123456789012`. */
  readonly defaultAccount?: string;
  /** The region of unsigned requests; default `us-east-1`. */
  readonly defaultRegion?: string;
  /** W6 with `profile.verifySignatures`: the secret access key of an access key id, if it is known. */
  readonly secretFor?: SecretLookup;
  /** Request ids (`x-amzn-RequestId`); default random UUIDs. */
  readonly requestId?: () => string;
  /** The clock of `LastModifiedDate`. */
  readonly now?: () => Date;
  /** A larger body is refused with 413 `RequestEntityTooLargeException`; default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** The SHA-256 of policy hashes; default `node:crypto`'s, which agrees with the core's pure one (H11). */
  readonly sha256Hex?: Sha256Hex;
}

/** One operation: a decoder of the body (W4, V) and the command that runs it. */
interface Operation {
  run(caller: Caller, body: unknown): TE.TaskEither<TaggedError, unknown>;
}

const operation =
  <A>(
    decode: (body: unknown) => E.Either<TaggedError, A>,
    command: (caller: Caller, input: A) => TE.TaskEither<TaggedError, unknown>,
  ): Operation['run'] =>
  (caller, body) => {
    const input = decode(body);
    return E.isLeft(input) ? async () => input : command(caller, input.right);
  };

const notJson = serializationException('The request body is not valid UTF-8 JSON.');

/** W4: the body as JSON; an empty body is `{}`, as AWS reads it. */
export const parseJsonBody = (body: Uint8Array): E.Either<TaggedError, unknown> => {
  // isUtf8 + toString is several times faster than a fatal TextDecoder on small bodies.
  if (!isUtf8(body)) return E.left(notJson);
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  try {
    return E.right(text.trim() === '' ? {} : JSON.parse(text));
  } catch {
    return E.left(notJson);
  }
};

/** W1, W5: the operation named by `X-Amz-Target`, if this service has it. */
export const operationName = (request: Pick<WireRequest, 'headers'>): string | undefined => {
  const target = headerValue(request.headers, 'x-amz-target');
  return target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
};

export const createWireHandler = (options: WireHandlerOptions = {}): WireHandler => {
  const profile = options.profile ?? defaultProfile;
  const repository = options.repository ?? createMemoryPolicyRepository();
  const store = options.parameters ?? createParameterStore();
  const commands = makeCommands({
    repository,
    catalog: store,
    ids: options.ids ?? randomIdSource(),
    profile,
    sha256Hex: options.sha256Hex ?? nodeSha256Hex,
  });
  const parameters = makeParameterCommands({
    store,
    repository,
    profile,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const nextRequestId = options.requestId ?? randomUUID;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const defaults = {
    account: options.defaultAccount ?? DEFAULT_ACCOUNT,
    region: options.defaultRegion ?? DEFAULT_REGION,
  };

  // A Map, not an object: a target like `AmazonSSM.__proto__` must find nothing.
  const operations = new Map<string, Operation['run']>([
    ['PutResourcePolicy', operation(decodePutResourcePolicyRequest, commands.PutResourcePolicy)],
    ['GetResourcePolicies', operation(decodeGetResourcePoliciesRequest, commands.GetResourcePolicies)],
    ['DeleteResourcePolicy', operation(decodeDeleteResourcePolicyRequest, commands.DeleteResourcePolicy)],
    ['PutParameter', operation(decodePutParameterRequest, parameters.PutParameter)],
    ['GetParameter', operation(decodeGetParameterRequest, parameters.GetParameter)],
    ['DeleteParameter', operation(decodeDeleteParameterRequest, parameters.DeleteParameter)],
  ]);

  const handle = async (request: WireRequest, requestId: string): Promise<WireResponse> => {
    const name = operationName(request);
    const run = name === undefined ? undefined : operations.get(name);
    const pathname = request.path.split('?', 1)[0];
    if (request.method !== 'POST' || pathname !== '/' || run === undefined) {
      return wireError(requestId, unknownOperation(headerValue(request.headers, 'x-amz-target')));
    }
    if (request.body.byteLength > maxBodyBytes) {
      return wireError(requestId, requestEntityTooLarge(maxBodyBytes));
    }
    const authorization = headerValue(request.headers, 'authorization');
    if (profile.verifySignatures) {
      const refused = verifySignature(request, options.secretFor ?? (() => undefined));
      if (refused !== undefined) return wireError(requestId, refused);
    }
    const body = parseJsonBody(request.body);
    if (E.isLeft(body)) return wireError(requestId, body.left);
    const result = await run(callerFromAuthorization(authorization, defaults), body.right)();
    return E.isLeft(result) ? wireError(requestId, result.left) : jsonResponse(requestId, 200, result.right);
  };

  return async (request) => {
    const requestId = nextRequestId();
    try {
      return await handle(request, requestId);
    } catch {
      // Never a crash: whatever escaped is the service's fault.
      return wireError(requestId, internalServerError());
    }
  };
};
