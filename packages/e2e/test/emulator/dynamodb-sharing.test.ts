/**
 * Rule A8 with `STORE=dynamodb`: the built emulator on DynamoDB Local, two accounts (12-digit access keys) and the
 * real AWS CLI. The share a policy creates, and its promotion, live in the table: an emulator restarted after
 * `kill -9`, and a second one on the same table, show the same share, and the consumer's
 * `describe-parameters --shared` lists the parameter through either. Two emulators attaching a parameter's first
 * policy at the same moment leave one share, not two.
 */
import { PutParameterCommand, PutResourcePolicyCommand } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { cliOk as ok, type BuiltEmulator, type CliResult } from '../support/built-process.js';
import { withDynamoDbEmulators } from '../support/dynamodb-emulators.js';
import { sdkClient } from '../support/emulator.js';
import {
  OWNER,
  REGION,
  awsAs,
  consumerPolicy,
  ownerParameterArn,
  ownShares,
  sharedArns,
} from '../support/two-accounts-cli.js';

const NAME = '/team/shared-url';
const ARN = ownerParameterArn(NAME);
const TABLE = 'keeps-shares';

const aws = (at: BuiltEmulator, account: string, ...args: ReadonlyArray<string>): Promise<CliResult> =>
  awsAs(at.url, account, ...args);

const policy = consumerPolicy(ARN);

const dynamo = withDynamoDbEmulators(TABLE);

// Each CLI call starts Python (a second or more on a loaded machine): a generous limit.
const CLI_TEST_MS = 300_000;

describe('A8 STORE=dynamodb keeps RAM shares and their promotion', () => {
  it(
    'A8 a share created from a policy and promoted is still there, promoted, after kill -9 and in a second emulator on the table',
    async () => {
      const a = await dynamo.start();
      await ok(
        aws(
          a,
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
      await ok(aws(a, OWNER, 'ssm', 'put-resource-policy', '--resource-arn', ARN, '--policy', policy));
      const shares = await ownShares(a.url);
      expect(shares).toEqual([
        expect.objectContaining({
          owningAccountId: OWNER,
          status: 'ACTIVE',
          featureSet: 'CREATED_FROM_POLICY',
        }),
      ]);
      const shareArn = shares[0]!['resourceShareArn'] as string;
      // Not listed before promotion (the default profile), listed after.
      expect(await sharedArns(a.url)).toEqual([]);
      expect(
        await ok(
          aws(
            a,
            OWNER,
            'ram',
            'promote-resource-share-created-from-policy',
            '--resource-share-arn',
            shareArn,
          ),
        ),
      ).toEqual({ returnValue: true });
      expect(await sharedArns(a.url)).toEqual([ARN]);
      await a.stop('SIGKILL');

      const b = await dynamo.start();
      const c = await dynamo.start();
      expect(await ownShares(b.url)).toEqual([
        expect.objectContaining({ resourceShareArn: shareArn, status: 'ACTIVE', featureSet: 'STANDARD' }),
      ]);
      expect(await sharedArns(b.url)).toEqual([ARN]);
      expect(await sharedArns(c.url)).toEqual([ARN]);
      // Promoted already: the restarted emulator knows it.
      const again = await aws(
        b,
        OWNER,
        'ram',
        'promote-resource-share-created-from-policy',
        '--resource-share-arn',
        shareArn,
      );
      expect(again.stderr).toContain('(OperationNotPermittedException)');

      // The parameter deleted on one emulator: the share is deleted for both, and no longer listed.
      await ok(aws(b, OWNER, 'ssm', 'delete-parameter', '--name', NAME));
      expect((await ownShares(c.url)).map((s) => [s['resourceShareArn'], s['status']])).toEqual([
        [shareArn, 'DELETED'],
      ]);
      expect(await sharedArns(c.url)).toEqual([]);
    },
    CLI_TEST_MS,
  );

  it(
    "A8 two emulators attaching a parameter's first policy at the same moment leave one active share",
    async () => {
      const [b, c] = await Promise.all([dynamo.start(), dynamo.start()]);
      const viaB = sdkClient(b.url, OWNER, REGION);
      const viaC = sdkClient(c.url, OWNER, REGION);
      const names = Array.from({ length: 8 }, (_, i) => `/race/first-policy-${i}`);
      for (const name of names)
        await viaB.send(
          new PutParameterCommand({ Name: name, Value: 'v', Type: 'String', Tier: 'Advanced' }),
        );
      // RAM's share shape names no resource: count the active ones.
      const activeShares = async (): Promise<number> =>
        (await ownShares(b.url)).filter((s) => s['status'] === 'ACTIVE').length;
      const before = await activeShares();
      // Each parameter's first policy, twice at once: one through each emulator, each creating the share.
      await Promise.all(
        names.flatMap((name) => {
          const input = {
            ResourceArn: ownerParameterArn(name),
            Policy: consumerPolicy(ownerParameterArn(name)),
          };
          return [
            viaB.send(new PutResourcePolicyCommand(input)),
            viaC.send(new PutResourcePolicyCommand(input)),
          ];
        }),
      );
      // One new active share per parameter, none more.
      expect(await activeShares()).toBe(before + names.length);
    },
    CLI_TEST_MS,
  );
});
