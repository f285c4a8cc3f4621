/**
 * The identity map (rule W6, A4): which principal an access key id stands for. Given in code to
 * `createWireHandler({ identities })`, or to the emulator as the JSON file named by `SSM_POLICY_IDENTITIES`:
 * `{"identities":[{"accessKeyId":"…","secretAccessKey":"…","principal":"arn:aws:sts::222222222222:assumed-role/Reader/bob","userId":"AROAEXAMPLE:bob","orgId":"o-abc123","orgPaths":["o-abc123/r-ab12/ou-ab12-11111111/"]}]}`.
 * The account is the principal ARN's. `decodeIdentities` checks a parsed file and names the first bad entry.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { decodeIdentities } from '@ssm-policy/server';
 * const bad = decodeIdentities({ identities: [{ accessKeyId: 'AKIDBOB', principal: 'bob' }] });
 * assert.deepEqual(bad, { _tag: 'Left', left: 'identities[0].principal: not an IAM or STS ARN' });
 *
 * @since 0.3.0
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { CallerIdentity } from '@ssm-policy/core';

/**
 * One configured identity: its keys, its principal and (A4) its unique id and organization.
 *
 * @since 0.3.0
 * @category Identity
 */
export interface Identity extends CallerIdentity {
  readonly accessKeyId: string;
  /** What signature verification checks (W6), when it is on. */
  readonly secretAccessKey?: string;
  /** The principal ARN's account. */
  readonly account: string;
}

/** An IAM root, user or role ARN, or an STS assumed-role session ARN: what `principal` must be. */
const PRINCIPAL =
  /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):(iam::(\d{12}):(root|user\/.+|role\/.+)|sts::(\d{12}):assumed-role\/[^/]+\/.+)$/;

const Entry = t.intersection([
  t.type({ accessKeyId: t.string, principal: t.string }),
  t.partial({
    secretAccessKey: t.string,
    userId: t.string,
    orgId: t.string,
    orgPaths: t.array(t.string),
  }),
]);

const pathOf = (errors: t.Errors): string => {
  const e = errors[0];
  if (e === undefined) return '';
  // io-ts's context: the root, then each key; intersections repeat a key under an index: keep named steps.
  return e.context
    .slice(1)
    .map((c) => c.key)
    .filter((k) => k !== '' && !/^\d+$/.test(k))
    .map((k) => `.${k}`)
    .join('');
};

/**
 * A parsed identities file → the identities, or the first fault, naming the entry (`identities[2].principal:
 * not an IAM or STS ARN`).
 *
 * @since 0.3.0
 * @category Identity
 */
export const decodeIdentities = (input: unknown): E.Either<string, ReadonlyArray<Identity>> => {
  if (
    typeof input !== 'object' ||
    input === null ||
    !Array.isArray((input as { identities?: unknown }).identities)
  )
    return E.left('the file must be a JSON object with an "identities" array');
  const list = (input as { identities: ReadonlyArray<unknown> }).identities;
  const seen = new Set<string>();
  const identities: Identity[] = [];
  for (let i = 0; i < list.length; i++) {
    const at = `identities[${i}]`;
    const decoded = Entry.decode(list[i]);
    if (E.isLeft(decoded)) {
      const path = pathOf(decoded.left);
      return E.left(path === '' ? `${at}: not an object` : `${at}${path}: missing or of the wrong JSON type`);
    }
    const entry = decoded.right;
    if (entry.accessKeyId === '') return E.left(`${at}.accessKeyId: empty`);
    if (seen.has(entry.accessKeyId)) return E.left(`${at}.accessKeyId: ${entry.accessKeyId} is listed twice`);
    seen.add(entry.accessKeyId);
    const m = PRINCIPAL.exec(entry.principal);
    if (m === null) return E.left(`${at}.principal: not an IAM or STS ARN`);
    if (entry.secretAccessKey === '') return E.left(`${at}.secretAccessKey: empty`);
    if (entry.orgPaths !== undefined && entry.orgId === undefined)
      return E.left(`${at}.orgPaths: given without orgId`);
    identities.push({ ...entry, account: (m[3] ?? m[5])! });
  }
  return E.right(identities);
};

/**
 * Identities given in code, without a file: the same checks, and an `Error` naming the bad entry.
 *
 * @since 0.3.0
 * @category Identity
 */
export const identitiesOf = (
  identities: ReadonlyArray<Omit<Identity, 'account'> & { readonly account?: string }>,
): ReadonlyArray<Identity> => {
  const decoded = decodeIdentities({ identities });
  if (E.isLeft(decoded)) throw new Error(decoded.left);
  return decoded.right;
};
