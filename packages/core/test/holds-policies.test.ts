// A8's question after a Delete (does the parameter still hold a policy?), as the core answers it: resolved as a
// read, one store read of at most one policy, and the store's failures as the caller sees them. The stores here
// are small fakes that record what they were asked; the memory store's answer is in the server's A8 tests.
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { describe, expect, it } from 'vitest';
import {
  GetResourcePolicies,
  cursorInvalid,
  defaultProfile,
  makeCaller,
  storageError,
  type CursorInvalid,
  type Dependencies,
  type ListPolicies,
  type PolicyPage,
  type PolicyRepository,
  type StorageError,
  type StoredPolicy,
} from '@ssm-policy/core';
import { OPS_ARN, OTHER_ACCOUNT, PARAM_ARN, REGION, caller, left, right } from './fixtures.js';

const stored = (n: number): StoredPolicy => ({ PolicyId: `p${n}`, PolicyHash: 'h', Policy: '{}' });

/** A store whose every resource holds `held` policies, asynchronous or also synchronous; it records each query. */
const storeOf = (
  held: number,
  sync: boolean,
  asked: ListPolicies[],
  fail?: 'storage' | 'cursor',
): PolicyRepository => {
  const list = (query: ListPolicies): E.Either<StorageError | CursorInvalid, PolicyPage> => {
    asked.push(query);
    if (fail === 'storage') return E.left(storageError('down'));
    if (fail === 'cursor') return E.left(cursorInvalid);
    const policies = Array.from({ length: Math.min(held, query.limit) }, (_, n) => stored(n));
    return E.right(held > query.limit ? { policies, cursor: 'next' } : { policies });
  };
  const store: PolicyRepository = {
    capabilities: { assignsIdentity: false },
    create: () => TE.left(storageError('read only')),
    update: () => TE.left(storageError('read only')),
    delete: () => TE.left(storageError('read only')),
    dropResource: () => TE.right(undefined),
    list: (query) => TE.fromEither(list(query)),
  };
  return sync ? { ...store, sync: { ...store, list } as never } : store;
};

const depsOf = (repository: PolicyRepository, parameterExists = true): Dependencies => ({
  repository,
  ids: undefined as never,
  profile: defaultProfile,
  catalog: {
    describeParameter: () =>
      TE.right(
        parameterExists
          ? O.some({
              Name: '/app/db',
              Type: 'String' as const,
              Tier: 'Advanced' as const,
              Incarnation: 'life-1',
            })
          : O.none,
      ),
  },
});

describe('whether a resource holds a policy (A8)', () => {
  for (const sync of [false, true]) {
    const how = sync ? 'a synchronous store' : 'an asynchronous store';

    it(`A8 is true while a policy is held and false once none is, asking ${how} for one policy`, async () => {
      for (const held of [0, 1, 2, 50]) {
        const asked: ListPolicies[] = [];
        const holds = GetResourcePolicies.holdsPoliciesNow(depsOf(storeOf(held, sync, asked)));
        expect(right(await holds(caller, PARAM_ARN))).toBe(held > 0);
        // One read of one policy, on the parameter's key (its incarnation too, R7), from the first policy on.
        expect(asked).toEqual([{ resource: { arn: PARAM_ARN, incarnation: 'life-1' }, limit: 1 }]);
      }
    });

    it(`A8 a failure of ${how} is an InternalServerError; a refused cursor the profile's NextToken error`, async () => {
      const failing = GetResourcePolicies.holdsPoliciesNow(depsOf(storeOf(1, sync, [], 'storage')));
      expect(left(await failing(caller, PARAM_ARN))._tag).toBe('InternalServerError');
      const refused = GetResourcePolicies.holdsPoliciesNow(depsOf(storeOf(1, sync, [], 'cursor')));
      expect(left(await refused(caller, PARAM_ARN))._tag).toBe(defaultProfile.invalidNextTokenError);
    });
  }

  it('A8 R4 a parameter that does not exist is not found, and the store is not asked', async () => {
    const asked: ListPolicies[] = [];
    const holds = GetResourcePolicies.holdsPoliciesNow(depsOf(storeOf(1, true, asked), false));
    expect(left(await holds(caller, PARAM_ARN))._tag).toBe('ResourceNotFoundException');
    expect(asked).toEqual([]);
  });

  it("A8 R8 the question is asked as the caller: another account's parameter is refused before the store", async () => {
    const asked: ListPolicies[] = [];
    const holds = GetResourcePolicies.holdsPoliciesNow(depsOf(storeOf(1, true, asked)));
    const stranger = makeCaller({ account: OTHER_ACCOUNT, region: REGION });
    expect(E.isLeft(await holds(stranger, PARAM_ARN))).toBe(true);
    expect(asked).toEqual([]);
  });

  it('A8 an OpsItemGroup is answered from the store without a catalog lookup', async () => {
    const asked: ListPolicies[] = [];
    const holds = GetResourcePolicies.holdsPoliciesNow(depsOf(storeOf(3, false, asked), false));
    expect(right(await holds(caller, OPS_ARN))).toBe(true);
    expect(asked).toEqual([{ resource: { arn: OPS_ARN }, limit: 1 }]);
  });
});
