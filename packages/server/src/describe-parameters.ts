/**
 * `DescribeParameters`: the caller's own parameters in its region, or with `Shared` the parameters other
 * accounts shared with it (rule A8), filtered by `ParameterFilters` (and the deprecated `Filters`), one page of
 * `MaxResults` (1..50, default 50) at a time with an opaque `NextToken`.
 *
 * A8: a parameter shared by a policy is listed for a consumer only once its owner promoted the share
 * (`PromoteResourceShareCreatedFromPolicy`), unless the profile's `listSharedBeforePromotion` says otherwise,
 * and only while the owner's policies allow the consumer `ssm:DescribeParameters`. Reads by ARN
 * (`GetParameter`) do not wait for promotion.
 *
 * Filters: `Name` (`Equals`, `BeginsWith`, `Contains`), `Type`, `KeyId`, `Tier`, `DataType` (`Equals`,
 * `BeginsWith`), `Path` (`OneLevel`, `Recursive`), `tag:<key>` (the emulator keeps no tags: nothing matches).
 * `Label` is `InvalidFilterKey`, as the model says it is not valid here; a wrong option is
 * `InvalidFilterOption`, a filter without values `InvalidFilterValue`. The deprecated `Filters` keys `Name`
 * (begins with), `Type` and `KeyId` (equals) are honoured too. The listing comes from the store's
 * `listParameters` (or the memory store's `snapshot`); a store with neither does not serve the operation.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { defaultProfile, makeCaller } from '@ssm-policy/core';
 * import {
 *   createMemoryResourceShareStore, createParameterStore, decodeDescribeParametersRequest, describeParameters, parameterListingOf,
 * } from '@ssm-policy/server';
 * const store = createParameterStore();
 * for (const name of ['/app/a', '/app/b', '/other/c']) {
 *   await store.save(`arn:aws:ssm:us-east-1:111111111111:parameter${name}`, {
 *     Name: name, Type: 'String', Tier: 'Standard', Value: 'x', Version: 1, LastModifiedDate: new Date(), DataType: 'text', Incarnation: '1',
 *   })();
 * }
 * const describe = describeParameters({
 *   listing: parameterListingOf(store)!,
 *   shares: createMemoryResourceShareStore(),
 *   sharedWith: async () => false,
 *   profile: defaultProfile,
 * });
 * const owner = makeCaller({ account: '111111111111', region: 'us-east-1' });
 * const request = decodeDescribeParametersRequest({ ParameterFilters: [{ Key: 'Path', Values: ['/app'] }], MaxResults: 1 });
 * assert.ok(request._tag === 'Right');
 * const first = await describe(owner, request.right)();
 * assert.ok(first._tag === 'Right' && first.right.NextToken !== undefined);
 * assert.deepEqual(first.right.Parameters.map((p) => p.Name), ['/app/a']);
 * const second = await describe(owner, { ...request.right, NextToken: first.right.NextToken })();
 * assert.ok(second._tag === 'Right' && second.right.NextToken === undefined);
 * assert.deepEqual(second.right.Parameters.map((p) => p.Name), ['/app/b']);
 * // V: a page larger than 50 is refused in the model's words.
 * const tooLarge = decodeDescribeParametersRequest({ MaxResults: 51 });
 * assert.ok(tooLarge._tag === 'Left' && tooLarge.left._tag === 'ValidationException');
 *
 * @since 0.3.0
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import {
  listedForConsumers,
  serializationException,
  validationException,
  type BehaviourProfile,
  type Caller,
  type SerializationException,
  type ValidationException,
} from '@ssm-policy/core';
import type { StoredParameter } from './parameter-store.js';
import type { ResourceShareStore } from './resource-share-store.js';
import type { SharedWith } from './shared-with.js';

// -------------------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------------------

/**
 * @since 0.3.0
 * @category DescribeParameters
 */
export interface ParameterStringFilter {
  readonly Key: string;
  readonly Option?: string;
  readonly Values?: ReadonlyArray<string>;
}

/**
 * @since 0.3.0
 * @category DescribeParameters
 */
export interface DescribeParametersRequest {
  readonly ParameterFilters: ReadonlyArray<ParameterStringFilter>;
  readonly MaxResults?: number;
  readonly NextToken?: string;
  readonly Shared: boolean;
}

/**
 * The port a store offers to be listed; async, so that a remote store can implement it.
 *
 * @since 0.3.0
 * @category DescribeParameters
 */
export interface ParameterListing {
  /** Every parameter, by canonical ARN. */
  listParameters(): Promise<Iterable<readonly [string, StoredParameter]>>;
}

interface InvalidFilterKey {
  readonly _tag: 'InvalidFilterKey';
  readonly message: string;
  readonly fault: 'client';
}
interface InvalidFilterOption {
  readonly _tag: 'InvalidFilterOption';
  readonly message: string;
  readonly fault: 'client';
}
interface InvalidFilterValue {
  readonly _tag: 'InvalidFilterValue';
  readonly message: string;
  readonly fault: 'client';
}
interface InvalidNextToken {
  readonly _tag: 'InvalidNextToken';
  readonly message: string;
  readonly fault: 'client';
}

/**
 * What `DescribeParameters` refuses with, as SSM names it.
 *
 * @since 0.3.0
 * @category DescribeParameters
 */
export type DescribeParametersError =
  | SerializationException
  | ValidationException
  | InvalidFilterKey
  | InvalidFilterOption
  | InvalidFilterValue
  | InvalidNextToken;

const invalidFilterKey = (key: string): InvalidFilterKey => ({
  _tag: 'InvalidFilterKey',
  fault: 'client',
  message: `The filter key ${key} is not valid for DescribeParameters.`,
});
const invalidFilterOption = (
  key: string,
  option: string,
  valid: ReadonlyArray<string>,
): InvalidFilterOption => ({
  _tag: 'InvalidFilterOption',
  fault: 'client',
  message: `The option ${option} is not valid for the filter ${key}. Valid options are ${valid.join(', ')}.`,
});
const invalidFilterValue = (key: string): InvalidFilterValue => ({
  _tag: 'InvalidFilterValue',
  fault: 'client',
  message: `The filter ${key} needs at least one value.`,
});
const invalidNextToken: InvalidNextToken = {
  _tag: 'InvalidNextToken',
  fault: 'client',
  message: 'The specified token is not valid.',
};

// -------------------------------------------------------------------------------------------------
// decode (W4, V)
// -------------------------------------------------------------------------------------------------

const isObject = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string');
const absent = (v: unknown): boolean => v === undefined || v === null;

const KEY_PATTERN = /^(tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType)$/;
const LEGACY_KEYS = ['Name', 'Type', 'KeyId'];

const notSerializable = (member: string) =>
  E.left(serializationException(`The member ${member} does not have the type the model gives it.`));

/**
 * W4 (types), V (model constraints, V5 wording), then the legacy `Filters` folded into `ParameterFilters`.
 *
 * @since 0.3.0
 * @category DescribeParameters
 */
export const decodeDescribeParametersRequest = (
  body: unknown,
): E.Either<SerializationException | ValidationException, DescribeParametersRequest> => {
  if (!isObject(body)) return E.left(serializationException('The request body must be a JSON object.'));
  const { ParameterFilters, Filters, MaxResults, NextToken, Shared } = body;
  if (!absent(ParameterFilters) && !Array.isArray(ParameterFilters))
    return notSerializable('ParameterFilters');
  if (!absent(Filters) && !Array.isArray(Filters)) return notSerializable('Filters');
  if (!absent(MaxResults) && typeof MaxResults !== 'number') return notSerializable('MaxResults');
  if (!absent(NextToken) && typeof NextToken !== 'string') return notSerializable('NextToken');
  if (!absent(Shared) && typeof Shared !== 'boolean') return notSerializable('Shared');
  const filters: ParameterStringFilter[] = [];
  const violations: string[] = [];
  for (const f of (ParameterFilters as unknown[] | undefined) ?? []) {
    if (!isObject(f)) return notSerializable('ParameterFilters');
    const { Key, Option, Values } = f;
    if (typeof Key !== 'string' || (!absent(Option) && typeof Option !== 'string')) {
      return notSerializable('ParameterFilters');
    }
    if (!absent(Values) && !isStringArray(Values)) return notSerializable('ParameterFilters');
    if (!KEY_PATTERN.test(Key) || Key.length > 132) {
      violations.push(
        `Value '${Key}' at 'parameterFilters.${filters.length + 1}.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType`,
      );
    }
    filters.push({
      Key,
      ...(typeof Option === 'string' ? { Option } : {}),
      ...(isStringArray(Values) ? { Values } : {}),
    });
  }
  for (const f of (Filters as unknown[] | undefined) ?? []) {
    if (!isObject(f) || typeof f['Key'] !== 'string' || !isStringArray(f['Values'])) {
      return notSerializable('Filters');
    }
    if (!LEGACY_KEYS.includes(f['Key'])) {
      violations.push(
        `Value '${f['Key']}' at 'filters.1.member.key' failed to satisfy constraint: Member must satisfy enum value set: [${LEGACY_KEYS.join(', ')}]`,
      );
    }
    filters.push({
      Key: f['Key'],
      Option: f['Key'] === 'Name' ? 'BeginsWith' : 'Equals',
      Values: f['Values'],
    });
  }
  if (typeof MaxResults === 'number') {
    if (!Number.isInteger(MaxResults) || MaxResults < 1) {
      violations.push(
        `Value '${MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1`,
      );
    } else if (MaxResults > 50) {
      violations.push(
        `Value '${MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50`,
      );
    }
  }
  if (violations.length > 0) {
    const n = violations.length;
    return E.left(
      validationException(`${n} validation error${n === 1 ? '' : 's'} detected: ${violations.join('; ')}`),
    );
  }
  return E.right({
    ParameterFilters: filters,
    ...(typeof MaxResults === 'number' ? { MaxResults } : {}),
    ...(typeof NextToken === 'string' ? { NextToken } : {}),
    Shared: Shared === true,
  });
};

// -------------------------------------------------------------------------------------------------
// filters (pure)
// -------------------------------------------------------------------------------------------------

type Matcher = (p: StoredParameter) => boolean;

const stringMatch = (option: string, values: ReadonlyArray<string>, actual: string | undefined): boolean =>
  actual !== undefined &&
  values.some((v) =>
    option === 'BeginsWith'
      ? actual.startsWith(v)
      : option === 'Contains'
        ? actual.includes(v)
        : actual === v,
  );

/** The parent path of a name: `/a/b/c` → `/a/b`; a name outside any hierarchy has `/`. */
const parentPath = (name: string): string => {
  const i = name.lastIndexOf('/');
  return i <= 0 ? '/' : name.slice(0, i);
};

const trimSlash = (path: string): string =>
  path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;

/**
 * One filter → a matcher, or the error AWS names for it.
 *
 * @since 0.3.0
 * @category DescribeParameters
 */
export const compileFilter = (f: ParameterStringFilter): E.Either<DescribeParametersError, Matcher> => {
  if (f.Key === 'Label') return E.left(invalidFilterKey(f.Key));
  const values = f.Values ?? [];
  if (f.Key.startsWith('tag:')) return E.right(() => false); // no tags are kept
  if (values.length === 0) return E.left(invalidFilterValue(f.Key));
  if (f.Key === 'Path') {
    const option = f.Option ?? 'OneLevel';
    if (option !== 'OneLevel' && option !== 'Recursive') {
      return E.left(invalidFilterOption(f.Key, option, ['Recursive', 'OneLevel']));
    }
    const paths = values.map(trimSlash);
    return E.right((p) =>
      paths.some((path) =>
        option === 'OneLevel'
          ? parentPath(p.Name) === path
          : p.Name.startsWith(path === '/' ? '/' : `${path}/`),
      ),
    );
  }
  const valid = f.Key === 'Name' ? ['Equals', 'BeginsWith', 'Contains'] : ['Equals', 'BeginsWith'];
  const option = f.Option ?? 'Equals';
  if (!valid.includes(option)) return E.left(invalidFilterOption(f.Key, option, valid));
  const field = (p: StoredParameter): string | undefined =>
    f.Key === 'Name'
      ? p.Name
      : f.Key === 'Type'
        ? p.Type
        : f.Key === 'KeyId'
          ? p.KeyId
          : f.Key === 'Tier'
            ? p.Tier
            : p.DataType;
  return E.right((p) => stringMatch(option, values, field(p)));
};

// -------------------------------------------------------------------------------------------------
// paging: the token is the sort key of the last parameter of the page, and which listing it belongs to
// -------------------------------------------------------------------------------------------------

const sortKey = (name: string, arn: string): string => `${name}\u0000${arn}`;

const encodeToken = (shared: boolean, key: string): string =>
  Buffer.from(JSON.stringify([shared ? 's' : 'o', key])).toString('base64url');

const decodeToken = (token: string, shared: boolean): string | undefined => {
  try {
    const v: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return Array.isArray(v) && v.length === 2 && v[0] === (shared ? 's' : 'o') && typeof v[1] === 'string'
      ? v[1]
      : undefined;
  } catch {
    return undefined;
  }
};

// -------------------------------------------------------------------------------------------------
// the command
// -------------------------------------------------------------------------------------------------

/**
 * @since 0.3.0
 * @category DescribeParameters
 */
export interface ParameterMetadata {
  readonly Name: string;
  readonly ARN: string;
  readonly Type: string;
  readonly KeyId?: string;
  readonly LastModifiedDate: number;
  readonly Description?: string;
  readonly Version: number;
  readonly Tier: string;
  readonly Policies: ReadonlyArray<never>;
  readonly DataType: string;
}

/**
 * One page of parameters, and the token of the next when there is one.
 *
 * @since 0.3.0
 * @category DescribeParameters
 */
export interface DescribeParametersResponse {
  readonly Parameters: ReadonlyArray<ParameterMetadata>;
  readonly NextToken?: string;
}

/**
 * The listing, the share store and the sharing question (for `Shared`), and the profile (A8's choice).
 *
 * @since 0.3.0
 * @category DescribeParameters
 */
export interface DescribeParametersDependencies {
  readonly listing: ParameterListing;
  readonly shares: ResourceShareStore;
  readonly sharedWith: SharedWith;
  readonly profile: BehaviourProfile;
}

/**
 * The listing a parameter store offers: its own `listParameters`, or the memory store's `snapshot`.
 *
 * @since 0.3.0
 * @category DescribeParameters
 */
export const parameterListingOf = (store: object): ParameterListing | undefined => {
  const s = store as Partial<ParameterListing> & {
    snapshot?: () => ReadonlyMap<string, StoredParameter>;
  };
  if (typeof s.listParameters === 'function') return s as ParameterListing;
  const snapshot = s.snapshot;
  return typeof snapshot === 'function' ? { listParameters: async () => snapshot.call(s) } : undefined;
};

const metadataOf = (arn: string, p: StoredParameter): ParameterMetadata => ({
  Name: p.Name,
  ARN: arn,
  Type: p.Type,
  ...(p.KeyId === undefined ? {} : { KeyId: p.KeyId }),
  LastModifiedDate: p.LastModifiedDate.getTime() / 1000,
  ...(p.Description === undefined ? {} : { Description: p.Description }),
  Version: p.Version,
  Tier: p.Tier,
  Policies: [],
  DataType: p.DataType,
});

const DEFAULT_PAGE = 50;

/**
 * The command: one page of the caller's own parameters, or of those shared with it (`Shared`).
 *
 * @since 0.3.0
 * @category DescribeParameters
 */
export const describeParameters =
  (deps: DescribeParametersDependencies) =>
  (
    caller: Caller,
    request: DescribeParametersRequest,
  ): TE.TaskEither<DescribeParametersError, DescribeParametersResponse> =>
  async () => {
    const matchers: Matcher[] = [];
    for (const f of request.ParameterFilters) {
      const m = compileFilter(f);
      if (E.isLeft(m)) return m;
      matchers.push(m.right);
    }
    let after: string | undefined;
    if (request.NextToken !== undefined) {
      after = decodeToken(request.NextToken, request.Shared);
      if (after === undefined) return E.left(invalidNextToken);
    }
    const scope = `arn:${caller.partition}:ssm:${caller.region}:`;
    const own = `${scope}${caller.account}:parameter/`;
    const all = new Map(await deps.listing.listParameters());
    const candidates: Array<readonly [string, StoredParameter]> = [];
    if (!request.Shared) {
      for (const [arn, p] of all) if (arn.startsWith(own)) candidates.push([arn, p]);
    } else {
      for (const share of await deps.shares.activeNotOwnedBy(caller.account)) {
        const p = all.get(share.resourceArn);
        if (
          p !== undefined &&
          share.resourceArn.startsWith(scope) &&
          listedForConsumers(share, deps.profile) &&
          (await deps.sharedWith(caller, share, 'ssm:DescribeParameters'))
        )
          candidates.push([share.resourceArn, p]);
      }
    }
    const selected = candidates
      .filter(([, p]) => matchers.every((m) => m(p)))
      .map(([arn, p]) => ({ key: sortKey(p.Name, arn), arn, p }))
      .filter((e) => after === undefined || e.key > after)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const size = request.MaxResults ?? DEFAULT_PAGE;
    const pageItems = selected.slice(0, size);
    const last = pageItems[pageItems.length - 1];
    return E.right({
      Parameters: pageItems.map((e) => metadataOf(e.arn, e.p)),
      ...(selected.length > size && last !== undefined
        ? { NextToken: encodeToken(request.Shared, last.key) }
        : {}),
    });
  };
