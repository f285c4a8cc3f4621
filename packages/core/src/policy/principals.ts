/**
 * Who is asking (rules A2, A4): a request's principal ARN read into its partition, account and kind, the
 * context keys IAM derives from it, and whether a `Principal`/`NotPrincipal` element names it. An account
 * (`111122223333` or `arn:aws:iam::111122223333:root`) names every principal of that account; a role ARN names
 * the role and its assumed-role sessions; `*` names everyone; an IAM unique id names only the entity whose
 * `aws:userid` carries it.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { principalMatches, readCaller } from './principals.js';
 * const caller = readCaller('arn:aws:sts::111122223333:assumed-role/Reader/s1');
 * assert.equal(principalMatches({ kind: 'Keys', keys: { AWS: ['arn:aws:iam::111122223333:role/team/Reader'] } }, caller, undefined), true);
 *
 * @since 0.2.0
 * @category policy
 */
import type { PrincipalElement } from './document.js';
import type { ContextLookup } from './variables.js';

/**
 * A request's principal as IAM reads it.
 *
 * @category policy
 * @since 0.2.0
 */
export interface Caller {
  readonly arn: string;
  readonly partition: string | undefined;
  readonly account: string | undefined;
  readonly kind: 'Account' | 'User' | 'Role' | 'AssumedRole' | 'FederatedUser' | 'Other';
  /** The role of a role or an assumed-role session (its name, without path). */
  readonly roleName?: string;
  /** `aws:PrincipalArn`: the role's ARN for an assumed-role session (IAM drops the session). */
  readonly principalArn: string;
  /** `aws:username`, for IAM users. */
  readonly userName?: string;
  /** `<partition>:<account>`, and for a role or session `<partition>:<account>:<role name>`: set lookups. */
  readonly accountKey: string;
  readonly roleKey?: string;
}

const IAM_ARN = /^arn:([^:]+):(iam|sts)::(\d{12}):(.+)$/;

const callers = new Map<string, Caller>();
const MAX_CALLERS = 10_000;

/**
 * A4: a principal ARN → the caller (read once per ARN). Anything else is an `Other` caller of that name.
 *
 * @category policy
 * @since 0.2.0
 */
export const readCaller = (arn: string): Caller => {
  let caller = callers.get(arn);
  if (caller === undefined) {
    caller = parseCaller(arn);
    if (callers.size >= MAX_CALLERS) callers.clear();
    callers.set(arn, caller);
  }
  return caller;
};

const parseCaller = (arn: string): Caller => {
  const m = IAM_ARN.exec(arn);
  if (m === null) {
    return {
      arn,
      partition: undefined,
      account: undefined,
      kind: 'Other',
      principalArn: arn,
      accountKey: '',
    };
  }
  const [, partition, service, account, rest] = m as unknown as [string, string, string, string, string];
  const base = { arn, partition, account, principalArn: arn, accountKey: `${partition}:${account}` };
  if (service === 'iam') {
    if (rest === 'root') return { ...base, kind: 'Account' };
    if (rest.startsWith('user/'))
      return { ...base, kind: 'User', userName: rest.slice(rest.lastIndexOf('/') + 1) };
    if (rest.startsWith('role/')) {
      const roleName = rest.slice(rest.lastIndexOf('/') + 1);
      return { ...base, kind: 'Role', roleName, roleKey: `${base.accountKey}:${roleName}` };
    }
    return { ...base, kind: 'Other' };
  }
  if (rest.startsWith('assumed-role/')) {
    const parts = rest.split('/');
    const roleName = parts[1] ?? '';
    return {
      ...base,
      kind: 'AssumedRole',
      roleName,
      roleKey: `${base.accountKey}:${roleName}`,
      principalArn: `arn:${partition}:iam::${account}:role/${roleName}`,
    };
  }
  if (rest.startsWith('federated-user/')) return { ...base, kind: 'FederatedUser' };
  return { ...base, kind: 'Other' };
};

/**
 * A4: `aws:PrincipalType` as IAM writes it.
 *
 * @category policy
 * @since 0.2.0
 */
export const principalType = (caller: Caller): string | undefined =>
  caller.kind === 'Other' ? undefined : caller.kind;

const ACCOUNT_ID = /^\d{12}$/;
const ROOT = /^arn:([^:]+):iam::(\d{12}):root$/;
const ROLE = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

/** A2: one `AWS` principal value against the caller (`userId` is the request's `aws:userid`, if any). */
const awsValueMatches = (value: string, caller: Caller, userId: string | undefined): boolean => {
  if (value === '*') return true;
  if (ACCOUNT_ID.test(value)) return value === caller.account;
  if (value.startsWith('AIDA') || value.startsWith('AROA')) {
    return userId !== undefined && (userId === value || userId.startsWith(`${value}:`));
  }
  if (value === caller.arn) return true;
  const root = ROOT.exec(value);
  if (root !== null) return root[1] === caller.partition && root[2] === caller.account;
  if (caller.kind === 'AssumedRole' || caller.kind === 'Role') {
    const role = ROLE.exec(value);
    return (
      role !== null &&
      role[1] === caller.partition &&
      role[2] === caller.account &&
      role[3] === caller.roleName
    );
  }
  return false;
};

/**
 * A2: whether a `Principal` element names the caller (for `NotPrincipal`, the statement applies when not).
 *
 * @category policy
 * @since 0.2.0
 */
export const principalMatches = (
  element: PrincipalElement,
  caller: Caller,
  userId: string | undefined,
): boolean => {
  if (element.kind === 'Everyone') return true;
  const { AWS, Service, Federated, CanonicalUser } = element.keys;
  if (AWS !== undefined && caller.kind !== 'Other' && AWS.some((v) => awsValueMatches(v, caller, userId))) {
    return true;
  }
  // A service, web-identity or canonical-user caller is named by its own name.
  for (const names of [Service, Federated, CanonicalUser]) {
    if (names !== undefined && names.includes(caller.arn)) return true;
  }
  return false;
};

/**
 * A `Principal`/`NotPrincipal` element made ready for many requests: does it name this caller?
 *
 * @category policy
 * @since 0.2.0
 */
export type PrincipalTest = (caller: Caller, lookup: ContextLookup) => boolean;

/**
 * A2: the same answer as `principalMatches`, with the element's values sorted into sets once.
 *
 * @category policy
 * @since 0.2.0
 */
export const compilePrincipal = (element: PrincipalElement): PrincipalTest => {
  if (element.kind === 'Everyone') return () => true;
  const { AWS = [], Service = [], Federated = [], CanonicalUser = [] } = element.keys;
  if (AWS.includes('*')) return (caller) => caller.kind !== 'Other' || Service.includes(caller.arn);
  const accounts = new Set<string>();
  const exact = new Set<string>();
  const roles = new Set<string>();
  const uniqueIds: string[] = [];
  for (const v of AWS) {
    if (ACCOUNT_ID.test(v)) accounts.add(v);
    else if (v.startsWith('AIDA') || v.startsWith('AROA')) uniqueIds.push(v);
    else {
      exact.add(v);
      const root = ROOT.exec(v);
      if (root !== null) exact.add(`${root[1]}:${root[2]}`);
      const role = ROLE.exec(v);
      if (role !== null) roles.add(`${role[1]}:${role[2]}:${role[3]}`);
    }
  }
  const names = new Set([...Service, ...Federated, ...CanonicalUser]);
  return (caller, lookup) => {
    if (caller.kind === 'Other') return names.has(caller.arn);
    if (accounts.has(caller.account!) || exact.has(caller.arn)) return true;
    if (exact.has(caller.accountKey)) return true;
    if ((caller.kind === 'AssumedRole' || caller.kind === 'Role') && roles.size > 0) {
      if (roles.has(caller.roleKey!)) return true;
    }
    if (uniqueIds.length > 0) {
      const id = lookup('aws:userid', 'aws:userid');
      if (typeof id === 'string' && uniqueIds.some((u) => id === u || id.startsWith(`${u}:`))) return true;
    }
    return names.has(caller.arn);
  };
};

const chains = new WeakMap<Caller, ReadonlyArray<Caller>>();

/**
 * The entities IAM checks, one after another, when a `NotPrincipal` is evaluated: the account, then (for a
 * session) the role, then the caller. IAM User Guide: "AWS might validate the account first and then the user.
 * If an assumed-role user is being evaluated, AWS might validate the account first, then the role, and then
 * the assumed-role user."
 *
 * @category policy
 * @since 0.2.0
 */
export const principalChain = (caller: Caller): ReadonlyArray<Caller> => {
  let chain = chains.get(caller);
  if (chain === undefined) {
    const { partition, account } = caller;
    const root = `arn:${partition}:iam::${account}:root`;
    chain =
      caller.kind === 'Other' || caller.kind === 'Account'
        ? [caller]
        : caller.kind === 'AssumedRole'
          ? [readCaller(root), readCaller(caller.principalArn), caller]
          : [readCaller(root), caller];
    chains.set(caller, chain);
  }
  return chain;
};

/**
 * A2: whether a `NotPrincipal` element excludes the caller: only when it names every entity of the caller's
 * chain (an account names all of its principals, a role its sessions). Naming a user without its account
 * leaves the account unnamed, and the statement applies (IAM: "you must also specify the account ARN of the
 * principal that isn't denied").
 *
 * @category policy
 * @since 0.2.0
 */
export const compileNotPrincipal = (element: PrincipalElement): PrincipalTest => {
  const names = compilePrincipal(element);
  return (caller, lookup) => principalChain(caller).every((c) => names(c, lookup));
};
