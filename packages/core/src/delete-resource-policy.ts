/**
 * `DeleteResourcePolicy`: removes a policy given its id and current hash (rules H4, H5, H7; H12's rate).
 * `decode` once, `plan` the conditional delete, `run` on the decoded request; `deleteResourcePolicy` is
 * decode-then-run.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { defaultProfile, deleteResourcePolicy, makeCaller, seededIdSource } from '@ssm-policy/core';
 * const remove = deleteResourcePolicy({
 *   repository: createMemoryPolicyRepository(),
 *   catalog: createMemoryParameterCatalog(),
 *   ids: seededIdSource(1),
 *   profile: defaultProfile,
 * });
 * const answer = await remove(makeCaller({ account: '123456789012', region: 'us-east-1' }), {
 *   ResourceArn: 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default',
 *   PolicyId: 'no-such-policy',
 *   PolicyHash: 'h',
 * })();
 * // No such policy: the error the rulebook names (H7), never a crash.
 * assert.equal(answer._tag === 'Left' && answer.left._tag, 'ResourcePolicyNotFoundException');
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { Caller } from './caller.js';
import type { Dependencies } from './dependencies.js';
import type { DeletePolicy, ResourceKey } from './repository.js';
import type { DeleteResourcePolicyError, SerializationException, ValidationException } from './errors.js';
import { explainConditionFailure } from './put-resource-policy.js';
import { andThen, type Eventually } from './eventually.js';
import { callPort, callPortNow, resolveResourceNow, toInternalServerError } from './resolve-resource.js';
import {
  asCommandRequest,
  decodeDeleteResourcePolicyRequest,
  type DeleteResourcePolicyRequest,
  type DeleteResourcePolicyInput,
  type DeleteResourcePolicyResponse,
} from './requests.js';
import { checkWriteRate } from './write-rate.js';

export type { DeleteResourcePolicyInput };

/**
 * W4, V1, V4: any JSON value → the request, once per request.
 *
 * @category commands
 * @since 0.1.0
 */
export const decode = (
  body: unknown,
): E.Either<SerializationException | ValidationException, DeleteResourcePolicyRequest> =>
  decodeDeleteResourcePolicyRequest(body);

/**
 * H4, H5, H7: the conditional delete of the named policy (pure; every input error was decided before).
 *
 * @category commands
 * @since 0.1.0
 */
export const plan = (request: DeleteResourcePolicyRequest, key: ResourceKey): DeletePolicy => ({
  resource: key,
  PolicyId: request.PolicyId,
  expectedHash: request.PolicyHash,
});

type Answer = E.Either<DeleteResourcePolicyError, DeleteResourcePolicyResponse>;

/**
 * An already decoded request: resolve (R1–R4), one conditional delete, the answer; at once when the catalog
 * and the store are synchronous (see `andThen`), a promise otherwise.
 *
 * @category commands
 * @since 0.3.0
 */
export const runNow =
  (deps: Dependencies) =>
  (caller: Caller, request: DeleteResourcePolicyRequest): Eventually<Answer> =>
    andThen(resolveResourceNow(deps, caller, request.ResourceArn, 'write'), (target) => {
      if (E.isLeft(target)) return target;
      const admitted = checkWriteRate(deps, caller.account, target.right.key.arn); // H12
      if (E.isLeft(admitted)) return admitted;
      const write = plan(request, target.right.key);
      const repository = deps.repository;
      const sync = repository.sync;
      const deleted =
        sync !== undefined
          ? callPortNow(() => sync.delete(write))
          : callPort(() => repository.delete(write)());
      return andThen(deleted, (result): Answer => {
        if (E.isRight(result)) return E.right({});
        const refusal = result.left;
        return E.left(
          refusal._tag === 'StorageError'
            ? toInternalServerError(refusal)
            : explainConditionFailure(refusal, deps.profile),
        );
      });
    });

/**
 * An already decoded request: resolve (R1–R4), one conditional delete, the answer.
 *
 * @category commands
 * @since 0.1.0
 */
export const run = (deps: Dependencies) => {
  const now = runNow(deps);
  return (
      caller: Caller,
      request: DeleteResourcePolicyRequest,
    ): TE.TaskEither<DeleteResourcePolicyError, DeleteResourcePolicyResponse> =>
    async () =>
      now(caller, request);
};

/**
 * The public command: decode-then-run.
 *
 * @category commands
 * @since 0.1.0
 */
export const deleteResourcePolicy = (deps: Dependencies) => {
  const runWith = run(deps);
  return (
      caller: Caller,
      input: DeleteResourcePolicyInput,
    ): TE.TaskEither<DeleteResourcePolicyError, DeleteResourcePolicyResponse> =>
    async () => {
      const request = asCommandRequest(decode(input));
      return E.isLeft(request) ? request : runWith(caller, request.right)();
    };
};
