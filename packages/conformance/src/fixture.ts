/**
 * What the service contract drives: the three operations for one caller (`ResourcePolicyService`), plus a
 * small fixture to create and delete the parameters the cases need. The core wired to any store, the emulator
 * server through the AWS SDK and a live endpoint all fit behind a `ServiceFactory`.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import type { ServiceFactory } from '@ssm-policy/conformance';
 * const unreachable: ServiceFactory = async () => { throw new Error('no endpoint configured'); };
 * await assert.rejects(unreachable(), /no endpoint configured/); // a factory that cannot connect rejects
 *
 * @since 0.1.0
 */
import type { Caller, ResourcePolicyService } from '@ssm-policy/core';

/**
 * A parameter a case needs.
 *
 * @category service contract
 * @since 0.1.0
 */
export interface ParameterSpec {
  readonly Name: string;
  readonly Type: 'String' | 'StringList' | 'SecureString';
  readonly Tier: 'Standard' | 'Advanced' | 'Intelligent-Tiering';
  readonly KeyId?: string;
}

/**
 * Creates and deletes parameters in the caller's account and region.
 *
 * @category service contract
 * @since 0.1.0
 */
export interface ParameterFixture {
  putParameter(p: ParameterSpec): Promise<void>;
  /** Deletes the parameter; the system must then forget its policies (rule R7). */
  deleteParameter(Name: string): Promise<void>;
}

/**
 * A service under test, its caller and parameter fixture, and how to dispose of it.
 *
 * @category service contract
 * @since 0.1.0
 */
export interface ServiceHandle {
  readonly service: ResourcePolicyService;
  readonly caller: Caller;
  readonly parameters: ParameterFixture;
  /**
   * True when the service was built with the `idSeed` asked for, so that two services built with one seed
   * give the same ids and hashes (rule H11). A remote endpoint cannot, and leaves this out.
   */
  readonly honoursIdSeed?: boolean;
  /** What the handle observed last (a remote endpoint: the raw request and response); shown with a failure. */
  evidence?(): unknown;
  /**
   * Everything the handle observed so far, in order (a remote endpoint: every raw exchange); a failed property
   * shows the part of it that the failing command made.
   */
  trace?(): ReadonlyArray<unknown>;
  dispose(): Promise<void>;
}

/**
 * What a case asks of its service: an id seed (H11).
 *
 * @category service contract
 * @since 0.1.0
 */
export interface ServiceSetup {
  /** Seed of the id source, for rule H11; factories that cannot seed ignore it. */
  readonly idSeed?: number;
}

/**
 * A fresh, isolated service (or a fresh view of a shared endpoint) per call.
 *
 * @category service contract
 * @since 0.1.0
 */
export type ServiceFactory = (setup?: ServiceSetup) => Promise<ServiceHandle>;
