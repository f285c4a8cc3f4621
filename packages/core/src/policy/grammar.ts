/**
 * The IAM JSON policy grammar (rule P3): from a policy's text to a typed `PolicyDocument`, or a
 * `MalformedResourcePolicyDocumentException` whose message names the element at fault, e.g.
 * `Statement[1].Condition.StringEquls: unknown condition operator`. The element shapes are io-ts codecs; the
 * rules between elements (exactly one of `Action`/`NotAction`, …) are checked here. This is the only reading
 * of a policy's JSON: PutResourcePolicy's rules and the access evaluator both take its result.
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
import * as t from 'io-ts';
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

const JsonObject = t.UnknownRecord;
/** A string or a non-empty list of strings (`Action`, `Resource`, principal values). */
const StringOrList = t.union([t.string, t.array(t.string)]);
/** A condition value: a string, number or boolean, or a non-empty list of them. */
const ConditionScalar = t.union([t.string, t.number, t.boolean]);
const ConditionValue = t.union([ConditionScalar, t.array(ConditionScalar)]);

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
const withoutVariables = (s: string): string => s.replace(/\$\{[^}]*\}/g, 'v');

// -------------------------------------------------------------------------------------------------
// parsing
// -------------------------------------------------------------------------------------------------

const own = (o: Readonly<Record<string, unknown>>, k: string): unknown =>
  Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;

const list = (path: string, v: unknown, what: string): Parsed<ReadonlyArray<string>> =>
  StringOrList.is(v) && (typeof v === 'string' || v.length > 0)
    ? E.right(typeof v === 'string' ? [v] : v)
    : E.left(malformedAt(path, `must be ${what}, or a non-empty list of them`));

const everyValue = (
  path: string,
  values: ReadonlyArray<string>,
  ok: (v: string) => boolean,
  why: string,
): Parsed<ReadonlyArray<string>> => {
  const i = values.findIndex((v) => !ok(v));
  return i < 0 ? E.right(values) : E.left(malformedAt(values.length > 1 ? `${path}[${i}]` : path, why));
};

const parsePrincipal = (path: string, v: unknown): Parsed<PrincipalElement> => {
  if (v === '*') return E.right({ kind: 'Everyone' });
  if (!JsonObject.is(v) || Object.keys(v).length === 0) {
    return E.left(
      malformedAt(path, 'must be "*" or an object with AWS, Service, Federated or CanonicalUser'),
    );
  }
  const keys: Partial<Record<PrincipalKey, ReadonlyArray<string>>> = {};
  for (const k of Object.keys(v)) {
    if (!PRINCIPAL_KEYS.has(k)) return E.left(malformedAt(`${path}.${k}`, 'unknown principal key'));
    const at = `${path}.${k}`;
    const values = list(at, v[k], 'a string');
    if (E.isLeft(values)) return values;
    const checked =
      k === 'AWS'
        ? everyValue(
            at,
            values.right,
            (p) => AWS_PRINCIPAL.test(p),
            'must be "*", an account id, an IAM ARN or an IAM unique id',
          )
        : everyValue(at, values.right, (p) => p.length > 0 && !/\s/.test(p), 'must be a non-empty name');
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

const parseCondition = (path: string, v: unknown): Parsed<ReadonlyArray<ConditionEntry>> => {
  if (!JsonObject.is(v)) return E.left(malformedAt(path, 'must be an object of condition operators'));
  const entries: ConditionEntry[] = [];
  for (const operator of Object.keys(v)) {
    const at = `${path}.${operator}`;
    const parts = parseOperator(operator);
    if (parts === undefined) return E.left(malformedAt(at, 'unknown condition operator'));
    const block = v[operator];
    if (!JsonObject.is(block) || Object.keys(block).length === 0) {
      return E.left(malformedAt(at, 'must be a non-empty object of condition keys'));
    }
    for (const key of Object.keys(block)) {
      const raw = block[key];
      if (key === '' || !ConditionValue.is(raw) || (Array.isArray(raw) && raw.length === 0)) {
        return E.left(
          malformedAt(`${at}.${key}`, 'must be a string, number or boolean, or a non-empty list of them'),
        );
      }
      const values = (Array.isArray(raw) ? raw : [raw]).map(String);
      entries.push({ operator, ...parts, key, values });
    }
  }
  return E.right(entries);
};

/** Exactly one of `name` and `Not<name>` (or neither when `optional`). */
const oneOf = (
  path: string,
  s: Readonly<Record<string, unknown>>,
  name: string,
  optional: boolean,
): Parsed<readonly [negated: boolean, value: unknown] | undefined> => {
  const plain = own(s, name);
  const negated = own(s, `Not${name}`);
  if (plain !== undefined && negated !== undefined) {
    return E.left(malformedAt(path, `has both ${name} and Not${name}`));
  }
  if (plain === undefined && negated === undefined) {
    return optional ? E.right(undefined) : E.left(malformedAt(path, `must have ${name} or Not${name}`));
  }
  return E.right(plain !== undefined ? [false, plain] : [true, negated]);
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
  if (!JsonObject.is(raw)) return E.left(malformedAt(path, 'must be an object'));
  for (const k of Object.keys(raw)) {
    if (!STATEMENT_KEYS.has(k)) return E.left(malformedAt(`${path}.${k}`, 'unknown statement element'));
  }
  const sid = own(raw, 'Sid');
  if (sid !== undefined && !t.string.is(sid)) return E.left(malformedAt(`${path}.Sid`, 'must be a string'));
  const effect = own(raw, 'Effect');
  if (effect === undefined ? !optional.has('Effect') : effect !== 'Allow' && effect !== 'Deny') {
    return E.left(malformedAt(`${path}.Effect`, 'must be "Allow" or "Deny"'));
  }
  const statement: {
    -readonly [K in keyof PolicyStatement]: PolicyStatement[K];
  } = { Effect: effect === 'Deny' ? 'Deny' : 'Allow', Condition: [] };
  if (sid !== undefined) statement.Sid = sid;

  const principal = oneOf(path, raw, 'Principal', optional.has('Principal'));
  if (E.isLeft(principal)) return principal;
  if (principal.right !== undefined) {
    const [negated, value] = principal.right;
    const name = negated ? 'NotPrincipal' : 'Principal';
    const parsed = parsePrincipal(`${path}.${name}`, value);
    if (E.isLeft(parsed)) return parsed;
    statement[name] = parsed.right;
  }

  const action = oneOf(path, raw, 'Action', optional.has('Action'));
  if (E.isLeft(action)) return action;
  if (action.right !== undefined) {
    const [negated, value] = action.right;
    const name = negated ? 'NotAction' : 'Action';
    const values = list(`${path}.${name}`, value, 'an action');
    if (E.isLeft(values)) return values;
    const checked = everyValue(
      `${path}.${name}`,
      values.right,
      (a) => ACTION.test(a),
      'must be "*" or "<service>:<action>" (letters, digits, * and ?)',
    );
    if (E.isLeft(checked)) return checked;
    statement[name] = checked.right;
  }

  const resource = oneOf(path, raw, 'Resource', optional.has('Resource'));
  if (E.isLeft(resource)) return resource;
  if (resource.right !== undefined) {
    const [negated, value] = resource.right;
    const name = negated ? 'NotResource' : 'Resource';
    const values = list(`${path}.${name}`, value, 'an ARN');
    if (E.isLeft(values)) return values;
    const checked = everyValue(
      `${path}.${name}`,
      values.right,
      (r) => r === '*' || RESOURCE_ARN.test(withoutVariables(r)),
      'must be "*" or an ARN',
    );
    if (E.isLeft(checked)) return checked;
    statement[name] = checked.right;
  }

  const condition = own(raw, 'Condition');
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
  if (!JsonObject.is(raw)) return E.left(malformedAt('', 'the policy must be a JSON object'));
  for (const k of Object.keys(raw)) {
    if (!DOCUMENT_KEYS.has(k)) return E.left(malformedAt(k, 'unknown policy element'));
  }
  const version = own(raw, 'Version');
  if (version !== undefined && !(t.string.is(version) && VERSIONS.has(version))) {
    return E.left(malformedAt('Version', 'must be "2012-10-17" or "2008-10-17"'));
  }
  const id = own(raw, 'Id');
  if (id !== undefined && !t.string.is(id)) return E.left(malformedAt('Id', 'must be a string'));
  const statement = own(raw, 'Statement');
  const single = JsonObject.is(statement);
  const items = single
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
  return E.right({
    ...(version !== undefined ? { Version: version as PolicyVersion } : {}),
    ...(id !== undefined ? { Id: id } : {}),
    Statements: statements,
  });
};
