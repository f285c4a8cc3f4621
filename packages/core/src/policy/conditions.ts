/**
 * Condition operators (rule A3): every IAM operator, the `IfExists` suffix, `ForAllValues:`/`ForAnyValue:` on
 * multivalued keys, several values of one key as OR, policy variables in string and ARN values. A key missing
 * from the request makes a condition false, except with a negated operator (`StringNotEquals`, `NotIpAddress`,
 * …: true), `IfExists` (true), `ForAllValues:` (true) and `Null` ("is it missing?"); `ForAnyValue:` with a
 * missing key is false, with `IfExists` too.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { conditionHolds } from './conditions.js';
 * const entry = { operator: 'StringLike', base: 'StringLike', set: undefined, ifExists: false, key: 'aws:username', values: ['a*'] };
 * assert.equal(conditionHolds(entry, (k) => (k === 'aws:username' ? 'alice' : undefined), true), true);
 *
 * @since 0.2.0
 * @category policy
 */
import type { ConditionEntry } from './document.js';
import { resourceMatches, stringLikeMatches } from './matching.js';
import { hasVariables, substitute, type ContextLookup } from './variables.js';

/** A negated operator → the operator it negates. */
const NEGATED: ReadonlyMap<string, string> = new Map([
  ['StringNotEquals', 'StringEquals'],
  ['StringNotEqualsIgnoreCase', 'StringEqualsIgnoreCase'],
  ['StringNotLike', 'StringLike'],
  ['NumericNotEquals', 'NumericEquals'],
  ['DateNotEquals', 'DateEquals'],
  ['NotIpAddress', 'IpAddress'],
  ['ArnNotEquals', 'ArnEquals'],
  ['ArnNotLike', 'ArnLike'],
]);

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const toNumber = (s: string): number => (NUMBER.test(s.trim()) ? Number(s) : NaN);

/** ISO 8601, or seconds since the epoch (as `aws:EpochTime` is), in milliseconds. */
const toDate = (s: string): number => {
  const v = s.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  return /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v) : NaN;
};

// -------------------------------------------------------------------------------------------------
// IP addresses
// -------------------------------------------------------------------------------------------------

interface Ip {
  readonly bits: 32 | 128;
  readonly value: bigint;
}

const parseIpv4 = (s: string): bigint | undefined => {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    v = (v << 8n) | BigInt(Number(p));
  }
  return v;
};

const parseIpv6 = (s: string): bigint | undefined => {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): string[] | undefined => {
    if (h === '') return [];
    const gs = h.split(':');
    const last = gs[gs.length - 1]!;
    if (last.includes('.')) {
      const v4 = parseIpv4(last);
      if (v4 === undefined) return undefined;
      gs.splice(gs.length - 1, 1, ((v4 >> 16n) & 0xffffn).toString(16), (v4 & 0xffffn).toString(16));
    }
    return gs.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g)) ? gs : undefined;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let v = 0n;
  for (const g of [...head, ...Array<string>(missing).fill('0'), ...tail])
    v = (v << 16n) | BigInt(parseInt(g, 16));
  return v;
};

const parseIp = (s: string): Ip | undefined => {
  const v4 = parseIpv4(s);
  if (v4 !== undefined) return { bits: 32, value: v4 };
  const v6 = parseIpv6(s);
  return v6 === undefined ? undefined : { bits: 128, value: v6 };
};

/**
 * `IpAddress`: an address in a CIDR block (an address alone is its own /32 or /128).
 *
 * @category policy
 * @since 0.2.0
 */
export const ipInRange = (address: string, cidr: string): boolean => {
  const ip = parseIp(address.trim());
  const [net, prefixText, ...extra] = cidr.trim().split('/');
  const block = parseIp(net ?? '');
  if (ip === undefined || block === undefined || extra.length > 0 || ip.bits !== block.bits) return false;
  const prefix =
    prefixText === undefined ? block.bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= block.bits)) return false;
  const shift = BigInt(block.bits - prefix);
  return ip.value >> shift === block.value >> shift;
};

// -------------------------------------------------------------------------------------------------
// one value against one value
// -------------------------------------------------------------------------------------------------

/** A positive operator: does the request's value `c` match the policy's value `p`? */
const valueMatches = (
  base: string,
  c: string,
  p: string,
  variables: boolean,
  lookup: ContextLookup,
): boolean => {
  switch (base) {
    case 'StringEquals': {
      const v = variables ? substitute(p, lookup) : p;
      return v !== undefined && c === v;
    }
    case 'StringEqualsIgnoreCase': {
      const v = variables ? substitute(p, lookup) : p;
      return v !== undefined && c.toLowerCase() === v.toLowerCase();
    }
    case 'StringLike':
      return stringLikeMatches(p, c, variables, lookup);
    case 'ArnEquals':
    case 'ArnLike':
      return resourceMatches(p, c, variables, lookup) && c.split(':').length >= 6;
    case 'NumericEquals':
      return toNumber(c) === toNumber(p);
    case 'NumericLessThan':
      return toNumber(c) < toNumber(p);
    case 'NumericLessThanEquals':
      return toNumber(c) <= toNumber(p);
    case 'NumericGreaterThan':
      return toNumber(c) > toNumber(p);
    case 'NumericGreaterThanEquals':
      return toNumber(c) >= toNumber(p);
    case 'DateEquals':
      return toDate(c) === toDate(p);
    case 'DateLessThan':
      return toDate(c) < toDate(p);
    case 'DateLessThanEquals':
      return toDate(c) <= toDate(p);
    case 'DateGreaterThan':
      return toDate(c) > toDate(p);
    case 'DateGreaterThanEquals':
      return toDate(c) >= toDate(p);
    case 'Bool':
      return c.toLowerCase() === p.toLowerCase();
    case 'BinaryEquals':
      return c === p;
    case 'IpAddress':
      return ipInRange(c, p);
    default:
      return false;
  }
};

/**
 * A3: whether one condition entry holds for the request. `lookup` takes a lower-cased key name;
 * `variables` says whether `${…}` is a policy variable.
 *
 * @since 0.2.0
 * @category policy
 */
export const conditionHolds = (
  entry: ConditionEntry,
  lookup: ContextLookup,
  variables: boolean,
  lowerKey: string = entry.key.toLowerCase(),
): boolean => {
  const raw = lookup(lowerKey, entry.key);
  if (entry.base === 'Null') {
    // A key present with an empty list of values is present (it is not null).
    const missing = raw === undefined;
    return entry.values.some((v) =>
      v.toLowerCase() === 'true' ? missing : v.toLowerCase() === 'false' && !missing,
    );
  }
  const positive = NEGATED.get(entry.base);
  const negated = positive !== undefined;
  if (raw === undefined) {
    // ForAnyValue with a missing key is false even with IfExists (as AWS answers it); ForAllValues is true.
    if (entry.set !== undefined) return entry.set === 'ForAllValues';
    return entry.ifExists || negated;
  }
  // A value whose variable has no value matches nothing; under a negated operator it makes the condition fail
  // (IAM: "If AWS cannot resolve a variable this might cause the entire statement to be invalid").
  if (
    negated &&
    variables &&
    entry.values.some((v) => hasVariables(v) && substitute(v, lookup) === undefined)
  ) {
    return false;
  }
  const base = positive ?? entry.base;
  const policyValues = entry.values;
  const anyPolicyValue = (c: string): boolean => {
    for (let i = 0; i < policyValues.length; i++) {
      if (valueMatches(base, c, policyValues[i]!, variables, lookup)) return true;
    }
    return false;
  };
  // The common case: one request value, no set operator.
  if (typeof raw === 'string' && entry.set === undefined) return anyPolicyValue(raw) !== negated;
  const cs: ReadonlyArray<string> = typeof raw === 'string' ? [raw] : raw;
  // A value "passes" when it matches one of the policy's values (or, negated, none of them).
  if (entry.set === 'ForAllValues') return cs.every((c) => anyPolicyValue(c) !== negated);
  if (entry.set === 'ForAnyValue') return cs.some((c) => anyPolicyValue(c) !== negated);
  // A plain operator on a multivalued value: positive if any value matches; negated if none does.
  return cs.some(anyPolicyValue) !== negated;
};
