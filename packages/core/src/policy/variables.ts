/**
 * Policy variables and wildcards (rules A2, A3): a `Resource` or condition value such as
 * `arn:aws:ssm:*:*:parameter/${aws:PrincipalAccount}/${aws:username}/*` becomes a regular expression in which a
 * variable's value is literal text. In a `Resource`, a variable is read only in the ARN's last part, after its
 * fifth colon; in its first five fields `${…}` is literal text, as IAM reads it. Variables are read only in documents of `Version` `2012-10-17`; in
 * `2008-10-17` (or without a `Version`) `${…}` is literal text. `${*}`, `${?}` and `${$}` are the literal
 * characters; `${key, 'default'}` gives a default for a missing key. A missing key without a default, or a
 * multivalued one, makes the pattern match nothing.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { globSource } from './variables.js';
 * const lookup = (k: string) => (k === 'aws:username' ? 'alice' : undefined);
 * assert.match('home/alice/x', new RegExp(`^${globSource('home/${aws:username}/*', true, lookup, false)}$`));
 *
 * @since 0.2.0
 * @category policy
 */

/**
 * A context key's value(s), by key name compared case-insensitively: the caller passes the name lower-cased,
 * and may pass it as written too (a faster first try).
 *
 * @category policy
 * @since 0.2.0
 */
export type ContextLookup = (
  lowerKey: string,
  written?: string,
) => string | ReadonlyArray<string> | undefined;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

const VARIABLE = /^\$\{\s*([^,}]+?)\s*(?:,\s*'([^']*)'\s*)?\}/;

/**
 * Whether the text has something that a glob must treat specially.
 *
 * @category policy
 * @since 0.2.0
 */
export const hasVariables = (pattern: string): boolean => pattern.includes('${');

/**
 * The regular expression source of a glob pattern (`*`, `?`), or undefined when a variable has no value.
 * With `arnFields`, wildcards in the first five colon-separated fields of an ARN do not match a colon, and
 * `${…}` there is literal text (IAM reads a variable only in the ARN's last part).
 *
 * @category policy
 * @since 0.2.0
 */
export const globSource = (
  pattern: string,
  variables: boolean,
  lookup: ContextLookup | undefined,
  arnFields: boolean,
): string | undefined => {
  let out = '';
  let colons = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    // In an ARN, IAM reads variables only in the last (resource) field.
    if (variables && c === '$' && pattern[i + 1] === '{' && !(arnFields && colons < 5)) {
      const m = VARIABLE.exec(pattern.slice(i));
      if (m !== null) {
        const key = m[1]!;
        let value: string | undefined;
        if (key === '*' || key === '?' || key === '$') value = key;
        else {
          const v = lookup?.(key.toLowerCase());
          value = typeof v === 'string' ? v : m[2];
        }
        if (value === undefined) return undefined;
        out += escape(value);
        i += m[0].length - 1;
        continue;
      }
    }
    const inFields = arnFields && colons < 5;
    if (c === '*') out += inFields ? '[^:]*' : '[\\s\\S]*';
    else if (c === '?') out += inFields ? '[^:]' : '[\\s\\S]';
    else {
      if (c === ':') colons++;
      out += escape(c);
    }
  }
  return out;
};

/**
 * A variable-free text with variables replaced (equality operators), or undefined when one has no value.
 *
 * @category policy
 * @since 0.2.0
 */
export const substitute = (text: string, lookup: ContextLookup): string | undefined => {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('${', i);
    if (at < 0) return out + text.slice(i);
    out += text.slice(i, at);
    const m = VARIABLE.exec(text.slice(at));
    if (m === null) {
      out += '${';
      i = at + 2;
      continue;
    }
    const key = m[1]!;
    let value: string | undefined;
    if (key === '*' || key === '?' || key === '$') value = key;
    else {
      const v = lookup(key.toLowerCase());
      value = typeof v === 'string' ? v : m[2];
    }
    if (value === undefined) return undefined;
    out += value;
    i = at + m[0].length;
  }
  return out;
};
