/**
 * Rule R7, "deleting a parameter drops its policies", wired in this one place. Whatever deletes a parameter (the
 * emulator's `DeleteParameter`, the memory service's catalog, the conformance kit's memory-backed service) calls
 * `dropDeletedParameterPolicies` once the parameter is gone; whether policies go (the profile's
 * `parameterDeletionDropsPolicies`) and under which key they were kept (`resourceKeyOf`) are decided here.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { defaultProfile, dropDeletedParameterPolicies } from '@ssm-policy/core';
 * const drop = dropDeletedParameterPolicies({ repository: createMemoryPolicyRepository(), profile: defaultProfile });
 * const dropped = await drop('arn:aws:ssm:us-east-1:123456789012:parameter/app/db', { Incarnation: 'life-1' })();
 * assert.deepEqual(dropped, { _tag: 'Right', right: undefined });
 *
 * @since 0.2.0
 * @category rules
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ParameterInfo } from './catalog.js';
import type { Dependencies } from './dependencies.js';
import type { InternalServerError } from './errors.js';
import { callPort, resourceKeyOf, toInternalServerError } from './resolve-resource.js';

/**
 * R7: drops the policies of the parameter that was under `arn` (its canonical ARN) in the life `removed` names.
 * A policy write still in flight lands under that life's key, which no later parameter of the name reads.
 *
 * @since 0.2.0
 * @category rules
 */
export const dropDeletedParameterPolicies =
  (deps: Pick<Dependencies, 'repository' | 'profile'>) =>
  (arn: string, removed: Pick<ParameterInfo, 'Incarnation'> = {}): TE.TaskEither<InternalServerError, void> =>
  async () => {
    if (!deps.profile.parameterDeletionDropsPolicies) return E.right(undefined);
    const dropped = await callPort(() =>
      deps.repository.dropResource(resourceKeyOf(arn, removed.Incarnation))(),
    );
    return E.isLeft(dropped) ? E.left(toInternalServerError(dropped.left)) : E.right(undefined);
  };
