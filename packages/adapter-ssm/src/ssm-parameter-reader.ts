/**
 * `GetParameter` through an SSM client, answering an `Either` instead of throwing: what a consumer of a shared
 * parameter calls with the parameter's full ARN (rules A6, A7). The conformance kit's cross-account cases use
 * it as a second account's reader.
 *
 * @example
 * import { createSsmClient, createSsmParameterReader } from '@ssm-policy/adapter-ssm';
 * const read = createSsmParameterReader(createSsmClient({ region: 'us-east-1' }));
 * // await read('arn:aws:ssm:us-east-1:111111111111:parameter/app/db')
 * //   is Right({ ARN, Name, Value }) or Left({ _tag: 'AccessDeniedException', message })
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
