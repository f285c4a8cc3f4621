/**
 * `PutParameter`, `GetParameter` and `DeleteParameter`: just enough of Parameter Store for the emulator to work
 * on its own and to back rules R4–R7 end to end. Deleting a parameter drops its policies, and a parameter
 * created anew starts with none (R7, when the profile's `parameterDeletionDropsPolicies` is on).
 *
 * Simplifications: values are stored in clear (a SecureString is not encrypted, and `GetParameter` returns its
 * value whatever `WithDecryption` says); `Intelligent-Tiering` records Standard unless the value is larger than
 * 4 KB (or the parameter is already Advanced); no history, labels, tags or parameter policies.
 *
 * @example
 * import { createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { defaultProfile, makeCaller } from '@ssm-policy/core';
 * import { createParameterStore, makeParameterCommands } from '@ssm-policy/server';
 * const params = makeParameterCommands({
 *   store: createParameterStore(), repository: createMemoryPolicyRepository(), profile: defaultProfile,
 * });
 * // await params.PutParameter(makeCaller({ account: '123456789012', region: 'us-east-1' }),
 * //   { Name: '/app/db', Value: 'x', Type: 'String', Tier: 'Advanced' })() is Right({ Version: 1, Tier: 'Advanced' })
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
  validationException,
  type BehaviourProfile,
  type Caller,
  type InternalServerError,
  type ParameterTier,
  type PolicyRepository,
  type ValidationException,
} from '@ssm-policy/core';
import type { ParameterStore, StoredParameter } from './parameter-store.js';
import type {
  DeleteParameterRequest,
  GetParameterRequest,
  PutParameterRequest,
  RequestedTier,
} from './parameter-requests.js';

// -------------------------------------------------------------------------------------------------
// errors (AWS's names)
// -------------------------------------------------------------------------------------------------

export interface ParameterNotFound {
  readonly _tag: 'ParameterNotFound';
  readonly message: string;
  readonly fault: 'client';
}

export interface ParameterAlreadyExists {
  readonly _tag: 'ParameterAlreadyExists';
  readonly message: string;
  readonly fault: 'client';
}

export const parameterNotFound = (name: string): ParameterNotFound => ({
  _tag: 'ParameterNotFound',
  message: `Parameter ${name} not found.`,
  fault: 'client',
});

export const parameterAlreadyExists = (): ParameterAlreadyExists => ({
  _tag: 'ParameterAlreadyExists',
  fault: 'client',
  message:
    'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
});

export type PutParameterError = ValidationException | ParameterAlreadyExists | InternalServerError;
export type GetParameterError = ParameterNotFound;
export type DeleteParameterError = ParameterNotFound | InternalServerError;

// -------------------------------------------------------------------------------------------------
// responses
// -------------------------------------------------------------------------------------------------

export interface PutParameterResponse {
  readonly Version: number;
  readonly Tier: ParameterTier;
}

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
// rules (pure)
// -------------------------------------------------------------------------------------------------

const SEGMENTS = /^\/?[a-zA-Z0-9_.-]+(\/[a-zA-Z0-9_.-]+)*$/;
const RESERVED = /^\/?(aws|ssm)/i;
const STANDARD_MAX_BYTES = 4096;
const ADVANCED_MAX_BYTES = 8192;
const AWS_MANAGED_KEY = 'alias/aws/ssm';

/** A name PutParameter accepts: segments of letters, digits and `._-`; a hierarchy starts with `/`. */
export const checkParameterName = (name: string): E.Either<ValidationException, string> =>
  !SEGMENTS.test(name)
    ? E.left(
        validationException(
          'Parameter name: can contain only letters, numbers and the symbols . - _ in segments separated by /.',
        ),
      )
    : name.slice(1).includes('/') && !name.startsWith('/')
      ? E.left(validationException('Parameter name must be a fully qualified name.'))
      : RESERVED.test(name)
        ? E.left(
            validationException('Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).'),
          )
        : E.right(name);

/** The tier a write ends in: Advanced never goes back to Standard; Intelligent-Tiering picks by size. */
export const resolveTier = (
  requested: RequestedTier | undefined,
  existing: ParameterTier | undefined,
  valueBytes: number,
): E.Either<ValidationException, ParameterTier> => {
  const tier: ParameterTier =
    requested === 'Intelligent-Tiering'
      ? existing === 'Advanced' || valueBytes > STANDARD_MAX_BYTES
        ? 'Advanced'
        : 'Standard'
      : (requested ?? existing ?? 'Standard');
  if (existing === 'Advanced' && tier === 'Standard') {
    return E.left(
      validationException(
        'This parameter uses the advanced-parameter tier. You cannot downgrade a parameter from the advanced tier to the standard tier.',
      ),
    );
  }
  if (tier === 'Standard' && valueBytes > STANDARD_MAX_BYTES) {
    return E.left(
      validationException(
        `Standard tier parameters support a maximum parameter value of ${STANDARD_MAX_BYTES} characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier.`,
      ),
    );
  }
  if (valueBytes > ADVANCED_MAX_BYTES) {
    return E.left(
      validationException(
        `Advanced tier parameters support a maximum parameter value of ${ADVANCED_MAX_BYTES} characters.`,
      ),
    );
  }
  return E.right(tier);
};

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

export const makeParameterCommands = (deps: ParameterCommandDependencies): ParameterCommands => {
  const now = deps.now ?? (() => new Date());
  // R7 is wired in the core (`dropDeletedParameterPolicies`): the profile's option and the policies' key.
  const dropPolicies = dropDeletedParameterPolicies(deps);
  // Each parameter created gets a new incarnation, so its policies live under a key no earlier life used.
  const newIncarnation = deps.newIncarnation ?? (() => randomUUID());

  return {
    PutParameter: (caller, input) => async () => {
      const name = checkParameterName(input.Name);
      if (E.isLeft(name)) return name;
      const arn = parameterArn(caller, input.Name);
      const existing = deps.store.lookup(arn);
      if (existing !== undefined && input.Overwrite !== true) return E.left(parameterAlreadyExists());
      const Type = input.Type ?? existing?.Type ?? 'String';
      if (input.KeyId !== undefined && Type !== 'SecureString') {
        return E.left(validationException('KeyId is required for SecureString type parameter only.'));
      }
      const tier = resolveTier(input.Tier, existing?.Tier, Buffer.byteLength(input.Value, 'utf8'));
      if (E.isLeft(tier)) return tier;
      const KeyId =
        Type !== 'SecureString'
          ? undefined
          : (input.KeyId ??
            (existing?.Type === 'SecureString' ? existing.KeyId : undefined) ??
            AWS_MANAGED_KEY);
      // R7: a parameter created anew starts with no policies, whatever an earlier one of its name had: it gets
      // a new incarnation, and with it a policy key of its own. An overwrite keeps the incarnation and every
      // member the request does not name: `produce` gives the next version without touching the stored one.
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
              DataType: input.DataType ?? 'text',
              ...(input.Description === undefined ? {} : { Description: input.Description }),
              Incarnation: newIncarnation(),
            }
          : produce(existing, (draft) => {
              draft.Name = input.Name;
              draft.Type = Type;
              draft.Tier = tier.right;
              if (KeyId === undefined) delete draft.KeyId;
              else draft.KeyId = KeyId;
              draft.Value = input.Value;
              draft.Version += 1;
              draft.LastModifiedDate = now();
              if (input.DataType !== undefined) draft.DataType = input.DataType;
              if (input.Description !== undefined) draft.Description = input.Description;
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
