/**
 * Creates and deletes the parameters a test or a conformance run needs, on any SSM endpoint, through
 * `PutParameter` (with `Overwrite`, so a rerun replaces what a crashed run left) and `DeleteParameter`. It has
 * the conformance kit's `ParameterFixture` shape: promises that reject with a `ParameterFixtureError` (a test
 * fixture fails loudly; the kit turns that into a failed case). Deleting a parameter that is gone succeeds.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { SSMClient } from '@aws-sdk/client-ssm';
 * import { createSsmParameterFixture } from '@ssm-policy/adapter-ssm';
 * import { startEmulator } from '@ssm-policy/server';
 * const emulator = await startEmulator({ port: 0 });
 * const client = new SSMClient({
 *   region: 'us-east-1',
 *   endpoint: emulator.url,
 *   credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
 * });
 * const fixture = createSsmParameterFixture(client);
 * await fixture.putParameter({ Name: '/resource-policy-conformance/x1/p', Type: 'String', Tier: 'Advanced' });
 * const arn = await fixture.parameterArn('/resource-policy-conformance/x1/p');
 * await fixture.deleteParameter('/resource-policy-conformance/x1/p');
 * client.destroy();
 * await emulator.close();
 * assert.equal(arn, 'arn:aws:ssm:us-east-1:123456789012:parameter/resource-policy-conformance/x1/p');
 *
 * @since 0.1.0
 */
import {
  DeleteParameterCommand,
  GetParameterCommand,
  PutParameterCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { sdkErrorName } from './sdk-errors.js';

/**
 * A parameter to create for a test.
 *
 * @category ssm client
 * @since 0.1.0
 */
export interface SsmParameterSpec {
  readonly Name: string;
  readonly Type: 'String' | 'StringList' | 'SecureString';
  readonly Tier: 'Standard' | 'Advanced' | 'Intelligent-Tiering';
  /** SecureString only: the KMS key; absent for the AWS managed `alias/aws/ssm`. */
  readonly KeyId?: string;
}

/**
 * Creates and deletes the parameters the kit's cases need, through SSM.
 *
 * @category ssm client
 * @since 0.1.0
 */
export interface SsmParameterFixture {
  putParameter(parameter: SsmParameterSpec): Promise<void>;
  deleteParameter(Name: string): Promise<void>;
  /** The parameter's ARN as the endpoint reports it (`GetParameter`); it names the caller's account. */
  parameterArn(Name: string): Promise<string>;
}

/**
 * A fixture call failed; `code` is the SDK's error name.
 *
 * @category ssm client
 * @since 0.1.0
 */
export class ParameterFixtureError extends Error {
  override readonly name = 'ParameterFixtureError';
  constructor(
    readonly operation: string,
    readonly code: string | undefined,
    override readonly cause: unknown,
  ) {
    super(
      `${operation} failed with ${code ?? 'an unknown error'}: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

/** Any value does: resource policies never read it. */
const VALUE = 'ssm-policy-conformance';

const rethrow = (operation: string) => (thrown: unknown) => {
  throw new ParameterFixtureError(operation, sdkErrorName(thrown), thrown);
};

/**
 * The parameter fixture over an SSM client.
 *
 * @category ssm client
 * @since 0.1.0
 */
export const createSsmParameterFixture = (client: SSMClient): SsmParameterFixture => ({
  putParameter: async ({ Name, Type, Tier, KeyId }) => {
    await client
      .send(
        new PutParameterCommand({
          Name,
          Type,
          Tier,
          Value: VALUE,
          Overwrite: true,
          ...(KeyId === undefined ? {} : { KeyId }),
        }),
      )
      .catch(rethrow('PutParameter'));
  },

  deleteParameter: async (Name) => {
    await client.send(new DeleteParameterCommand({ Name })).catch((thrown: unknown) => {
      if (sdkErrorName(thrown) !== 'ParameterNotFound') rethrow('DeleteParameter')(thrown);
    });
  },

  parameterArn: async (Name) => {
    const got = await client.send(new GetParameterCommand({ Name })).catch(rethrow('GetParameter'));
    const arn = got.Parameter?.ARN;
    if (arn === undefined) throw new ParameterFixtureError('GetParameter', undefined, 'no ARN in the answer');
    return arn;
  },
});
