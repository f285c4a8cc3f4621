// The adapter driven through the real SDK against our emulator (or the real AWS with SSM_LIVE=1): the service
// answers every outcome as the domain's value, and the repository reads SSM's answers as the port's.
import { paginateGetResourcePolicies } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSsmParameterFixture,
  createSsmPolicyRepository,
  createSsmResourcePolicyService,
  listAllPolicies,
} from '@ssm-policy/adapter-ssm';
import type { ResourcePolicyService } from '@ssm-policy/core';
import { openTarget, uniqueTag, type Target } from './target.js';

let target: Target;
let service: ResourcePolicyService;
const prefix = `/resource-policy-adapter-test/${uniqueTag()}`;
const created: string[] = [];

beforeAll(async () => {
  target = await openTarget();
  service = createSsmResourcePolicyService(target.client);
});

afterAll(async () => {
  const fixture = createSsmParameterFixture(target.client);
  for (const name of created) await fixture.deleteParameter(name);
  await target.close();
});

const arnOf = (name: string): string =>
  `arn:aws:ssm:${target.region}:${target.account}:parameter/${name.replace(/^\//, '')}`;

/** A fresh Advanced parameter, deleted after the suite; answers its ARN. */
const parameter = async (label: string): Promise<string> => {
  const Name = `${prefix}/${label}`;
  await createSsmParameterFixture(target.client).putParameter({ Name, Type: 'String', Tier: 'Advanced' });
  created.push(Name);
  return arnOf(Name);
};

const policyFor = (arn: string, action = 'ssm:GetParameter'): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: '210987654321' }, Action: [action], Resource: arn }],
  });

const right = <A>(r: { _tag: 'Left'; left: unknown } | { _tag: 'Right'; right: A }): A => {
  if (r._tag === 'Left') throw new Error(`expected Right, got ${JSON.stringify(r.left)}`);
  return r.right;
};

describe('service through the SDK', () => {
  it("H6 follows Terraform's flow: create, update keeping the PolicyId, read by paging, delete, delete again", async () => {
    const arn = await parameter('terraform');
    const created = right(await service.PutResourcePolicy({ ResourceArn: arn, Policy: policyFor(arn) })());
    const updated = right(
      await service.PutResourcePolicy({
        ResourceArn: arn,
        Policy: policyFor(arn, 'ssm:GetParameters'),
        PolicyId: created.PolicyId,
        PolicyHash: created.PolicyHash,
      })(),
    );
    expect(updated.PolicyId).toBe(created.PolicyId);
    expect(updated.PolicyHash).not.toBe(created.PolicyHash);

    // Terraform's read: page through GetResourcePolicies and pick the policy by its id.
    const found = [];
    for await (const page of paginateGetResourcePolicies(
      { client: target.client, pageSize: 1 },
      { ResourceArn: arn },
    ))
      found.push(...(page.Policies ?? []).filter((p) => p.PolicyId === created.PolicyId));
    expect(found).toEqual([
      {
        PolicyId: created.PolicyId,
        PolicyHash: updated.PolicyHash,
        Policy: policyFor(arn, 'ssm:GetParameters'),
      },
    ]);

    const key = { ResourceArn: arn, PolicyId: created.PolicyId, PolicyHash: updated.PolicyHash };
    expect(await service.DeleteResourcePolicy(key)()).toEqual({ _tag: 'Right', right: {} });
    expect(await service.DeleteResourcePolicy(key)()).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'ResourcePolicyNotFoundException' },
    });
  });

  it('H5 answers ResourcePolicyConflictException for a stale PolicyHash, and the policy stays', async () => {
    const arn = await parameter('conflict');
    const first = right(await service.PutResourcePolicy({ ResourceArn: arn, Policy: policyFor(arn) })());
    const stale = { ResourceArn: arn, PolicyId: first.PolicyId, PolicyHash: `${first.PolicyHash}x` };
    expect(await service.PutResourcePolicy({ ...stale, Policy: policyFor(arn) })()).toMatchObject({
      left: { _tag: 'ResourcePolicyConflictException' },
    });
    expect(await service.DeleteResourcePolicy(stale)()).toMatchObject({
      left: { _tag: 'ResourcePolicyConflictException' },
    });
    expect(right(await service.GetResourcePolicies({ ResourceArn: arn })()).Policies).toHaveLength(1);
  });

  it('H3 answers ResourcePolicyInvalidParameterException with ParameterNames for an id without a hash', async () => {
    const arn = await parameter('no-hash');
    const r = await service.PutResourcePolicy({
      ResourceArn: arn,
      Policy: policyFor(arn),
      PolicyId: 'p-1',
    })();
    expect(r).toMatchObject({
      left: { _tag: 'ResourcePolicyInvalidParameterException', ParameterNames: ['PolicyHash'] },
    });
  });

  it('V3 answers ValidationException for MaxResults over 50, and V4 for a delete without a hash', async () => {
    const arn = await parameter('validation');
    expect(await service.GetResourcePolicies({ ResourceArn: arn, MaxResults: 51 })()).toMatchObject({
      left: { _tag: 'ValidationException' },
    });
    expect(await service.DeleteResourcePolicy({ ResourceArn: arn, PolicyId: 'p-1' })()).toMatchObject({
      left: { _tag: 'ValidationException' },
    });
  });

  it('R4 answers ResourceNotFoundException for a parameter that does not exist', async () => {
    const r = await service.GetResourcePolicies({ ResourceArn: arnOf(`${prefix}/missing`) })();
    expect(r).toMatchObject({ left: { _tag: 'ResourceNotFoundException' } });
  });

  it('P1 answers ResourcePolicyLimitExceededException with Limit 1024 for a large policy', async () => {
    const arn = await parameter('large');
    const Policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'x'.repeat(1100),
          Effect: 'Allow',
          Principal: { AWS: '210987654321' },
          Action: ['ssm:GetParameter'],
          Resource: arn,
        },
      ],
    });
    expect(await service.PutResourcePolicy({ ResourceArn: arn, Policy })()).toMatchObject({
      left: { _tag: 'ResourcePolicyLimitExceededException', Limit: 1024 },
    });
  });

  it('P2 answers MalformedResourcePolicyDocumentException for a document without Statement', async () => {
    const arn = await parameter('malformed');
    const r = await service.PutResourcePolicy({ ResourceArn: arn, Policy: '{"Version":"2012-10-17"}' })();
    expect(r).toMatchObject({ left: { _tag: 'MalformedResourcePolicyDocumentException' } });
  });

  it('H8 refuses a tampered NextToken with ResourcePolicyInvalidParameterException ["NextToken"]', async () => {
    const arn = await parameter('tampered');
    const r = await service.GetResourcePolicies({ ResourceArn: arn, NextToken: 'not-a-token' })();
    expect(r).toMatchObject({
      left: { _tag: 'ResourcePolicyInvalidParameterException', ParameterNames: ['NextToken'] },
    });
  });
});

describe('repository through the SDK', () => {
  it('H1 declares that SSM assigns identity, and returns the PolicyId and PolicyHash SSM assigned', async () => {
    const repo = createSsmPolicyRepository(target.client);
    expect(repo.capabilities.assignsIdentity).toBe(true);
    const arn = await parameter('identity');
    const proposed = { PolicyId: 'proposed-id', PolicyHash: 'proposed-hash' };
    const stored = right(
      await repo.create({
        resource: { arn: arn },
        Policy: policyFor(arn),
        proposed,
        maxPolicies: undefined,
      })(),
    );
    expect(stored.PolicyId).not.toBe('proposed-id');
    const listed = right(await repo.list({ resource: { arn: arn }, limit: 50 })());
    expect(listed.policies).toEqual([stored]);
  });

  it('H8 pages one SSM page per list call, with SSM NextToken as the cursor, in creation order', async () => {
    const repo = createSsmPolicyRepository(target.client);
    const arn = await parameter('paging');
    const ids: string[] = [];
    for (const action of ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParameterHistory']) {
      const proposed = { PolicyId: 'x', PolicyHash: 'y' };
      ids.push(
        right(
          await repo.create({
            resource: { arn: arn },
            Policy: policyFor(arn, action),
            proposed,
            maxPolicies: undefined,
          })(),
        ).PolicyId,
      );
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = right(
        await repo.list({ resource: { arn: arn }, limit: 2, ...(cursor === undefined ? {} : { cursor }) })(),
      );
      expect(page.policies.length).toBeLessThanOrEqual(2);
      seen.push(...page.policies.map((p) => p.PolicyId));
      cursor = page.cursor;
    } while (cursor !== undefined);
    expect(seen).toEqual(ids);
    expect(right(await listAllPolicies(target.client, { arn })()).map((p) => p.PolicyId)).toEqual(ids);
    expect(await repo.list({ resource: { arn: arn }, limit: 2, cursor: 'tampered' })()).toMatchObject({
      left: { _tag: 'CursorInvalid' },
    });
  });

  it('H5 reads a stale hash as HashMismatch and H4 an unknown id as PolicyMissing', async () => {
    const repo = createSsmPolicyRepository(target.client);
    const arn = await parameter('cas');
    const proposed = { PolicyId: 'x', PolicyHash: 'y' };
    const p = right(
      await repo.create({
        resource: { arn: arn },
        Policy: policyFor(arn),
        proposed,
        maxPolicies: undefined,
      })(),
    );
    const update = {
      resource: { arn: arn },
      PolicyId: p.PolicyId,
      Policy: policyFor(arn),
      proposedHash: 'z',
    };
    expect(await repo.update({ ...update, expectedHash: 'stale' })()).toMatchObject({
      left: { _tag: 'HashMismatch' },
    });
    expect(await repo.update({ ...update, PolicyId: 'nope', expectedHash: p.PolicyHash })()).toMatchObject({
      left: { _tag: 'PolicyMissing' },
    });
    const updated = right(await repo.update({ ...update, expectedHash: p.PolicyHash })());
    expect(updated.PolicyId).toBe(p.PolicyId);
    expect(
      await repo.delete({ resource: { arn: arn }, PolicyId: p.PolicyId, expectedHash: p.PolicyHash })(),
    ).toMatchObject({
      left: { _tag: 'HashMismatch' },
    });
    expect(
      right(
        await repo.delete({
          resource: { arn: arn },
          PolicyId: p.PolicyId,
          expectedHash: updated.PolicyHash,
        })(),
      ),
    ).toBe(undefined);
    expect(
      await repo.delete({ resource: { arn: arn }, PolicyId: p.PolicyId, expectedHash: updated.PolicyHash })(),
    ).toMatchObject({
      left: { _tag: 'PolicyMissing' },
    });
  });

  it('R7 drops every policy of a resource, and a deleted parameter counts as dropped', async () => {
    const repo = createSsmPolicyRepository(target.client);
    const arn = await parameter('drop');
    const proposed = { PolicyId: 'x', PolicyHash: 'y' };
    for (const action of ['ssm:GetParameter', 'ssm:GetParameters'])
      right(
        await repo.create({
          resource: { arn: arn },
          Policy: policyFor(arn, action),
          proposed,
          maxPolicies: undefined,
        })(),
      );
    expect(right(await repo.dropResource({ arn: arn })())).toBe(undefined);
    expect(right(await repo.list({ resource: { arn: arn }, limit: 50 })()).policies).toEqual([]);
    right(
      await repo.create({
        resource: { arn: arn },
        Policy: policyFor(arn),
        proposed,
        maxPolicies: undefined,
      })(),
    );
    await createSsmParameterFixture(target.client).deleteParameter(`${prefix}/drop`);
    expect(right(await repo.dropResource({ arn: arn })())).toBe(undefined);
    expect(right(await repo.list({ resource: { arn: arn }, limit: 50 })())).toEqual({ policies: [] });
  });
});

describe('repository under concurrency', () => {
  it('H10 of 8 concurrent updates carrying one hash exactly one wins, the others are HashMismatch', async () => {
    const repo = createSsmPolicyRepository(target.client);
    const arn = await parameter('race-update');
    const proposed = { PolicyId: 'x', PolicyHash: 'y' };
    const p = right(
      await repo.create({
        resource: { arn: arn },
        Policy: policyFor(arn),
        proposed,
        maxPolicies: undefined,
      })(),
    );
    const outcomes = await Promise.all(
      ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParameterHistory', 'ssm:DescribeParameters']
        .flatMap((a) => [a, a])
        .map((action) =>
          repo.update({
            resource: { arn: arn },
            PolicyId: p.PolicyId,
            expectedHash: p.PolicyHash,
            Policy: policyFor(arn, action),
            proposedHash: 'z',
          })(),
        ),
    );
    const tags = outcomes.map((o) => (o._tag === 'Right' ? 'Right' : o.left._tag)).sort();
    expect(tags).toEqual([...Array<string>(7).fill('HashMismatch'), 'Right']);
  });

  it("H10 of 4 concurrent creates on the OpsItemGroup exactly one wins (SSM's own limit of one)", async () => {
    const repo = createSsmPolicyRepository(target.client);
    const group = `arn:aws:ssm:${target.region}:${target.account}:opsitemgroup/default`;
    if (right(await repo.list({ resource: { arn: group }, limit: 50 })()).policies.length > 0) return; // not ours to touch
    const Policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: '210987654321' },
          Action: ['ssm:CreateOpsItem', 'ssm:GetOpsItem'],
          Resource: [
            `arn:aws:ssm:${target.region}:${target.account}:opsitem/*`,
            `arn:aws:ssm:${target.region}:${target.account}:opsitemgroup/default`,
          ],
        },
      ],
    });
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () =>
        repo.create({
          resource: { arn: group },
          Policy,
          proposed: { PolicyId: 'x', PolicyHash: 'y' },
          maxPolicies: undefined,
        })(),
      ),
    );
    try {
      expect(outcomes.filter((o) => o._tag === 'Right')).toHaveLength(1);
      expect(outcomes.filter((o) => o._tag === 'Left').map((o) => o.left)).toEqual(
        Array(3).fill({ _tag: 'PolicyLimitReached', limit: 1 }),
      );
    } finally {
      right(await repo.dropResource({ arn: group })());
    }
  });
});
