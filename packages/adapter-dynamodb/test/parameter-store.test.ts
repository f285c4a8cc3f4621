import { beforeAll, describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  createDynamoDbParameterStore,
  createDynamoDbPolicyRepository,
  type ParameterRecord,
} from '../src/index.js';
import { parseResourceArn } from '@ssm-policy/core';
import {
  countCalls,
  newClient,
  newResource,
  newTable,
  partition,
  right,
  run,
  tagOf,
} from './support/fixture.js';

interface Stored extends ParameterRecord {
  readonly Value: string;
  readonly LastModifiedDate: Date;
  /** A field this store has never heard of (as another branch may add): kept all the same. */
  readonly History?: ReadonlyArray<{ readonly Version: number; readonly At: Date }>;
}

let client: DynamoDBClient;
let tableName: string;

beforeAll(async () => {
  client = newClient();
  tableName = await newTable(client);
});

const record = (Incarnation: string, Version = 1): Stored => ({
  Name: '/p',
  Type: 'SecureString',
  Tier: 'Advanced',
  KeyId: 'alias/mine',
  Value: `v${String(Version)}`,
  Version,
  Incarnation,
  LastModifiedDate: new Date('2026-11-29T07:00:00.123Z'),
  History: [{ Version, At: new Date('2026-11-29T07:00:00.000Z') }],
});

describe('createDynamoDbParameterStore', () => {
  it('R7 a second store on the same table (a restarted process) sees every field, dates as dates, and the same incarnation', async () => {
    const { arn } = newResource();
    const first = createDynamoDbParameterStore<Stored>({ client, tableName });
    await right(first.save(arn, record('life-1')));
    await right(first.save(arn, record('life-1', 2)));
    const second = createDynamoDbParameterStore<Stored>({ client: newClient(), tableName });
    expect(await right(second.lookup(arn))).toEqual(O.some(record('life-1', 2)));
    const info = await right(second.describeParameter({} as never, arn));
    expect(info).toEqual(
      O.some({
        Name: '/p',
        Type: 'SecureString',
        Tier: 'Advanced',
        KeyId: 'alias/mine',
        Incarnation: 'life-1',
      }),
    );
    expect(await right(second.remove(arn))).toEqual(O.some(record('life-1', 2)));
    expect(await right(first.lookup(arn))).toEqual(O.none);
    expect(await right(first.remove(arn))).toEqual(O.none);
  });

  it('R6 S5 S7 keeps AllowedPattern, and the catalog reports the KeyManager that keyManagerOf gives a SecureString', async () => {
    const { arn } = newResource();
    const parsed = parseResourceArn(arn);
    if (E.isLeft(parsed) || parsed.right._tag !== 'Parameter') throw new Error(`not a parameter ARN: ${arn}`);
    const resource = parsed.right;
    const seen: Array<[string, string | undefined]> = [];
    const store = createDynamoDbParameterStore<Stored & { readonly AllowedPattern?: string }>({
      client,
      tableName,
      keyManagerOf: (scope, keyId) => {
        seen.push([scope.account, keyId]);
        return keyId === 'alias/aws/ssm' ? 'AWS' : 'CUSTOMER';
      },
    });
    const withPattern = { ...record('life-p'), KeyId: 'alias/aws/ssm', AllowedPattern: '^v\\d+$' };
    await right(store.save(arn, withPattern));
    expect(await right(store.lookup(arn))).toEqual(O.some(withPattern));
    expect(await right(store.describeParameter(resource, arn))).toEqual(
      O.some({
        Name: '/p',
        Type: 'SecureString',
        Tier: 'Advanced',
        KeyId: 'alias/aws/ssm',
        KeyManager: 'AWS',
        Incarnation: 'life-p',
      }),
    );
    expect(seen).toEqual([[resource.account, 'alias/aws/ssm']]);
    // A String parameter has no key to judge.
    await right(store.remove(arn));
    const { KeyId: _key, ...unkeyed } = record('life-s');
    await right(store.save(arn, { ...unkeyed, Type: 'String' }));
    const plain = await right(store.describeParameter(resource, arn));
    expect(O.isSome(plain) && 'KeyManager' in plain.value).toBe(false);
    expect(seen).toHaveLength(1);
  });

  it('H10 two writers never both win: a second create, or a version that does not follow the stored one, is refused', async () => {
    const { arn } = newResource();
    const store = createDynamoDbParameterStore<Stored>({ client, tableName });
    const creates = await Promise.all([run(store.save(arn, record('a'))), run(store.save(arn, record('b')))]);
    expect(creates.map(tagOf).sort()).toEqual(['Right', 'StorageError']);
    const winner = O.toUndefined(await right(store.lookup(arn)))!;
    const overwrites = await Promise.all([
      run(store.save(arn, { ...record(winner.Incarnation, 2), Value: 'x' })),
      run(store.save(arn, { ...record(winner.Incarnation, 2), Value: 'y' })),
    ]);
    expect(overwrites.map(tagOf).sort()).toEqual(['Right', 'StorageError']);
    expect(tagOf(await run(store.save(arn, record('other-life', 3))))).toBe('StorageError');
  });

  it('R7 R4 a policy create checks the parameter incarnation in its transaction: after the delete it writes nothing and is ResourceMissing', async () => {
    const { arn } = newResource();
    const store = createDynamoDbParameterStore<Stored>({ client, tableName });
    const repo = createDynamoDbPolicyRepository({ client, tableName, checkParameters: true });
    await right(store.save(arn, record('life-1')));
    const resource = { arn, incarnation: 'life-1' };
    const create = (PolicyId: string, maxPolicies?: number) =>
      run(repo.create({ resource, Policy: '{}', proposed: { PolicyId, PolicyHash: 'h' }, maxPolicies }));
    expect(tagOf(await create('kept'))).toBe('Right');
    await right(store.remove(arn));
    await right(repo.dropResource(resource));
    // A create that was still in flight when the parameter went: refused as a missing resource (the core
    // answers ResourceNotFoundException, R4), with or without a limit; never a StorageError (a 500).
    expect(tagOf(await create('late'))).toBe('ResourceMissing');
    expect(tagOf(await create('late-counted', 5))).toBe('ResourceMissing');
    // A new life of the name does not revive the old incarnation.
    await right(store.save(arn, record('life-2')));
    expect(tagOf(await create('late-again'))).toBe('ResourceMissing');
    expect(tagOf(await create('late-again-counted', 5))).toBe('ResourceMissing');
    expect(await partition(client, tableName, resource)).toEqual([]);
  });

  it('a lost table is reported plainly; with recreateMissingTable the next call works without a restart', async () => {
    const own = await newTable(client);
    const { arn } = newResource();
    const plain = createDynamoDbParameterStore<Stored>({ client, tableName: own });
    const keeper = createDynamoDbParameterStore<Stored>({
      client,
      tableName: own,
      recreateMissingTable: true,
    });
    await right(keeper.save(arn, record('life-1')));
    await client.send(new DeleteTableCommand({ TableName: own }));
    const lost = await run(plain.lookup(arn));
    expect(lost).toMatchObject({
      left: { _tag: 'StorageError', message: expect.stringMatching(/table is missing/) },
    });
    const noticed = await run(keeper.lookup(arn));
    expect(noticed).toMatchObject({ left: { message: expect.stringMatching(/created again, empty/) } });
    expect(await right(keeper.lookup(arn))).toEqual(O.none);
    await right(keeper.save(arn, record('life-1')));
    expect(O.isSome(await right(plain.lookup(arn)))).toBe(true);
  });

  it('A8 listParameters follows every Scan page: all parameters by ARN, no policy or counter item among them', async () => {
    const own = await newTable(client);
    const counted = newClient();
    const calls = countCalls(counted);
    const store = createDynamoDbParameterStore<Stored>({ client: counted, tableName: own, listPageSize: 2 });
    const repo = createDynamoDbPolicyRepository({ client, tableName: own, checkParameters: true });
    const arns = Array.from({ length: 7 }, () => newResource().arn);
    for (const [i, arn] of arns.entries())
      await right(store.save(arn, { ...record(`life-${String(i)}`), Name: `/p${String(i)}` }));
    // Policy and counter items share the table; the listing must skip them, even on pages holding nothing else.
    await right(
      repo.create({
        resource: { arn: arns[0] ?? '', incarnation: 'life-0' },
        Policy: '{}',
        proposed: { PolicyId: 'p1', PolicyHash: 'h' },
        maxPolicies: 5,
      }),
    );
    calls.reset();
    const listed = await store.listParameters();
    expect([...listed.keys()].sort()).toEqual([...arns].sort());
    expect(listed.get(arns[3] ?? '')).toEqual({ ...record('life-3'), Name: '/p3' });
    // 9 items at 2 a page: at least 5 Scan pages, each followed.
    expect(calls.calls.filter((c) => c === 'ScanCommand').length).toBeGreaterThanOrEqual(5);
    // A restarted store (no page limit) sees the same listing; an empty table lists nothing.
    expect(
      new Map(await createDynamoDbParameterStore<Stored>({ client, tableName: own }).listParameters()),
    ).toEqual(listed);
    expect(
      (
        await createDynamoDbParameterStore<Stored>({
          client,
          tableName: await newTable(client),
        }).listParameters()
      ).size,
    ).toBe(0);
  });

  it('listParameters rejects with the storage failure when the table is gone', async () => {
    const own = await newTable(client);
    const store = createDynamoDbParameterStore<Stored>({ client, tableName: own });
    await client.send(new DeleteTableCommand({ TableName: own }));
    await expect(store.listParameters()).rejects.toThrow(/table is missing/);
  });
});
