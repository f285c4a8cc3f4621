/**
 * `ssm-policy-conformance` as a function: parses the arguments, connects to the endpoint, runs every service
 * case and the model-based properties, removes what it created, prints one row per rule id and a summary,
 * writes the Markdown report when asked, and answers the exit status (0 all rules hold or are skipped, 1 a
 * rule fails or the endpoint cannot be used, 2 bad usage). Tests call it directly; `main.ts` wires it to
 * the process.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { startEmulator } from '@ssm-policy/server';
 * import { processIo, runCli } from './run-cli.js';
 * // The command itself is `process.exitCode = await runCli(process.argv.slice(2), processIo)`.
 * const emulator = await startEmulator({ port: 0 });
 * const out: string[] = [];
 * const status = await runCli(['--endpoint', emulator.url, '--rule', 'R1', '--no-properties'], {
 *   ...processIo, stdout: (s) => void out.push(s), stderr: () => {}, tty: false,
 * });
 * await emulator.close();
 * assert.equal(status, 0); // no rule failed
 * assert.match(out.join(''), /R1 +pass/);
 *
 * @since 0.1.0
 */
import { writeFile } from 'node:fs/promises';
import * as E from 'fp-ts/lib/Either.js';
import { defaultProfile, type BehaviourProfile } from '@ssm-policy/core';
import { parseCliArgs, USAGE, type CliOptions } from './args.js';
import { connectEndpoint, type ConnectedEndpoint } from './endpoint-factory.js';
import { defaultKit, type ConformanceKit } from './kit.js';
import { loadProfileFile } from './profile-file.js';
import { makeProgress } from './progress.js';
import { runWireChecks, wireChecks, type WireCheck } from './wire-checks.js';
import {
  formatMarkdown,
  formatTable,
  ruleRows,
  summarize,
  summaryLine,
  type CheckResult,
  type RowKey,
} from './rule-table.js';

/**
 * The command's streams, environment and file writer.
 *
 * @category command line
 * @since 0.1.0
 */
export interface CliIo {
  stdout(s: string): void;
  stderr(s: string): void;
  /** stderr is a terminal: progress rewrites one line. */
  readonly tty: boolean;
  /** Terminal width for the table; unlimited when absent. */
  readonly columns?: number;
  readonly env: Readonly<Record<string, string | undefined>>;
  writeFile(path: string, text: string): Promise<void>;
}

/**
 * This process's streams, environment and file system.
 *
 * @category command line
 * @since 0.1.0
 */
export const processIo: CliIo = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  tty: process.stderr.isTTY === true,
  ...(process.stdout.isTTY === true ? { columns: process.stdout.columns } : {}),
  env: process.env,
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
};

/**
 * What the command runs; the default kit and wire checks unless given.
 *
 * @category command line
 * @since 0.1.0
 */
export interface CliDependencies {
  readonly kit?: ConformanceKit;
  /** The raw-HTTP checks of rules W1–W6. */
  readonly wireChecks?: ReadonlyArray<WireCheck>;
  /** The [U] choices to expect; else `--profile FILE`'s; else the rulebook's defaults. */
  readonly profile?: BehaviourProfile;
  /** Stops the run between checks (Ctrl-C): what ran is reported, what was created is removed. */
  readonly signal?: AbortSignal;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const selectCases = (kit: ConformanceKit, options: CliOptions) =>
  options.rules === undefined ? kit.cases : kit.cases.filter((c) => options.rules!.includes(c.rule));

/**
 * Runs the command: answers its exit status.
 *
 * @category command line
 * @since 0.1.0
 */
export const runCli = async (
  argv: ReadonlyArray<string>,
  io: CliIo = processIo,
  deps: CliDependencies = {},
): Promise<number> => {
  const parsed = parseCliArgs(argv, io.env);
  if (E.isLeft(parsed)) {
    io.stderr(`ssm-policy-conformance: ${parsed.left.message}\n\n${USAGE}\n`);
    return 2;
  }
  const options = parsed.right;
  if (options.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const kit = deps.kit ?? defaultKit;
  let profile = deps.profile ?? defaultProfile;
  if (deps.profile === undefined && options.profile !== undefined) {
    const loaded = await loadProfileFile(options.profile);
    if (E.isLeft(loaded)) {
      io.stderr(`ssm-policy-conformance: ${loaded.left}\n`);
      return 2;
    }
    profile = loaded.right;
  }
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const target = options.endpoint ?? `AWS (${options.region})`;
  const started = Date.now();

  let endpoint: ConnectedEndpoint;
  try {
    endpoint = await connectEndpoint(options, io.env);
  } catch (e) {
    const hint = options.account === undefined ? ' (--account skips the account probe)' : '';
    io.stderr(`ssm-policy-conformance: cannot use ${target}: ${errorText(e)}${hint}\n`);
    return 1;
  }

  const cases = selectCases(kit, options);
  const selected = (rule: RowKey): boolean =>
    options.rules === undefined || (rule !== 'run' && options.rules.includes(rule));
  const properties = options.skipProperties || !kit.propertyRules.some(selected) ? 0 : kit.propertyCount;
  const wire = (deps.wireChecks ?? wireChecks).filter((c) => selected(c.rule));
  const progress = makeProgress(io.stderr, io.tty, wire.length + cases.length + properties);
  progress.note(
    `ssm-policy-conformance: ${target}, account ${endpoint.caller.account}, region ${endpoint.caller.region}: ` +
      `${wire.length} wire checks, ${cases.length} cases` +
      (properties > 0 ? `, ${properties} properties × ${options.runs} runs (seed ${seed})` : ''),
  );

  const results: CheckResult[] = [];
  try {
    if (deps.signal?.aborted !== true)
      results.push(
        ...(await runWireChecks(endpoint, profile, wire, (c) => progress.step(`${c.rule} ${c.title}`))),
      );
    for (const c of cases) {
      if (deps.signal?.aborted === true) break;
      progress.step(`${c.rule} ${c.title}`);
      results.push(await kit.runCase(c, endpoint.factory, profile));
    }
    if (properties > 0 && deps.signal?.aborted !== true) {
      const checks = await kit.runProperties(endpoint.factory, {
        runs: options.runs,
        seed,
        profile,
        ...(options.path === undefined ? {} : { path: options.path }),
        onProperty: (title) => progress.step(`${title} (${options.runs} runs)`),
      });
      results.push(...checks.filter((c) => selected(c.rule)));
    }
  } catch (e) {
    // The kit's runners answer results; a throw is a bug of the kit or the endpoint, reported as a failure.
    results.push({ rule: 'run', title: 'the run', status: 'fail', reason: errorText(e) });
  } finally {
    progress.done();
    const left = await endpoint.sweep();
    if (left.length > 0) progress.note(`removed ${left.length} parameters that checks left behind`);
    endpoint.client.destroy();
  }

  const rows = ruleRows(results, options.rules ?? kit.rules);
  const summary = summarize(rows);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const aborted = deps.signal?.aborted === true ? ' (stopped early)' : '';
  io.stdout(`${formatTable(rows, io.columns)}\n\n${summaryLine(summary)} in ${seconds}s${aborted}\n`);

  if (options.report !== undefined) {
    const markdown = formatMarkdown(rows, {
      target,
      lines: [
        `account ${endpoint.caller.account}, region ${endpoint.caller.region}`,
        `${wire.length} wire checks, ${cases.length} service cases` +
          (properties > 0
            ? `, ${properties} model-based properties × ${options.runs} runs, seed ${seed}`
            : ''),
        `run ${new Date(started).toISOString()}, ${seconds}s${aborted}`,
      ],
    });
    try {
      await io.writeFile(options.report, markdown);
    } catch (e) {
      io.stderr(`ssm-policy-conformance: cannot write ${options.report}: ${errorText(e)}\n`);
      return 1;
    }
  }
  return summary.fail > 0 || aborted !== '' ? 1 : 0;
};
