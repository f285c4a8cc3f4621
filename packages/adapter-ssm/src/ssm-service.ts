/**
 * The `ResourcePolicyService` of the core, answered by an SSM endpoint through `@aws-sdk/client-ssm`: the real
 * AWS, our emulator or any other. Requests go out as given (the endpoint applies its own rules); answers and
 * errors come back as the domain's values. Nothing is thrown: a failure of any kind is a `Left`.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { SSMClient } from '@aws-sdk/client-ssm';
 * import { createSsmResourcePolicyService } from '@ssm-policy/adapter-ssm';
 * import { startEmulator } from '@ssm-policy/server';
 * const emulator = await startEmulator({ port: 0 });
 * const client = new SSMClient({
 *   region: 'us-east-1',
 *   endpoint: emulator.url,
 *   credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
 * });
 * const service = createSsmResourcePolicyService(client);
 * // A parameter that does not exist: the service's own error, as a value (R4).
 * const answer = await service.GetResourcePolicies({ ResourceArn: 'arn:aws:ssm:us-east-1:123456789012:parameter/nope' })();
 * client.destroy();
 * await emulator.close();
 * assert.equal(answer._tag === 'Left' && answer.left._tag, 'ResourceNotFoundException');
 *
 * @since 0.1.0
 */
import {
  DeleteResourcePolicyCommand,
  GetResourcePoliciesCommand,
  PutResourcePolicyCommand,
  type GetResourcePoliciesResponseEntry as SdkPolicyEntry,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import * as E from 'fp-ts/lib/Either.js';
import {
  DeleteResourcePolicyErrorTags,
  GetResourcePoliciesErrorTags,
  PutResourcePolicyErrorTags,
  internalServerError,
  type GetResourcePoliciesResponse,
  type InternalServerError,
  type ResourcePolicyService,
  type StoredPolicy,
} from '@ssm-policy/core';
import { attempt } from './attempt.js';
import { fromSdkErrorFor } from './sdk-errors.js';

/** JSON `null` is an absent member to AWS; the SDK wants `undefined`. */
const member = <A>(v: A | null | undefined): A | undefined => (v === null ? undefined : v);

const incomplete = (operation: string, what: string): InternalServerError =>
  internalServerError(`${operation} answered without ${what}.`);

/**
 * An entry of `Policies` with every member present, or `undefined`.
 *
 * @category ssm client
 * @since 0.1.0
 */
export const completeEntry = (entry: SdkPolicyEntry): StoredPolicy | undefined =>
  entry.PolicyId === undefined || entry.PolicyHash === undefined || entry.Policy === undefined
    ? undefined
    : { PolicyId: entry.PolicyId, PolicyHash: entry.PolicyHash, Policy: entry.Policy };

/**
 * The response in the core's shape, or `undefined` when an entry lacks a member.
 *
 * @category ssm client
 * @since 0.1.0
 */
export const completePage = (
  Policies: ReadonlyArray<SdkPolicyEntry> | undefined,
  NextToken: string | undefined,
): GetResourcePoliciesResponse | undefined => {
  const entries: StoredPolicy[] = [];
  for (const entry of Policies ?? []) {
    const complete = completeEntry(entry);
    if (complete === undefined) return undefined;
    entries.push(complete);
  }
  return NextToken === undefined ? { Policies: entries } : { Policies: entries, NextToken };
};

const putError = fromSdkErrorFor('PutResourcePolicy', PutResourcePolicyErrorTags);
const getError = fromSdkErrorFor('GetResourcePolicies', GetResourcePoliciesErrorTags);
const deleteError = fromSdkErrorFor('DeleteResourcePolicy', DeleteResourcePolicyErrorTags);

/**
 * The three operations of an SSM endpoint as a `ResourcePolicyService`, errors as values.
 *
 * @category ssm client
 * @since 0.1.0
 */
export const createSsmResourcePolicyService = (client: SSMClient): ResourcePolicyService => ({
  PutResourcePolicy: (input) => async () => {
    const sent = await attempt(
      () =>
        client.send(
          new PutResourcePolicyCommand({
            ResourceArn: member(input.ResourceArn),
            Policy: member(input.Policy),
            PolicyId: member(input.PolicyId),
            PolicyHash: member(input.PolicyHash),
          }),
        ),
      putError,
    )();
    if (E.isLeft(sent)) return sent;
    const { PolicyId, PolicyHash } = sent.right;
    return PolicyId === undefined || PolicyHash === undefined
      ? E.left(incomplete('PutResourcePolicy', 'PolicyId and PolicyHash'))
      : E.right({ PolicyId, PolicyHash });
  },

  GetResourcePolicies: (input) => async () => {
    const sent = await attempt(
      () =>
        client.send(
          new GetResourcePoliciesCommand({
            ResourceArn: member(input.ResourceArn),
            NextToken: member(input.NextToken),
            MaxResults: member(input.MaxResults),
          }),
        ),
      getError,
    )();
    if (E.isLeft(sent)) return sent;
    const page = completePage(sent.right.Policies, sent.right.NextToken);
    return page === undefined
      ? E.left(incomplete('GetResourcePolicies', 'PolicyId, PolicyHash or Policy in an entry'))
      : E.right(page);
  },

  DeleteResourcePolicy: (input) => async () => {
    const sent = await attempt(
      () =>
        client.send(
          new DeleteResourcePolicyCommand({
            ResourceArn: member(input.ResourceArn),
            PolicyId: member(input.PolicyId),
            PolicyHash: member(input.PolicyHash),
          }),
        ),
      deleteError,
    )();
    return E.map(() => ({}))(sent);
  },
});
