/**
 * `STORE=dynamodb pnpm start`: the entry point keeps policies in DynamoDB (DynamoDB Local here, started with
 * Java as `@ssm-policy/adapter-dynamodb`'s tests do), creating the table when missing, so that they outlive a
 * restart; parameters live there too (see dynamodb-store.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { runBuiltEmulatorToExit } from '../support/built-process.js';
import { withDynamoDbEmulators } from '../support/dynamodb-emulators.js';
import { OPS_ARN, opsPolicy, rawCall } from '../support/emulator.js';

describe('pnpm start with STORE=dynamodb', () => {
  const dynamo = withDynamoDbEmulators('server-main-test');

  it('H1 H7 policies live in DynamoDB, in a table created on first start, and outlive a restart', async () => {
    const first = await dynamo.start();
    const created = await rawCall(
      first.url,
      'AmazonSSM.PutResourcePolicy',
      JSON.stringify({ ResourceArn: OPS_ARN, Policy: opsPolicy() }),
    );
    expect(created.status).toBe(200);
    expect(await first.stop()).toBe(0);

    const second = await dynamo.start();
    try {
      const read = await rawCall(
        second.url,
        'AmazonSSM.GetResourcePolicies',
        JSON.stringify({ ResourceArn: OPS_ARN }),
      );
      expect(read.json['Policies']).toEqual([{ ...created.json, Policy: opsPolicy() }]);
      const del = await rawCall(
        second.url,
        'AmazonSSM.DeleteResourcePolicy',
        JSON.stringify({ ResourceArn: OPS_ARN, ...created.json }),
      );
      expect(del.text).toBe('{}');
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 60_000);

  it('refuses an unknown STORE', async () => {
    expect((await runBuiltEmulatorToExit({ STORE: 'redis' })).code).toBe(1);
  });
});
