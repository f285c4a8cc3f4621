/**
 * The store contract's types: what a store author hands the kit (`RepositoryFactory`), and what a store case
 * sees (`RepositoryContext`). What the store can do is read from `repository.capabilities` alone.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import type { RepositoryFactory } from '@ssm-policy/conformance';
 * // A fresh, empty store per case, and how to dispose of it.
 * const factory: RepositoryFactory = async () => ({ repository: createMemoryPolicyRepository(), dispose: async () => {} });
 * const { repository, dispose } = await factory();
 * await dispose();
 * assert.equal(repository.capabilities.assignsIdentity, false);
 *
 * @since 0.1.0
 * @category store contract
 */
import type { PolicyRepository, ResourceKey, StoredPolicy } from '@ssm-policy/core';
import type { Case } from '../case.js';

/**
 * A fresh store for one case.
 *
 * @since 0.1.0
 * @category store contract
 */
export interface RepositoryHandle {
  readonly repository: PolicyRepository;
  /**
   * The key of a test resource; by default a parameter ARN under a unique prefix. A store backed by a real
   * service maps labels to resources that exist there.
   */
  readonly resource?: (label: string) => ResourceKey;
  dispose(): Promise<void>;
}

/**
 * A fresh, empty store per case, and how to dispose of it.
 *
 * @since 0.1.0
 * @category store contract
 */
export type RepositoryFactory = () => Promise<RepositoryHandle>;

/**
 * A policy as a case holds it: enough to update or delete it.
 *
 * @since 0.1.0
 * @category store contract
 */
export interface PolicyVersion {
  readonly PolicyId: string;
  readonly PolicyHash: string;
}

/**
 * What a store case sees. The helpers must succeed: anything else fails the case, naming what came instead.
 *
 * @since 0.1.0
 * @category store contract
 */
export interface RepositoryContext {
  readonly repository: PolicyRepository;
  resource(label: string): ResourceKey;
  /** A create that must succeed, with a fresh proposed id and hash. */
  create(resource: ResourceKey, Policy: string, maxPolicies?: number): Promise<StoredPolicy>;
  /** An update of `current` to `Policy` that must succeed, with a fresh proposed hash. */
  update(resource: ResourceKey, current: PolicyVersion, Policy: string): Promise<StoredPolicy>;
  /** A delete of `current` that must succeed. */
  delete(resource: ResourceKey, current: PolicyVersion): Promise<void>;
  /** Every policy, paging with `limit`; fails a page longer than `limit` (H8). */
  listAll(resource: ResourceKey, limit?: number): Promise<ReadonlyArray<StoredPolicy>>;
  newId(): string;
  newHash(): string;
}

/**
 * A case of the store contract.
 *
 * @since 0.1.0
 * @category store contract
 */
export type RepositoryCase = Case<RepositoryContext>;
