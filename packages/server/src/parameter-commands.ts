/**
 * `PutParameter`, `GetParameter` and `DeleteParameter`: just enough of Parameter Store for the emulator to work
 * on its own and to back rules R4–R7 end to end. Deleting a parameter drops its policies, and a parameter
 * created anew starts with none (R7, when the profile's `parameterDeletionDropsPolicies` is on).
 *
 * `PutParameter` checks what SSM's model and documentation say of names, types, keys, data types, values, tiers
 * and `AllowedPattern` (rules S1–S8 of docs/rules.md, decided in `parameter-rules.ts`), with the model's errors.
 * A SecureString without a `KeyId` uses its account and region's AWS managed key `aws/ssm` (R6).
 *
 * Simplifications: values are stored in clear (a SecureString is not encrypted, and `GetParameter` returns its
 * value whatever `WithDecryption` says); `Intelligent-Tiering` records Standard unless the value is larger than
 * 4 KB (or the parameter is already Advanced); no history, labels, tags or parameter policies (so
 * `ParameterMaxVersionLimitExceeded`, which needs a labelled oldest version, never happens).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { defaultProfile, makeCaller } from '@ssm-policy/core';
 * import { createParameterStore, makeParameterCommands } from '@ssm-policy/server';
 * const params = makeParameterCommands({
 *   store: createParameterStore(), repository: createMemoryPolicyRepository(), profile: defaultProfile,
 * });
 * const put = await params.PutParameter(makeCaller({ account: '123456789012', region: 'us-east-1' }), {
 *   Name: '/app/db', Value: 'x', Type: 'String', Tier: 'Advanced',
 * })();
 * assert.deepEqual(put, { _tag: 'Right', right: { Version: 1, Tier: 'Advanced' } });
 *
 * @since 0.1.0
 */
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { produce } from 'immer';
import {
  dropDeletedParameterPolicies,
  formatResourceArn,
  parameterArn,
  parseResourceArn,
  type BehaviourProfile,
  type Caller,
  type InternalServerError,
  type ParameterTier,
  type PolicyRepository,
  type ValidationException,
} from '@ssm-policy/core';
import {
  parameterAlreadyExists,
  parameterNotFound,
  type AccessDeniedException,
  type HierarchyLevelLimitExceededException,
  type InvalidAllowedPatternException,
  type ParameterAlreadyExists,
  type ParameterNotFound,
  type ParameterPatternMismatchException,
  type UnsupportedParameterType,
} from './parameter-errors.js';
import {
  checkAllowedPattern,
  checkDataType,
  checkKeyIdForType,
  checkParameterName,
  checkValueReferences,
  resolveParameterType,
  resolveTier,
} from './parameter-rules.js';
import type { ParameterStore, StoredParameter } from './parameter-store.js';
import { AWS_SSM_KEY_ALIAS } from './managed-keys.js';
import type {
  DeleteParameterRequest,
  GetParameterRequest,
  PutParameterRequest,
} from './parameter-requests.js';

/**
 * The errors PutParameter answers.
 *
 * @category parameters
 * @since 0.1.0
 */
export type PutParameterError =
  | ValidationException
  | AccessDeniedException
  | HierarchyLevelLimitExceededException
  | ParameterAlreadyExists
  | UnsupportedParameterType
  | InvalidAllowedPatternException
  | ParameterPatternMismatchException
  | InternalServerError;
/**
 * The errors GetParameter answers.
 *
 * @category parameters
 * @since 0.1.0
 */
export type GetParameterError = ParameterNotFound;
/**
 * The errors DeleteParameter answers.
 *
 * @category parameters
 * @since 0.1.0
 */
export type DeleteParameterError = ParameterNotFound | InternalServerError;

// -------------------------------------------------------------------------------------------------
// responses
// -------------------------------------------------------------------------------------------------

/**
 * PutParameter's answer.
 *
 * @category parameters
 * @since 0.1.0
 */
export interface PutParameterResponse {
  readonly Version: number;
  readonly Tier: ParameterTier;
}

/**
 * GetParameter's answer.
 *
 * @category parameters
 * @since 0.1.0
 */
export interface GetParameterResponse {
  readonly Parameter: {
    readonly Name: string;
    readonly Type: string;
    readonly Value: string;
    readonly Version: number;
    /** Epoch seconds, as the JSON protocol sends timestamps. */
    readonly LastModifiedDate: number;
    readonly ARN: string;
    readonly DataType: string;
  };
}

/**
 * The emulator's parameter operations.
 *
 * @category parameters
 * @since 0.1.0
 */
export interface ParameterCommands {
  PutParameter(
    caller: Caller,
    input: PutParameterRequest,
  ): TE.TaskEither<PutParameterError, PutParameterResponse>;
  GetParameter(
    caller: Caller,
    input: GetParameterRequest,
  ): TE.TaskEither<GetParameterError, GetParameterResponse>;
  DeleteParameter(
    caller: Caller,
    input: DeleteParameterRequest,
  ): TE.TaskEither<DeleteParameterError, Record<string, never>>;
}

/**
 * The parameter store, the policy store and the profile the parameter operations use.
 *
 * @category parameters
 * @since 0.1.0
 */
export interface ParameterCommandDependencies {
  readonly store: ParameterStore;
  /** Where policies live: deleting a parameter drops its policies there (R7). */
  readonly repository: PolicyRepository;
  readonly profile: BehaviourProfile;
  readonly now?: () => Date;
  /** A new parameter's incarnation (R7); random UUIDs by default, injectable for deterministic tests. */
  readonly newIncarnation?: () => string;
}

// -------------------------------------------------------------------------------------------------
// names
// -------------------------------------------------------------------------------------------------

/** A name or a parameter ARN of the caller's own scope → the canonical ARN. */
const arnOfName = (caller: Caller, name: string): string => {
  if (!name.startsWith('arn:')) return parameterArn(caller, name);
  const parsed = parseResourceArn(name);
  // Another account's or region's ARN finds nothing: the emulator does not evaluate policies for reads.
  return E.isRight(parsed) &&
    parsed.right._tag === 'Parameter' &&
    parsed.right.account === caller.account &&
    parsed.right.region === caller.region &&
    parsed.right.partition === caller.partition
    ? formatResourceArn(parsed.right)
    : '';
};

// -------------------------------------------------------------------------------------------------
// commands
// -------------------------------------------------------------------------------------------------

/**
 * The parameter operations over a parameter store; deleting a parameter drops its policies (R7).
 *
 * @category parameters
 * @since 0.1.0
 */
export const makeParameterCommands = (deps: ParameterCommandDependencies): ParameterCommands => {
  const now = deps.now ?? (() => new Date());
  // R7 is wired in the core (`dropDeletedParameterPolicies`): the profile's option and the policies' key.
  const dropPolicies = dropDeletedParameterPolicies(deps);
  // Each parameter created gets a new incarnation, so its policies live under a key no earlier life used.
  const newIncarnation = deps.newIncarnation ?? (() => randomUUID());

  return {
    PutParameter: (caller, input) => async () => {
      // S2: `/a` and `a` are one parameter: both have the ARN `parameter/a`, the store's key.
      const arn = parameterArn(caller, input.Name);
      // S1 → S8 → S3 → S6 → S4 → S5 → S4's tier: the first rule that fails answers, and nothing is stored.
      const name = checkParameterName(input.Name, arn);
      if (E.isLeft(name)) return name;
      const existing = deps.store.lookup(arn);
      if (existing !== undefined && input.Overwrite !== true) return E.left(parameterAlreadyExists());
      const type = resolveParameterType(input.Type, existing?.Type);
      if (E.isLeft(type)) return type;
      const Type = type.right;
      const keyAllowed = checkKeyIdForType(Type, input.KeyId);
      if (E.isLeft(keyAllowed)) return keyAllowed;
      const dataType = checkDataType(Type, input.DataType ?? existing?.DataType ?? 'text');
      if (E.isLeft(dataType)) return dataType;
      const plain = checkValueReferences(input.Value);
      if (E.isLeft(plain)) return plain;
      const AllowedPattern = input.AllowedPattern ?? existing?.AllowedPattern;
      const allowed = checkAllowedPattern(AllowedPattern, input.Value);
      if (E.isLeft(allowed)) return allowed;
      const tier = resolveTier(input.Tier, existing?.Tier, Buffer.byteLength(input.Value, 'utf8'));
      if (E.isLeft(tier)) return tier;
      // R6: a SecureString without a key uses its account and region's AWS managed key, aws/ssm.
      const KeyId =
        Type !== 'SecureString'
          ? undefined
          : (input.KeyId ??
            (existing?.Type === 'SecureString' ? existing.KeyId : undefined) ??
            AWS_SSM_KEY_ALIAS);
      // R7: a parameter created anew starts with no policies, whatever an earlier one of its name had: it gets
      // a new incarnation, and with it a policy key of its own. An overwrite keeps the incarnation, the name it
      // was created with (S2) and every member the request does not name: `produce` gives the next version
      // without touching the stored one.
      const next: StoredParameter =
        existing === undefined
          ? {
              Name: input.Name,
              Type,
              Tier: tier.right,
              ...(KeyId === undefined ? {} : { KeyId }),
              Value: input.Value,
              Version: 1,
              LastModifiedDate: now(),
              DataType: dataType.right,
              ...(input.Description === undefined ? {} : { Description: input.Description }),
              ...(AllowedPattern === undefined ? {} : { AllowedPattern }),
              Incarnation: newIncarnation(),
            }
          : produce(existing, (draft) => {
              draft.Type = Type;
              draft.Tier = tier.right;
              if (KeyId === undefined) delete draft.KeyId;
              else draft.KeyId = KeyId;
              draft.Value = input.Value;
              draft.Version += 1;
              draft.LastModifiedDate = now();
              draft.DataType = dataType.right;
              if (input.Description !== undefined) draft.Description = input.Description;
              if (AllowedPattern !== undefined) draft.AllowedPattern = AllowedPattern;
            });
      deps.store.save(arn, next);
      return E.right({ Version: next.Version, Tier: next.Tier });
    },

    GetParameter: (caller, input) => async () => {
      const arn = arnOfName(caller, input.Name);
      const p = deps.store.lookup(arn);
      if (p === undefined) return E.left(parameterNotFound(input.Name));
      return E.right({
        Parameter: {
          Name: p.Name,
          Type: p.Type,
          Value: p.Value,
          Version: p.Version,
          LastModifiedDate: p.LastModifiedDate.getTime() / 1000,
          ARN: arn,
          DataType: p.DataType,
        },
      });
    },

    DeleteParameter: (caller, input) => async () => {
      const arn = arnOfName(caller, input.Name);
      const removed = deps.store.remove(arn);
      if (removed === undefined) return E.left(parameterNotFound(input.Name));
      // R7: its policies go with it. A policy write still in flight lands under this incarnation's key, which
      // no later parameter of this name reads.
      const dropped = await dropPolicies(arn, removed)();
      return E.isLeft(dropped) ? dropped : E.right({});
    },
  };
};
