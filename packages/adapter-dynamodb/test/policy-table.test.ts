import { beforeAll, describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbPolicyRepository, ensurePolicyTable } from '../src/index.js';
import { newClient, newResource, run, tagOf } from './support/fixture.js';

let client: DynamoDBClient;
beforeAll(() => {
  client = newClient();
});

const name = (): string => `setup-${randomUUID()}`;

describe('ensurePolicyTable', () => {
  it('answers PolicyTableMissing for a missing table when not asked to create it', async () => {
    const tableName = name();
    const result = await run(ensurePolicyTable(client, tableName));
    expect(result).toMatchObject(E.left({ _tag: 'PolicyTableMissing', tableName }));
  });

  it('creates a missing table with on-demand billing when asked, then accepts it as it is', async () => {
    const tableName = name();
    expect(await run(ensurePolicyTable(client, tableName, { create: true }))).toEqual(
      E.right({ created: true }),
    );
    const table = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
    expect(table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table?.TableStatus).toBe('ACTIVE');
    expect(await run(ensurePolicyTable(client, tableName, { create: true }))).toEqual(
      E.right({ created: false }),
    );
    expect(await run(ensurePolicyTable(client, tableName))).toEqual(E.right({ created: false }));
  });

  it('answers PolicyTableMismatch, naming each difference, for a table of another key schema', async () => {
    const tableName = name();
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
    const result = await run(ensurePolicyTable(client, tableName, { create: true }));
    expect(tagOf(result)).toBe('PolicyTableMismatch');
    if (E.isLeft(result) && result.left._tag === 'PolicyTableMismatch')
      expect(result.left.problems).toHaveLength(3); // partition key, sort key, index
  });

  it('a repository on a missing table answers StorageError, not a thrown error', async () => {
    const repo = createDynamoDbPolicyRepository({ client, tableName: name() });
    expect(tagOf(await run(repo.list({ resource: newResource(), limit: 50 })))).toBe('StorageError');
    expect(
      tagOf(
        await run(
          repo.create({
            resource: newResource(),
            Policy: '{}',
            proposed: { PolicyId: 'p', PolicyHash: 'h' },
            maxPolicies: undefined,
          }),
        ),
      ),
    ).toBe('StorageError');
  });
});
