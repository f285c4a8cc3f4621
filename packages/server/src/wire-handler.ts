/**
 * The wire handler: one function from a request to a response, implementing rules W1–W6 over the core's
 * commands and the emulator's parameter store. It has no web framework and does no I/O of its own, so any
 * HTTP server can mount it (the `node:http` listener in `http-listener.ts` is one). It never throws: a fault
 * anywhere becomes a 500 `InternalServerError`.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createWireHandler } from '@ssm-policy/server';
 * const handle = createWireHandler();
 * const res = await handle({
 *   method: 'POST',
 *   path: '/',
 *   headers: { 'x-amz-target': 'AmazonSSM.GetResourcePolicies', 'content-type': 'application/x-amz-json-1.1' },
 *   body: new TextEncoder().encode('{"ResourceArn":"arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default"}'),
 * });
 * assert.equal(res.status, 200);
 * assert.deepEqual(JSON.parse(String(res.body)), { Policies: [] });
 *
 * @since 0.1.0
 */
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { createMemoryPolicyRepository, nodeSha256Hex } from '@ssm-policy/adapter-memory';
import {
  DeleteResourcePolicy,
  GetResourcePolicies,
  PutResourcePolicy,
  andThen,
  defaultProfile,
  createWriteRateState,
  internalServerError,
  randomIdSource,
  serializationException,
  type BehaviourProfile,
  type Caller,
  type Dependencies,
  type Eventually,
  type GetResourcePoliciesResponse,
  type IdSource,
  resourcePolicyLimitExceeded,
  type ListPolicies,
  type ParameterCatalog,
  type PolicyRepository,
  type Sha256Hex,
} from '@ssm-policy/core';
import {
  describeParameters,
  decodeDescribeParametersRequest,
  parameterListingOf,
} from './describe-parameters.js';
import { makeParameterCommands, type ParameterQuotas } from './parameter-commands.js';
import { parameterLimitExceeded } from './parameter-errors.js';
import { bytesHeldBy, defaultMemoryBudgetBytes } from './memory-budget.js';
import {
  decodeDeleteParameterRequest,
  decodeGetParameterHistoryRequest,
  decodeGetParameterRequest,
  decodeGetParametersRequest,
  decodePutParameterRequest,
} from './parameter-requests.js';
import { organizationsOf, type Identity } from './identities.js';
import { parseAuthorization, type ParsedAuthorization } from './authorization.js';
import { createParameterStore, isParameterStore, type ParameterStore } from './parameter-store.js';
import { makeRamOperations } from './ram-operations.js';
import { ramError, ramResponse } from './ram-wire.js';
import { callerOf, DEFAULT_ACCOUNT, DEFAULT_REGION } from './request-caller.js';
import { createMemoryResourceShareStore, type ResourceShareStore } from './resource-share-store.js';
import { createPolicyPageWriter } from './response-body.js';
import { makeShareLifecycle } from './share-lifecycle.js';
import { makeSharedWith } from './shared-with.js';
import { secretLookupOf, verifySignature, type SecretLookup, type SignatureCheck } from './signature.js';
import {
  ANSWER_NOW,
  MAX_BODY_BYTES,
  TARGET_PREFIX,
  emptyResponse,
  headerValue,
  isAmzJson11,
  jsonResponse,
  jsonTextResponse,
  type WireHandler,
  type WireRequest,
  type WireResponse,
} from './wire.js';
import {
  requestEntityTooLarge,
  unknownOperation,
  unsupportedContentType,
  wireError,
  type TaggedError,
} from './wire-errors.js';

/**
 * The stores, profile, id source, caller defaults and signature check the wire handler serves with.
 *
 * @category wire
 * @since 0.1.0
 */
export interface WireHandlerOptions {
  /** Where policies live; default: a fresh in-memory repository. */
  readonly repository?: PolicyRepository;
  /**
   * Where parameters live (the catalog of rules R4–R6). A full `ParameterStore` also serves `PutParameter`,
   * `GetParameter`, `GetParameters`, `GetParameterHistory` and `DeleteParameter` (and `DescribeParameters` when it
   * can list its parameters); the read side alone (a `ParameterCatalog`, for an embedder who already has
   * parameters) serves the three policy operations, and the parameter operations are unknown (W5). Default: a
   * fresh, empty full store.
   */
  readonly parameters?: ParameterCatalog | ParameterStore;
  readonly profile?: BehaviourProfile;
  readonly ids?: IdSource;
  /** The account of callers whose access key id is not 12 digits (W6); default `123456789012`. */
  readonly defaultAccount?: string;
  /** The region of unsigned requests; default `us-east-1`. */
  readonly defaultRegion?: string;
  /**
   * W6, A4: who each access key id is (`decodeIdentities` or `identitiesOf` check a list). A listed key acts as
   * that principal in its account; any other key keeps the 12-digit-account convention.
   */
  readonly identities?: ReadonlyArray<Identity>;
  /**
   * W6 with `profile.verifySignatures`: the secret access key of an access key id, if it is known; default,
   * the `secretAccessKey`s of `identities`.
   */
  readonly secretFor?: SecretLookup;
  /** Request ids (`x-amzn-RequestId`); default random UUIDs. */
  readonly requestId?: () => string;
  /** The server's clock: `LastModifiedDate`, and the 15 minutes a signature is good for (W6). */
  readonly now?: () => Date;
  /** A larger body is refused with 413 `RequestEntityTooLargeException`; default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** The SHA-256 of policy hashes; default `node:crypto`'s, which agrees with the core's pure one (H11). */
  readonly sha256Hex?: Sha256Hex;
  /**
   * Bytes the in-memory stores may hold (their own estimate) before `PutParameter` and `PutResourcePolicy`
   * are refused; reads and deletes keep working. Default half of V8's old generation limit
   * (`defaultMemoryBudgetBytes()`); `Infinity` turns the budget off.
   */
  readonly memoryBudgetBytes?: number;
  /** Parameters per account and region, by tier; default AWS's published 10,000 Standard, 100,000 Advanced. */
  readonly parameterQuotas?: ParameterQuotas;
  /** Seconds the `GET /health` probe of the policy store may take before it answers 503; default 2. */
  readonly healthProbeTimeoutSeconds?: number;
  /** A8: where RAM's resource shares created from parameter policies live; default: a fresh memory store. */
  readonly shares?: ResourceShareStore;
}

/** The writes that make the stores hold more: refused once the memory budget is spent. */
const GROWING_WRITES = new Set(['PutParameter', 'PutResourcePolicy']);

const MIB = 1024 * 1024;

/** Callers kept made (see `callerFor`): one per access key, region and client address in use. */
const CALLER_CACHE_ENTRIES = 1024;

/** The store probe of `GET /health`: one page of a resource nobody can own (no account is `000000000000`'s). */
const PROBE: ListPolicies = {
  resource: { arn: 'arn:aws:ssm:us-east-1:000000000000:opsitemgroup/default' },
  limit: 1,
};

/**
 * One operation: the body decoded once (W4, V), then run on the decoded request; at once when the stores are
 * synchronous (the policy operations on the memory stores), a promise otherwise.
 */
type Operation = (caller: Caller, body: unknown) => Eventually<E.Either<TaggedError, unknown>>;

const operation =
  <A>(
    decode: (body: unknown) => E.Either<TaggedError, A>,
    run: (caller: Caller, request: A) => Eventually<E.Either<TaggedError, unknown>>,
  ): Operation =>
  (caller, body) => {
    const request = decode(body);
    return E.isLeft(request) ? request : run(caller, request.right);
  };

/** A command of the task API, as an operation's run. */
const task =
  <A>(run: (caller: Caller, request: A) => TE.TaskEither<TaggedError, unknown>) =>
  (caller: Caller, request: A): Promise<E.Either<TaggedError, unknown>> =>
    run(caller, request)();

/**
 * A command followed, only when it succeeded, by a hook (A8's share lifecycle): the command's result is the
 * answer; at once when both answer at once.
 */
const thenOnSuccess =
  <A, R>(
    run: (caller: Caller, request: A) => Eventually<E.Either<TaggedError, R>>,
    hook: (caller: Caller, request: A) => Eventually<void>,
  ) =>
  (caller: Caller, request: A): Eventually<E.Either<TaggedError, R>> =>
    andThen(run(caller, request), (result) =>
      E.isRight(result) ? andThen(hook(caller, request), () => result) : result,
    );

const notJson = serializationException('The request body is not valid UTF-8 JSON.');

/**
 * W4: the body as JSON; an empty body is `{}`, as AWS reads it.
 *
 * @category wire
 * @since 0.1.0
 */
export const parseJsonBody = (body: Uint8Array): E.Either<TaggedError, unknown> => {
  if (body.byteLength === 0) return E.right({});
  // The listener hands a Buffer: only another Uint8Array needs a Buffer view made over it.
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const text = bytes.toString('utf8');
  // Decoding puts U+FFFD in place of each sequence that is not UTF-8: only a text that holds one needs the bytes
  // checked (a U+FFFD sent as such is valid). Each native call skipped counts: behind HTTP, with the caches
  // cold, `isUtf8` cost about 2 µs and `trim` 1 µs of a 10 µs parse.
  if (text.includes('\uFFFD') && !isUtf8(bytes)) return E.left(notJson);
  try {
    return E.right(JSON.parse(text));
  } catch {
    // Blank is `{}`, as AWS reads it; looked at only when the text is not JSON.
    return text.trim() === '' ? E.right({}) : E.left(notJson);
  }
};

/**
 * W1, W5: the operation named by `X-Amz-Target` (what follows `AmazonSSM.`), if the target has that prefix;
 * whether this service has the operation is decided where it is looked up.
 *
 * @category wire
 * @since 0.1.0
 */
export const operationName = (request: Pick<WireRequest, 'headers'>): string | undefined => {
  const target = headerValue(request.headers, 'x-amz-target');
  return target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
};

/**
 * A 500 says only that an internal error occurred, with the request id; what happened (a store's
 * `ECONNREFUSED`, a missing table) goes to the log as the response's `detail`, never to the client.
 */
const concealed = (requestId: string, response: WireResponse): WireResponse => {
  let cause = response.detail;
  if (cause === undefined) {
    try {
      cause = String((JSON.parse(response.body) as { Message?: unknown }).Message);
    } catch {
      cause = response.body;
    }
  }
  const { detail: _detail, ...sent } = response;
  const code = response.headers['x-amzn-errortype'] ?? 'InternalServerError';
  return {
    ...sent,
    body: JSON.stringify({ __type: code, Message: `An internal error occurred (request ${requestId}).` }),
    detail: cause,
  };
};

/**
 * `response` with the caller the handler resolved, for the listener's log. Written out field by field rather than
 * as `{ ...response, caller }`: on Node 20 an object literal that starts with a spread and adds a property cost
 * about 1 µs (0.9–1.8 µs against 0.04–0.06 µs written out, measured in a loop; Node 24: no difference), and
 * every refused request pays it.
 */
const withCaller = (
  { status, headers, body, bodyBytes, detail }: WireResponse,
  caller: Caller,
): WireResponse => ({
  status,
  headers,
  body,
  caller,
  // Spreads at the end of a literal are not the slow case (0.04–0.07 µs).
  ...(bodyBytes === undefined ? {} : { bodyBytes }),
  ...(detail === undefined ? {} : { detail }),
});

/**
 * The awsJson1_1 handler: decodes once, runs the operation, answers in the AWS shape.
 *
 * @category wire
 * @since 0.1.0
 */
export const createWireHandler = (options: WireHandlerOptions = {}): WireHandler => {
  const profile = options.profile ?? defaultProfile;
  const repository = options.repository ?? createMemoryPolicyRepository();
  const parameters = options.parameters ?? createParameterStore();
  const deps: Dependencies = {
    repository,
    catalog: parameters,
    ids: options.ids ?? randomIdSource(),
    profile,
    sha256Hex: options.sha256Hex ?? nodeSha256Hex,
    clock: { now: () => Date.now() }, // H12: read only when profile.policyWriteRate is set
    writeRates: createWriteRateState(profile.policyWriteRate),
  };
  const nextRequestId = options.requestId ?? randomUUID;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const defaults = {
    account: options.defaultAccount ?? DEFAULT_ACCOUNT,
    region: options.defaultRegion ?? DEFAULT_REGION,
  };
  const identities = new Map((options.identities ?? []).map((i) => [i.accessKeyId, i] as const));
  // A4: a resource's organization (aws:ResourceOrgID) is its account's, as the identities configure it.
  const organizationOf = organizationsOf(identities.values());
  const signatureCheck: SignatureCheck = {
    secretFor: options.secretFor ?? secretLookupOf(identities.values()),
    ...(options.now === undefined ? {} : { now: options.now }),
  };

  // A8: the share follows the parameter's policies; the hook runs only after a successful write.
  const shares = options.shares ?? createMemoryResourceShareStore();
  const lifecycle = makeShareLifecycle({
    shares,
    deps,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const sharedWith = makeSharedWith(deps, {
    organizationOf,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const ram = makeRamOperations({
    shares,
    sharedWith,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  // The policy commands and the share hook after them answer at once where their stores can (the memory
  // stores); a store that waits (DynamoDB) makes them a promise.
  const putPolicy = PutResourcePolicy.runNow(deps);
  const deletePolicy = DeleteResourcePolicy.runNow(deps);

  // A Map, not an object: a target like `AmazonSSM.__proto__` must find nothing.
  const operations = new Map<string, Operation>([
    [
      'PutResourcePolicy',
      operation(
        PutResourcePolicy.decode,
        thenOnSuccess(putPolicy, (caller, request) => lifecycle.afterPolicyPut(caller, request.ResourceArn)),
      ),
    ],
    ['GetResourcePolicies', operation(GetResourcePolicies.decode, GetResourcePolicies.runNow(deps))],
    [
      'DeleteResourcePolicy',
      operation(
        DeleteResourcePolicy.decode,
        thenOnSuccess(deletePolicy, (caller, request) =>
          lifecycle.afterPolicyDelete(caller, request.ResourceArn),
        ),
      ),
    ],
  ]);
  // The parameter operations need a store that writes; the read side alone serves only the policy ones.
  if (isParameterStore(parameters)) {
    const commands = makeParameterCommands({
      store: parameters,
      repository,
      profile,
      organizationOf,
      ...(options.parameterQuotas === undefined ? {} : { quotas: options.parameterQuotas }),
      ...(options.now === undefined ? {} : { now: options.now }),
    });
    operations.set('PutParameter', operation(decodePutParameterRequest, task(commands.PutParameter)));
    operations.set('GetParameter', operation(decodeGetParameterRequest, task(commands.GetParameter)));
    operations.set(
      'DeleteParameter',
      operation(
        decodeDeleteParameterRequest,
        thenOnSuccess(task(commands.DeleteParameter), (caller, request) =>
          lifecycle.afterParameterDelete(caller, request.Name),
        ),
      ),
    );
    operations.set('GetParameters', operation(decodeGetParametersRequest, task(commands.GetParameters)));
    operations.set(
      'GetParameterHistory',
      operation(decodeGetParameterHistoryRequest, task(commands.GetParameterHistory)),
    );
  }

  const listing = parameterListingOf(parameters);
  if (listing !== undefined) {
    operations.set(
      'DescribeParameters',
      operation(
        decodeDescribeParametersRequest,
        task(describeParameters({ listing, shares, sharedWith, profile })),
      ),
    );
  }

  /** RAM's restJson1 operations (A8), on the same port: routed by method and path. */
  const handleRam = async (
    request: WireRequest,
    requestId: string,
    run: NonNullable<ReturnType<typeof ram.route>>,
  ): Promise<WireResponse> => {
    if (request.body.byteLength > maxBodyBytes) {
      return wireError(requestId, requestEntityTooLarge(maxBodyBytes));
    }
    const authorization = parseAuthorization(headerValue(request.headers, 'authorization'));
    if (profile.verifySignatures) {
      const refused = verifySignature(request, { ...signatureCheck, service: 'ram' }, authorization);
      if (refused !== undefined) return ramError(requestId, { _tag: refused._tag, message: refused.message });
    }
    const caller = callerOf(authorization, defaults, identities);
    const body = parseJsonBody(request.body);
    if (E.isLeft(body)) {
      return withCaller(
        ramError(requestId, { _tag: 'InvalidParameterException', message: body.left.message }),
        caller,
      );
    }
    const q = request.path.indexOf('?');
    const query = new URLSearchParams(q < 0 ? '' : request.path.slice(q + 1));
    const result = await run(caller, query, body.right);
    return withCaller(
      E.isLeft(result) ? ramError(requestId, result.left) : ramResponse(requestId, result.right),
      caller,
    );
  };

  const memoryBudget = options.memoryBudgetBytes ?? defaultMemoryBudgetBytes();
  const bytesHeld = bytesHeldBy([repository, parameters]);
  /** The memory budget's refusal of a write, in the error the operation's SDK maps. */
  const overBudget = (name: string): TaggedError | undefined => {
    if (!GROWING_WRITES.has(name) || bytesHeld() < memoryBudget) return undefined;
    const mib = Math.max(1, Math.floor(memoryBudget / MIB));
    const message = `The emulator's memory budget (${mib} MiB) is spent: delete parameters or policies, or give it a larger budget.`;
    return name === 'PutParameter'
      ? parameterLimitExceeded(message)
      : resourcePolicyLimitExceeded(mib, 'MemoryBudgetMiB', message);
  };

  const probeTimeout = (options.healthProbeTimeoutSeconds ?? 2) * 1000;
  /** `GET /health`: 200 while the policy store answers a one-item read in time, 503 otherwise. */
  const health = async (requestId: string): Promise<WireResponse> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`the store did not answer within ${probeTimeout} ms`), probeTimeout);
    });
    const probe = (async () => {
      try {
        const page = await repository.list(PROBE)();
        return E.isLeft(page) && page.left._tag === 'StorageError' ? page.left.message : undefined;
      } catch (e) {
        return e instanceof Error ? e.message : String(e);
      }
    })();
    const failure = await Promise.race([probe, late]);
    clearTimeout(timer);
    return failure === undefined
      ? jsonResponse(requestId, 200, { status: 'ok' })
      : { ...jsonResponse(requestId, 503, { status: 'unavailable' }), detail: failure };
  };

  // W2: operations whose success has no members answer with no body at all when the profile says `'empty'`.
  const emptyBody: ReadonlySet<string> = new Set(
    profile.deleteResponseBody === 'empty' ? ['DeleteResourcePolicy'] : [],
  );

  // A page of policies is the one answer written by hand: its policy texts are escaped once, not per read.
  const policyPage = createPolicyPageWriter();
  const pageResponse = (
    requestId: string,
    value: GetResourcePoliciesResponse,
    caller: Caller,
  ): WireResponse => {
    const page = policyPage.answer(value);
    const response = jsonTextResponse(requestId, 200, page.text, caller);
    // Written out, not `{ ...response, bodyBytes }`: the Node 20 cost `withCaller` describes.
    return page.bytes === undefined
      ? response
      : { status: 200, headers: response.headers, body: page.text, caller, bodyBytes: page.bytes };
  };
  const success = (requestId: string, name: string, value: unknown, caller: Caller): WireResponse =>
    name === 'GetResourcePolicies'
      ? pageResponse(requestId, value as GetResourcePoliciesResponse, caller)
      : emptyBody.has(name)
        ? emptyResponse(requestId, caller)
        : jsonTextResponse(requestId, 200, JSON.stringify(value), caller);

  /** The answer of an operation that ran, with the caller for the listener's log line (it never parses a header). */
  const answered =
    (requestId: string, name: string, caller: Caller) =>
    (result: E.Either<TaggedError, unknown>): WireResponse =>
      E.isLeft(result)
        ? withCaller(wireError(requestId, result.left), caller)
        : success(requestId, name, result.right, caller);

  // W6, A4: callers are immutable values, the same for every request of one key, region and address: made once
  // each (a bounded cache, emptied when full), not per request.
  const callers = new Map<string, Caller>();
  const callerFor = (authorization: ParsedAuthorization, sourceIp: string | undefined): Caller => {
    const scope = authorization._tag === 'SigV4' ? authorization.scope : undefined;
    const key =
      scope === undefined ? (sourceIp ?? '') : `${sourceIp ?? ''}\n${scope.accessKeyId}\n${scope.region}`;
    let caller = callers.get(key);
    if (caller === undefined) {
      const signer = callerOf(authorization, defaults, identities);
      // A4: where the request came from; the listener is plain HTTP, so `aws:SecureTransport` is false.
      caller = sourceIp === undefined ? signer : { ...signer, sourceIp };
      if (callers.size >= CALLER_CACHE_ENTRIES) callers.clear();
      callers.set(key, caller);
    }
    return caller;
  };

  const handle = (request: WireRequest, requestId: string): Eventually<WireResponse> => {
    const name = operationName(request);
    const run = name === undefined ? undefined : operations.get(name);
    const path = request.path;
    const query = path.indexOf('?');
    const pathname = query < 0 ? path : path.slice(0, query);
    if (request.method === 'GET' && (pathname === '/health' || pathname === '/_health'))
      return health(requestId);
    if (headerValue(request.headers, 'x-amz-target') === undefined) {
      const ramOperation = ram.route(request.method, pathname);
      if (ramOperation !== undefined) return handleRam(request, requestId, ramOperation);
    }
    if (request.method !== 'POST' || pathname !== '/' || run === undefined) {
      return wireError(requestId, unknownOperation(headerValue(request.headers, 'x-amz-target')));
    }
    // W1: the profile may refuse a body that is not declared as application/x-amz-json-1.1.
    const contentType = headerValue(request.headers, 'content-type');
    if (!profile.acceptAnyContentType && !isAmzJson11(contentType)) {
      return wireError(requestId, unsupportedContentType(contentType));
    }
    if (request.body.byteLength > maxBodyBytes) {
      return wireError(requestId, requestEntityTooLarge(maxBodyBytes));
    }
    // W6: the header is parsed once, for the signature and the caller alike.
    const authorization = parseAuthorization(headerValue(request.headers, 'authorization'));
    if (profile.verifySignatures) {
      const refused = verifySignature(request, signatureCheck, authorization);
      if (refused !== undefined) return wireError(requestId, refused);
    }
    const caller = callerFor(authorization, request.sourceIp);
    const body = parseJsonBody(request.body);
    if (E.isLeft(body)) return withCaller(wireError(requestId, body.left), caller);
    const refused = overBudget(name!);
    if (refused !== undefined) return withCaller(wireError(requestId, refused), caller);
    return andThen(run(caller, body.right), answered(requestId, name!, caller));
  };

  /** Whatever escaped is the service's fault: never a crash. */
  const crashed = (requestId: string, e: unknown): WireResponse => ({
    ...wireError(requestId, internalServerError()),
    detail: e instanceof Error ? e.message : String(e),
  });

  /** The answer at once when the stores are synchronous; never throws, never rejects. */
  const answerNow = (request: WireRequest): WireResponse | Promise<WireResponse> => {
    const requestId = nextRequestId();
    let response: Eventually<WireResponse>;
    try {
      response = handle(request, requestId);
    } catch (e) {
      response = crashed(requestId, e);
    }
    if (response instanceof Promise) {
      return response.then(
        (r) => (r.status === 500 ? concealed(requestId, r) : r),
        (e: unknown) => concealed(requestId, crashed(requestId, e)),
      );
    }
    return response.status === 500 ? concealed(requestId, response) : response;
  };

  const handler = (request: WireRequest): Promise<WireResponse> => Promise.resolve(answerNow(request));
  return Object.assign(handler, { [ANSWER_NOW]: answerNow });
};
