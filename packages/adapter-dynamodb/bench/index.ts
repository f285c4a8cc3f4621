/**
 * Benchmark: the adapter's operations per second against DynamoDB Local, beside the bare SDK sending the
 * same conditional writes and the same `Query` in the same run, and the ratio (target: the adapter keeps at
 * least 80% of the bare rate). Starts and stops its own DynamoDB Local. Prints a table; asserts nothing.
 *
 * Each side runs `WORKERS` concurrent loops, one resource per loop (no contention), and the two sides
 * take turns phase by phase, over `ROUNDS` rounds, so that a slow moment of the shared machine hits both;
 * the median of the rounds counts.
 */
import { randomUUID } from 'node:crypto';
import {
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { createDynamoDbPolicyRepository, createPolicyTable } from '../src/index.js';
import { localClient, startDynamoDbLocal } from '@ssm-policy/dynamodb-local';

const WORKERS = 4;
const OPS_PER_WORKER = Number(process.env['BENCH_OPS'] ?? 60);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: '111122223333' },
      Action: ['ssm:GetParameter', 'ssm:GetParameters'],
      Resource: 'arn:aws:ssm:us-east-1:123456789012:parameter/bench',
    },
  ],
});

type Op = 'create' | 'update' | 'page of 50' | 'delete';
const OPS: Op[] = ['create', 'update', 'page of 50', 'delete'];

/** One side of the comparison: the four operations on one resource. */
interface Side {
  create(resource: string, id: string, ord: number): Promise<void>;
  update(resource: string, id: string, from: string, to: string): Promise<void>;
  page(resource: string): Promise<void>;
  delete(resource: string, id: string, hash: string): Promise<void>;
}

const must = async <A>(task: TE.TaskEither<unknown, A>): Promise<A> => {
  const r = await task();
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};

const adapterSide = (client: DynamoDBClient, tableName: string): Side => {
  const repo = createDynamoDbPolicyRepository({ client, tableName });
  return {
    create: async (arn, PolicyId) =>
      void (await must(
        repo.create({
          resource: { arn },
          Policy: POLICY,
          proposed: { PolicyId, PolicyHash: 'h0' },
          maxPolicies: undefined,
        }),
      )),
    update: async (arn, PolicyId, expectedHash, proposedHash) =>
      void (await must(
        repo.update({ resource: { arn }, PolicyId, expectedHash, Policy: POLICY, proposedHash }),
      )),
    page: async (arn) => void (await must(repo.list({ resource: { arn }, limit: 50 }))),
    delete: async (arn, PolicyId, expectedHash) =>
      void (await must(repo.delete({ resource: { arn }, PolicyId, expectedHash }))),
  };
};

/** The same requests written by hand: no Either, no cursor, no condition-failure analysis. */
const bareSide = (client: DynamoDBClient, TableName: string): Side => ({
  create: async (resource, id, ord) =>
    void (await client.send(
      new TransactWriteItemsCommand({
        ClientRequestToken: randomUUID(),
        TransactItems: [
          {
            Update: {
              TableName,
              Key: { pk: { S: resource }, sk: { S: '#' } },
              UpdateExpression: 'ADD #count :one SET #last = :ord',
              ConditionExpression: 'attribute_not_exists(#last) OR #last < :ord',
              ExpressionAttributeNames: { '#count': 'count', '#last': 'last' },
              ExpressionAttributeValues: { ':one': { N: '1' }, ':ord': { N: String(ord) } },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          {
            Put: {
              TableName,
              Item: {
                pk: { S: resource },
                sk: { S: `P#${id}` },
                ord: { N: String(ord) },
                PolicyId: { S: id },
                PolicyHash: { S: 'h0' },
                Policy: { S: POLICY },
                writeId: { S: randomUUID() },
              },
              ConditionExpression: 'attribute_not_exists(sk)',
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
        ],
      }),
    )),
  update: async (resource, id, from, to) =>
    void (await client.send(
      new UpdateItemCommand({
        TableName,
        Key: { pk: { S: resource }, sk: { S: `P#${id}` } },
        UpdateExpression: 'SET PolicyHash = :next, Policy = :policy, writeId = :writeId',
        ConditionExpression: 'PolicyHash = :expected',
        ExpressionAttributeValues: {
          ':next': { S: to },
          ':policy': { S: POLICY },
          ':writeId': { S: randomUUID() },
          ':expected': { S: from },
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    )),
  page: async (resource) =>
    void (await client.send(
      new QueryCommand({
        TableName,
        IndexName: 'byOrder',
        ConsistentRead: true,
        KeyConditionExpression: '#pk = :resource',
        ExpressionAttributeNames: { '#pk': 'pk', '#ord': 'ord' },
        ExpressionAttributeValues: { ':resource': { S: resource } },
        ProjectionExpression: 'PolicyId, PolicyHash, Policy, #ord',
        Limit: 51,
      }),
    )),
  delete: async (resource, id, hash) =>
    void (await client.send(
      new TransactWriteItemsCommand({
        ClientRequestToken: randomUUID(),
        TransactItems: [
          {
            Delete: {
              TableName,
              Key: { pk: { S: resource }, sk: { S: `P#${id}` } },
              ConditionExpression: 'PolicyHash = :expected',
              ExpressionAttributeValues: { ':expected': { S: hash } },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          {
            Update: {
              TableName,
              Key: { pk: { S: resource }, sk: { S: '#' } },
              UpdateExpression: 'ADD #count :minusOne',
              ExpressionAttributeNames: { '#count': 'count' },
              ExpressionAttributeValues: { ':minusOne': { N: '-1' } },
            },
          },
        ],
      }),
    )),
});

/** Runs `body(worker, i)` OPS_PER_WORKER times in each of WORKERS loops; operations per second. */
const timed = async (body: (worker: number, i: number) => Promise<void>): Promise<number> => {
  const start = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, w) => {
      for (let i = 0; i < OPS_PER_WORKER; i++) await body(w, i);
    }),
  );
  return (WORKERS * OPS_PER_WORKER * 1000) / (performance.now() - start);
};

let ordClock = Date.now() * 1000;
type Name = 'adapter' | 'bare';

/**
 * One round: each phase (create, update, page, delete) runs on both sides back to back, in the order given,
 * each side on its own fresh resources, so both meet the same moment of the shared machine.
 */
const round = async (
  sides: Record<Name, Side>,
  order: readonly Name[],
): Promise<Record<Name, Record<Op, number>>> => {
  const resources = {
    adapter: Array.from(
      { length: WORKERS },
      () => `arn:aws:ssm:us-east-1:123456789012:parameter/b/${randomUUID()}`,
    ),
    bare: Array.from(
      { length: WORKERS },
      () => `arn:aws:ssm:us-east-1:123456789012:parameter/b/${randomUUID()}`,
    ),
  };
  const id = (w: number, i: number) => `p-${String(w)}-${String(i)}`;
  const phases: Record<Op, (side: Side, rs: string[]) => Promise<number>> = {
    create: (side, rs) => timed((w, i) => side.create(rs[w]!, id(w, i), ++ordClock)),
    update: (side, rs) => timed((w, i) => side.update(rs[w]!, id(w, i), 'h0', 'h1')),
    'page of 50': (side, rs) => timed((w) => side.page(rs[w]!)),
    delete: (side, rs) => timed((w, i) => side.delete(rs[w]!, id(w, i), 'h1')),
  };
  const out = { adapter: {}, bare: {} } as Record<Name, Record<Op, number>>;
  for (const op of OPS)
    for (const name of order) out[name][op] = await phases[op](sides[name], resources[name]);
  return out;
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const main = async (): Promise<void> => {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const local = await startDynamoDbLocal();
  const client = localClient(local.endpoint);
  try {
    const tableName = `bench-${randomUUID()}`;
    const created = await createPolicyTable(client, tableName)();
    if (E.isLeft(created)) throw new Error(created.left.message);
    const sides = { adapter: adapterSide(client, tableName), bare: bareSide(client, tableName) };
    await round(sides, ['adapter', 'bare']); // warm-up: JIT on both ends
    const results: Record<Name, Record<Op, number>[]> = { adapter: [], bare: [] };
    for (let r = 0; r < ROUNDS; r++) {
      const done = await round(sides, r % 2 === 0 ? ['adapter', 'bare'] : ['bare', 'adapter']);
      results.adapter.push(done.adapter);
      results.bare.push(done.bare);
    }
    console.log(
      `\nadapter-dynamodb vs bare SDK on DynamoDB Local (${String(WORKERS)} concurrent loops, ` +
        `${String(WORKERS * OPS_PER_WORKER)} ops per round, median of ${String(ROUNDS)} rounds)\n`,
    );
    console.log('| operation | adapter ops/s | bare SDK ops/s | adapter / bare |');
    console.log('|---|---:|---:|---:|');
    for (const op of OPS) {
      const a = median(results.adapter.map((x) => x[op]));
      const b = median(results.bare.map((x) => x[op]));
      console.log(`| ${op} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${((100 * a) / b).toFixed(0)}% |`);
    }
    console.log('\nTarget: the adapter keeps at least 80% of the bare rate.');
  } finally {
    client.destroy();
    await local.stop();
  }
};

await main();
