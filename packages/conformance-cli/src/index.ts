/**
 * `@ssm-policy/conformance-cli`: the `ssm-policy-conformance` command as a library, for tests and tools that
 * run it in-process. `runCli` takes the arguments and the streams and answers the exit status.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { runCli } from '@ssm-policy/conformance-cli';
 * const out: string[] = [];
 * const status = await runCli(['--help'], {
 *   stdout: (s) => void out.push(s), stderr: () => {}, tty: false, env: {}, writeFile: async () => {},
 * });
 * assert.equal(status, 0);
 * assert.match(out.join(''), /--endpoint URL/);
 *
 * @since 0.1.0
 * @category command line
 */
export { USAGE, parseCliArgs, type CliOptions, type UsageError } from './args.js';
export {
  DEFAULT_TIMEOUT_MS,
  DUMMY_CREDENTIALS,
  accountOfArn,
  asSent,
  clientOptionsFor,
  connectEndpoint,
  type CleanupReport,
  type ConnectedEndpoint,
  type EndpointOptions,
  type RunEndpoint,
} from './endpoint-factory.js';
export {
  probeEndpoint,
  type ExistingPolicy,
  type ProbeOptions,
  type Unusable,
  type Usable,
} from './endpoint-probe.js';
export { jsonResult, type JsonResult, type JsonRule, type RunStatus } from './json-report.js';
export {
  TERMINAL_EXCHANGES,
  counterexampleLines,
  counterexampleMarkdown,
  exchangeLines,
  replayArgs,
} from './counterexample-text.js';
export { formatMarkdown } from './markdown-report.js';
export {
  describeExchange,
  exchangeText,
  isAwsJsonAnswer,
  sentCode,
  sentError,
  type RawExchange,
  type RawRequest,
  type RawResponse,
  type SentError,
} from './raw-exchange.js';
export { makeRecorder, redactHeaders, type Recorder, type RecordingHandler } from './recording-handler.js';
export { tracedFactory } from './traced-factory.js';
export { defaultKit, type ConformanceKit, type PropertyRunOptions } from './kit.js';
export { loadProfileFile } from './profile-file.js';
export { propertyChecks, ruleOfFailure } from './property-rows.js';
export {
  NOT_CHECKED,
  formatTable,
  ruleRows,
  summarize,
  summaryLine,
  type CheckResult,
  type Counterexample,
  type RowKey,
  type RuleRow,
  type Summary,
} from './rule-table.js';
export { EXIT, processIo, runCli, type CliDependencies, type CliIo } from './run-cli.js';
export {
  runWireChecks,
  wireChecks,
  wireTarget,
  type WireCheck,
  type WireContext,
  type WireEndpoint,
} from './wire-checks.js';
