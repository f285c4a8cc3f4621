/**
 * A service-contract case as data: the rule it checks, a title, and a `run` over a `CaseContext` that gives
 * the service, the caller, the profile to expect and helpers for unique parameters. `runServiceCase` runs one
 * case against a fresh service from a factory and answers a `CaseResult` (pass, fail with observed and
 * expected, or skip with why), inside vitest or outside it.
 *
 * @example
 * import { runServiceCase, serviceCases, memoryServiceFactory } from '@ssm-policy/conformance';
 * // const result = await runServiceCase(serviceCases[0]!, memoryServiceFactory);
 * // result.status === 'pass'
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  defaultProfile,
  type BehaviourProfile,
  type Caller,
  type DeleteResourcePolicyInput,
  type GetResourcePoliciesInput,
  type GetResourcePoliciesResponse,
  type GetResourcePoliciesResponseEntry,
  type PutResourcePolicyInput,
  type PutResourcePolicyResponse,
  type ResourcePolicyService,
} from '@ssm-policy/core';
import { ConformanceFailure, ConformanceSkip, expectRight, expectTrue, skip } from './assert.js';
import { opsItemGroupArnOf, parameterArnOf, randomTag, type Scope } from './documents.js';
import type { ParameterSpec, ServiceFactory, ServiceHandle } from './fixture.js';

// -------------------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------------------

/** What a case needs beyond the three operations and the fixture. */
export type ServiceRequirement =
  /** The factory honours `idSeed` (rule H11): only an embedded core can. */
  'seededIds';

export interface CaseContext {
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

export interface ServiceCase {
  /** The rule id: 'H5'. */
  readonly rule: string;
  readonly title: string;
  readonly requires?: ReadonlyArray<ServiceRequirement>;
  run(ctx: CaseContext): Promise<void>;
}

export type CaseStatus = 'pass' | 'fail' | 'skip';

export interface CaseResult {
  readonly rule: string;
  readonly title: string;
  readonly status: CaseStatus;
  /** Why it failed or was skipped. */
  readonly reason?: string;
  readonly observed?: unknown;
  readonly expected?: unknown;
  readonly durationMs: number;
}

export interface ServiceRunOptions {
  /** The [U] choices to expect; `defaultProfile` unless told. */
  readonly profile?: BehaviourProfile;
  /** An operation that does not answer within this many ms fails the case instead of hanging it (30 s). */
  readonly callTimeoutMs?: number;
}

// -------------------------------------------------------------------------------------------------
// runner
// -------------------------------------------------------------------------------------------------

const DEFAULT_CALL_TIMEOUT_MS = 30_000;

/**
 * A service that throws instead of answering a `Left` crashed, and one that does not answer hangs: both are
 * failures, not error codes.
 */
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

const MAX_PAGES = 1000;

const makeContext = (
  handle: ServiceHandle,
  factory: ServiceFactory,
  profile: BehaviourProfile,
  cleanup: Array<() => Promise<void>>,
  timeoutMs: number,
): CaseContext => {
  const call = makeCall(timeoutMs);
  const { service, caller } = handle;
  const prefix = `/conformance/${randomTag()}`;
  const name = (label: string): string => `${prefix}/${label}`;
  const created = new Set<string>();
  let usesOpsItemGroup = false;

  const ctx: CaseContext = {
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
      const out: GetResourcePoliciesResponseEntry[] = [];
      let NextToken: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const result = await call(
          'GetResourcePolicies',
          service.GetResourcePolicies({
            ResourceArn,
            ...(MaxResults !== undefined ? { MaxResults } : {}),
            ...(NextToken !== undefined ? { NextToken } : {}),
          }),
        );
        const r = expectRight(result, `GetResourcePolicies on ${ResourceArn}`);
        out.push(...r.Policies.map(({ PolicyId, PolicyHash, Policy }) => ({ PolicyId, PolicyHash, Policy })));
        if (r.NextToken === undefined) return out;
        NextToken = r.NextToken;
      }
      throw new ConformanceFailure(
        'H8 paging ends',
        `more than ${MAX_PAGES} pages`,
        'a last page without NextToken',
      );
    },
  };
  return ctx;
};

const elapsed = (start: number): number => Math.round((performance.now() - start) * 10) / 10;

/** Runs one case against a fresh service: never throws; cleans up what the case created. */
export const runServiceCase = async (
  c: ServiceCase,
  factory: ServiceFactory,
  options: ServiceRunOptions = {},
): Promise<CaseResult> => {
  const start = performance.now();
  const base = { rule: c.rule, title: c.title };
  let handle: ServiceHandle;
  try {
    handle = await factory();
  } catch (e) {
    return {
      ...base,
      status: 'fail',
      reason: `the factory failed: ${String(e)}`,
      durationMs: elapsed(start),
    };
  }
  const cleanup: Array<() => Promise<void>> = [];
  try {
    if (c.requires?.includes('seededIds') && handle.honoursIdSeed !== true)
      return {
        ...base,
        status: 'skip',
        reason: 'the service cannot be built with a seeded id source',
        durationMs: elapsed(start),
      };
    await c.run(
      makeContext(
        handle,
        factory,
        options.profile ?? defaultProfile,
        cleanup,
        options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
      ),
    );
    return { ...base, status: 'pass', durationMs: elapsed(start) };
  } catch (e) {
    if (e instanceof ConformanceSkip)
      return { ...base, status: 'skip', reason: e.reason, durationMs: elapsed(start) };
    if (e instanceof ConformanceFailure)
      return {
        ...base,
        status: 'fail',
        reason: e.what,
        observed: e.observed,
        expected: e.expected,
        durationMs: elapsed(start),
      };
    return {
      ...base,
      status: 'fail',
      reason: `the case threw: ${e instanceof Error ? e.message : String(e)}`,
      durationMs: elapsed(start),
    };
  } finally {
    for (const undo of cleanup.reverse()) await undo().catch(() => undefined);
    await handle.dispose().catch(() => undefined);
  }
};

/** A result as one line: `H5 pass …` or `H5 FAIL … observed … expected …`. */
export const formatCaseResult = (r: CaseResult): string =>
  r.status === 'pass'
    ? `${r.rule} pass  ${r.title}`
    : r.status === 'skip'
      ? `${r.rule} skip  ${r.title} (${r.reason ?? ''})`
      : `${r.rule} FAIL  ${r.title}: ${r.reason ?? ''}` +
        (r.observed !== undefined || r.expected !== undefined
          ? `; observed ${JSON.stringify(r.observed)}, expected ${JSON.stringify(r.expected)}`
          : '');
