/**
 * The few AWS RAM operations users call around a parameter shared by a policy (rule A8), with RAM's own
 * protocol (restJson1: `POST /<operation>`, members in a JSON body or the query string, camelCase names,
 * errors as `x-amzn-ErrorType` plus `{"message": …}`), so that the AWS CLI and SDKs work unchanged on the
 * emulator's port: `GetResourceShares`, `PromoteResourceShareCreatedFromPolicy` and `ListResources`. Only
 * shares created from parameter policies exist here.
 *
 * [U] choices (AWS does not publish them): promoting a share makes it `STANDARD` at once (RAM passes through
 * `PROMOTING_TO_STANDARD`); promoting a share already `STANDARD` answers `OperationNotPermittedException`, a
 * `DELETED` one `InvalidStateTransitionException`; `OTHER-ACCOUNTS` lists promoted shares whose policies allow
 * the caller `ssm:GetParameter`.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { makeCaller, newPolicyShare } from '@ssm-policy/core';
 * import { createMemoryResourceShareStore, makeRamOperations } from '@ssm-policy/server';
 * const owner = makeCaller({ account: '111111111111', region: 'us-east-1' });
 * const consumer = makeCaller({ account: '222222222222', region: 'us-east-1' });
 * const shares = createMemoryResourceShareStore();
 * const share = newPolicyShare(owner, 'arn:aws:ssm:us-east-1:111111111111:parameter/app/db', 'share-1', new Date());
 * await shares.save(share);
 * // Here the owner's policies are taken to grant account 222222222222 (the server asks `makeSharedWith`).
 * const ram = makeRamOperations({ shares, sharedWith: async (c) => c.account === '222222222222' });
 * const getShares = ram.route('POST', '/getresourceshares')!;
 * const promote = ram.route('POST', '/promoteresourcesharecreatedfrompolicy')!;
 * const othersOf = async (caller: typeof consumer) => {
 *   const page = await getShares(caller, new URLSearchParams(), { resourceOwner: 'OTHER-ACCOUNTS' });
 *   return page._tag === 'Right' ? (page.right as { resourceShares: unknown[] }).resourceShares.length : -1;
 * };
 * assert.equal(await othersOf(consumer), 0); // not promoted yet: the consumer sees nothing
 * const promoted = await promote(owner, new URLSearchParams({ resourceShareArn: share.resourceShareArn }), {});
 * assert.deepEqual(promoted, { _tag: 'Right', right: { returnValue: true } });
 * assert.equal(await othersOf(consumer), 1);
 * assert.equal(await othersOf(makeCaller({ account: '333333333333', region: 'us-east-1' })), 0);
 *
 * @since 0.3.0
 */
import * as E from 'fp-ts/lib/Either.js';
import { promotionRefusal, type Caller, type ResourceShare } from '@ssm-policy/core';
import type { ResourceShareStore } from './resource-share-store.js';
import type { SharedWith } from './shared-with.js';

// -------------------------------------------------------------------------------------------------
// errors (RAM's model names them; every one is 400 but ServerInternalException)
// -------------------------------------------------------------------------------------------------

/**
 * RAM's error codes, as its model names them.
 *
 * @since 0.3.0
 * @category RAM
 */
export type RamErrorCode =
  | 'UnknownResourceException'
  | 'MalformedArnException'
  | 'OperationNotPermittedException'
  | 'InvalidParameterException'
  | 'MissingRequiredParameterException'
  | 'InvalidNextTokenException'
  | 'InvalidStateTransitionException'
  | 'InvalidResourceTypeException'
  | 'ServerInternalException';

/**
 * A RAM refusal: its code and message.
 *
 * @since 0.3.0
 * @category RAM
 */
export interface RamError {
  readonly _tag: RamErrorCode;
  readonly message: string;
}

const fail = (_tag: RamErrorCode, message: string): E.Either<RamError, never> => E.left({ _tag, message });

/**
 * One RAM operation: the caller, the query string and the parsed JSON body in, an output or a refusal out.
 *
 * @since 0.3.0
 * @category RAM
 */
export type RamOperation = (
  caller: Caller,
  query: URLSearchParams,
  body: unknown,
) => Promise<E.Either<RamError, unknown>>;

/**
 * RAM's operations, found by method and path.
 *
 * @since 0.3.0
 * @category RAM
 */
export interface RamOperations {
  /** The operation of a method and path (without its query string), if RAM has it here. */
  route(method: string, pathname: string): RamOperation | undefined;
}

/**
 * The share store, and the question whether a share's parameter is shared with a caller.
 *
 * @since 0.3.0
 * @category RAM
 */
export interface RamDependencies {
  readonly shares: ResourceShareStore;
  readonly sharedWith: SharedWith;
  readonly now?: () => Date;
}

// -------------------------------------------------------------------------------------------------
// decoding
// -------------------------------------------------------------------------------------------------

type Members = Readonly<Record<string, unknown>>;

const asMembers = (body: unknown): E.Either<RamError, Members> =>
  typeof body === 'object' && body !== null && !Array.isArray(body)
    ? E.right(body as Members)
    : fail('InvalidParameterException', 'The request body must be a JSON object.');

const OWNERS = ['SELF', 'OTHER-ACCOUNTS'] as const;
type Owner = (typeof OWNERS)[number];

const resourceOwnerOf = (m: Members): E.Either<RamError, Owner> => {
  const v = m['resourceOwner'];
  if (v === undefined || v === null)
    return fail('MissingRequiredParameterException', 'resourceOwner is required.');
  return OWNERS.includes(v as Owner)
    ? E.right(v as Owner)
    : fail('InvalidParameterException', `resourceOwner must be one of ${OWNERS.join(', ')}.`);
};

const stringList = (m: Members, key: string): E.Either<RamError, ReadonlyArray<string> | undefined> => {
  const v = m[key];
  if (v === undefined || v === null) return E.right(undefined);
  return Array.isArray(v) && v.every((s) => typeof s === 'string')
    ? E.right(v as string[])
    : fail('InvalidParameterException', `${key} must be a list of strings.`);
};

const optionalString = (m: Members, key: string): E.Either<RamError, string | undefined> => {
  const v = m[key];
  if (v === undefined || v === null) return E.right(undefined);
  return typeof v === 'string' ? E.right(v) : fail('InvalidParameterException', `${key} must be a string.`);
};

/** `maxResults` (1..500) and `nextToken` → where the page starts and how long it is. */
const pageOf = (m: Members): E.Either<RamError, { start: number; size: number }> => {
  const max = m['maxResults'];
  if (
    max !== undefined &&
    max !== null &&
    (!Number.isInteger(max) || (max as number) < 1 || (max as number) > 500)
  ) {
    return fail('InvalidParameterException', 'maxResults must be an integer from 1 to 500.');
  }
  const token = m['nextToken'];
  let start = 0;
  if (token !== undefined && token !== null) {
    const decoded =
      typeof token === 'string' ? /^o(\d{1,9})$/.exec(Buffer.from(token, 'base64url').toString()) : null;
    if (decoded === null)
      return fail('InvalidNextTokenException', 'The specified value for NextToken is not valid.');
    start = Number(decoded[1]);
  }
  return E.right({ start, size: typeof max === 'number' ? max : 500 });
};

const page = <A>(items: ReadonlyArray<A>, p: { start: number; size: number }) => {
  const end = p.start + p.size;
  return {
    items: items.slice(p.start, end),
    ...(end < items.length ? { nextToken: Buffer.from(`o${end}`).toString('base64url') } : {}),
  };
};

const RAM_SHARE_ARN = /^arn:[a-z0-9-]+:ram:[a-z0-9-]+:\d{12}:resource-share\/[A-Za-z0-9-]+$/;

/** The share ARN's partition, region and account match the caller's: RAM is regional. */
const inCallerRegion = (caller: Caller, arn: string): boolean => {
  const parts = arn.split(':');
  return parts[1] === caller.partition && parts[3] === caller.region;
};

// -------------------------------------------------------------------------------------------------
// wire shapes (timestamps as epoch seconds, restJson1's default in a body)
// -------------------------------------------------------------------------------------------------

const seconds = (d: Date): number => d.getTime() / 1000;

const shareShape = (s: ResourceShare) => ({
  resourceShareArn: s.resourceShareArn,
  name: s.name,
  owningAccountId: s.owningAccountId,
  allowExternalPrincipals: true,
  status: s.status,
  tags: [],
  creationTime: seconds(s.creationTime),
  lastUpdatedTime: seconds(s.lastUpdatedTime),
  featureSet: s.featureSet,
});

const PARAMETER_TYPE = 'ssm:Parameter';

const resourceShape = (s: ResourceShare) => ({
  arn: s.resourceArn,
  type: PARAMETER_TYPE,
  resourceShareArn: s.resourceShareArn,
  status: 'AVAILABLE',
  creationTime: seconds(s.creationTime),
  lastUpdatedTime: seconds(s.lastUpdatedTime),
  resourceRegionScope: 'REGIONAL',
});

// -------------------------------------------------------------------------------------------------
// operations
// -------------------------------------------------------------------------------------------------

/** A8: before promotion a consumer sees nothing of a share; after, the shares whose policies grant it reads. */
const CONSUMER_ACTION = 'ssm:GetParameter';

/**
 * The operations over a share store.
 *
 * @since 0.3.0
 * @category RAM
 */
export const makeRamOperations = (deps: RamDependencies): RamOperations => {
  const { shares, sharedWith } = deps;
  const now = deps.now ?? (() => new Date());

  /** The caller's view: its own shares in its region, or promoted shares of others that grant it reads. */
  const visible = async (caller: Caller, owner: Owner): Promise<ReadonlyArray<ResourceShare>> => {
    if (owner === 'SELF') {
      return (await shares.ownedBy(caller.account)).filter((s) => inCallerRegion(caller, s.resourceShareArn));
    }
    const out: ResourceShare[] = [];
    for (const s of await shares.activeNotOwnedBy(caller.account)) {
      if (
        s.featureSet === 'STANDARD' &&
        inCallerRegion(caller, s.resourceShareArn) &&
        (await sharedWith(caller, s, CONSUMER_ACTION))
      )
        out.push(s);
    }
    return out;
  };

  const getResourceShares: RamOperation = async (caller, _query, body) => {
    const m = asMembers(body);
    if (E.isLeft(m)) return m;
    const owner = resourceOwnerOf(m.right);
    if (E.isLeft(owner)) return owner;
    const arns = stringList(m.right, 'resourceShareArns');
    if (E.isLeft(arns)) return arns;
    const bad = arns.right?.find((a) => !RAM_SHARE_ARN.test(a));
    if (bad !== undefined) return fail('MalformedArnException', `The ARN ${bad} is malformed.`);
    const status = optionalString(m.right, 'resourceShareStatus');
    if (E.isLeft(status)) return status;
    const name = optionalString(m.right, 'name');
    if (E.isLeft(name)) return name;
    const p = pageOf(m.right);
    if (E.isLeft(p)) return p;
    const selected = (await visible(caller, owner.right)).filter(
      (s) =>
        (arns.right === undefined || arns.right.includes(s.resourceShareArn)) &&
        (status.right === undefined || s.status === status.right) &&
        (name.right === undefined || s.name === name.right),
    );
    const { items, nextToken } = page(selected, p.right);
    return E.right({
      resourceShares: items.map(shareShape),
      ...(nextToken === undefined ? {} : { nextToken }),
    });
  };

  const promote: RamOperation = async (caller, query) => {
    const arn = query.get('resourceShareArn');
    if (arn === null || arn === '') {
      return fail('MissingRequiredParameterException', 'resourceShareArn is required.');
    }
    if (!RAM_SHARE_ARN.test(arn)) return fail('MalformedArnException', `The ARN ${arn} is malformed.`);
    const share = await shares.byArn(arn);
    // Another account's share is as unknown as a missing one: only its owner sees it.
    if (share === undefined || share.owningAccountId !== caller.account || !inCallerRegion(caller, arn)) {
      return fail('UnknownResourceException', `ResourceShare ${arn} could not be found.`);
    }
    const refusal = promotionRefusal(share);
    if (refusal === 'Deleted') {
      return fail('InvalidStateTransitionException', `ResourceShare ${arn} is in state DELETED.`);
    }
    if (refusal === 'NotCreatedFromPolicy') {
      return fail(
        'OperationNotPermittedException',
        `ResourceShare ${arn} was not created from a policy: only a CREATED_FROM_POLICY share can be promoted.`,
      );
    }
    await shares.save({ ...share, featureSet: 'STANDARD', lastUpdatedTime: now() });
    return E.right({ returnValue: true });
  };

  const listResources: RamOperation = async (caller, _query, body) => {
    const m = asMembers(body);
    if (E.isLeft(m)) return m;
    const owner = resourceOwnerOf(m.right);
    if (E.isLeft(owner)) return owner;
    const type = optionalString(m.right, 'resourceType');
    if (E.isLeft(type)) return type;
    if (type.right !== undefined && !/^[a-z0-9-]+:[A-Za-z0-9-]+$/.test(type.right)) {
      return fail('InvalidResourceTypeException', `${type.right} is not a valid resource type.`);
    }
    const arns = stringList(m.right, 'resourceArns');
    if (E.isLeft(arns)) return arns;
    const shareArns = stringList(m.right, 'resourceShareArns');
    if (E.isLeft(shareArns)) return shareArns;
    const bad = shareArns.right?.find((a) => !RAM_SHARE_ARN.test(a));
    if (bad !== undefined) return fail('MalformedArnException', `The ARN ${bad} is malformed.`);
    const principal = optionalString(m.right, 'principal');
    if (E.isLeft(principal)) return principal;
    const scope = optionalString(m.right, 'resourceRegionScope');
    if (E.isLeft(scope)) return scope;
    const p = pageOf(m.right);
    if (E.isLeft(p)) return p;
    const selected = (await visible(caller, owner.right)).filter(
      (s) =>
        s.status === 'ACTIVE' &&
        (type.right === undefined || type.right.toLowerCase() === PARAMETER_TYPE.toLowerCase()) &&
        (scope.right === undefined || scope.right !== 'GLOBAL') &&
        (arns.right === undefined || arns.right.includes(s.resourceArn)) &&
        (shareArns.right === undefined || shareArns.right.includes(s.resourceShareArn)),
    );
    const filtered: ResourceShare[] = [];
    for (const s of selected) {
      // `principal` (an account id) keeps the resources shared with that account's root, not the caller's identity.
      if (
        principal.right === undefined ||
        (await sharedWith(
          { partition: caller.partition, region: caller.region, account: principal.right },
          s,
          CONSUMER_ACTION,
        ))
      )
        filtered.push(s);
    }
    const { items, nextToken } = page(filtered, p.right);
    return E.right({
      resources: items.map(resourceShape),
      ...(nextToken === undefined ? {} : { nextToken }),
    });
  };

  const routes = new Map<string, RamOperation>([
    ['/getresourceshares', getResourceShares],
    ['/promoteresourcesharecreatedfrompolicy', promote],
    ['/listresources', listResources],
  ]);
  return { route: (method, pathname) => (method === 'POST' ? routes.get(pathname) : undefined) };
};
