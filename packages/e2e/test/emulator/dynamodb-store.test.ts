/**
 * `STORE=dynamodb`: the built emulator keeps parameters and policies in one DynamoDB table (DynamoDB Local
 * here), so they survive `kill -9` and are shared by two emulators; a policy create that loses the race with
 * `DeleteParameter` writes nothing; a frozen DynamoDB gives `InternalServerError` within seconds, not a hang;
 * a deleted table is created again without a restart.
 */
import { DeleteTableCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { localClient } from '@ssm-policy/dynamodb-local';
import type { BuiltEmulator } from '../support/built-process.js';
import { withDynamoDbEmulators } from '../support/dynamodb-emulators.js';
import { paramArn, parameterPolicy, rawCall, type RawAnswer } from '../support/emulator.js';

const TABLE = 'keeps-everything';

const call = (at: BuiltEmulator, op: string, body: Record<string, unknown>): Promise<RawAnswer> =>
  rawCall(at.url, `AmazonSSM.${op}`, JSON.stringify(body));

const dynamo = withDynamoDbEmulators(TABLE);

describe('STORE=dynamodb keeps everything', () => {
  let b: BuiltEmulator;
  let c: BuiltEmulator;

  it('R7 after kill -9 a restarted emulator finds the parameter (value, version, tier, key, incarnation) and its policy', async () => {
    const a = await dynamo.start();
    const Name = '/keep/db';
    const arn = paramArn(Name);
    const put = { Name, Value: 'one', Type: 'SecureString', KeyId: 'alias/mine', Tier: 'Advanced' };
    expect((await call(a, 'PutParameter', put)).json).toEqual({ Version: 1, Tier: 'Advanced' });
    const two = await call(a, 'PutParameter', { ...put, Value: 'two', Overwrite: true });
    expect(two.json).toEqual({ Version: 2, Tier: 'Advanced' });
    const created = await call(a, 'PutResourcePolicy', { ResourceArn: arn, Policy: parameterPolicy(arn) });
    expect(created.status).toBe(200);
    await a.stop('SIGKILL');

    b = await dynamo.start();
    const got = await call(b, 'GetParameter', { Name, WithDecryption: true });
    expect(got.json['Parameter']).toMatchObject({
      Name,
      Type: 'SecureString',
      Value: 'two',
      Version: 2,
      ARN: arn,
    });
    // The same incarnation: the policy written before the kill is the parameter's policy still.
    const read = await call(b, 'GetResourcePolicies', { ResourceArn: arn });
    expect(read.json['Policies']).toEqual([{ ...created.json, Policy: parameterPolicy(arn) }]);
    // The tier came back too: a Standard write of an Advanced parameter is still refused.
    expect((await call(b, 'PutParameter', { ...put, Tier: 'Standard', Overwrite: true })).status).toBe(400);
  }, 60_000);

  it('R7 two emulators on one table share parameters and policies, and a delete on one drops the policies for both', async () => {
    c = await dynamo.start();
    const Name = '/shared/x';
    const arn = paramArn(Name);
    expect(
      (await call(c, 'PutParameter', { Name, Value: 'v', Type: 'String', Tier: 'Advanced' })).status,
    ).toBe(200);
    expect((await call(b, 'GetParameter', { Name })).json['Parameter']).toMatchObject({ Value: 'v' });
    const created = await call(b, 'PutResourcePolicy', { ResourceArn: arn, Policy: parameterPolicy(arn) });
    expect(created.status).toBe(200);
    expect((await call(c, 'GetResourcePolicies', { ResourceArn: arn })).json['Policies']).toHaveLength(1);
    expect((await call(c, 'DeleteParameter', { Name })).status).toBe(200);
    expect(
      (await call(b, 'PutParameter', { Name, Value: 'w', Type: 'String', Tier: 'Advanced' })).status,
    ).toBe(200);
    expect((await call(b, 'GetResourcePolicies', { ResourceArn: arn })).json).toEqual({ Policies: [] });
  }, 60_000);

  it('R7 R4 30 rounds of puts racing DeleteParameter across two emulators leave no orphaned policy item and no 500', async () => {
    const Name = '/race/p';
    const arn = paramArn(Name);
    const tally: Record<string, number> = {};
    // 30 rounds, and more (up to 60) while no put has won yet: the race must really have happened.
    for (let round = 0; round < 60 && (round < 30 || (tally['200 '] ?? 0) === 0); round++) {
      expect(
        (await call(b, 'PutParameter', { Name, Value: 'v', Type: 'String', Tier: 'Advanced' })).status,
      ).toBe(200);
      const answers = await Promise.all([
        ...[b, c].map((at) =>
          call(at, 'PutResourcePolicy', { ResourceArn: arn, Policy: parameterPolicy(arn) }),
        ),
        new Promise((r) => setTimeout(r, round % 10)).then(() => call(c, 'DeleteParameter', { Name })),
      ]);
      for (const a of answers.slice(0, 2)) {
        const key = `${String(a.status)} ${String(a.json['__type'] ?? '')}`;
        tally[key] = (tally[key] ?? 0) + 1;
      }
    }
    console.log('PutResourcePolicy racing DeleteParameter, 30 rounds × 2:', tally);
    const items = await localClient(dynamo.local.endpoint).send(
      new ScanCommand({ TableName: TABLE, ConsistentRead: true }),
    );
    const orphans = (items.Items ?? []).filter(
      (i) => i['pk']?.S?.startsWith(`${arn}#`) === true && i['sk']?.S?.startsWith('P#') === true,
    );
    expect(orphans).toEqual([]);
    // Some puts won before the delete, so the race was real.
    expect(tally['200 '] ?? 0).toBeGreaterThan(0);
    // A put that lost the race is answered as a Put on a missing parameter (R4), never a 500.
    const answers = Object.keys(tally);
    expect(answers.filter((k) => k !== '200 ' && k !== '400 ResourceNotFoundException')).toEqual([]);
  }, 120_000);

  it('a frozen DynamoDB (SIGSTOP) answers InternalServerError within seconds; after SIGCONT it answers again', async () => {
    await dynamo.local.freeze();
    let frozen: RawAnswer;
    const started = performance.now();
    try {
      frozen = await call(b, 'GetParameter', { Name: '/keep/db' });
    } finally {
      dynamo.local.signal('SIGCONT');
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`frozen DynamoDB: answered ${String(frozen.status)} after ${seconds.toFixed(1)} s`);
    expect(frozen.status).toBe(500);
    expect(frozen.json['__type']).toMatch(/InternalServerError/);
    expect((await call(b, 'GetParameter', { Name: '/keep/db' })).json['Parameter']).toMatchObject({
      Value: 'two',
    });
  }, 30_000);

  it('a deleted table is created again without a restart: a clear 500 at most once, then requests work', async () => {
    await localClient(dynamo.local.endpoint).send(new DeleteTableCommand({ TableName: TABLE }));
    const Name = '/after/loss';
    const first = await call(b, 'PutParameter', { Name, Value: 'v', Type: 'String' });
    if (first.status !== 200) expect(first.status).toBe(500);
    const again = await call(b, 'PutParameter', { Name, Value: 'v', Type: 'String', Overwrite: true });
    expect(again.status).toBe(200);
    expect((await call(c, 'GetParameter', { Name })).status).toBe(200);
  }, 30_000);
});
