/**
 * The runners answer structured results and never throw or hang: a service that throws or never answers
 * fails the case, a case that needs what the service cannot do is skipped with why.
 */
import { describe, expect, it } from 'vitest';
import { formatCaseResult, runServiceCase, serviceCases, type ServiceFactory } from '@ssm-policy/conformance';
import type { RuleId } from '@ssm-policy/core';
import { tinyServiceFactory } from './support/tiny-store.js';

const byTitle = (rule: RuleId) => serviceCases.find((c) => c.rule === rule)!;

const withService =
  (patch: (s: Awaited<ReturnType<ServiceFactory>>['service']) => object): ServiceFactory =>
  async () => {
    const h = await tinyServiceFactory();
    return { ...h, service: { ...h.service, ...patch(h.service) } };
  };

describe('runServiceCase', () => {
  it('H7 passes on the core and says so in one line', async () => {
    const r = await runServiceCase(byTitle('H7'), tinyServiceFactory);
    expect(r.status).toBe('pass');
    expect(formatCaseResult(r)).toMatch(/^H7 pass /);
  });

  it('H7 fails, with what was observed, when the service throws instead of answering', async () => {
    const r = await runServiceCase(
      byTitle('H7'),
      withService(() => ({
        DeleteResourcePolicy: () => () => Promise.reject(new Error('socket hang up')),
      })),
    );
    expect(r).toMatchObject({ status: 'fail', observed: 'socket hang up' });
    expect(r.reason).toMatch(/threw/);
  });

  it('H7 fails instead of hanging when the service never answers', async () => {
    const r = await runServiceCase(
      byTitle('H7'),
      withService(() => ({ DeleteResourcePolicy: () => () => new Promise(() => {}) })),
      { callTimeoutMs: 50 },
    );
    expect(r.status).toBe('fail');
    expect(r.reason).toMatch(/hung/);
  });

  it('H11 is skipped, with why, when the service cannot be built with a seeded id source', async () => {
    const remote: ServiceFactory = async () => {
      const { honoursIdSeed: _, ...h } = await tinyServiceFactory();
      return h;
    };
    const r = await runServiceCase(byTitle('H11'), remote);
    expect(r.status).toBe('skip');
    expect(r.reason).toMatch(/seeded/);
  });

  it('R4 skips an OpsItemGroup case when the shared OpsItemGroup already holds a policy', async () => {
    const shared = await tinyServiceFactory();
    const factory: ServiceFactory = async () => shared;
    const arn = `arn:aws:ssm:us-east-1:${shared.caller.account}:opsitemgroup/default`;
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: '210987654321' },
          Action: 'ssm:GetOpsItem',
          Resource: `arn:aws:ssm:us-east-1:${shared.caller.account}:opsitem/*`,
        },
      ],
    });
    const put = await shared.service.PutResourcePolicy({ ResourceArn: arn, Policy: policy })();
    expect(put._tag).toBe('Right');
    const r = await runServiceCase(
      serviceCases.find((c) => c.title === 'the OpsItemGroup default always exists')!,
      factory,
    );
    expect(r.status).toBe('skip');
    expect((await shared.service.GetResourcePolicies({ ResourceArn: arn })())._tag).toBe('Right');
  });
});
