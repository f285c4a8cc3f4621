/**
 * Matching of actions and resources (rule A2): actions case-insensitively with `*` and `?`; resources
 * case-sensitively with `*` and `?`, where a wildcard in one of an ARN's first five fields stays in that field;
 * `*` alone matches every resource. Patterns without variables compile once and are cached.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { actionMatches, resourceMatch } from './matching.js';
 * assert.equal(actionMatches('ssm:GetParameter*', 'ssm:getparametersbypath'), true);
 * assert.equal(resourceMatch('arn:aws:ssm:*:111122223333:parameter/app/*', 'arn:aws:ssm:us-east-1:111122223333:parameter/app/db', false, undefined), true);
 *
 * @since 0.2.0
 * @category policy
 */
import { globSource, hasVariables, type ContextLookup } from './variables.js';

const cache = new Map<string, RegExp>();
const MAX_CACHED = 10_000;

const compiled = (key: string, source: () => string, flags: string): RegExp => {
  let re = cache.get(key);
  if (re === undefined) {
    re = new RegExp(`^${source()}$`, flags);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, re);
  }
  return re;
};

const isGlob = (p: string): boolean => p.includes('*') || p.includes('?');

/**
 * A2: an `Action` pattern against an action name, case-insensitively.
 *
 * @category policy
 * @since 0.2.0
 */
export const actionMatches = (pattern: string, action: string): boolean => {
  if (pattern === '*') return true;
  if (!isGlob(pattern)) return pattern.toLowerCase() === action.toLowerCase();
  return compiled(`a\u0000${pattern}`, () => globSource(pattern, false, undefined, false)!, 'i').test(action);
};

/**
 * A2: a `Resource` pattern (or an `Arn*` condition value) against an ARN, case-sensitively; `variables` says
 * whether `${…}` is a policy variable (documents of `Version` `2012-10-17`). `undefined` when a variable has
 * no value: the pattern names nothing, and a `NotResource` statement holding it does not apply (IAM: "If AWS
 * cannot resolve a variable this might cause the entire statement to be invalid").
 *
 * @category policy
 * @since 0.2.0
 */
export const resourceMatch = (
  pattern: string,
  arn: string,
  variables: boolean,
  lookup: ContextLookup | undefined,
): boolean | undefined => {
  if (pattern === '*') return true;
  if (variables && hasVariables(pattern)) {
    const source = globSource(pattern, true, lookup, true);
    return source === undefined ? undefined : new RegExp(`^${source}$`).test(arn);
  }
  if (!isGlob(pattern)) return pattern === arn;
  return compiled(`r\u0000${pattern}`, () => globSource(pattern, false, undefined, true)!, '').test(arn);
};

/**
 * A3: an `Arn*` condition value against an ARN; a value whose variable has no value matches nothing.
 *
 * @category policy
 * @since 0.2.0
 */
export const resourceMatches = (
  pattern: string,
  arn: string,
  variables: boolean,
  lookup: ContextLookup | undefined,
): boolean => resourceMatch(pattern, arn, variables, lookup) === true;

/**
 * A3: a `StringLike` value against a context value: `*` and `?` match any characters, colons too.
 *
 * @category policy
 * @since 0.2.0
 */
export const stringLikeMatches = (
  pattern: string,
  value: string,
  variables: boolean,
  lookup: ContextLookup | undefined,
): boolean => {
  if (variables && hasVariables(pattern)) {
    const source = globSource(pattern, true, lookup, false);
    return source !== undefined && new RegExp(`^${source}$`).test(value);
  }
  if (!isGlob(pattern)) return pattern === value;
  return compiled(`s\u0000${pattern}`, () => globSource(pattern, false, undefined, false)!, '').test(value);
};
