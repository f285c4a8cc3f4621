/**
 * `PutResourcePolicy`: creates a policy (no `PolicyId`) or replaces one (its `PolicyId` and current
 * `PolicyHash`). The rules are decided by the pure functions below, in the order of rule O1; the store only
 * performs the conditional write the plan asks for.
 *
 * One pass per request: `decode` (W4, V1, V2) turns a body into a request once; `run` takes the decoded request
 * through resolve (R1–R4), the pure `plan` and one store call; the public command `putResourcePolicy` is
 * decode-then-run. A server decodes with `decode` (to answer W4's `SerializationException`) and calls `runNow`,
 * `run` answered at once when the stores are synchronous.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { defaultProfile, makeCaller, putResourcePolicy, seededIdSource } from '@ssm-policy/core';
 * const caller = makeCaller({ account: '123456789012', region: 'us-east-1' });
 * const catalog = createMemoryParameterCatalog();
 * catalog.put(caller, { Name: '/app/db', Type: 'String', Tier: 'Advanced' });
 * const arn = 'arn:aws:ssm:us-east-1:123456789012:parameter/app/db';
 * const Policy = JSON.stringify({
 *   Version: '2012-10-17',
 *   Statement: [{ Effect: 'Allow', Principal: { AWS: '210987654321' }, Action: 'ssm:GetParameter', Resource: arn }],
 * });
 * const put = putResourcePolicy({ repository: createMemoryPolicyRepository(), catalog, ids: seededIdSource(1), profile: defaultProfile });
 * const answer = await put(caller, { ResourceArn: arn, Policy })();
 * assert.ok(answer._tag === 'Right' && answer.right.PolicyId.length > 0 && answer.right.PolicyHash.length > 0);
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { PolicyResource } from './arn.js';
import type { Caller } from './caller.js';
import type { ParameterInfo } from './catalog.js';
import type { Dependencies } from './dependencies.js';
import { staleHash } from './chosen-errors.js';
import {
  resourceNotFound,
  resourcePolicyInvalidParameter,
  resourcePolicyLimitExceeded,
  resourcePolicyNotFound,
  type PutResourcePolicyError,
  type ResourcePolicyConflictException,
  type ResourcePolicyInvalidParameterException,
  type ResourcePolicyLimitExceededException,
  type ResourcePolicyNotFoundException,
  type ResourceNotFoundException,
  type SerializationException,
  type ValidationException,
} from './errors.js';
import type { IdSource } from './ids.js';
import { checkPolicyDocument } from './policy-document.js';
import { nextPolicyHash, type Sha256Hex } from './policy-hash.js';
import type { BehaviourProfile } from './profile.js';
import { andThen, type Eventually } from './eventually.js';
import type {
  CreatePolicy,
  HashMismatch,
  PolicyLimitReached,
  PolicyMissing,
  ResourceKey,
  ResourceMissing,
  StorageError,
  StoredPolicy,
  UpdatePolicy,
} from './repository.js';
import { callPort, callPortNow, resolveResourceNow, toInternalServerError } from './resolve-resource.js';
import {
  asCommandRequest,
  decodePutResourcePolicyRequest,
  type PutResourcePolicyRequest,
  type PutResourcePolicyInput,
  type PutResourcePolicyResponse,
} from './requests.js';
import { checkParameterEligibility } from './resource-rules.js';
import { checkWriteRate } from './write-rate.js';

// -------------------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------------------

export type { PutResourcePolicyInput };

/**
 * What a valid Put does to the store.
 *
 * @category commands
 * @since 0.1.0
 */
export type PutPlan =
  | { readonly _tag: 'Create'; readonly write: CreatePolicy }
  | { readonly _tag: 'Update'; readonly write: UpdatePolicy };

/**
 * The OpsItemGroup limit of one policy is AWS's (H9); a parameter's comes from the profile.
 *
 * @category commands
 * @since 0.1.0
 */
export const OPS_ITEM_GROUP_POLICY_LIMIT = 1;

/**
 * How many policies the resource may hold (H9): one for the OpsItemGroup, the profile's limit for a parameter.
 *
 * @category commands
 * @since 0.1.0
 */
export const policyLimitOf = (resource: PolicyResource, profile: BehaviourProfile): number | undefined =>
  resource._tag === 'OpsItemGroup' ? OPS_ITEM_GROUP_POLICY_LIMIT : profile.maxPoliciesPerParameter;

// -------------------------------------------------------------------------------------------------
// decisions (pure)
// -------------------------------------------------------------------------------------------------

/**
 * H2, H3: an update names both the id and the hash; a create names neither.
 *
 * @category commands
 * @since 0.1.0
 */
export const checkPolicyIdentity = (
  request: PutResourcePolicyRequest,
  profile: BehaviourProfile,
): E.Either<
  ResourcePolicyInvalidParameterException,
  { PolicyId: string; PolicyHash: string } | undefined
> => {
  const { PolicyId, PolicyHash } = request;
  if (PolicyId === undefined) {
    return PolicyHash !== undefined && profile.hashWithoutIdIsInvalid
      ? E.left(
          resourcePolicyInvalidParameter(
            ['PolicyId'],
            'A PolicyHash was given without the PolicyId it belongs to.',
          ),
        )
      : E.right(undefined);
  }
  return PolicyHash === undefined
    ? E.left(
        resourcePolicyInvalidParameter(
          ['PolicyHash'],
          'You must provide this hash when updating or deleting a policy.',
        ),
      )
    : E.right({ PolicyId, PolicyHash });
};

/** H12 off: every write is admitted. */
const admitEveryWrite = (): E.Either<never, void> => E.right(undefined);

/**
 * R5, R6, H12, P1–P6, H2, H3 (O1 order), once the resource is resolved: the write to perform.
 * `ids` is asked for a new `PolicyId` only when the plan is a create; `admitWrite` (H12) only once R5 and R6
 * have passed; `hash` computes the new `PolicyHash` (the pure `sha256Hex` unless the caller's dependencies
 * bring a faster equivalent).
 *
 * @category commands
 * @since 0.1.0
 */
export const planPutResourcePolicy = (
  request: PutResourcePolicyRequest,
  target: {
    readonly resource: PolicyResource;
    readonly key: ResourceKey;
    readonly parameter?: ParameterInfo;
  },
  profile: BehaviourProfile,
  ids: IdSource,
  admitWrite: () => E.Either<PutResourcePolicyError, void> = admitEveryWrite,
  hash?: Sha256Hex,
): E.Either<PutResourcePolicyError, PutPlan> => {
  if (target.parameter !== undefined) {
    const eligible = checkParameterEligibility(target.parameter, profile);
    if (E.isLeft(eligible)) return eligible;
  }
  // H12 comes after R5/R6 and before P1 (O1); the command passes `checkWriteRate`, which may take a token.
  const admitted = admitWrite();
  if (E.isLeft(admitted)) return admitted;
  // The key's ARN is the target's canonical ARN, formatted once when the target was resolved.
  const document = checkPolicyDocument(request.Policy, target.resource, profile, target.key.arn);
  if (E.isLeft(document)) return document;
  const identity = checkPolicyIdentity(request, profile);
  if (E.isLeft(identity)) return identity;
  const Policy = request.Policy;
  if (identity.right === undefined) {
    const PolicyId = ids.newPolicyId();
    return E.right({
      _tag: 'Create',
      write: {
        resource: target.key,
        Policy,
        proposed: {
          PolicyId,
          PolicyHash: nextPolicyHash(profile.hashStrategy, PolicyId, undefined, Policy, hash),
        },
        maxPolicies: policyLimitOf(target.resource, profile),
      },
    });
  }
  const { PolicyId, PolicyHash } = identity.right;
  return E.right({
    _tag: 'Update',
    write: {
      resource: target.key,
      PolicyId,
      expectedHash: PolicyHash,
      Policy,
      proposedHash: nextPolicyHash(profile.hashStrategy, PolicyId, PolicyHash, Policy, hash),
    },
  });
};

/**
 * H4, H5: a failed compare-and-set, told apart by the store, as the caller sees it: no such policy is
 * NotFound; a stale hash is the profile's `staleHashError` (Conflict by default).
 *
 * @category commands
 * @since 0.1.0
 */
export const explainConditionFailure = (
  refusal: PolicyMissing | HashMismatch,
  profile: Pick<BehaviourProfile, 'staleHashError'>,
): ResourcePolicyNotFoundException | ResourcePolicyConflictException =>
  refusal._tag === 'PolicyMissing' ? resourcePolicyNotFound() : staleHash(profile);

/**
 * H4, H5, H9: a refused conditional write as the caller sees it; R4, R7: a create whose parameter was deleted
 * while it was under way is answered as a Put on a missing parameter.
 *
 * @category commands
 * @since 0.1.0
 */
export const explainRefusedWrite = (
  refusal: PolicyLimitReached | PolicyMissing | HashMismatch | ResourceMissing,
  profile: BehaviourProfile,
):
  | ResourcePolicyLimitExceededException
  | ResourcePolicyNotFoundException
  | ResourcePolicyConflictException
  | ResourceNotFoundException =>
  refusal._tag === 'PolicyLimitReached'
    ? resourcePolicyLimitExceeded(
        refusal.limit,
        profile.policyCountLimitType,
        `The resource already has the maximum of ${refusal.limit} ${refusal.limit === 1 ? 'policy' : 'policies'}.`,
      )
    : refusal._tag === 'ResourceMissing'
      ? resourceNotFound()
      : explainConditionFailure(refusal, profile);

// -------------------------------------------------------------------------------------------------
// command
// -------------------------------------------------------------------------------------------------

/**
 * W4, V1, V2: any JSON value → the request, once per request.
 *
 * @category commands
 * @since 0.1.0
 */
export const decode = (
  body: unknown,
): E.Either<SerializationException | ValidationException, PutResourcePolicyRequest> =>
  decodePutResourcePolicyRequest(body);

/**
 * The pure decision: `planPutResourcePolicy`.
 *
 * @category commands
 * @since 0.1.0
 */
export const plan = planPutResourcePolicy;

type Answer = E.Either<PutResourcePolicyError, PutResourcePolicyResponse>;

type Written = E.Either<
  StorageError | PolicyLimitReached | ResourceMissing | PolicyMissing | HashMismatch,
  StoredPolicy
>;

/** The plan's one store write: at once when the store is synchronous. */
const write = (deps: Dependencies, step: PutPlan): Eventually<Written> => {
  const repository = deps.repository;
  const sync = repository.sync;
  if (sync !== undefined)
    return callPortNow((): Written =>
      step._tag === 'Create' ? sync.create(step.write) : sync.update(step.write),
    );
  return step._tag === 'Create'
    ? callPort(() => repository.create(step.write)())
    : callPort(() => repository.update(step.write)());
};

/**
 * An already decoded request: resolve (R1–R4), plan, one store write, the answer; at once when the catalog and
 * the store are synchronous (see `andThen`), a promise otherwise.
 *
 * @category commands
 * @since 0.3.0
 */
export const runNow =
  (deps: Dependencies) =>
  (caller: Caller, request: PutResourcePolicyRequest): Eventually<Answer> =>
    andThen(resolveResourceNow(deps, caller, request.ResourceArn, 'write'), (target) => {
      if (E.isLeft(target)) return target;
      const planned = planPutResourcePolicy(
        request,
        target.right,
        deps.profile,
        deps.ids,
        () => checkWriteRate(deps, caller.account, target.right.key.arn),
        deps.sha256Hex,
      );
      if (E.isLeft(planned)) return planned;
      return andThen(write(deps, planned.right), (written): Answer => {
        if (E.isRight(written))
          return E.right({ PolicyId: written.right.PolicyId, PolicyHash: written.right.PolicyHash });
        const refusal = written.left;
        return E.left(
          refusal._tag === 'StorageError'
            ? toInternalServerError(refusal)
            : explainRefusedWrite(refusal, deps.profile),
        );
      });
    });

/**
 * An already decoded request: resolve (R1–R4), plan, one store write, the answer.
 *
 * @category commands
 * @since 0.1.0
 */
export const run = (deps: Dependencies) => {
  const now = runNow(deps);
  return (
      caller: Caller,
      request: PutResourcePolicyRequest,
    ): TE.TaskEither<PutResourcePolicyError, PutResourcePolicyResponse> =>
    async () =>
      now(caller, request);
};

/**
 * The public command: decode-then-run (a body of the wrong JSON type is a `ValidationException` here).
 *
 * @category commands
 * @since 0.1.0
 */
export const putResourcePolicy = (deps: Dependencies) => {
  const runWith = run(deps);
  return (
      caller: Caller,
      input: PutResourcePolicyInput,
    ): TE.TaskEither<PutResourcePolicyError, PutResourcePolicyResponse> =>
    async () => {
      const request = asCommandRequest(decode(input));
      return E.isLeft(request) ? request : runWith(caller, request.right)();
    };
};
