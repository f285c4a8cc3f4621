/**
 * A walk through the three operations on the memory adapter: create → read → update → stale-hash conflict →
 * delete, printing every request and response. Run it with `pnpm example` at the repository root.
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { makeCaller, seededIdSource } from '@ssm-policy/core';
import { createMemoryService } from '@ssm-policy/adapter-memory';

const caller = makeCaller({ account: '123456789012', region: 'us-east-1' });
const { commands, catalog } = createMemoryService({ ids: seededIdSource(2014) });

// Parameter policies need an Advanced parameter (rules R4, R5).
catalog.put(caller, { Name: '/app/db-url', Type: 'String', Tier: 'Advanced' });
const ResourceArn = 'arn:aws:ssm:us-east-1:123456789012:parameter/app/db-url';

const policy = (accounts: string[]): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ShareDbUrl',
        Effect: 'Allow',
        Principal: { AWS: accounts },
        Action: ['ssm:GetParameter', 'ssm:GetParameters'],
        Resource: ResourceArn,
      },
    ],
  });

const step = async <A>(title: string, operation: string, request: object, run: TE.TaskEither<unknown, A>) => {
  console.log(`\n── ${title}\n→ ${operation} ${JSON.stringify(request)}`);
  const result = await run();
  console.log(
    E.isRight(result) ? `← 200 ${JSON.stringify(result.right)}` : `← error ${JSON.stringify(result.left)}`,
  );
  return result;
};

const create = { ResourceArn, Policy: policy(['210987654321']) };
const created = await step(
  '1. create a policy',
  'PutResourcePolicy',
  create,
  commands.PutResourcePolicy(caller, create),
);
if (E.isLeft(created)) process.exit(1);
const { PolicyId, PolicyHash } = created.right;

const read = { ResourceArn };
await step(
  '2. read the resource’s policies',
  'GetResourcePolicies',
  read,
  commands.GetResourcePolicies(caller, read),
);

const update = { ResourceArn, Policy: policy(['210987654321', '333333333333']), PolicyId, PolicyHash };
const updated = await step(
  '3. update it with its id and current hash (the id stays, the hash changes)',
  'PutResourcePolicy',
  update,
  commands.PutResourcePolicy(caller, update),
);
if (E.isLeft(updated)) process.exit(1);

const stale = { ResourceArn, Policy: policy(['444444444444']), PolicyId, PolicyHash };
await step(
  '4. update again with the old hash: refused, nothing changes',
  'PutResourcePolicy',
  stale,
  commands.PutResourcePolicy(caller, stale),
);

const remove = { ResourceArn, PolicyId, PolicyHash: updated.right.PolicyHash };
await step(
  '5. delete it with the current hash',
  'DeleteResourcePolicy',
  remove,
  commands.DeleteResourcePolicy(caller, remove),
);
await step(
  '6. read again: no policies',
  'GetResourcePolicies',
  read,
  commands.GetResourcePolicies(caller, read),
);
