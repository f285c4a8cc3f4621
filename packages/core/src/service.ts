/**
 * The three commands wired to their dependencies, under AWS's operation names. `makeCommands` takes the
 * caller per call (a server learns it from each request's signature); `bindCaller` fixes one caller, which
 * gives the `ResourcePolicyService` shape that the conformance kit drives and that an SDK client also offers.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { bindCaller, defaultProfile, makeCaller, makeCommands, seededIdSource } from '@ssm-policy/core';
 * const commands = makeCommands({
 *   repository: createMemoryPolicyRepository(),
 *   catalog: createMemoryParameterCatalog(),
 *   ids: seededIdSource(1),
 *   profile: defaultProfile,
 * });
 * const service = bindCaller(commands, makeCaller({ account: '123456789012', region: 'us-east-1' }));
 * const answer = await service.GetResourcePolicies({ ResourceArn: 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default' })();
 * assert.deepEqual(answer, { _tag: 'Right', right: { Policies: [] } });
 *
 * @since 0.1.0
 */
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { Caller } from './caller.js';
import { deleteResourcePolicy, type DeleteResourcePolicyInput } from './delete-resource-policy.js';
import type { Dependencies } from './dependencies.js';
import type {
  DeleteResourcePolicyError,
  GetResourcePoliciesError,
  PutResourcePolicyError,
} from './errors.js';
import { getResourcePolicies, type GetResourcePoliciesInput } from './get-resource-policies.js';
import { putResourcePolicy, type PutResourcePolicyInput } from './put-resource-policy.js';
import type {
  DeleteResourcePolicyResponse,
  GetResourcePoliciesResponse,
  PutResourcePolicyResponse,
} from './requests.js';
import { createWriteRateState } from './write-rate.js';

/**
 * The three operations, each taking the caller and the undecoded request.
 *
 * @category commands
 * @since 0.1.0
 */
export interface ResourcePolicyCommands {
  PutResourcePolicy(
    caller: Caller,
    input: PutResourcePolicyInput,
  ): TE.TaskEither<PutResourcePolicyError, PutResourcePolicyResponse>;
  GetResourcePolicies(
    caller: Caller,
    input: GetResourcePoliciesInput,
  ): TE.TaskEither<GetResourcePoliciesError, GetResourcePoliciesResponse>;
  DeleteResourcePolicy(
    caller: Caller,
    input: DeleteResourcePolicyInput,
  ): TE.TaskEither<DeleteResourcePolicyError, DeleteResourcePolicyResponse>;
}

/**
 * The three operations for one caller, with AWS's request and response shapes.
 *
 * @category commands
 * @since 0.1.0
 */
export interface ResourcePolicyService {
  PutResourcePolicy(
    input: PutResourcePolicyInput,
  ): TE.TaskEither<PutResourcePolicyError, PutResourcePolicyResponse>;
  GetResourcePolicies(
    input: GetResourcePoliciesInput,
  ): TE.TaskEither<GetResourcePoliciesError, GetResourcePoliciesResponse>;
  DeleteResourcePolicy(
    input: DeleteResourcePolicyInput,
  ): TE.TaskEither<DeleteResourcePolicyError, DeleteResourcePolicyResponse>;
}

/**
 * The three operations over the given ports, profile and id source.
 *
 * @category commands
 * @since 0.1.0
 */
export const makeCommands = (given: Dependencies): ResourcePolicyCommands => {
  // H12: Put and Delete share one set of token buckets, unless the embedder keeps its own.
  const deps: Dependencies = {
    ...given,
    writeRates: given.writeRates ?? createWriteRateState(given.profile.policyWriteRate),
  };
  return {
    PutResourcePolicy: putResourcePolicy(deps),
    GetResourcePolicies: getResourcePolicies(deps),
    DeleteResourcePolicy: deleteResourcePolicy(deps),
  };
};

/**
 * The operations for one caller, as a `ResourcePolicyService`.
 *
 * @category commands
 * @since 0.1.0
 */
export const bindCaller = (commands: ResourcePolicyCommands, caller: Caller): ResourcePolicyService => ({
  PutResourcePolicy: (input) => commands.PutResourcePolicy(caller, input),
  GetResourcePolicies: (input) => commands.GetResourcePolicies(caller, input),
  DeleteResourcePolicy: (input) => commands.DeleteResourcePolicy(caller, input),
});
