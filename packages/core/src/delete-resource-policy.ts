/**
 * `DeleteResourcePolicy`: removes a policy given its id and current hash (rules H4, H5, H7; H12's rate).
 *
 * @example
 * import { deleteResourcePolicy, makeCaller } from '@ssm-policy/core';
 * // const run = deleteResourcePolicy(deps)(makeCaller({ account: '123456789012', region: 'us-east-1' }), {
 * //   ResourceArn: 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default', PolicyId: '…', PolicyHash: '…',
 * // });
 * // await run() is Right({}) or Left(DeleteResourcePolicyError)
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { formatResourceArn } from './arn.js';
import type { Caller } from './caller.js';
import type { Dependencies } from './dependencies.js';
import type { DeleteResourcePolicyError } from './errors.js';
import { explainConditionFailure } from './put-resource-policy.js';
import { callPort, resolveResource, toInternalServerError } from './resolve-resource.js';
import {
  asCommandRequest,
  decodeDeleteResourcePolicyRequest,
  type DeleteResourcePolicyInput,
  type DeleteResourcePolicyResponse,
} from './requests.js';
import { checkWriteRate } from './write-rate.js';

export type { DeleteResourcePolicyInput };

export const deleteResourcePolicy =
  (deps: Dependencies) =>
  (
    caller: Caller,
    input: DeleteResourcePolicyInput,
  ): TE.TaskEither<DeleteResourcePolicyError, DeleteResourcePolicyResponse> =>
  async () => {
    const request = asCommandRequest(decodeDeleteResourcePolicyRequest(input));
    if (E.isLeft(request)) return request;
    const target = await resolveResource(deps, caller, request.right.ResourceArn, 'write')();
    if (E.isLeft(target)) return target;
    const admitted = checkWriteRate(deps, caller.account, formatResourceArn(target.right.resource)); // H12
    if (E.isLeft(admitted)) return admitted;
    const { PolicyId, PolicyHash } = request.right;
    const deleted = await callPort(() =>
      deps.repository.delete({ resource: target.right.key, PolicyId, expectedHash: PolicyHash })(),
    );
    if (E.isRight(deleted)) return E.right({});
    const refusal = deleted.left;
    return E.left(
      refusal._tag === 'StorageError'
        ? toInternalServerError(refusal)
        : explainConditionFailure(refusal, deps.profile),
    );
  };
