/**
 * `PutParameter`, `GetParameter`, `GetParameters`, `GetParameterHistory` and `DeleteParameter`: just enough of
 * Parameter Store for the emulator to work on its own and to back rules R4–R7 end to end. Deleting a parameter drops its policies, and a parameter
 * created anew starts with none (R7, when the profile's `parameterDeletionDropsPolicies` is on).
 *
 * `GetParameter`, `GetParameters` and `GetParameterHistory` read the caller's own parameters by name or ARN and
 * another account's by ARN (A6), each decided by the owner's resource policies (A5, `decideParameterAccess`);
 * a refusal answers as A7 and the profile say. A consumer's `PutParameter` or `DeleteParameter` on another
 * account's parameter is always refused (R8); the owner's are refused only by an explicit `Deny` in the
 * parameter's policies (A5; P4's default action list admits no write actions, so only a widened profile can
 * attach one).
 *
 * `PutParameter` checks what SSM's model and documentation say of names, types, keys, data types, values, tiers
 * and `AllowedPattern` (rules S1–S8 of docs/rules.md, most of them decided in `parameter-rules.ts`; each rule's
 * row there names where), with the model's errors.
 * A SecureString without a `KeyId` uses its account and region's AWS managed key `aws/ssm` (R6).
 *
 * Simplifications: values are stored in clear (a SecureString is not encrypted, and the reads return its
 * value whatever `WithDecryption` says, A6's [U] choice); `Intelligent-Tiering` records Standard unless the
 * value is larger than 4 KB (or the parameter is already Advanced); no labels, tags or parameter policies (so
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
import * as O from 'fp-ts/lib/Option.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { produce } from 'immer';
import {
  accessDenied,
  decideParameterAccess,
  denialOf,
  dropDeletedParameterPolicies,
  formatResourceArn,
  parameterArn,
  parseResourceArn,
  toInternalServerError,
  principalArnOf,
  resourceKeyOf,
  type AccessDeniedException,
  type BehaviourProfile,
  type Caller,
  type InternalServerError,
  type OrganizationOf,
  type ParameterTier,
  type PolicyRepository,
  type ValidationException,
} from '@ssm-policy/core';
import {
  scopeOfArn,
  type ParameterStore,
  type ParameterVersion,
  type StoredParameter,
} from './parameter-store.js';
import {
  parameterAlreadyExists,
  parameterLimitExceeded,
  parameterNotFound,
  type HierarchyLevelLimitExceededException,
  type InvalidAllowedPatternException,
  type ParameterAlreadyExists,
  type ParameterLimitExceeded,
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
import { AWS_SSM_KEY_ALIAS } from './managed-keys.js';
import type {
  DeleteParameterRequest,
  GetParameterHistoryRequest,
  GetParameterRequest,
  GetParametersRequest,
  PutParameterRequest,
} from './parameter-requests.js';

// -------------------------------------------------------------------------------------------------
// quotas and the history's token (the other errors are in parameter-errors.ts)
// -------------------------------------------------------------------------------------------------

/**
 * The published quotas: parameters per account and region, by tier.
 *
 * @category parameters
 * @since 0.2.0
 */
export interface ParameterQuotas {
  readonly Standard: number;
  readonly Advanced: number;
}

/**
 * AWS's published defaults: 10,000 Standard and 100,000 Advanced parameters per account and region.
 *
 * @category parameters
 * @since 0.2.0
 */
export const DEFAULT_PARAMETER_QUOTAS: ParameterQuotas = { Standard: 10_000, Advanced: 100_000 };

/**
 * The model's `InvalidNextToken`: a GetParameterHistory `NextToken` that this parameter did not hand out.
 *
 * @category parameters
 * @since 0.2.0
 */
export interface InvalidNextToken {
  readonly _tag: 'InvalidNextToken';
  readonly message: string;
  readonly fault: 'client';
}

/**
 * An `InvalidNextToken` with the model's message.
 *
 * @category parameters
 * @since 0.2.0
 */
export const invalidNextToken = (): InvalidNextToken => ({
  _tag: 'InvalidNextToken',
  fault: 'client',
  message: "The specified token isn't valid.",
});

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
  | ParameterLimitExceeded
  | UnsupportedParameterType
  | InvalidAllowedPatternException
  | ParameterPatternMismatchException
  | InternalServerError;
/**
 * A6, A7: a refused read is `AccessDeniedException`, or `ParameterNotFound` by the profile's choice.
 *
 * @category parameters
 * @since 0.1.0
 */
export type GetParameterError = ParameterNotFound | AccessDeniedException | InternalServerError;
/**
 * The errors GetParameters answers (a refused or missing name is listed, not an error).
 *
 * @category parameters
 * @since 0.2.0
 */
export type GetParametersError = InternalServerError;
/**
 * The errors GetParameterHistory answers.
 *
 * @category parameters
 * @since 0.2.0
 */
export type GetParameterHistoryError = GetParameterError | InvalidNextToken;
/**
 * The errors DeleteParameter answers.
 *
 * @category parameters
 * @since 0.1.0
 */
export type DeleteParameterError = ParameterNotFound | AccessDeniedException | InternalServerError;

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
 * The model's `Parameter`.
 *
 * @category parameters
 * @since 0.2.0
 */
export interface ParameterView {
  readonly Name: string;
  readonly Type: string;
  readonly Value: string;
  readonly Version: number;
  /** Epoch seconds, as the JSON protocol sends timestamps. */
  readonly LastModifiedDate: number;
  readonly ARN: string;
  readonly DataType: string;
}

/**
 * GetParameter's answer.
 *
 * @category parameters
 * @since 0.1.0
 */
export interface GetParameterResponse {
  readonly Parameter: ParameterView;
}

/**
 * GetParameters' answer: the parameters the caller may read, and the names it may not (A6).
 *
 * @category parameters
 * @since 0.2.0
 */
export interface GetParametersResponse {
  /** In alphabetical order of their names, as the model documents. */
  readonly Parameters: ReadonlyArray<ParameterView>;
  /** Names that are missing, malformed or refused (A6), as the request gave them. */
  readonly InvalidParameters: ReadonlyArray<string>;
}

/**
 * The model's `ParameterHistory`.
 *
 * @category parameters
 * @since 0.2.0
 */
export interface ParameterHistoryView {
  readonly Name: string;
  readonly Type: string;
  readonly KeyId?: string;
  readonly LastModifiedDate: number;
  readonly LastModifiedUser?: string;
  readonly Description?: string;
  readonly Value: string;
  readonly Version: number;
  readonly Labels: ReadonlyArray<string>;
  readonly Tier: ParameterTier;
  readonly Policies: ReadonlyArray<never>;
  readonly DataType: string;
}

/**
 * GetParameterHistory's answer: a page of versions, oldest first, and a `NextToken` when more follow.
 *
 * @category parameters
 * @since 0.2.0
 */
export interface GetParameterHistoryResponse {
  readonly Parameters: ReadonlyArray<ParameterHistoryView>;
  readonly NextToken?: string;
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
  GetParameters(
    caller: Caller,
    input: GetParametersRequest,
  ): TE.TaskEither<GetParametersError, GetParametersResponse>;
  GetParameterHistory(
    caller: Caller,
    input: GetParameterHistoryRequest,
  ): TE.TaskEither<GetParameterHistoryError, GetParameterHistoryResponse>;
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
  /** Parameters per account and region, by tier; default `DEFAULT_PARAMETER_QUOTAS` (AWS's published ones). */
  readonly quotas?: ParameterQuotas;
  /** A4: the organization of a parameter's account (`aws:ResourceOrgID`), when it is configured. */
  readonly organizationOf?: OrganizationOf;
}

// -------------------------------------------------------------------------------------------------
// names
// -------------------------------------------------------------------------------------------------

/** Where a name points: the canonical ARN, and whether the parameter is the caller's own account's. */
interface Target {
  readonly arn: string;
  readonly own: boolean;
}

/**
 * A6: a bare name always means the caller's own account; a parameter ARN may name another account's
 * parameter (in the caller's partition and region: another region's ARN finds nothing).
 *
 * @category parameters
 * @since 0.2.0
 */
export const targetOf = (caller: Caller, name: string): Target | undefined => {
  if (!name.startsWith('arn:')) return { arn: parameterArn(caller, name), own: true };
  const parsed = parseResourceArn(name);
  return E.isRight(parsed) &&
    parsed.right._tag === 'Parameter' &&
    parsed.right.region === caller.region &&
    parsed.right.partition === caller.partition
    ? { arn: formatResourceArn(parsed.right), own: parsed.right.account === caller.account }
    : undefined;
};

const HISTORY_PAGE = 50;

/** GetParameterHistory's `NextToken`: where the page stops, bound to the parameter's ARN and life (R7). */
const historyToken = (arn: string, incarnation: string, offset: number): string =>
  Buffer.from(JSON.stringify([arn, incarnation, offset]), 'utf8').toString('base64url');

const historyOffset = (token: string, arn: string, incarnation: string): number | undefined => {
  try {
    const v: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return Array.isArray(v) &&
      v.length === 3 &&
      v[0] === arn &&
      v[1] === incarnation &&
      Number.isInteger(v[2]) &&
      (v[2] as number) > 0
      ? (v[2] as number)
      : undefined;
  } catch {
    return undefined;
  }
};

const secondsOf = (d: Date): number => d.getTime() / 1000;

const historyView = (name: string, v: ParameterVersion): ParameterHistoryView => ({
  Name: name,
  Type: v.Type,
  ...(v.KeyId === undefined ? {} : { KeyId: v.KeyId }),
  LastModifiedDate: secondsOf(v.LastModifiedDate),
  ...(v.LastModifiedUser === undefined ? {} : { LastModifiedUser: v.LastModifiedUser }),
  ...(v.Description === undefined ? {} : { Description: v.Description }),
  Value: v.Value,
  Version: v.Version,
  Labels: [],
  Tier: v.Tier,
  Policies: [],
  DataType: v.DataType,
});

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
  const quotas = deps.quotas ?? DEFAULT_PARAMETER_QUOTAS;
  const decide = decideParameterAccess(deps);

  /**
   * A5, A6, A7: the parameter `name` names, if `caller` may perform `action` on it. Another account's missing
   * parameter is refused as an unshared one is, so that a refusal never tells whether it exists.
   */
  const readable = async (
    caller: Caller,
    name: string,
    action: string,
  ): Promise<
    E.Either<GetParameterError, { readonly arn: string; readonly name: string; readonly p: StoredParameter }>
  > => {
    const target = targetOf(caller, name);
    if (target === undefined) return E.left(parameterNotFound(name));
    const looked = await deps.store.lookup(target.arn)();
    if (E.isLeft(looked)) return E.left(toInternalServerError(looked.left));
    const p = O.toUndefined(looked.right);
    if (p === undefined) {
      if (target.own || deps.profile.crossAccountDenial === 'ParameterNotFound')
        return E.left(parameterNotFound(name));
      return E.left(accessDenied(principalArnOf(caller), action, target.arn, 'ImplicitDeny'));
    }
    const access = await decide(caller, resourceKeyOf(target.arn, p.Incarnation), action, now())();
    if (E.isLeft(access)) return access;
    if (access.right.decision !== 'Allow') {
      const denial = denialOf(access.right, caller, deps.profile);
      return E.left(denial === 'ParameterNotFound' ? parameterNotFound(name) : denial);
    }
    // A consumer sees the parameter under the ARN it asked for; the owner under its name.
    return E.right({ arn: target.arn, name: target.own ? p.Name : target.arn, p });
  };

  const parameterView = (arn: string, name: string, p: StoredParameter): ParameterView => ({
    Name: name,
    Type: p.Type,
    Value: p.Value,
    Version: p.Version,
    LastModifiedDate: secondsOf(p.LastModifiedDate),
    ARN: arn,
    DataType: p.DataType,
  });

  /** R8, A6: a consumer never writes to another account's parameter, whatever a policy grants. */
  const foreignWrite = (caller: Caller, name: string, action: string): AccessDeniedException | undefined => {
    const target = targetOf(caller, name);
    return target === undefined || target.own
      ? undefined
      : accessDenied(principalArnOf(caller), action, target.arn, 'ImplicitDeny');
  };

  /**
   * A5: the owner's own write (its identity's business, outside this library: allowed) is refused when one of
   * the parameter's policies explicitly denies it. A consumer never gets this far (R8, `foreignWrite`).
   */
  const ownerWriteDenied = async (
    caller: Caller,
    arn: string,
    p: StoredParameter,
    action: string,
  ): Promise<AccessDeniedException | InternalServerError | undefined> => {
    const access = await decide(caller, resourceKeyOf(arn, p.Incarnation), action, now())();
    if (E.isLeft(access)) return access.left;
    return access.right.decision === 'ExplicitDeny'
      ? accessDenied(principalArnOf(caller), action, arn, 'ExplicitDeny')
      : undefined;
  };

  return {
    PutParameter: (caller, input) => async () => {
      const foreign = foreignWrite(caller, input.Name, 'ssm:PutParameter');
      if (foreign !== undefined) return E.left(foreign);
      // S2: `/a` and `a` are one parameter: both have the ARN `parameter/a`, the store's key.
      const arn = parameterArn(caller, input.Name);
      // S1 → S8 → S3 → S6 → S4 → S5 → S4's tier: the first rule that fails answers, and nothing is stored.
      const name = checkParameterName(input.Name, arn);
      if (E.isLeft(name)) return name;
      const found = await deps.store.lookup(arn)();
      if (E.isLeft(found)) return E.left(toInternalServerError(found.left));
      const existing = O.toUndefined(found.right);
      // A5 before the parameter's own rules: a denied caller learns nothing of the parameter. A create has no
      // policies to deny it (R7: a new parameter starts with none).
      if (existing !== undefined) {
        const denied = await ownerWriteDenied(caller, arn, existing, 'ssm:PutParameter');
        if (denied !== undefined) return E.left(denied);
      }
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
      // The quotas count per account and region: a create, or a move to Advanced, needs room in its tier.
      if (existing?.Tier !== tier.right && deps.store.countParameters !== undefined) {
        const held = deps.store.countParameters(scopeOfArn(arn))[tier.right];
        if (held >= quotas[tier.right]) {
          return E.left(
            parameterLimitExceeded(
              `You have exceeded the number of parameters for this AWS account: the ${tier.right} tier holds at most ${quotas[tier.right]} parameters per account and region. Delete one or more parameters and try again.`,
            ),
          );
        }
      }
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
              LastModifiedUser: principalArnOf(caller),
            }
          : produce(existing, (draft) => {
              // The version being replaced joins the history (GetParameterHistory). The name stays the one the
              // parameter was created with (S2).
              const { Incarnation: _i, History: _h, ...previous } = existing;
              draft.History = [...(existing.History ?? []), previous];
              draft.LastModifiedUser = principalArnOf(caller);
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
      const saved = await deps.store.save(arn, next)();
      if (E.isLeft(saved)) return E.left(toInternalServerError(saved.left));
      return E.right({ Version: next.Version, Tier: next.Tier });
    },

    GetParameter: (caller, input) => async () => {
      const found = await readable(caller, input.Name, 'ssm:GetParameter');
      if (E.isLeft(found)) return found;
      const { arn, name, p } = found.right;
      return E.right({ Parameter: parameterView(arn, name, p) });
    },

    GetParameters: (caller, input) => async () => {
      const Parameters: ParameterView[] = [];
      const InvalidParameters: string[] = [];
      // Each name on its own (A6): a missing, malformed or refused one is listed, never an error of the call.
      for (const name of new Set(input.Names)) {
        const found = await readable(caller, name, 'ssm:GetParameters');
        if (E.isRight(found))
          Parameters.push(parameterView(found.right.arn, found.right.name, found.right.p));
        else if (found.left._tag === 'InternalServerError') return E.left(found.left);
        else InvalidParameters.push(name);
      }
      Parameters.sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
      return E.right({ Parameters, InvalidParameters });
    },

    GetParameterHistory: (caller, input) => async () => {
      const found = await readable(caller, input.Name, 'ssm:GetParameterHistory');
      if (E.isLeft(found)) return found;
      const { arn, name, p } = found.right;
      const { Incarnation, History, ...current } = p;
      const versions: ReadonlyArray<ParameterVersion> = [...(History ?? []), current];
      const offset = input.NextToken === undefined ? 0 : historyOffset(input.NextToken, arn, Incarnation);
      if (offset === undefined || offset > versions.length) return E.left(invalidNextToken());
      const end = offset + (input.MaxResults ?? HISTORY_PAGE);
      const Parameters = versions.slice(offset, end).map((v) => historyView(name, v));
      return E.right(
        end < versions.length
          ? { Parameters, NextToken: historyToken(arn, Incarnation, end) }
          : { Parameters },
      );
    },

    DeleteParameter: (caller, input) => async () => {
      const foreign = foreignWrite(caller, input.Name, 'ssm:DeleteParameter');
      if (foreign !== undefined) return E.left(foreign);
      const target = targetOf(caller, input.Name);
      if (target === undefined) return E.left(parameterNotFound(input.Name));
      const arn = target.arn;
      // A5: an explicit Deny of the owner's DeleteParameter in the parameter's policies keeps it.
      const before = await deps.store.lookup(arn)();
      if (E.isLeft(before)) return E.left(toInternalServerError(before.left));
      if (O.isSome(before.right)) {
        const denied = await ownerWriteDenied(caller, arn, before.right.value, 'ssm:DeleteParameter');
        if (denied !== undefined) return E.left(denied);
      }
      const found = await deps.store.remove(arn)();
      if (E.isLeft(found)) return E.left(toInternalServerError(found.left));
      if (O.isNone(found.right)) return E.left(parameterNotFound(input.Name));
      const removed = found.right.value;
      // R7: its policies go with it. A policy write still in flight lands under this incarnation's key, which
      // no later parameter of this name reads.
      const dropped = await dropPolicies(arn, removed)();
      return E.isLeft(dropped) ? dropped : E.right({});
    },
  };
};
