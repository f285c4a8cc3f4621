/**
 * The IAM JSON policy grammar (rule P3): from a policy's text to a typed `PolicyDocument`, or a
 * `MalformedResourcePolicyDocumentException` whose message names the element at fault, e.g.
 * `Statement[1].Condition.StringEquls: unknown condition operator`. The element shapes and the rules between
 * elements (exactly one of `Action`/`NotAction`, …) are checked here in one walk of the parsed JSON, with plain
 * type tests and loops: this runs on every PutResourcePolicy, and io-ts's `is` or an Either per value cost more
 * than the checks themselves. This is the only reading of a policy's JSON: PutResourcePolicy's rules and the
 * access evaluator both take its result.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { parsePolicy } from '@ssm-policy/core';
 * const bad = parsePolicy('{"Statement":[{"Effect":"Allow","Principal":"*","Action":"ssm:GetParameter","Resource":"*","Condition":{"StringEquls":{"aws:username":"a"}}}]}');
 * assert.ok(bad._tag === 'Left' && bad.left._tag === 'MalformedResourcePolicyDocumentException');
 * assert.equal(
 *   bad.left.message,
 *   'The specified policy document is malformed or invalid: Statement[0].Condition.StringEquls: unknown condition operator',
 * );
 *
 * @since 0.2.0
 * @category policy
 */
import * as E from 'fp-ts/lib/Either.js';
import { malformedResourcePolicyDocument, type MalformedResourcePolicyDocumentException } from '../errors.js';
import type {
  ConditionEntry,
  ConditionSet,
  PolicyDocument,
  PolicyStatement,
  PolicyVersion,
  PrincipalElement,
  PrincipalKey,
} from './document.js';

type Parsed<A> = E.Either<MalformedResourcePolicyDocumentException, A>;

/**
 * The element a message names, then why: `Statement[0].Effect: must be "Allow" or "Deny"`.
 *
 * @category policy
 * @since 0.2.0
 */
export const malformedAt = (path: string, why: string): MalformedResourcePolicyDocumentException =>
  malformedResourcePolicyDocument(
    `The specified policy document is malformed or invalid: ${path === '' ? '' : `${path}: `}${why}`,
  );

// -------------------------------------------------------------------------------------------------
// element shapes
// -------------------------------------------------------------------------------------------------

const VERSIONS: ReadonlySet<string> = new Set<PolicyVersion>(['2012-10-17', '2008-10-17']);
const DOCUMENT_KEYS: ReadonlySet<string> = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS: ReadonlySet<string> = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);
const PRINCIPAL_KEYS: ReadonlySet<string> = new Set<PrincipalKey>([
  'AWS',
  'Service',
  'Federated',
  'CanonicalUser',
]);

/**
 * IAM's condition operators (rule A3), without prefix and `IfExists`.
 *
 * @category policy
 * @since 0.2.0
 */
export const CONDITION_OPERATORS: ReadonlySet<string> = new Set([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
]);

const PARTITION = 'aws(?:-[a-z]+)*';
/**
 * An `AWS` principal: `*`, an account id, an account root, an IAM user or role (with a path), an
 * assumed-role session, a federated user, or an IAM unique id (`AIDA…` user, `AROA…` role).
 */
const AWS_PRINCIPAL = new RegExp(
  '^(?:\\*|\\d{12}' +
    `|arn:${PARTITION}:iam::\\d{12}:(?:root|(?:user|role)/[\\w+=,.@/-]+)` +
    `|arn:${PARTITION}:sts::\\d{12}:(?:assumed-role/[\\w+=,.@-]+/[\\w+=,.@-]+|federated-user/[\\w+=,.@-]+)` +
    '|(?:AIDA|AROA)[A-Z0-9]{12,})$',
);
const ACTION = /^(?:\*|[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+)$/;
// A resource is `*` or an ARN of six fields; a variable's own colons (`${aws:username}`) do not count.
const RESOURCE_ARN = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:/;
const VARIABLE = /\$\{[^}]*\}/g;
const withoutVariables = (s: string): string => (s.includes('${') ? s.replace(VARIABLE, 'v') : s);
const WHITESPACE = /\s/;

// -------------------------------------------------------------------------------------------------
// parsing
// -------------------------------------------------------------------------------------------------

type JsonObject = Readonly<Record<string, unknown>>;

/**
 * A JSON object. Only `JSON.parse`'s values reach the parser, so an object that is not an array is a plain
 * object, and a name none of Object.prototype's own is read with a plain property read.
 */
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string or a non-empty list of strings (`Action`, `Resource`, principal values), as a list. */
const stringList = (v: unknown): ReadonlyArray<string> | undefined => {
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v) || v.length === 0) return undefined;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return undefined;
  return v as ReadonlyArray<string>;
};

/** The values of an element, or why not: `path` names the element, `path[i]` the value at fault in a list. */
const checkedList = (
  path: string,
  v: unknown,
  what: string,
  ok: (v: string) => boolean,
  why: string,
): Parsed<ReadonlyArray<string>> => {
  const values = stringList(v);
  if (values === undefined) return E.left(malformedAt(path, `must be ${what}, or a non-empty list of them`));
  for (let i = 0; i < values.length; i++) {
    if (!ok(values[i]!)) return E.left(malformedAt(values.length > 1 ? `${path}[${i}]` : path, why));
  }
  return E.right(values);
};

const isAwsPrincipal = (p: string): boolean => AWS_PRINCIPAL.test(p);
const isName = (p: string): boolean => p.length > 0 && !WHITESPACE.test(p);
const isAction = (a: string): boolean => ACTION.test(a);
const isResource = (r: string): boolean => r === '*' || RESOURCE_ARN.test(withoutVariables(r));

const parsePrincipal = (path: string, v: unknown): Parsed<PrincipalElement> => {
  if (v === '*') return E.right({ kind: 'Everyone' });
  const names = isObject(v) ? Object.keys(v) : [];
  if (names.length === 0) {
    return E.left(
      malformedAt(path, 'must be "*" or an object with AWS, Service, Federated or CanonicalUser'),
    );
  }
  const principal = v as JsonObject;
  const keys: Partial<Record<PrincipalKey, ReadonlyArray<string>>> = {};
  for (const k of names) {
    const at = `${path}.${k}`;
    if (!PRINCIPAL_KEYS.has(k)) return E.left(malformedAt(at, 'unknown principal key'));
    const checked =
      k === 'AWS'
        ? checkedList(
            at,
            principal[k],
            'a string',
            isAwsPrincipal,
            'must be "*", an account id, an IAM ARN or an IAM unique id',
          )
        : checkedList(at, principal[k], 'a string', isName, 'must be a non-empty name');
    if (E.isLeft(checked)) return checked;
    keys[k as PrincipalKey] = checked.right;
  }
  return E.right({ kind: 'Keys', keys });
};

/**
 * `ForAnyValue:StringLikeIfExists` → its parts, or undefined when it is not an IAM operator.
 *
 * @category policy
 * @since 0.2.0
 */
export const parseOperator = (
  operator: string,
):
  | { readonly base: string; readonly set: ConditionSet | undefined; readonly ifExists: boolean }
  | undefined => {
  let rest = operator;
  let set: ConditionSet | undefined;
  if (rest.startsWith('ForAllValues:')) set = 'ForAllValues';
  else if (rest.startsWith('ForAnyValue:')) set = 'ForAnyValue';
  if (set !== undefined) rest = rest.slice(set.length + 1);
  const ifExists = rest.endsWith('IfExists') && rest !== 'IfExists';
  const base = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  if (!CONDITION_OPERATORS.has(base) || (base === 'Null' && ifExists)) return undefined;
  return { base, set, ifExists };
};

/** A condition value: a string, number or boolean. */
const isConditionScalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** A condition's values as strings: one scalar, or a non-empty list of them; undefined when it is neither. */
const conditionValues = (raw: unknown): ReadonlyArray<string> | undefined => {
  if (isConditionScalar(raw)) return [String(raw)];
  if (!Array.isArray(raw) || raw.length === 0) return undefined;
  const values: string[] = new Array<string>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v: unknown = raw[i];
    if (!isConditionScalar(v)) return undefined;
    values[i] = String(v);
  }
  return values;
};

const parseCondition = (path: string, v: unknown): Parsed<ReadonlyArray<ConditionEntry>> => {
  if (!isObject(v)) return E.left(malformedAt(path, 'must be an object of condition operators'));
  const entries: ConditionEntry[] = [];
  for (const operator of Object.keys(v)) {
    const at = `${path}.${operator}`;
    const parts = parseOperator(operator);
    if (parts === undefined) return E.left(malformedAt(at, 'unknown condition operator'));
    const block = v[operator];
    const keys = isObject(block) ? Object.keys(block) : [];
    if (keys.length === 0) return E.left(malformedAt(at, 'must be a non-empty object of condition keys'));
    for (const key of keys) {
      const values = key === '' ? undefined : conditionValues((block as JsonObject)[key]);
      if (values === undefined) {
        return E.left(
          malformedAt(`${at}.${key}`, 'must be a string, number or boolean, or a non-empty list of them'),
        );
      }
      entries.push({ operator, base: parts.base, set: parts.set, ifExists: parts.ifExists, key, values });
    }
  }
  return E.right(entries);
};

/** Exactly one of `name` and `Not<name>` (or neither when `optional`): the error, or undefined. */
const oneOf = (
  path: string,
  name: string,
  plain: unknown,
  negated: unknown,
  optional: boolean,
): MalformedResourcePolicyDocumentException | undefined => {
  if (plain !== undefined && negated !== undefined)
    return malformedAt(path, `has both ${name} and Not${name}`);
  if (plain === undefined && negated === undefined && !optional) {
    return malformedAt(path, `must have ${name} or Not${name}`);
  }
  return undefined;
};

/**
 * Statement elements a caller may let be absent (PutResourcePolicy's profile; the evaluator never does).
 *
 * @category policy
 * @since 0.2.0
 */
export type OptionalElement = 'Effect' | 'Principal' | 'Action' | 'Resource';

const parseStatement = (
  path: string,
  raw: unknown,
  optional: ReadonlySet<OptionalElement>,
): Parsed<PolicyStatement> => {
  if (!isObject(raw)) return E.left(malformedAt(path, 'must be an object'));
  for (const k of Object.keys(raw)) {
    if (!STATEMENT_KEYS.has(k)) return E.left(malformedAt(`${path}.${k}`, 'unknown statement element'));
  }
  const sid = raw.Sid;
  if (sid !== undefined && typeof sid !== 'string')
    return E.left(malformedAt(`${path}.Sid`, 'must be a string'));
  const effect = raw.Effect;
  if (effect === undefined ? !optional.has('Effect') : effect !== 'Allow' && effect !== 'Deny') {
    return E.left(malformedAt(`${path}.Effect`, 'must be "Allow" or "Deny"'));
  }
  const statement: {
    -readonly [K in keyof PolicyStatement]: PolicyStatement[K];
  } = { Effect: effect === 'Deny' ? 'Deny' : 'Allow', Condition: [] };
  if (sid !== undefined) statement.Sid = sid;

  const principal = raw.Principal;
  const notPrincipal = raw.NotPrincipal;
  const principals = oneOf(path, 'Principal', principal, notPrincipal, optional.has('Principal'));
  if (principals !== undefined) return E.left(principals);
  if (principal !== undefined || notPrincipal !== undefined) {
    const name = principal !== undefined ? 'Principal' : 'NotPrincipal';
    const parsed = parsePrincipal(`${path}.${name}`, principal !== undefined ? principal : notPrincipal);
    if (E.isLeft(parsed)) return parsed;
    statement[name] = parsed.right;
  }

  const action = raw.Action;
  const notAction = raw.NotAction;
  const actions = oneOf(path, 'Action', action, notAction, optional.has('Action'));
  if (actions !== undefined) return E.left(actions);
  if (action !== undefined || notAction !== undefined) {
    const name = action !== undefined ? 'Action' : 'NotAction';
    const checked = checkedList(
      `${path}.${name}`,
      action !== undefined ? action : notAction,
      'an action',
      isAction,
      'must be "*" or "<service>:<action>" (letters, digits, * and ?)',
    );
    if (E.isLeft(checked)) return checked;
    statement[name] = checked.right;
  }

  const resource = raw.Resource;
  const notResource = raw.NotResource;
  const resources = oneOf(path, 'Resource', resource, notResource, optional.has('Resource'));
  if (resources !== undefined) return E.left(resources);
  if (resource !== undefined || notResource !== undefined) {
    const name = resource !== undefined ? 'Resource' : 'NotResource';
    const checked = checkedList(
      `${path}.${name}`,
      resource !== undefined ? resource : notResource,
      'an ARN',
      isResource,
      'must be "*" or an ARN',
    );
    if (E.isLeft(checked)) return checked;
    statement[name] = checked.right;
  }

  const condition = raw.Condition;
  if (condition !== undefined) {
    const parsed = parseCondition(`${path}.Condition`, condition);
    if (E.isLeft(parsed)) return parsed;
    statement.Condition = parsed.right;
  }
  return E.right(statement);
};

const NONE: ReadonlySet<OptionalElement> = new Set();

/**
 * P2, P3: a policy's text → its document, following the IAM JSON policy grammar. `optional` lists statement
 * elements that may be absent (default: none; exactly one of `Principal`/`NotPrincipal`, `Action`/`NotAction`,
 * `Resource`/`NotResource` and an `Effect` are required).
 *
 * @since 0.2.0
 * @category policy
 */
export const parsePolicy = (
  text: string,
  optional: ReadonlySet<OptionalElement> = NONE,
): Parsed<PolicyDocument> => {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return E.left(malformedAt('', 'the policy is not valid JSON'));
  }
  if (!isObject(raw)) return E.left(malformedAt('', 'the policy must be a JSON object'));
  for (const k of Object.keys(raw)) {
    if (!DOCUMENT_KEYS.has(k)) return E.left(malformedAt(k, 'unknown policy element'));
  }
  const version = raw.Version;
  if (version !== undefined && !(typeof version === 'string' && VERSIONS.has(version))) {
    return E.left(malformedAt('Version', 'must be "2012-10-17" or "2008-10-17"'));
  }
  const id = raw.Id;
  if (id !== undefined && typeof id !== 'string') return E.left(malformedAt('Id', 'must be a string'));
  const statement = raw.Statement;
  const single = isObject(statement);
  const items: ReadonlyArray<unknown> | undefined = single
    ? [statement]
    : Array.isArray(statement) && statement.length > 0
      ? statement
      : undefined;
  if (items === undefined) {
    return E.left(malformedAt('Statement', 'must be an object or a non-empty list of objects'));
  }
  const statements: PolicyStatement[] = [];
  for (let i = 0; i < items.length; i++) {
    const parsed = parseStatement(single ? 'Statement' : `Statement[${i}]`, items[i], optional);
    if (E.isLeft(parsed)) return parsed;
    statements.push(parsed.right);
  }
  // Version, Id, Statements: the keys in the order they always had.
  const document: { -readonly [K in keyof PolicyDocument]?: PolicyDocument[K] } = {};
  if (version !== undefined) document.Version = version as PolicyVersion;
  if (id !== undefined) document.Id = id;
  document.Statements = statements;
  return E.right(document as PolicyDocument);
};
