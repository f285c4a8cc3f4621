/**
 * `@ssm-policy/conformance`: the conformance kit. Point it at a store (`describePolicyRepository`) or at
 * anything that offers PutResourcePolicy, GetResourcePolicies and DeleteResourcePolicy with AWS's shapes
 * (`describeSsmService`) and learn, rule by rule, where it differs from the rulebook. Every check is data
 * plus a runner, so it runs inside vitest and outside it (the `ssm-policy-conformance` command).
 *
 * @example
 * import { describeSsmService, memoryServiceFactory } from '@ssm-policy/conformance';
 * describeSsmService('core + memory', memoryServiceFactory);
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
export { documentCases } from './cases/document.js';
export { identityCases } from './cases/identity.js';
export { orderCases } from './cases/order.js';
export { resourceCases } from './cases/resource.js';
export { validationCases } from './cases/validation.js';
export { runConcurrencyChecks, explainable, type Batch, type BatchOp } from './concurrency.js';
export {
  describePolicyRepository,
  describeSsmService,
  type DescribeRepositoryOptions,
  type DescribeServiceOptions,
} from './describe.js';
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
  coreServiceFactory,
  defaultCaller,
  memoryServiceFactory,
  type CoreServiceOptions,
} from './memory-service-factory.js';
export {
  createCommand,
  deleteCommand,
  deleteUnknownCommand,
  getCommand,
  listAll,
  modelCommands,
  perform,
  recreateParameterCommand,
  renderPolicy,
  textSpecArb,
  updateCommand,
  updateUnknownCommand,
  type HashChoice,
  type ModelReal,
  type ModelResource,
  type TextSpec,
  type UnknownId,
} from './model/commands.js';
export { modelOptionsOf, setupModelRun, teardownModelRun, type ModelWorld } from './model/model-run.js';
export {
  cloneModel,
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
export {
  MODEL_PROPERTY_RULES,
  runModelProperties,
  toPropertyResult,
  type PropertyOptions,
  type PropertyResult,
} from './properties.js';
export {
  formatCaseResult,
  runServiceCase,
  type CaseContext,
  type CaseResult,
  type CaseStatus,
  type ServiceCase,
  type ServiceRequirement,
  type ServiceRunOptions,
} from './service-case.js';
export { terraformScenario } from './cases/terraform.js';
export { runServiceCases, serviceCases } from './service-cases.js';
export { DEFAULT_RUNS, propertySettings, type PropertySettings } from './settings.js';
export {
  repositoryCases,
  runRepositoryCase,
  runRepositoryCases,
  type RepositoryCase,
  type RepositoryContext,
  type RepositoryFactory,
  type RepositoryHandle,
  type RepositorySupports,
} from './store-contract.js';
