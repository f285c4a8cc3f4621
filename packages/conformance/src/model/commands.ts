/**
 * fast-check commands over the reference model: create, update (current hash, stale hash, unknown id),
 * delete (current, stale, unknown), get with a random `MaxResults` paging to the end, and deleting and
 * recreating a parameter (R7). A command names its target by the resource's index and an existing policy by
 * a number taken modulo the policies there when it runs, so a shrunk command list stays meaningful. Every
 * command prints itself readably, so that fast-check's counterexample can be read and replayed.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import * as fc from 'fast-check';
 * import { modelCommands } from '@ssm-policy/conformance';
 * const [commands] = fc.sample(fc.commands(modelCommands(4), { maxCommands: 40 }), 1);
 * assert.ok([...commands!].every((c) => /^[A-Z]\w*\(/.test(String(c))), 'every command prints itself readably');
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js';
import * as fc from 'fast-check';
import type { ResourcePolicyService } from '@ssm-policy/core';
import { ConformanceFailure } from '../assert.js';
import { listAll } from '../paging.js';
import { OTHER_ACCOUNT, opsItemGroupArnOf, opsItemsArnOf, type Scope } from '../documents.js';
import type { ParameterFixture, ParameterSpec } from '../fixture.js';
import {
  dropResource,
  policiesOf,
  step,
  type ModelOp,
  type Observation,
  type ReferenceModel,
} from './reference-model.js';

// -------------------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------------------

/**
 * A resource of a model run.
 *
 * @category reference model
 * @since 0.1.0
 */
export interface ModelResource {
  readonly label: string;
  readonly arn: string;
  readonly kind: 'OpsItemGroup' | 'Parameter';
  /** For a parameter: how to create it again (R7). */
  readonly spec?: ParameterSpec;
}

/**
 * The system under test as the commands see it.
 *
 * @category reference model
 * @since 0.1.0
 */
export interface ModelReal {
  readonly service: ResourcePolicyService;
  readonly parameters: ParameterFixture;
  readonly scope: Scope;
  readonly resources: ReadonlyArray<ModelResource>;
  /** R7 as the profile sets it: does deleting a parameter drop its policies? */
  readonly deletionDropsPolicies: boolean;
}

/**
 * A policy document, described by a few choices so that texts repeat (content hashes, A → B → A).
 *
 * @category reference model
 * @since 0.1.0
 */
export interface TextSpec {
  readonly sid: string;
  /** A non-empty subset of the allowed actions, as a bit mask. */
  readonly actions: number;
  /** Spaces after ':' and ',' (still one line): a store that re-serializes JSON changes the text (P7). */
  readonly spaced: boolean;
  readonly principals: number;
}

// P4 and P5: actions the rulebook allows on each kind of resource.
const PARAMETER_ACTIONS = [
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:DescribeParameters',
  'ssm:GetParameterHistory',
];
const OPS_ITEM_GROUP_ACTIONS = [
  'ssm:CreateOpsItem',
  'ssm:GetOpsItem',
  'ssm:UpdateOpsItem',
  'ssm:AddTagsToResource',
];
const PRINCIPALS = [[OTHER_ACCOUNT], ['111122223333', OTHER_ACCOUNT], ['arn:aws:iam::444455556666:root']];

/**
 * Arbitrary policy texts, by their parts.
 *
 * @category reference model
 * @since 0.1.0
 */
export const textSpecArb: fc.Arbitrary<TextSpec> = fc.record({
  sid: fc.constantFrom('', 'A', 'B', 'Read', 'Zoë'),
  actions: fc.integer({ min: 1, max: 15 }),
  spaced: fc.boolean(),
  principals: fc.integer({ min: 0, max: PRINCIPALS.length - 1 }),
});

/**
 * The compact one-line document (V2) a spec stands for, on a resource.
 *
 * @category reference model
 * @since 0.1.0
 */
export const renderPolicy = (spec: TextSpec, resource: ModelResource, scope: Scope): string => {
  const all = resource.kind === 'Parameter' ? PARAMETER_ACTIONS : OPS_ITEM_GROUP_ACTIONS;
  const Action = all.filter((_, i) => (spec.actions & (1 << i)) !== 0);
  const principals = PRINCIPALS[spec.principals] ?? [OTHER_ACCOUNT];
  const statement = {
    ...(spec.sid !== '' ? { Sid: spec.sid } : {}),
    Effect: 'Allow',
    Principal: { AWS: principals.length === 1 ? principals[0] : principals },
    Action: Action.length === 1 ? Action[0] : Action,
    Resource: resource.kind === 'Parameter' ? resource.arn : [opsItemsArnOf(scope), opsItemGroupArnOf(scope)],
  };
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
  return spec.spaced ? text.replace(/":/g, '": ').replace(/,"/g, ', "') : text;
};

const showSpec = (s: TextSpec): string =>
  `{sid:${JSON.stringify(s.sid)},actions:${s.actions},principals:${s.principals}${s.spaced ? ',spaced' : ''}}`;

// -------------------------------------------------------------------------------------------------
// running one operation
// -------------------------------------------------------------------------------------------------

/**
 * An operation that does not answer within this time is observed as hung (a failure), not awaited forever.
 *
 * @category reference model
 * @since 0.1.0
 */
export const OPERATION_TIMEOUT_MS = 30_000;

const observe = async <A>(
  run: () => Promise<{ _tag: 'Left'; left: unknown } | { _tag: 'Right'; right: A }>,
): Promise<Observation> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<Observation>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, error: { _tag: `hung: no answer after ${OPERATION_TIMEOUT_MS} ms` } }),
      OPERATION_TIMEOUT_MS,
    );
  });
  const answered = (async (): Promise<Observation> => {
    try {
      const r = await run();
      return r._tag === 'Right' ? { ok: true, value: r.right } : { ok: false, error: r.left };
    } catch (e) {
      return { ok: false, error: { _tag: `threw: ${e instanceof Error ? e.message : String(e)}` } };
    }
  })();
  try {
    return await Promise.race([answered, hung]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Every page of a resource joined, as one observation; checks each page against `MaxResults` (H8).
 *
 * @since 0.1.0
 * @category reference model
 */
export const observeAll = async (
  service: ResourcePolicyService,
  arn: string,
  MaxResults?: number,
): Promise<Observation> => {
  const all = await listAll(async (NextToken: string | undefined) => {
    const o = await observe(
      service.GetResourcePolicies({
        ResourceArn: arn,
        ...(MaxResults !== undefined ? { MaxResults } : {}),
        ...(NextToken !== undefined ? { NextToken } : {}),
      }),
    );
    if (!o.ok) return E.left(o);
    const value = o.value as { Policies?: unknown; NextToken?: unknown };
    if (!Array.isArray(value.Policies))
      throw new ConformanceFailure(`H8 get on ${arn}: the response`, value, { Policies: '<array>' });
    if (MaxResults !== undefined && value.Policies.length > MaxResults)
      throw new ConformanceFailure(
        `H8 get on ${arn}: a page of MaxResults ${MaxResults}`,
        value.Policies.length,
        `at most ${MaxResults}`,
      );
    return E.right({
      items: value.Policies as ReadonlyArray<unknown>,
      cursor: value.NextToken === undefined ? undefined : String(value.NextToken),
    });
  }, arn);
  return E.isLeft(all) ? all.left : { ok: true, value: all.right };
};

/**
 * Runs one operation against the system under test.
 *
 * @category reference model
 * @since 0.1.0
 */
export const perform = (
  service: ResourcePolicyService,
  op: ModelOp,
  MaxResults?: number,
): Promise<Observation> => {
  switch (op.kind) {
    case 'create':
      return observe(service.PutResourcePolicy({ ResourceArn: op.arn, Policy: op.Policy }));
    case 'update':
      return observe(
        service.PutResourcePolicy({
          ResourceArn: op.arn,
          Policy: op.Policy,
          PolicyId: op.PolicyId,
          PolicyHash: op.PolicyHash,
        }),
      );
    case 'delete':
      return observe(
        service.DeleteResourcePolicy({
          ResourceArn: op.arn,
          PolicyId: op.PolicyId,
          PolicyHash: op.PolicyHash,
        }),
      );
    case 'list':
      return observeAll(service, op.arn, MaxResults);
  }
};

/** Performs `op`, judges it against the model and moves the box to the next model; throws the violation. */
const checked = async (m: ModelBox, r: ModelReal, op: ModelOp, MaxResults?: number): Promise<void> => {
  const observed = await perform(r.service, op, MaxResults);
  const next = step(m.current, op, observed);
  if (E.isLeft(next)) throw new ConformanceFailure(next.left.what, next.left.observed, next.left.expected);
  m.current = next.right;
};

// -------------------------------------------------------------------------------------------------
// commands
// -------------------------------------------------------------------------------------------------

/**
 * What fast-check's commands share: the current model, replaced (never changed) by every checked command.
 *
 * @since 0.1.0
 * @category reference model
 */
export interface ModelBox {
  current: ReferenceModel;
}

type Cmd = fc.AsyncCommand<ModelBox, ModelReal>;

const target = (r: ModelReal, resource: number): ModelResource => r.resources[resource % r.resources.length]!;

/**
 * Which hash an update or delete carries; which id when the id is unknown.
 *
 * @category reference model
 * @since 0.1.0
 */
export type HashChoice = 'current' | 'stale';
/**
 * Where an unknown policy id comes from.
 *
 * @category reference model
 * @since 0.1.0
 */
export type UnknownId = 'made-up' | 'deleted' | 'foreign';

const pickPolicy = (m: ReferenceModel, arn: string, pick: number) => {
  const list = policiesOf(m, arn);
  return list.length === 0 ? undefined : list[pick % list.length];
};

/** A hash the policy had before (or a made-up one), never its current hash. */
const staleHash = (hashes: ReadonlyArray<string>, current: string, pick: number): string => {
  const old = hashes.filter((h) => h !== current);
  return old.length === 0 ? `stale-${pick}` : old[pick % old.length]!;
};

const unknownId = (m: ReferenceModel, arn: string, source: UnknownId, pick: number): string => {
  const made = `00000000-0000-4000-8000-${String(pick).padStart(12, '0')}`;
  if (source === 'deleted') {
    const gone = m.gone.get(arn) ?? [];
    return gone.length === 0 ? made : gone[pick % gone.length]!;
  }
  if (source === 'foreign') {
    const others = [...m.policies].filter(([a]) => a !== arn).flatMap(([, ps]) => ps);
    return others.length === 0 ? made : others[pick % others.length]!.PolicyId;
  }
  return made;
};

const cmd = (
  name: string,
  check: (m: Readonly<ModelBox>) => boolean,
  run: (m: ModelBox, r: ModelReal) => Promise<void>,
): Cmd => ({ check, run, toString: () => name });

/**
 * Creates a policy.
 *
 * @category reference model
 * @since 0.1.0
 */
export const createCommand = (resource: number, text: TextSpec): Cmd =>
  cmd(
    `Create(r${resource}, ${showSpec(text)})`,
    () => true,
    async (m, r) => {
      const res = target(r, resource);
      await checked(m, r, { kind: 'create', arn: res.arn, Policy: renderPolicy(text, res, r.scope) });
    },
  );

/**
 * Updates an existing policy, with its current or a stale hash.
 *
 * @category reference model
 * @since 0.1.0
 */
export const updateCommand = (
  resource: number,
  pick: number,
  hash: HashChoice,
  text: TextSpec | 'same',
): Cmd =>
  cmd(
    `Update(r${resource}, policy #${pick}, ${hash} hash, ${text === 'same' ? 'same text' : showSpec(text)})`,
    () => true,
    async (m, r) => {
      const res = target(r, resource);
      const p = pickPolicy(m.current, res.arn, pick);
      if (p === undefined) return; // nothing to update here: a no-op keeps shrunk lists valid
      const PolicyHash = hash === 'current' ? p.PolicyHash : staleHash(p.hashes, p.PolicyHash, pick);
      // 'same' puts the current text again: a versioned hash must still change (H6).
      const Policy = text === 'same' ? p.Policy : renderPolicy(text, res, r.scope);
      await checked(m, r, { kind: 'update', arn: res.arn, PolicyId: p.PolicyId, PolicyHash, Policy });
    },
  );

/**
 * Updates a policy that does not exist.
 *
 * @category reference model
 * @since 0.1.0
 */
export const updateUnknownCommand = (
  resource: number,
  source: UnknownId,
  pick: number,
  text: TextSpec,
): Cmd =>
  cmd(
    `UpdateUnknown(r${resource}, ${source} id #${pick}, ${showSpec(text)})`,
    () => true,
    async (m, r) => {
      const res = target(r, resource);
      const PolicyId = unknownId(m.current, res.arn, source, pick);
      await checked(m, r, {
        kind: 'update',
        arn: res.arn,
        PolicyId,
        PolicyHash: `hash-${pick}`,
        Policy: renderPolicy(text, res, r.scope),
      });
    },
  );

/**
 * Deletes an existing policy, with its current or a stale hash.
 *
 * @category reference model
 * @since 0.1.0
 */
export const deleteCommand = (resource: number, pick: number, hash: HashChoice): Cmd =>
  cmd(
    `Delete(r${resource}, policy #${pick}, ${hash} hash)`,
    () => true,
    async (m, r) => {
      const res = target(r, resource);
      const p = pickPolicy(m.current, res.arn, pick);
      if (p === undefined) return;
      const PolicyHash = hash === 'current' ? p.PolicyHash : staleHash(p.hashes, p.PolicyHash, pick);
      await checked(m, r, { kind: 'delete', arn: res.arn, PolicyId: p.PolicyId, PolicyHash });
    },
  );

/**
 * Deletes a policy that does not exist.
 *
 * @category reference model
 * @since 0.1.0
 */
export const deleteUnknownCommand = (resource: number, source: UnknownId, pick: number): Cmd =>
  cmd(
    `DeleteUnknown(r${resource}, ${source} id #${pick})`,
    () => true,
    async (m, r) => {
      const res = target(r, resource);
      await checked(m, r, {
        kind: 'delete',
        arn: res.arn,
        PolicyId: unknownId(m.current, res.arn, source, pick),
        PolicyHash: `hash-${pick}`,
      });
    },
  );

/**
 * Reads every page of a resource's policies.
 *
 * @category reference model
 * @since 0.1.0
 */
export const getCommand = (resource: number, MaxResults: number | undefined): Cmd =>
  cmd(
    `Get(r${resource}, MaxResults ${MaxResults ?? 'absent'})`,
    () => true,
    async (m, r) => {
      await checked(m, r, { kind: 'list', arn: target(r, resource).arn }, MaxResults);
    },
  );

/**
 * Deletes and recreates a parameter (R7).
 *
 * @category reference model
 * @since 0.1.0
 */
export const recreateParameterCommand = (resource: number): Cmd =>
  cmd(
    `RecreateParameter(r${resource})`,
    () => true,
    async (m, r) => {
      const res = target(r, resource);
      if (res.spec === undefined) return; // the OpsItemGroup cannot be deleted
      await r.parameters.deleteParameter(res.spec.Name);
      await r.parameters.putParameter(res.spec);
      if (r.deletionDropsPolicies) m.current = dropResource(m.current, res.arn);
    },
  );

/**
 * The command arbitraries over `resources` resources.
 *
 * @category reference model
 * @since 0.1.0
 */
export const modelCommands = (resources: number): Array<fc.Arbitrary<Cmd>> => {
  // Resource 1 (a parameter) is picked more often, so that pages fill up and paging is exercised.
  const resource = fc.oneof(
    { weight: 1, arbitrary: fc.constant(Math.min(1, resources - 1)) },
    { weight: 2, arbitrary: fc.nat({ max: resources - 1 }) },
  );
  const updateText = fc.oneof(
    { weight: 1, arbitrary: fc.constant<'same'>('same') },
    { weight: 3, arbitrary: textSpecArb },
  );
  const pick = fc.nat({ max: 63 });
  const hash = fc.constantFrom<HashChoice>('current', 'current', 'stale');
  const source = fc.constantFrom<UnknownId>('made-up', 'deleted', 'foreign');
  const maxResults = fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 3 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 50 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  // One weighted choice: enough creates that pages fill up, fewer of the commands that only read errors.
  return [
    fc.oneof(
      { weight: 4, arbitrary: fc.tuple(resource, textSpecArb).map(([r, t]) => createCommand(r, t)) },
      {
        weight: 3,
        arbitrary: fc
          .tuple(resource, pick, hash, updateText)
          .map(([r, p, h, t]) => updateCommand(r, p, h, t)),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(resource, source, pick, textSpecArb)
          .map(([r, s, p, t]) => updateUnknownCommand(r, s, p, t)),
      },
      { weight: 2, arbitrary: fc.tuple(resource, pick, hash).map(([r, p, h]) => deleteCommand(r, p, h)) },
      {
        weight: 1,
        arbitrary: fc.tuple(resource, source, pick).map(([r, s, p]) => deleteUnknownCommand(r, s, p)),
      },
      { weight: 3, arbitrary: fc.tuple(resource, maxResults).map(([r, n]) => getCommand(r, n)) },
      { weight: 1, arbitrary: resource.map((r) => recreateParameterCommand(r)) },
    ),
  ];
};
