/**
 * Test support: rule A8 through the real AWS CLI, an owner account and a consumer account (12-digit access
 * key ids, W6) in one region. It exists because the A8 tests against the built emulator, with the memory
 * store (`ram-cli`) and with `STORE=dynamodb` (`dynamodb-sharing`), each carried their own copy of the same
 * accounts, the same sharing policy and the same readings of RAM and of the consumer's shared listing.
 *
 * @example
 * const { url } = await startBuiltEmulator();
 * const arn = ownerParameterArn('/team/db-url');
 * const policy = consumerPolicy(arn);
 * await cliOk(awsAs(url, OWNER, 'ssm', 'put-resource-policy', '--resource-arn', arn, '--policy', policy));
 * expect(await sharedArns(url)).toEqual([]); // not before the share is promoted
 */
import { awsCli, cliOk, type CliResult } from './built-process.js';

export const OWNER = '111111111111';
export const CONSUMER = '222222222222';
export const REGION = 'eu-west-1';

/** The ARN of the owner's parameter `name` (a name with its leading slash). */
export const ownerParameterArn = (name: string): string => `arn:aws:ssm:${REGION}:${OWNER}:parameter${name}`;

/** The real AWS CLI against `url` as `account`, in REGION. */
export const awsAs = (url: string, account: string, ...args: ReadonlyArray<string>): Promise<CliResult> =>
  awsCli(url, args, { accessKeyId: account, region: REGION });

/** A policy letting the consumer read the parameter `arn` and see it in its listing. */
export const consumerPolicy = (arn: string): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: CONSUMER },
        Action: ['ssm:GetParameter', 'ssm:DescribeParameters'],
        Resource: arn,
      },
    ],
  });

/** The ARNs the consumer's `describe-parameters --shared` lists. */
export const sharedArns = async (url: string): Promise<unknown[]> =>
  (
    (await cliOk(awsAs(url, CONSUMER, 'ssm', 'describe-parameters', '--shared')))['Parameters'] as Array<{
      ARN: string;
    }>
  ).map((p) => p.ARN);

/** The owner's resource shares: `aws ram get-resource-shares --resource-owner SELF`. */
export const ownShares = async (url: string): Promise<Array<Record<string, unknown>>> =>
  (await cliOk(awsAs(url, OWNER, 'ram', 'get-resource-shares', '--resource-owner', 'SELF')))[
    'resourceShares'
  ] as Array<Record<string, unknown>>;
