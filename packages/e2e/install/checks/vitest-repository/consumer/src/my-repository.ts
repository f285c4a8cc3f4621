// A user's own store: the PolicyRepository port of @ssm-policy/core on plain Maps, written as a user outside
// this repository would write it. The install test checks it with the conformance kit under the user's vitest.
import * as E from 'fp-ts/lib/Either.js';
import {
  hashMismatch,
  policyLimitReached,
  policyMissing,
  type PolicyRepository,
  type ResourceKey,
  type StoredPolicy,
} from '@ssm-policy/core';

interface Entry extends StoredPolicy {
  /** Creation order; a cursor is the last sequence number listed, so paging survives deletes. */
  readonly seq: number;
}

export const createMyRepository = (): PolicyRepository => {
  const resources = new Map<ResourceKey, ReadonlyArray<Entry>>();
  let seq = 0;
  const entriesOf = (resource: ResourceKey): ReadonlyArray<Entry> => resources.get(resource) ?? [];
  const plain = ({ PolicyId, PolicyHash, Policy }: Entry): StoredPolicy => ({ PolicyId, PolicyHash, Policy });

  return {
    capabilities: { assignsIdentity: false },

    create:
      ({ resource, Policy, proposed, maxPolicies }) =>
      async () => {
        const entries = entriesOf(resource);
        if (maxPolicies !== undefined && entries.length >= maxPolicies)
          return E.left(policyLimitReached(maxPolicies));
        const entry: Entry = { ...proposed, Policy, seq: ++seq };
        resources.set(resource, [...entries, entry]);
        return E.right(plain(entry));
      },

    update:
      ({ resource, PolicyId, expectedHash, Policy, proposedHash }) =>
      async () => {
        const entries = entriesOf(resource);
        const at = entries.findIndex((e) => e.PolicyId === PolicyId);
        const current = entries[at];
        if (current === undefined) return E.left(policyMissing);
        if (current.PolicyHash !== expectedHash) return E.left(hashMismatch);
        const next: Entry = { ...current, Policy, PolicyHash: proposedHash };
        resources.set(
          resource,
          entries.map((e, i) => (i === at ? next : e)),
        );
        return E.right(plain(next));
      },

    delete:
      ({ resource, PolicyId, expectedHash }) =>
      async () => {
        const entries = entriesOf(resource);
        const current = entries.find((e) => e.PolicyId === PolicyId);
        if (current === undefined) return E.left(policyMissing);
        if (current.PolicyHash !== expectedHash) return E.left(hashMismatch);
        resources.set(
          resource,
          entries.filter((e) => e !== current),
        );
        return E.right(undefined);
      },

    list:
      ({ resource, cursor, limit }) =>
      async () => {
        const after = cursor === undefined ? 0 : Number(cursor);
        const rest = entriesOf(resource).filter((e) => e.seq > after);
        const page = rest.slice(0, limit);
        const last = page[page.length - 1];
        return E.right({
          policies: page.map(plain),
          ...(rest.length > limit && last !== undefined ? { cursor: String(last.seq) } : {}),
        });
      },

    dropResource: (resource) => async () => {
      resources.delete(resource);
      return E.right(undefined);
    },
  };
};
