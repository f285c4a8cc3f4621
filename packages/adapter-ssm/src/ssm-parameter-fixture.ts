/**
 * Creates and deletes the parameters a test or a conformance run needs, on any SSM endpoint, through
 * `PutParameter` (with `Overwrite`, so a rerun replaces what a crashed run left) and `DeleteParameter`.
 * Deleting a parameter that is already gone succeeds. Errors come back as `Left(StorageError)`.
 *
 * @example
 * import { SSMClient } from '@aws-sdk/client-ssm';
 * import { createSsmParameterFixture } from '@ssm-policy/adapter-ssm';
 * const fixture = createSsmParameterFixture(new SSMClient({ region: 'us-east-1' }));
 * // await fixture.putParameter({ Name: '/ssm-policy-conformance/x1/p', Type: 'String', Tier: 'Advanced' })()
 * // await fixture.deleteParameter('/ssm-policy-conformance/x1/p')()
 *
 * @since 0.1.0
 */
import { DeleteParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { storageError, type ParameterInfo, type StorageError } from '@ssm-policy/core';
import { attempt } from './attempt.js';
import { fromSdkError, sdkErrorName } from './sdk-errors.js';

export interface SsmParameterFixture {
  putParameter(parameter: ParameterInfo): TE.TaskEither<StorageError, void>;
  deleteParameter(Name: string): TE.TaskEither<StorageError, void>;
}

/** Any value does: resource policies never read it. */
const VALUE = 'ssm-policy-conformance';

const failed = (operation: string) => (thrown: unknown) => {
  const e = fromSdkError(thrown);
  return storageError(`${operation} failed with ${sdkErrorName(thrown) ?? e._tag}: ${e.message}`, thrown);
};

export const createSsmParameterFixture = (client: SSMClient): SsmParameterFixture => ({
  putParameter:
    ({ Name, Type, Tier, KeyId }) =>
    async () =>
      E.map(() => undefined)(
        await attempt(
          () =>
            client.send(
              new PutParameterCommand({
                Name,
                Type,
                Tier,
                Value: VALUE,
                Overwrite: true,
                ...(KeyId === undefined ? {} : { KeyId }),
              }),
            ),
          failed('PutParameter'),
        )(),
      ),

  deleteParameter: (Name) => async () => {
    const deleted = await attempt(
      () => client.send(new DeleteParameterCommand({ Name })),
      (thrown) => thrown,
    )();
    if (E.isRight(deleted) || sdkErrorName(deleted.left) === 'ParameterNotFound') return E.right(undefined);
    return E.left(failed('DeleteParameter')(deleted.left));
  },
});
