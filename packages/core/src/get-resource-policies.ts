/**
 * `GetResourcePolicies`: one page of a resource's policies in creation order (rule H8). The `NextToken`
 * handed out wraps the store's cursor; a token that was not made for this resource is refused with the
 * profile's `invalidNextTokenError`. `decode` once, `run` on the decoded request; `getResourcePolicies` is
 * decode-then-run.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { defaultProfile, getResourcePolicies, makeCaller, seededIdSource } from '@ssm-policy/core';
 * const get = getResourcePolicies({
 *   repository: createMemoryPolicyRepository(),
 *   catalog: createMemoryParameterCatalog(),
 *   ids: seededIdSource(1),
 *   profile: defaultProfile,
 * });
 * const answer = await get(makeCaller({ account: '123456789012', region: 'us-east-1' }), {
 *   ResourceArn: 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default',
 *   MaxResults: 10,
 * })();
 * assert.deepEqual(answer, { _tag: 'Right', right: { Policies: [] } });
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { Caller } from './caller.js';
import type { Dependencies } from './dependencies.js';
import { invalidNextToken } from './chosen-errors.js';
import type { GetResourcePoliciesError, SerializationException, ValidationException } from './errors.js';
import { andThen, type Eventually } from './eventually.js';
import { decodePageToken, encodePageToken } from './page-token.js';
import type { BehaviourProfile } from './profile.js';
import type { ListPolicies, PolicyPage, ResourceKey } from './repository.js';
import { callPort, callPortNow, resolveResourceNow, toInternalServerError } from './resolve-resource.js';
import {
  asCommandRequest,
  decodeGetResourcePoliciesRequest,
  type GetResourcePoliciesRequest,
  type GetResourcePoliciesInput,
  type GetResourcePoliciesResponse,
} from './requests.js';

export type { GetResourcePoliciesInput };

/**
 * H8: the store query for one page.
 *
 * @category commands
 * @since 0.1.0
 */
export const planGetResourcePolicies = (
  request: GetResourcePoliciesRequest,
  key: ResourceKey,
  profile: BehaviourProfile,
): E.Either<GetResourcePoliciesError, ListPolicies> => {
  const limit = request.MaxResults ?? profile.defaultPageSize;
  if (request.NextToken === undefined) return E.right({ resource: key, limit });
  const cursor = decodePageToken(key, request.NextToken);
  return E.isLeft(cursor)
    ? E.left(invalidNextToken(profile))
    : E.right({ resource: key, limit, cursor: cursor.right });
};

/**
 * H8, W2: the response of a page; the last page carries no `NextToken`.
 *
 * @category commands
 * @since 0.1.0
 */
export const pageResponse = (key: ResourceKey, page: PolicyPage): GetResourcePoliciesResponse => {
  const Policies = page.policies.map(({ PolicyId, PolicyHash, Policy }) => ({
    PolicyId,
    PolicyHash,
    Policy,
  }));
  return page.cursor === undefined
    ? { Policies }
    : { Policies, NextToken: encodePageToken(key, page.cursor) };
};

/**
 * W4, V1, V3: any JSON value → the request, once per request.
 *
 * @category commands
 * @since 0.1.0
 */
export const decode = (
  body: unknown,
): E.Either<SerializationException | ValidationException, GetResourcePoliciesRequest> =>
  decodeGetResourcePoliciesRequest(body);

/**
 * The pure decision: `planGetResourcePolicies`.
 *
 * @category commands
 * @since 0.1.0
 */
export const plan = planGetResourcePolicies;

type Answer = E.Either<GetResourcePoliciesError, GetResourcePoliciesResponse>;

/**
 * An already decoded request: resolve (R1–R4), plan the query, one store read, the page; at once when the
 * catalog and the store are synchronous (see `andThen`), a promise otherwise.
 *
 * @category commands
 * @since 0.3.0
 */
export const runNow =
  (deps: Dependencies) =>
  (caller: Caller, request: GetResourcePoliciesRequest): Eventually<Answer> =>
    andThen(resolveResourceNow(deps, caller, request.ResourceArn, 'read'), (target) => {
      if (E.isLeft(target)) return target;
      const query = planGetResourcePolicies(request, target.right.key, deps.profile);
      if (E.isLeft(query)) return query;
      return andThen(listNow(deps, query.right), (listed): Answer =>
        E.isRight(listed) ? E.right(pageResponse(target.right.key, listed.right)) : listed,
      );
    });

/** The one store read of a page, its failures as the caller sees them. */
const listNow = (
  deps: Dependencies,
  query: ListPolicies,
): Eventually<E.Either<GetResourcePoliciesError, PolicyPage>> => {
  const repository = deps.repository;
  const sync = repository.sync;
  const page =
    sync !== undefined ? callPortNow(() => sync.list(query)) : callPort(() => repository.list(query)());
  return andThen(page, (listed) =>
    E.isRight(listed)
      ? listed
      : E.left(
          listed.left._tag === 'StorageError'
            ? toInternalServerError(listed.left)
            : invalidNextToken(deps.profile),
        ),
  );
};

/**
 * A8's question after a `DeleteResourcePolicy`: does the resource still hold a policy? Resolved as a read
 * (R1–R4), then one store read of at most one policy; no page is answered and no `NextToken` made. At once
 * when the catalog and the store are synchronous.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { GetResourcePolicies, defaultProfile, makeCaller, seededIdSource } from '@ssm-policy/core';
 * const holds = GetResourcePolicies.holdsPoliciesNow({
 *   repository: createMemoryPolicyRepository(),
 *   catalog: createMemoryParameterCatalog(),
 *   ids: seededIdSource(1),
 *   profile: defaultProfile,
 * });
 * const owner = makeCaller({ account: '123456789012', region: 'us-east-1' });
 * const answer = await holds(owner, 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default');
 * assert.deepEqual(answer, { _tag: 'Right', right: false });
 *
 * @category commands
 * @since 0.3.0
 */
export const holdsPoliciesNow =
  (deps: Dependencies) =>
  (caller: Caller, resourceArn: string): Eventually<E.Either<GetResourcePoliciesError, boolean>> =>
    andThen(resolveResourceNow(deps, caller, resourceArn, 'read'), (target) => {
      if (E.isLeft(target)) return target;
      return andThen(listNow(deps, { resource: target.right.key, limit: 1 }), (listed) =>
        E.isRight(listed) ? E.right(listed.right.policies.length > 0) : listed,
      );
    });

/**
 * An already decoded request: resolve (R1–R4), plan the page, one store read, the answer.
 *
 * @category commands
 * @since 0.1.0
 */
export const run = (deps: Dependencies) => {
  const now = runNow(deps);
  return (
      caller: Caller,
      request: GetResourcePoliciesRequest,
    ): TE.TaskEither<GetResourcePoliciesError, GetResourcePoliciesResponse> =>
    async () =>
      now(caller, request);
};

/**
 * The public command: decode-then-run.
 *
 * @category commands
 * @since 0.1.0
 */
export const getResourcePolicies = (deps: Dependencies) => {
  const runWith = run(deps);
  return (
      caller: Caller,
      input: GetResourcePoliciesInput,
    ): TE.TaskEither<GetResourcePoliciesError, GetResourcePoliciesResponse> =>
    async () => {
      const request = asCommandRequest(decode(input));
      return E.isLeft(request) ? request : runWith(caller, request.right)();
    };
};
