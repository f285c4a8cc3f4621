import { beforeAll, describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  bindCaller,
  defaultProfile,
  makeCaller,
  makeCommands,
  seededIdSource,
  type ResourceKey,
} from '@ssm-policy/core';
import { createMemoryParameterCatalog } from '@ssm-policy/adapter-memory';
import { createDynamoDbPolicyRepository } from '../src/index.js';
import {
  countCalls,
  injectFault,
  newClient,
  newResource,
  newTable,
  partition,
  right,
  run,
  tagOf,
  type FaultKind,
} from './support/fixture.js';

const kinds: FaultKind[] = ['Throttling', 'ProvisionedThroughputExceeded', 'Timeout', 'ConnectionReset'];

let tableName: string;
/** A clean client for looking at the table, untouched by injected faults. */
let observer: DynamoDBClient;

beforeAll(async () => {
  observer = newClient();
  tableName = await newTable(observer);
});

/** A repository whose client fails as told; `maxAttempts: 1` so that no SDK retry hides the fault. */
const faulty = (maxAttempts = 1) => {
  const client = newClient(maxAttempts);
  return { client, repo: createDynamoDbPolicyRepository({ client, tableName }) };
};
const clean = () => createDynamoDbPolicyRepository({ client: observer, tableName });

const seed = async (resource: ResourceKey) =>
  right(
    clean().create({
      resource,
      Policy: '{"v":0}',
      proposed: { PolicyId: 'x', PolicyHash: 'h0' },
      maxPolicies: 1,
    }),
  );

/** The partition as plain data, to compare before and after. */
const state = async (resource: ResourceKey) =>
  (await partition(observer, tableName, resource))
    .map((item) => [item['sk']?.S, item['count']?.N, item['PolicyHash']?.S, item['Policy']?.S])
    .sort();

describe.each(kinds)('a %s fault', (kind) => {
  it('before the write: create, update and delete answer StorageError and nothing changes', async () => {
    const resource = newResource('opsitemgroup');
    await seed(resource);
    const before = await state(resource);
    const { client, repo } = faulty();
    injectFault(client, { command: 'TransactWriteItemsCommand', kind, when: 'before', times: 99 });
    injectFault(client, { command: 'UpdateItemCommand', kind, when: 'before', times: 99 });
    injectFault(client, { command: 'QueryCommand', kind, when: 'before', times: 99 });
    const results = [
      await run(
        repo.create({ resource, Policy: '{}', proposed: { PolicyId: 'y', PolicyHash: 'h' }, maxPolicies: 2 }),
      ),
      await run(
        repo.update({ resource, PolicyId: 'x', expectedHash: 'h0', Policy: '{}', proposedHash: 'h1' }),
      ),
      await run(repo.delete({ resource, PolicyId: 'x', expectedHash: 'h0' })),
      await run(repo.list({ resource, limit: 50 })),
      await run(repo.dropResource(resource)),
    ];
    expect(results.map(tagOf)).toEqual(Array(5).fill('StorageError'));
    expect(await state(resource)).toEqual(before);
  });

  it('after the write (response lost, no retry): StorageError, and each write happened exactly once', async () => {
    const resource = newResource('opsitemgroup');
    const { client, repo } = faulty();
    injectFault(client, { command: 'TransactWriteItemsCommand', kind, when: 'after', times: 1 });
    const created = await run(
      repo.create({
        resource,
        Policy: '{"v":0}',
        proposed: { PolicyId: 'x', PolicyHash: 'h0' },
        maxPolicies: 1,
      }),
    );
    expect(tagOf(created)).toBe('StorageError');
    expect(await state(resource)).toEqual([
      ['#', '1', undefined, undefined],
      ['P#x', undefined, 'h0', '{"v":0}'],
    ]);
    injectFault(client, { command: 'UpdateItemCommand', kind, when: 'after', times: 1 });
    const update = await run(
      repo.update({ resource, PolicyId: 'x', expectedHash: 'h0', Policy: '{"v":1}', proposedHash: 'h1' }),
    );
    expect(tagOf(update)).toBe('StorageError');
    expect(await state(resource)).toEqual([
      ['#', '1', undefined, undefined],
      ['P#x', undefined, 'h1', '{"v":1}'],
    ]);
    injectFault(client, { command: 'TransactWriteItemsCommand', kind, when: 'after', times: 1 });
    expect(tagOf(await run(repo.delete({ resource, PolicyId: 'x', expectedHash: 'h1' })))).toBe(
      'StorageError',
    );
    expect(await state(resource)).toEqual([['#', '0', undefined, undefined]]);
  });

  it('H10 after the write, retried by the SDK: the command succeeds and applies once', async () => {
    const resource = newResource('opsitemgroup');
    const { client, repo } = faulty(3);
    const calls = countCalls(client);
    injectFault(client, { command: 'TransactWriteItemsCommand', kind, when: 'after', times: 1 });
    injectFault(client, { command: 'UpdateItemCommand', kind, when: 'after', times: 1 });
    const created = await run(
      repo.create({
        resource,
        Policy: '{"v":0}',
        proposed: { PolicyId: 'x', PolicyHash: 'h0' },
        maxPolicies: 1,
      }),
    );
    const updated = await run(
      repo.update({ resource, PolicyId: 'x', expectedHash: 'h0', Policy: '{"v":1}', proposedHash: 'h1' }),
    );
    expect([tagOf(created), tagOf(updated)]).toEqual(['Right', 'Right']);
    expect(await state(resource)).toEqual([
      ['#', '1', undefined, undefined],
      ['P#x', undefined, 'h1', '{"v":1}'],
    ]);
    injectFault(client, { command: 'TransactWriteItemsCommand', kind, when: 'after', times: 1 });
    expect(tagOf(await run(repo.delete({ resource, PolicyId: 'x', expectedHash: 'h1' })))).toBe('Right');
    // Deleted once: the counter went from 1 to 0, not to -1.
    expect(await state(resource)).toEqual([['#', '0', undefined, undefined]]);
    expect(calls.calls.filter((c) => c !== 'QueryCommand')).toHaveLength(6);
  });
});

describe('through the commands', () => {
  it('a throttled store answers InternalServerError on Put, Get and Delete', async () => {
    const { client, repo } = faulty();
    const catalog = createMemoryParameterCatalog();
    const service = bindCaller(
      makeCommands({ repository: repo, catalog, ids: seededIdSource(7), profile: defaultProfile }),
      makeCaller({ account: '123456789012', region: 'us-east-1' }),
    );
    const ResourceArn = 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default';
    for (const command of ['TransactWriteItemsCommand', 'UpdateItemCommand', 'QueryCommand'])
      injectFault(client, { command, kind: 'Throttling', when: 'before', times: 99 });
    const Policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: '111122223333' },
          Action: ['ssm:CreateOpsItem', 'ssm:GetOpsItem'],
          Resource: ['arn:aws:ssm:us-east-1:123456789012:opsitem/*', ResourceArn],
        },
      ],
    });
    const put = await service.PutResourcePolicy({ ResourceArn, Policy })();
    const get = await service.GetResourcePolicies({ ResourceArn })();
    const del = await service.DeleteResourcePolicy({ ResourceArn, PolicyId: 'p', PolicyHash: 'h' })();
    expect([put, get, del].map((r) => (E.isLeft(r) ? r.left._tag : 'Right'))).toEqual([
      'InternalServerError',
      'InternalServerError',
      'InternalServerError',
    ]);
  });
});
