import { beforeAll, describe, expect, it } from 'vitest';
import * as O from 'fp-ts/lib/Option.js';
import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  createDynamoDbParameterStore,
  createDynamoDbPolicyRepository,
  type ParameterRecord,
} from '../src/index.js';
import { newClient, newResource, newTable, partition, right, run, tagOf } from './support/fixture.js';

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
});
