/**
 * The context a service case runs in: the service, the caller, the profile to expect, and helpers for unique
 * parameters and for the steps that must succeed. Every call is bounded in time: a service that throws
 * instead of answering a `Left` crashed, and one that does not answer hangs; both are failures, not error
 * codes.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { coreServiceFactory, runServiceCase, type ServiceCase } from '@ssm-policy/conformance';
 * // A case reads the service, the caller and helpers (fresh parameters, ARNs, put/get/del) from its context.
 * const c: ServiceCase = {
 *   rule: 'H8',
 *   title: 'a fresh parameter has no policies',
 *   run: async (ctx) => {
 *     const ResourceArn = await ctx.parameter('db');
 *     assert.deepEqual(await ctx.get({ ResourceArn }), { _tag: 'Right', right: { Policies: [] } });
 *   },
 * };
 * const factory = coreServiceFactory({ repository: createMemoryPolicyRepository, catalog: createMemoryParameterCatalog });
 * assert.equal((await runServiceCase(c, factory)).status, 'pass');
 *
 * @since 0.1.0
 * @category service contract
 */
import * as E from 'fp-ts/lib/Either.js';
import type {
  BehaviourProfile,
  Caller,
  DeleteResourcePolicyInput,
  GetResourcePoliciesInput,
  GetResourcePoliciesResponse,
  GetResourcePoliciesResponseEntry,
  PutResourcePolicyInput,
  PutResourcePolicyResponse,
  ResourcePolicyService,
} from '@ssm-policy/core';
import { ConformanceFailure, expectRight, expectTrue, skip } from '../assert.js';
import type { Case } from '../case.js';
import { opsItemGroupArnOf, parameterArnOf, randomTag, type Scope } from '../documents.js';
import type { ParameterSpec, ServiceFactory, ServiceHandle } from '../fixture.js';
import { listAll } from '../paging.js';

/**
 * What a service case sees.
 *
 * @since 0.1.0
 * @category service contract
 */
export interface ServiceContext {
  readonly service: ResourcePolicyService;
  readonly caller: Caller;
  readonly profile: BehaviourProfile;
  readonly handle: ServiceHandle;
  readonly factory: ServiceFactory;
  /** A parameter name unique to this run: `/conformance/<tag>/<label>`. */
  name(label: string): string;
  /** Creates a parameter (Advanced `String` unless told), deleted after the case; answers its ARN. */
  parameter(label: string, spec?: Partial<Omit<ParameterSpec, 'Name'>>): Promise<string>;
  deleteParameter(label: string): Promise<void>;
  /** The caller's OpsItemGroup; skips the case when it already holds policies; emptied after the case. */
  opsItemGroup(): Promise<string>;
  parameterArn(label: string, scope?: Scope): string;
  opsItemGroupArn(scope?: Scope): string;
  put(input: PutResourcePolicyInput): Promise<E.Either<unknown, PutResourcePolicyResponse>>;
  get(input: GetResourcePoliciesInput): Promise<E.Either<unknown, GetResourcePoliciesResponse>>;
  del(input: DeleteResourcePolicyInput): Promise<E.Either<unknown, unknown>>;
  /** A successful create (or a failure naming what came instead). */
  create(ResourceArn: string, Policy: string): Promise<PutResourcePolicyResponse>;
  /** A successful update of `current` (its id and hash) to `Policy` (or a failure naming what came instead). */
  update(
    ResourceArn: string,
    current: { readonly PolicyId: string; readonly PolicyHash: string },
    Policy: string,
  ): Promise<PutResourcePolicyResponse>;
  /** Every policy of a resource, paging with `MaxResults` until the last page. */
  list(ResourceArn: string, MaxResults?: number): Promise<ReadonlyArray<GetResourcePoliciesResponseEntry>>;
}

/**
 * A case of the service contract.
 *
 * @since 0.1.0
 * @category service contract
 */
export type ServiceCase = Case<ServiceContext>;

/** Bounds a call in time and turns a throw into a failure. */
const makeCall =
  (timeoutMs: number) =>
  async <A>(what: string, task: () => Promise<E.Either<unknown, A>>): Promise<E.Either<unknown, A>> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ConformanceFailure(`${what} hung`, `no answer after ${timeoutMs} ms`, 'an answer')),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([task(), timeout]);
    } catch (e) {
      if (e instanceof ConformanceFailure) throw e;
      throw new ConformanceFailure(`${what} threw`, e instanceof Error ? e.message : String(e), 'an Either');
    } finally {
      clearTimeout(timer);
    }
  };

/**
 * A context over one handle; `cleanup` collects what undoes the case's creations.
 *
 * @since 0.1.0
 * @category service contract
 */
export const makeServiceContext = (
  handle: ServiceHandle,
  factory: ServiceFactory,
  profile: BehaviourProfile,
  cleanup: Array<() => Promise<void>>,
  timeoutMs: number,
): ServiceContext => {
  const call = makeCall(timeoutMs);
  const { service, caller } = handle;
  const prefix = `/conformance/${randomTag()}`;
  const name = (label: string): string => `${prefix}/${label}`;
  const created = new Set<string>();
  let usesOpsItemGroup = false;

  const ctx: ServiceContext = {
    service,
    caller,
    profile,
    handle,
    factory,
    name,
    parameterArn: (label, scope = caller) => parameterArnOf(scope, name(label)),
    opsItemGroupArn: (scope = caller) => opsItemGroupArnOf(scope),
    parameter: async (label, spec = {}) => {
      const Name = name(label);
      await handle.parameters.putParameter({ Type: 'String', Tier: 'Advanced', ...spec, Name });
      if (!created.has(Name)) {
        created.add(Name);
        cleanup.push(async () => {
          if (created.has(Name)) await handle.parameters.deleteParameter(Name);
        });
      }
      return parameterArnOf(caller, Name);
    },
    deleteParameter: async (label) => {
      const Name = name(label);
      await handle.parameters.deleteParameter(Name);
      created.delete(Name);
    },
    opsItemGroup: async () => {
      const arn = opsItemGroupArnOf(caller);
      if (!usesOpsItemGroup) {
        const existing = await ctx.list(arn);
        if (existing.length > 0) skip('the OpsItemGroup already holds a policy; the case needs it empty');
        usesOpsItemGroup = true;
        cleanup.push(async () => {
          for (const p of await ctx.list(arn))
            await service.DeleteResourcePolicy({
              ResourceArn: arn,
              PolicyId: p.PolicyId,
              PolicyHash: p.PolicyHash,
            })();
        });
      }
      return arn;
    },
    put: (input) => call('PutResourcePolicy', service.PutResourcePolicy(input)),
    get: (input) => call('GetResourcePolicies', service.GetResourcePolicies(input)),
    del: (input) => call('DeleteResourcePolicy', service.DeleteResourcePolicy(input)),
    create: async (ResourceArn, Policy) => {
      const r = expectRight(await ctx.put({ ResourceArn, Policy }), `create on ${ResourceArn}`);
      expectTrue(
        typeof r.PolicyId === 'string' &&
          r.PolicyId !== '' &&
          typeof r.PolicyHash === 'string' &&
          r.PolicyHash !== '',
        'H1 a create answers a PolicyId and a PolicyHash',
        r,
        { PolicyId: '<string>', PolicyHash: '<string>' },
      );
      return r;
    },
    update: async (ResourceArn, { PolicyId, PolicyHash }, Policy) =>
      expectRight(await ctx.put({ ResourceArn, Policy, PolicyId, PolicyHash }), 'update'),
    list: async (ResourceArn, MaxResults) => {
      const all = await listAll(
        async (NextToken: string | undefined) =>
          E.map((r: GetResourcePoliciesResponse) => ({ items: r.Policies, cursor: r.NextToken }))(
            await ctx.get({
              ResourceArn,
              ...(MaxResults !== undefined ? { MaxResults } : {}),
              ...(NextToken !== undefined ? { NextToken } : {}),
            }),
          ),
        ResourceArn,
      );
      return expectRight(all, `GetResourcePolicies on ${ResourceArn}`).map(
        ({ PolicyId, PolicyHash, Policy }) => ({ PolicyId, PolicyHash, Policy }),
      );
    },
  };
  return ctx;
};
