/**
 * `@ssm-policy/conformance`: the conformance kit. Point it at a store (the store contract) or at anything that
 * offers PutResourcePolicy, GetResourcePolicies and DeleteResourcePolicy with AWS's shapes (the service
 * contract) and learn, rule by rule, where it differs from the rulebook (`docs/rules.md`). Every check is a
 * `Case` run by one runner, so it runs outside any test framework; `@ssm-policy/conformance/vitest`
 * registers the same checks as vitest tests. This entry point never loads vitest.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { createMemoryParameterCatalog, createMemoryPolicyRepository } from '@ssm-policy/adapter-memory';
 * import { coreServiceFactory, runServiceCases, serviceCases } from '@ssm-policy/conformance';
 * const factory = coreServiceFactory({ repository: createMemoryPolicyRepository, catalog: createMemoryParameterCatalog });
 * const results = await runServiceCases(factory, { cases: serviceCases.filter((c) => c.rule === 'H5') });
 * assert.ok(results.length > 0 && results.every((r) => r.status === 'pass'));
 *
 * @since 0.1.0
 */
export {
  ConformanceFailure,
  ConformanceSkip,
  deepEqual,
  errorSummary,
  expectEqual,
  expectError,
  expectRight,
  expectTrue,
  fail,
  matchesError,
  show,
  skip,
  summarize,
  type ExpectedError,
} from './assert.js';
export {
  formatCaseResult,
  runCase,
  runCases,
  type Case,
  type CaseResult,
  type CaseSession,
  type CaseStatus,
  type CaseTarget,
  type Requirement,
} from './case.js';
export { compareAndSetCases } from './cases/compare-and-set.js';
export { concurrencyCases } from './cases/concurrency.js';
export { documentCases } from './cases/document.js';
export { identityCases } from './cases/identity.js';
export { limitCases } from './cases/limits.js';
export { orderCases } from './cases/order.js';
export { pagingCases } from './cases/paging.js';
export { resourceCases } from './cases/resource.js';
export { terraformScenario } from './cases/terraform.js';
export { validationCases } from './cases/validation.js';
export { runConcurrencyChecks, explainable, type Batch, type BatchOp } from './concurrency.js';
export {
  coreServiceFactory,
  defaultCaller,
  type CoreServiceOptions,
  type WritableParameterCatalog,
} from './core-service-factory.js';
export {
  OTHER_ACCOUNT,
  opsItemGroupArnOf,
  opsItemGroupPolicy,
  opsItemGroupStatement,
  opsItemsArnOf,
  parameterArnOf,
  parameterPolicy,
  parameterStatement,
  policyOf,
  randomTag,
  statement,
  utf8Bytes,
  type Scope,
  type StatementSpec,
} from './documents.js';
export type {
  ParameterFixture,
  ParameterSpec,
  ServiceFactory,
  ServiceHandle,
  ServiceSetup,
} from './fixture.js';
export {
  createCommand,
  deleteCommand,
  deleteUnknownCommand,
  getCommand,
  modelCommands,
  observeAll,
  perform,
  recreateParameterCommand,
  renderPolicy,
  textSpecArb,
  updateCommand,
  updateUnknownCommand,
  type HashChoice,
  type ModelBox,
  type ModelReal,
  type ModelResource,
  type TextSpec,
  type UnknownId,
} from './model/commands.js';
export { modelOptionsOf, setupModelRun, teardownModelRun, type ModelWorld } from './model/model-run.js';
export {
  dropResource,
  emptyModel,
  expectedOutcome,
  limitOf,
  policiesOf,
  seedPolicies,
  step,
  type Expectation,
  type ModelOp,
  type ModelOptions,
  type ModelPolicy,
  type Observation,
  type ReferenceModel,
  type ResourceKind,
  type Violation,
} from './model/reference-model.js';
export { traceSteps, type FailedStep, type StepTracer } from './failed-step.js';
export { MAX_PAGES, listAll, type Page } from './paging.js';
export {
  MODEL_PROPERTY_RULES,
  runModelProperties,
  toPropertyResult,
  type PropertyOptions,
  type PropertyResult,
} from './properties.js';
export {
  RULE_EVIDENCE,
  evidenceText,
  ruleAnchor,
  type EvidenceTag,
  type RuleEvidence,
} from './rule-evidence.js';
export { serviceCases } from './service/cases.js';
export { makeServiceContext, type ServiceCase, type ServiceContext } from './service/context.js';
export { runServiceCase, runServiceCases, serviceTarget, type ServiceRunOptions } from './service/runner.js';
export { DEFAULT_RUNS, propertySettings, type PropertySettings } from './settings.js';
export { repositoryCases } from './store/cases.js';
export { makeRepositoryContext } from './store/context.js';
export {
  repositoryTarget,
  runRepositoryCase,
  runRepositoryCases,
  type RepositoryRunOptions,
} from './store/runner.js';
export type {
  PolicyVersion,
  RepositoryCase,
  RepositoryContext,
  RepositoryFactory,
  RepositoryHandle,
} from './store/types.js';
