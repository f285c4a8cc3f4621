/**
 * The identity map (rule W6, A4): which principal an access key id stands for. Given in code to
 * `createWireHandler({ identities })`, or to the emulator as the JSON file named by `SSM_POLICY_IDENTITIES`:
 * `{"identities":[{"accessKeyId":"…","secretAccessKey":"…","principal":"arn:aws:sts::222222222222:assumed-role/Reader/bob","userId":"AROAEXAMPLE:bob","orgId":"o-abc123","orgPaths":["o-abc123/r-ab12/ou-ab12-11111111/"]}]}`.
 * The account is the principal ARN's, and an identity's organization its account's (so two identities of one
 * account cannot name two). `decodeIdentities` checks a parsed file and names the first bad entry.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { decodeIdentities, identitiesOf, organizationsOf } from '@ssm-policy/server';
 * const bad = decodeIdentities({ identities: [{ accessKeyId: 'AKIDBOB', principal: 'bob' }] });
 * assert.deepEqual(bad, { _tag: 'Left', left: 'identities[0].principal: not an IAM or STS ARN' });
 * // An identity's organization is its account's: a resource of that account has it as aws:ResourceOrgID.
 * const alice = { accessKeyId: 'AKIDALICE', principal: 'arn:aws:iam::111111111111:user/alice', orgId: 'o-abc123' };
 * const organizationOf = organizationsOf(identitiesOf([alice]));
 * assert.deepEqual(organizationOf('111111111111'), { orgId: 'o-abc123' });
 * assert.equal(organizationOf('222222222222'), undefined);
 *
 * @since 0.3.0
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { AccountOrganization, CallerIdentity, OrganizationOf } from '@ssm-policy/core';

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
    const account = (m[3] ?? m[5])!;
    // An account belongs to one organization: its identities must not name two (A4's aws:ResourceOrgID).
    const other = identities.findIndex(
      (o) =>
        o.account === account &&
        o.orgId !== undefined &&
        entry.orgId !== undefined &&
        o.orgId !== entry.orgId,
    );
    if (other >= 0)
      return E.left(
        `${at}.orgId: ${entry.orgId} differs from identities[${other}].orgId (${identities[other]!.orgId}), of the same account ${account}: an account belongs to one organization`,
      );
    identities.push({ ...entry, account });
  }
  return E.right(identities);
};

/**
 * A4: the organization of each account that a configured identity names one for (the first such identity's
 * `orgId` and `orgPaths`): a resource of that account has it as `aws:ResourceOrgID`.
 *
 * @since 0.3.0
 * @category Identity
 */
export const organizationsOf = (identities: Iterable<Identity>): OrganizationOf => {
  const byAccount = new Map<string, AccountOrganization>();
  for (const i of identities)
    if (i.orgId !== undefined && !byAccount.has(i.account))
      byAccount.set(i.account, {
        orgId: i.orgId,
        ...(i.orgPaths === undefined ? {} : { orgPaths: i.orgPaths }),
      });
  return (account) => byAccount.get(account);
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
