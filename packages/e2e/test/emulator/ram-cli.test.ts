/**
 * Rule A8 end to end: the built emulator (`node packages/emulator/dist/main.js`) as its own process, two accounts
 * (12-digit access keys) and the real AWS CLI, unchanged but for `--endpoint-url`: `aws ram get-resource-shares`,
 * `promote-resource-share-created-from-policy`, `list-resources` and `aws ssm describe-parameters --shared`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cliOk as ok,
  startBuiltEmulator,
  type BuiltEmulator,
  type CliResult,
} from '../support/built-process.js';
import {
  CONSUMER,
  OWNER,
  REGION,
  awsAs,
  consumerPolicy,
  ownerParameterArn,
  ownShares,
  sharedArns as sharedArnsAt,
} from '../support/two-accounts-cli.js';

const NAME = '/team/db-url';
const ARN = ownerParameterArn(NAME);

let emulator: BuiltEmulator;

beforeAll(async () => {
  emulator = await startBuiltEmulator();
});
afterAll(() => emulator?.stop());

const aws = (account: string, ...args: ReadonlyArray<string>): Promise<CliResult> =>
  awsAs(emulator.url, account, ...args);

const policy = consumerPolicy(ARN);

const sharedArns = (): Promise<unknown[]> => sharedArnsAt(emulator.url);

// Each CLI call starts Python (a second or more on a loaded machine): generous per-test limits.
const CLI_TEST_MS = 300_000;

describe('A8 through the AWS CLI against the built emulator, two accounts', () => {
  it(
    'A8 a policy creates a CREATED_FROM_POLICY share; promotion lists the parameter for the consumer; the last policy removed deletes the share',
    async () => {
      await ok(
        aws(
          OWNER,
          'ssm',
          'put-parameter',
          '--name',
          NAME,
          '--value',
          'postgres://db',
          '--type',
          'String',
          '--tier',
          'Advanced',
        ),
      );
      expect(await ok(aws(OWNER, 'ram', 'get-resource-shares', '--resource-owner', 'SELF'))).toEqual({
        resourceShares: [],
      });
      const put = await ok(
        aws(OWNER, 'ssm', 'put-resource-policy', '--resource-arn', ARN, '--policy', policy),
      );

      const shares = await ownShares(emulator.url);
      expect(shares).toEqual([
        expect.objectContaining({
          owningAccountId: OWNER,
          status: 'ACTIVE',
          featureSet: 'CREATED_FROM_POLICY',
          resourceShareArn: expect.stringMatching(/^arn:aws:ram:eu-west-1:111111111111:resource-share\//),
        }),
      ]);
      const shareArn = shares[0]!['resourceShareArn'] as string;
      expect(await ok(aws(OWNER, 'ram', 'list-resources', '--resource-owner', 'SELF'))).toEqual({
        resources: [expect.objectContaining({ arn: ARN, type: 'ssm:Parameter', resourceShareArn: shareArn })],
      });

      // Before promotion the consumer's listing does not show it, nor does RAM.
      expect(await sharedArns()).toEqual([]);
      expect(
        await ok(aws(CONSUMER, 'ram', 'get-resource-shares', '--resource-owner', 'OTHER-ACCOUNTS')),
      ).toEqual({
        resourceShares: [],
      });
      const foreign = await aws(
        CONSUMER,
        'ram',
        'promote-resource-share-created-from-policy',
        '--resource-share-arn',
        shareArn,
      );
      expect(foreign.code).not.toBe(0);
      expect(foreign.stderr).toContain('(UnknownResourceException)');

      expect(
        await ok(
          aws(OWNER, 'ram', 'promote-resource-share-created-from-policy', '--resource-share-arn', shareArn),
        ),
      ).toEqual({ returnValue: true });
      expect(await sharedArns()).toEqual([ARN]);
      const again = await aws(
        OWNER,
        'ram',
        'promote-resource-share-created-from-policy',
        '--resource-share-arn',
        shareArn,
      );
      expect(again.stderr).toContain('(OperationNotPermittedException)');

      await ok(
        aws(
          OWNER,
          'ssm',
          'delete-resource-policy',
          '--resource-arn',
          ARN,
          '--policy-id',
          put['PolicyId'] as string,
          '--policy-hash',
          put['PolicyHash'] as string,
        ),
      );
      const after = await ownShares(emulator.url);
      expect(after.map((s) => [s['resourceShareArn'], s['status']])).toEqual([[shareArn, 'DELETED']]);
      expect(await ok(aws(OWNER, 'ram', 'list-resources', '--resource-owner', 'SELF'))).toEqual({
        resources: [],
      });
      expect(await sharedArns()).toEqual([]);
    },
    CLI_TEST_MS,
  );

  it(
    "A8 RAM's errors reach the CLI by the names its model gives them",
    async () => {
      const malformed = await aws(
        OWNER,
        'ram',
        'promote-resource-share-created-from-policy',
        '--resource-share-arn',
        'nope',
      );
      expect(malformed.stderr).toContain('(MalformedArnException)');
      const unknown = await aws(
        OWNER,
        'ram',
        'promote-resource-share-created-from-policy',
        '--resource-share-arn',
        `arn:aws:ram:${REGION}:${OWNER}:resource-share/00000000-0000-4000-8000-000000000000`,
      );
      expect(unknown.stderr).toContain('(UnknownResourceException)');
    },
    CLI_TEST_MS,
  );

  it(
    'describe-parameters pages through the caller’s own parameters with --max-items and filters by name',
    async () => {
      for (const n of ['/page/a', '/page/b', '/page/c']) {
        await ok(aws(OWNER, 'ssm', 'put-parameter', '--name', n, '--value', 'v', '--type', 'String'));
      }
      const all = await ok(
        aws(
          OWNER,
          'ssm',
          'describe-parameters',
          '--page-size',
          '1',
          '--parameter-filters',
          'Key=Name,Option=BeginsWith,Values=/page/',
        ),
      );
      expect((all['Parameters'] as Array<{ Name: string }>).map((p) => p.Name)).toEqual([
        '/page/a',
        '/page/b',
        '/page/c',
      ]);
      const label = await aws(
        OWNER,
        'ssm',
        'describe-parameters',
        '--parameter-filters',
        'Key=Label,Values=x',
      );
      expect(label.stderr).toContain('(InvalidFilterKey)');
    },
    CLI_TEST_MS,
  );
});
