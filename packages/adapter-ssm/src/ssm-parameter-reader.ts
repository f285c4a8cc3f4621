/**
 * `GetParameter` through an SSM client, answering an `Either` instead of throwing: what a consumer of a shared
 * parameter calls with the parameter's full ARN (rules A6, A7). The conformance kit's cross-account cases use
 * it as a second account's reader.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { PutParameterCommand, PutResourcePolicyCommand } from '@aws-sdk/client-ssm';
 * import { createSsmClient, createSsmParameterReader } from '@ssm-policy/adapter-ssm';
 * import { startEmulator } from '@ssm-policy/server';
 * // On the emulator, a 12-digit access key id signs as that account's root.
 * const emulator = await startEmulator({ port: 0 });
 * const clientOf = (accessKeyId: string) =>
 *   createSsmClient({ region: 'us-east-1', endpoint: emulator.url, credentials: { accessKeyId, secretAccessKey: 'secret' } });
 * const owner = clientOf('111111111111');
 * const consumer = clientOf('222222222222');
 * const arn = 'arn:aws:ssm:us-east-1:111111111111:parameter/app/db';
 * await owner.send(new PutParameterCommand({ Name: '/app/db', Value: 'db.example', Type: 'String', Tier: 'Advanced' }));
 * const read = createSsmParameterReader(consumer);
 * const before = await read(arn);
 * await owner.send(new PutResourcePolicyCommand({
 *   ResourceArn: arn,
 *   Policy: JSON.stringify({
 *     Version: '2012-10-17',
 *     Statement: [{ Effect: 'Allow', Principal: { AWS: '222222222222' }, Action: 'ssm:GetParameter', Resource: arn }],
 *   }),
 * }));
 * const after = await read(arn);
 * owner.destroy();
 * consumer.destroy();
 * await emulator.close();
 * assert.equal(before._tag === 'Left' && before.left._tag, 'AccessDeniedException');
 * // A parameter read by another account is named by its full ARN.
 * assert.deepEqual(after, { _tag: 'Right', right: { ARN: arn, Name: arn, Value: 'db.example' } });
 *
 * @since 0.3.0
 */
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import * as E from 'fp-ts/lib/Either.js';
import { sdkErrorName } from './sdk-errors.js';

/**
 * @since 0.3.0
 * @category parameters
 */
export interface ReadParameter {
  readonly ARN?: string;
  readonly Name?: string;
  readonly Value?: string;
}

/**
 * @since 0.3.0
 * @category parameters
 */
export interface ParameterReadError {
  /** The SDK's error name: the code the endpoint answered. */
  readonly _tag: string;
  readonly message: string;
}

/**
 * @since 0.3.0
 * @category parameters
 */
export const createSsmParameterReader =
  (client: SSMClient) =>
  async (NameOrArn: string): Promise<E.Either<ParameterReadError, ReadParameter>> => {
    try {
      const out = await client.send(new GetParameterCommand({ Name: NameOrArn, WithDecryption: true }));
      const p = out.Parameter ?? {};
      return E.right({
        ...(p.ARN === undefined ? {} : { ARN: p.ARN }),
        ...(p.Name === undefined ? {} : { Name: p.Name }),
        ...(p.Value === undefined ? {} : { Value: p.Value }),
      });
    } catch (e) {
      return E.left({
        _tag: sdkErrorName(e) ?? 'UnknownError',
        message: e instanceof Error ? e.message : String(e),
      });
    }
  };
