/**
 * A `PolicyRepository` that is AWS Systems Manager itself. SSM assigns every `PolicyId` and `PolicyHash` and
 * enforces its own rules, so the repository declares `capabilities.assignsIdentity` and hands back what SSM
 * assigned; the ids and hashes the core proposes are ignored. SSM keeps its own limits and answers
 * `ResourcePolicyLimitExceededException`, read as `PolicyLimitReached`; a `maxPolicies` asked for is also
 * checked before the write, which is not atomic (SSM offers no conditional create).
 *
 * A store page is one SSM page and the cursor is SSM's `NextToken`. `dropResource` (rule R7) lists and deletes
 * every policy. A key's `incarnation` is never sent: SSM knows ARNs only, and tracks a parameter's lives itself
 * (it drops a parameter's policies when the parameter is deleted), so a resource that is already gone counts as
 * dropped, and lists no policies.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { SSMClient } from '@aws-sdk/client-ssm';
 * import { createSsmPolicyRepository } from '@ssm-policy/adapter-ssm';
 * import { startEmulator } from '@ssm-policy/server';
 * const emulator = await startEmulator({ port: 0 });
 * const client = new SSMClient({
 *   region: 'us-east-1',
 *   endpoint: emulator.url,
 *   credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
 * });
 * const repository = createSsmPolicyRepository(client);
 * const page = await repository.list({ resource: { arn: 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default' }, limit: 50 })();
 * client.destroy();
 * await emulator.close();
 * assert.deepEqual(page, { _tag: 'Right', right: { policies: [] } });
 * assert.equal(repository.capabilities.assignsIdentity, true); // SSM assigns ids and hashes itself
 *
 * @since 0.1.0
 */
import {
  DeleteResourcePolicyCommand,
  GetResourcePoliciesCommand,
  PutResourcePolicyCommand,
  paginateGetResourcePolicies,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import {
  cursorInvalid,
  hashMismatch,
  policyLimitReached,
  policyMissing,
  storageError,
  type CursorInvalid,
  type HashMismatch,
  type PolicyLimitReached,
  type PolicyMissing,
  type PolicyRepository,
  type ResourceKey,
  type StorageError,
  type StoredPolicy,
} from '@ssm-policy/core';
import { attempt } from './attempt.js';
import { fromSdkError, parameterNamesOf, sdkErrorName } from './sdk-errors.js';
import { completeEntry, completePage } from './ssm-service.js';

/**
 * GetResourcePolicies answers at most 50 policies a page (rule V3).
 *
 * @category ssm client
 * @since 0.1.0
 */
export const SSM_MAX_PAGE_SIZE = 50;

// -------------------------------------------------------------------------------------------------
// error mapping (pure)
// -------------------------------------------------------------------------------------------------

const asStorageError = (operation: string, thrown: unknown): StorageError => {
  const e = fromSdkError(thrown);
  return storageError(`${operation} failed with ${e._tag}: ${e.message}`, thrown);
};

/**
 * `create`: SSM's own policy limit → `PolicyLimitReached`; anything else → `StorageError`.
 *
 * @category ssm client
 * @since 0.1.0
 */
export const createRefusal = (thrown: unknown): StorageError | PolicyLimitReached => {
  const e = fromSdkError(thrown);
  return e._tag === 'ResourcePolicyLimitExceededException'
    ? policyLimitReached(e.Limit)
    : asStorageError('PutResourcePolicy', thrown);
};

/**
 * `update`, `delete`: H4 → `PolicyMissing`, H5 → `HashMismatch`; anything else → `StorageError`.
 *
 * @category ssm client
 * @since 0.1.0
 */
export const conditionRefusal =
  (operation: string) =>
  (thrown: unknown): StorageError | PolicyMissing | HashMismatch => {
    switch (sdkErrorName(thrown)) {
      case 'ResourcePolicyNotFoundException':
        return policyMissing;
      case 'ResourcePolicyConflictException':
        return hashMismatch;
      default:
        return asStorageError(operation, thrown);
    }
  };

/**
 * `list`: a refused `NextToken` (H8: `ResourcePolicyInvalidParameterException` naming it, or SSM's
 * `InvalidNextToken` that other paginated operations answer) → `CursorInvalid`; anything else → `StorageError`.
 *
 * @category ssm client
 * @since 0.1.0
 */
export const listRefusal = (thrown: unknown): StorageError | CursorInvalid =>
  parameterNamesOf(thrown).includes('NextToken') || sdkErrorName(thrown) === 'InvalidNextToken'
    ? cursorInvalid
    : asStorageError('GetResourcePolicies', thrown);

const missingMembers = (operation: string): StorageError =>
  storageError(`${operation} answered without PolicyId, PolicyHash or Policy.`);

// -------------------------------------------------------------------------------------------------
// repository
// -------------------------------------------------------------------------------------------------

/**
 * Every policy of a resource, through the SDK's paginator; a resource that does not exist has none.
 *
 * @category ssm client
 * @since 0.1.0
 */
export const listAllPolicies =
  (client: SSMClient, resource: ResourceKey): TE.TaskEither<StorageError, ReadonlyArray<StoredPolicy>> =>
  async () => {
    const policies: StoredPolicy[] = [];
    try {
      for await (const page of paginateGetResourcePolicies(
        { client, pageSize: SSM_MAX_PAGE_SIZE },
        { ResourceArn: resource.arn },
      )) {
        for (const entry of page.Policies ?? []) {
          const complete = completeEntry(entry);
          if (complete === undefined) return E.left(missingMembers('GetResourcePolicies'));
          policies.push(complete);
        }
      }
    } catch (thrown) {
      if (sdkErrorName(thrown) === 'ResourceNotFoundException') return E.right(policies);
      return E.left(asStorageError('GetResourcePolicies', thrown));
    }
    return E.right(policies);
  };

/**
 * A policy store backed by SSM itself (SSM assigns ids and hashes).
 *
 * @category ssm client
 * @since 0.1.0
 */
export const createSsmPolicyRepository = (client: SSMClient): PolicyRepository => ({
  capabilities: { assignsIdentity: true },

  create: (input) => async () => {
    // SSM enforces its own limits atomically (one policy on an OpsItemGroup). A stricter limit asked for by
    // the core (a profile's maxPoliciesPerParameter) can only be checked before the write: best effort,
    // not atomic against concurrent creates.
    if (input.maxPolicies !== undefined) {
      const existing = await listAllPolicies(client, input.resource)();
      if (E.isLeft(existing)) return existing;
      if (existing.right.length >= input.maxPolicies) return E.left(policyLimitReached(input.maxPolicies));
    }
    const sent = await attempt(
      () =>
        client.send(
          new PutResourcePolicyCommand({
            ResourceArn: input.resource.arn,
            Policy: input.Policy,
          }),
        ),
      createRefusal,
    )();
    if (E.isLeft(sent)) return sent;
    const { PolicyId, PolicyHash } = sent.right;
    return PolicyId === undefined || PolicyHash === undefined
      ? E.left(missingMembers('PutResourcePolicy'))
      : E.right({ PolicyId, PolicyHash, Policy: input.Policy });
  },

  update: (input) => async () => {
    const sent = await attempt(
      () =>
        client.send(
          new PutResourcePolicyCommand({
            ResourceArn: input.resource.arn,
            Policy: input.Policy,
            PolicyId: input.PolicyId,
            PolicyHash: input.expectedHash,
          }),
        ),
      conditionRefusal('PutResourcePolicy'),
    )();
    if (E.isLeft(sent)) return sent;
    const { PolicyId, PolicyHash } = sent.right;
    // SSM keeps the id on update (H6); an endpoint that leaves it out is read the same way.
    return PolicyHash === undefined
      ? E.left(missingMembers('PutResourcePolicy'))
      : E.right({ PolicyId: PolicyId ?? input.PolicyId, PolicyHash, Policy: input.Policy });
  },

  delete: (input) => async () => {
    const sent = await attempt(
      () =>
        client.send(
          new DeleteResourcePolicyCommand({
            ResourceArn: input.resource.arn,
            PolicyId: input.PolicyId,
            PolicyHash: input.expectedHash,
          }),
        ),
      conditionRefusal('DeleteResourcePolicy'),
    )();
    return E.map(() => undefined)(sent);
  },

  list: (input) => async () => {
    const sent = await attempt(
      () =>
        client.send(
          new GetResourcePoliciesCommand({
            ResourceArn: input.resource.arn,
            NextToken: input.cursor,
            MaxResults: Math.max(1, Math.min(SSM_MAX_PAGE_SIZE, input.limit)),
          }),
        ),
      (thrown: unknown) => thrown,
    )();
    if (E.isLeft(sent))
      // The port knows no missing resources: a parameter that is gone (or went meanwhile) has no policies.
      return sdkErrorName(sent.left) === 'ResourceNotFoundException'
        ? E.right({ policies: [] })
        : E.left(listRefusal(sent.left));
    const page = completePage(sent.right.Policies, sent.right.NextToken);
    if (page === undefined) return E.left(missingMembers('GetResourcePolicies'));
    return E.right(
      page.NextToken === undefined
        ? { policies: page.Policies }
        : { policies: page.Policies, cursor: page.NextToken },
    );
  },

  dropResource: (resource) => async () => {
    // A policy updated meanwhile refuses its stale hash; list again and retry, a few rounds at most.
    for (let round = 0; round < DROP_ROUNDS; round++) {
      const all = await listAllPolicies(client, resource)();
      if (E.isLeft(all)) return all;
      if (all.right.length === 0) return E.right(undefined);
      for (const policy of all.right) {
        const deleted = await attempt(
          () =>
            client.send(
              new DeleteResourcePolicyCommand({
                ResourceArn: resource.arn,
                PolicyId: policy.PolicyId,
                PolicyHash: policy.PolicyHash,
              }),
            ),
          conditionRefusal('DeleteResourcePolicy'),
        )();
        if (E.isLeft(deleted) && deleted.left._tag === 'StorageError' && !resourceGone(deleted.left)) {
          return E.left(deleted.left);
        }
      }
    }
    return E.left(storageError(`The policies of ${resource} kept changing while they were being dropped.`));
  },
});

const DROP_ROUNDS = 3;

/** SSM dropped the policies with the parameter (R7). */
const resourceGone = (e: StorageError): boolean => sdkErrorName(e.cause) === 'ResourceNotFoundException';
