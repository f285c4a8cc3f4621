/**
 * Issue 15, item 2: the published parameter quotas per account and region (`ParameterLimitExceeded`), and the
 * memory budget of the in-memory stores: past it, writes that store more are refused with errors the SDKs
 * map, while reads and deletes keep working and free room again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
import {
  DEFAULT_PARAMETER_QUOTAS,
  createParameterStore,
  defaultMemoryBudgetBytes,
  oldGenerationLimitBytes,
  startEmulator,
  type RunningEmulator,
} from '@ssm-policy/server';
import { getHeapStatistics } from 'node:v8';
import { ACCOUNT, OTHER_ACCOUNT, paramArn, parameterPolicy, rawCall } from '@ssm-policy/server/testing';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

const start = async (options: Parameters<typeof startEmulator>[0]) => {
  const emulator = await startEmulator({ port: 0, shutdownTimeoutSeconds: 1, ...options });
  running.push(emulator);
  return emulator;
};

/** A caller of `account` (W6: a 12-digit access key id is the account). */
const as = (account: string, region = 'us-east-1') => ({
  authorization: `AWS4-HMAC-SHA256 Credential=${account}/20260101/${region}/ssm/aws4_request, SignedHeaders=host, Signature=0`,
});

const put = (
  url: string,
  name: string,
  extra: Record<string, unknown> = {},
  account = ACCOUNT,
  region?: string,
) =>
  rawCall(
    url,
    'AmazonSSM.PutParameter',
    JSON.stringify({ Name: name, Value: 'v', Type: 'String', ...extra }),
    as(account, region),
  );

describe('parameter quotas per account and region', () => {
  it('the defaults are the published ones: 10,000 Standard, 100,000 Advanced', () => {
    expect(DEFAULT_PARAMETER_QUOTAS).toEqual({ Standard: 10_000, Advanced: 100_000 });
  });

  it('a create over the tier quota is ParameterLimitExceeded; other accounts and regions count apart', async () => {
    const { url } = await start({ parameterQuotas: { Standard: 2, Advanced: 1 } });
    expect((await put(url, '/q/1')).status).toBe(200);
    expect((await put(url, '/q/2')).status).toBe(200);
    const refused = await put(url, '/q/3');
    expect(refused.status).toBe(400);
    expect(refused.json['__type']).toBe('ParameterLimitExceeded');
    expect(refused.headers.get('x-amzn-errortype')).toBe('ParameterLimitExceeded');
    // W3: the model's ParameterLimitExceeded names its message member `message`.
    expect(String(refused.json['message'])).toMatch(/Standard tier holds at most 2/);
    expect((await rawCall(url, 'AmazonSSM.GetParameter', JSON.stringify({ Name: '/q/3' }))).status).toBe(400);
    // An overwrite adds nothing; another account, another region have their own count.
    expect((await put(url, '/q/1', { Overwrite: true, Value: 'w' })).status).toBe(200);
    expect((await put(url, '/q/3', {}, OTHER_ACCOUNT)).status).toBe(200);
    expect((await put(url, '/q/3', {}, ACCOUNT, 'eu-west-1')).status).toBe(200);
    // The Advanced tier has its own quota, and moving a parameter to it needs room there.
    expect((await put(url, '/q/a', { Tier: 'Advanced' })).status).toBe(200);
    const upgrade = await put(url, '/q/1', { Overwrite: true, Tier: 'Advanced' });
    expect(upgrade.json['__type']).toBe('ParameterLimitExceeded');
    // A delete frees its place.
    expect((await rawCall(url, 'AmazonSSM.DeleteParameter', JSON.stringify({ Name: '/q/2' }))).status).toBe(
      200,
    );
    expect((await put(url, '/q/3')).status).toBe(200);
  });

  it('the store counts each tier as parameters are saved, moved and removed', async () => {
    const store = createParameterStore();
    const base = {
      Name: '/c',
      Type: 'String' as const,
      Value: 'v',
      Version: 1,
      LastModifiedDate: new Date(0),
      DataType: 'text',
      Incarnation: '1',
    };
    const arn = paramArn('/c');
    const scope = `arn:aws:ssm:us-east-1:${ACCOUNT}`;
    await store.save(arn, { ...base, Tier: 'Standard' })();
    expect(store.countParameters(scope)).toEqual({ Standard: 1, Advanced: 0 });
    await store.save(arn, { ...base, Tier: 'Advanced' })();
    expect(store.countParameters(scope)).toEqual({ Standard: 0, Advanced: 1 });
    const held = store.bytesHeld();
    expect(held).toBeGreaterThan(2 * arn.length);
    await store.remove(arn)();
    expect(store.countParameters(scope)).toEqual({ Standard: 0, Advanced: 0 });
    expect(store.bytesHeld()).toBe(0);
  });
});

describe('the memory budget of the in-memory stores', () => {
  it('defaults to half of the old generation limit, which is the V8 heap limit when no --max-old-space-size was given', () => {
    const flagged = [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)].some((a) =>
      /^--max[-_]old[-_]space[-_]size/.test(a),
    );
    expect(flagged).toBe(false);
    expect(oldGenerationLimitBytes()).toBe(getHeapStatistics().heap_size_limit);
    expect(defaultMemoryBudgetBytes()).toBe(Math.floor(getHeapStatistics().heap_size_limit / 2));
  });

  it('the old generation limit is --max-old-space-size when given (the command line over NODE_OPTIONS), never more than the heap limit', () => {
    const MiB = 1024 * 1024;
    expect(oldGenerationLimitBytes(['--max-old-space-size=96'], '')).toBe(96 * MiB);
    expect(oldGenerationLimitBytes(['--max_old_space_size=64'], '')).toBe(64 * MiB);
    expect(oldGenerationLimitBytes(['--max-old-space-size', '80'], '')).toBe(80 * MiB);
    expect(oldGenerationLimitBytes([], '--inspect --max-old-space-size=200')).toBe(200 * MiB);
    expect(oldGenerationLimitBytes(['--max-old-space-size=50'], '--max-old-space-size=200')).toBe(50 * MiB);
    // Not a size: ignored.
    expect(oldGenerationLimitBytes(['--max-old-space-size=lots'], '')).toBe(
      getHeapStatistics().heap_size_limit,
    );
    expect(oldGenerationLimitBytes(['--max-old-space-size=1000000'], '')).toBe(
      getHeapStatistics().heap_size_limit,
    );
  });

  it('past the budget, PutParameter is ParameterLimitExceeded and PutResourcePolicy ResourcePolicyLimitExceededException; reads and deletes work and free room', async () => {
    const repository = createMemoryPolicyRepository();
    const parameters = createParameterStore();
    const { url } = await start({ memoryBudgetBytes: 64 * 1024, repository, parameters });
    const value = 'x'.repeat(4000);
    let stored = 0;
    let refused: Awaited<ReturnType<typeof put>> | undefined;
    for (let i = 0; i < 100 && refused === undefined; i++) {
      const r = await put(url, `/m/${i}`, { Value: value, Tier: 'Advanced' });
      if (r.status === 200) stored++;
      else refused = r;
    }
    expect(refused?.status).toBe(400);
    expect(refused?.json['__type']).toBe('ParameterLimitExceeded');
    expect(String(refused?.json['message'])).toMatch(/memory budget/);
    // Bounded: eight 4,000-character values are 64 KB at two bytes a character.
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThanOrEqual(8);
    expect(parameters.bytesHeld() + repository.bytesHeld()).toBeLessThan(64 * 1024 + 20_000);

    // Reads keep working.
    const read = await rawCall(url, 'AmazonSSM.GetParameter', JSON.stringify({ Name: '/m/0' }), as(ACCOUNT));
    expect(read.status).toBe(200);
    // A policy is a write that stores more: refused with the error PutResourcePolicy's model has.
    const arn = paramArn('/m/0');
    const policy = await rawCall(
      url,
      'AmazonSSM.PutResourcePolicy',
      JSON.stringify({ ResourceArn: arn, Policy: parameterPolicy(arn) }),
      as(ACCOUNT),
    );
    expect(policy.status).toBe(400);
    expect(policy.json).toMatchObject({
      __type: 'ResourcePolicyLimitExceededException',
      LimitType: 'MemoryBudgetMiB',
      Limit: 1,
    });
    // A delete frees room, and writes pass again.
    for (let i = 0; i < stored; i++) {
      const d = await rawCall(
        url,
        'AmazonSSM.DeleteParameter',
        JSON.stringify({ Name: `/m/${i}` }),
        as(ACCOUNT),
      );
      expect(d.status).toBe(200);
    }
    expect(parameters.bytesHeld()).toBe(0);
    expect((await put(url, '/m/again', { Value: value, Tier: 'Advanced' })).status).toBe(200);
    const again = paramArn('/m/again');
    const ok = await rawCall(
      url,
      'AmazonSSM.PutResourcePolicy',
      JSON.stringify({ ResourceArn: again, Policy: parameterPolicy(again) }),
      as(ACCOUNT),
    );
    expect(ok.status).toBe(200);
    expect(repository.bytesHeld()).toBeGreaterThan(parameterPolicy(again).length);
  });

  it('the policy store keeps its estimate through create, update, delete and a dropped resource', async () => {
    const repository = createMemoryPolicyRepository();
    const { url } = await start({ repository });
    const arn = paramArn('/e');
    await put(url, '/e', { Tier: 'Advanced' });
    const created = await rawCall(
      url,
      'AmazonSSM.PutResourcePolicy',
      JSON.stringify({ ResourceArn: arn, Policy: parameterPolicy(arn) }),
    );
    const one = repository.bytesHeld();
    expect(one).toBeGreaterThan(0);
    const { PolicyId, PolicyHash } = created.json as { PolicyId: string; PolicyHash: string };
    const longer = parameterPolicy(arn, '111122223333');
    await rawCall(
      url,
      'AmazonSSM.PutResourcePolicy',
      JSON.stringify({ ResourceArn: arn, Policy: longer, PolicyId, PolicyHash }),
    );
    expect(repository.bytesHeld()).toBe(one);
    await rawCall(url, 'AmazonSSM.PutResourcePolicy', JSON.stringify({ ResourceArn: arn, Policy: longer }));
    expect(repository.bytesHeld()).toBeGreaterThan(one);
    // R7: deleting the parameter drops its policies, and with them their bytes.
    await rawCall(url, 'AmazonSSM.DeleteParameter', JSON.stringify({ Name: '/e' }));
    expect(repository.bytesHeld()).toBe(0);
  });
});
