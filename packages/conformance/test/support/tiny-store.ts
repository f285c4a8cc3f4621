/**
 * The kit's own test store and parameter catalog: the smallest sound `PolicyRepository` and a writable
 * `ParameterCatalog`, so that the kit's tests need no adapter (adapter-memory tests itself with the kit, so
 * the kit depending on it would be a cycle). Every operation reads and writes with no `await` in between,
 * so it is atomic in one process (H10). A cursor is the creation number of the last policy listed, so paging
 * survives deletes and creates between pages (H8).
 *
 * @example
 * import { tinyServiceFactory } from './tiny-store.js';
 * const handle = await tinyServiceFactory();
 * if (handle.caller.account !== '123456789012') throw new Error('the default caller');
 */
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import {
  cursorInvalid,
  hashMismatch,
  parameterArn,
  policyLimitReached,
  policyMissing,
  type BehaviourProfile,
  type ParameterInfo,
  type PolicyRepository,
  type ResourceKey,
  type StoredPolicy,
} from '@ssm-policy/core';
import {
  coreServiceFactory,
  type CoreServiceOptions,
  type ServiceFactory,
  type WritableParameterCatalog,
} from '@ssm-policy/conformance';

interface Row extends StoredPolicy {
  readonly seq: number;
}

/** A task that runs its body when it is run, not when it is built, as a port's TaskEither must. */
const lazily =
  <L, A>(body: () => E.Either<L, A>): TE.TaskEither<L, A> =>
  () =>
    Promise.resolve(body());

export const createTinyRepository = (): PolicyRepository => {
  // The store's own key for a structured ResourceKey, made in this one place.
  const keyOf = (resource: ResourceKey): string =>
    resource.incarnation === undefined ? resource.arn : `${resource.arn} ${resource.incarnation}`;
  const rows = new Map<string, Row[]>();
  let seq = 0;
  const of = (resource: ResourceKey): Row[] => rows.get(keyOf(resource)) ?? [];
  const plain = ({ PolicyId, PolicyHash, Policy }: Row): StoredPolicy => ({ PolicyId, PolicyHash, Policy });
  return {
    capabilities: { assignsIdentity: false },
    create: (input) =>
      lazily(() => {
        const list = of(input.resource);
        if (input.maxPolicies !== undefined && list.length >= input.maxPolicies)
          return E.left(policyLimitReached(input.maxPolicies));
        const row = { ...input.proposed, Policy: input.Policy, seq: ++seq };
        rows.set(keyOf(input.resource), [...list, row]);
        return E.right(plain(row));
      }),
    update: (input) =>
      lazily(() => {
        const list = of(input.resource);
        const at = list.findIndex((r) => r.PolicyId === input.PolicyId);
        if (at < 0) return E.left(policyMissing);
        if (list[at]!.PolicyHash !== input.expectedHash) return E.left(hashMismatch);
        const row = { ...list[at]!, PolicyHash: input.proposedHash, Policy: input.Policy };
        rows.set(
          keyOf(input.resource),
          list.map((r, i) => (i === at ? row : r)),
        );
        return E.right(plain(row));
      }),
    delete: (input) =>
      lazily(() => {
        const list = of(input.resource);
        const row = list.find((r) => r.PolicyId === input.PolicyId);
        if (row === undefined) return E.left(policyMissing);
        if (row.PolicyHash !== input.expectedHash) return E.left(hashMismatch);
        rows.set(
          keyOf(input.resource),
          list.filter((r) => r !== row),
        );
        return E.right(undefined);
      }),
    list: (input) =>
      lazily(() => {
        if (input.cursor !== undefined && !/^[1-9]\d{0,15}$/.test(input.cursor)) return E.left(cursorInvalid);
        const after = input.cursor === undefined ? 0 : Number(input.cursor);
        const rest = of(input.resource).filter((r) => r.seq > after);
        const page = rest.slice(0, input.limit);
        return E.right({
          policies: page.map(plain),
          ...(rest.length > page.length ? { cursor: String(page[page.length - 1]!.seq) } : {}),
        });
      }),
    dropResource: (resource) =>
      lazily(() => {
        rows.delete(keyOf(resource));
        return E.right(undefined);
      }),
  };
};

export const createTinyCatalog = (): WritableParameterCatalog => {
  const parameters = new Map<string, ParameterInfo>();
  return {
    describeParameter: (resource) => () =>
      Promise.resolve(E.right(O.fromNullable(parameters.get(parameterArn(resource, resource.name))))),
    put: (scope, parameter) => void parameters.set(parameterArn(scope, parameter.Name), parameter),
    remove: (scope, name) => parameters.delete(parameterArn(scope, name)),
  };
};

/** The core wired to the tiny store and catalog. */
export const tinyServiceFactory: ServiceFactory = coreServiceFactory({
  repository: createTinyRepository,
  catalog: createTinyCatalog,
});

/** The same, with other options (a profile, a store wrapper). */
export const tinyCoreFactory = (
  options: Partial<CoreServiceOptions> & { readonly profile?: BehaviourProfile } = {},
): ServiceFactory =>
  coreServiceFactory({ repository: createTinyRepository, catalog: createTinyCatalog, ...options });
