/**
 * `ssm-policy-conformance` as a function: parses the arguments, probes the endpoint (an unusable one ends the
 * run at once with one line), runs the wire checks, every service case and the model-based properties until
 * the deadline, removes what it created (saying what it could not), prints one row per rule id with its
 * evidence and then every failing check, writes the Markdown report and the JSON result when asked, and
 * answers the exit status: 0 every rule checked passed, 1 a rule failed (or the run stopped early or left
 * something behind), 2 bad usage, 3 the endpoint is unusable. Tests call it directly; `main.ts` wires it to
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
 * assert.match(out.join(''), /^R1 +\[D\]\[U\] +pass +1 check$/m);
 *
 * @since 0.1.0
 */
import { writeFile } from 'node:fs/promises';
import * as E from 'fp-ts/lib/Either.js';
import { defaultProfile, type BehaviourProfile } from '@ssm-policy/core';
import { parseCliArgs, USAGE } from './args.js';
import { connectEndpoint, type CleanupReport } from './endpoint-factory.js';
import { probeEndpoint } from './endpoint-probe.js';
import { jsonResult, type RunStatus } from './json-report.js';
import { defaultKit, type ConformanceKit } from './kit.js';
import { formatMarkdown } from './markdown-report.js';
import { loadProfileFile } from './profile-file.js';
import { makeProgress } from './progress.js';
import { describeExchange } from './raw-exchange.js';
import { tracedFactory } from './traced-factory.js';
import { runWireChecks, wireChecks, type WireCheck } from './wire-checks.js';
import {
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

/**
 * The command's exit codes.
 *
 * @category command line
 * @since 0.2.0
 */
export const EXIT = { pass: 0, fail: 1, usage: 2, unusable: 3 } as const;

const LEFTOVER = /already holds a policy this run did not create/;

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

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
    return EXIT.usage;
  }
  const options = parsed.right;
  if (options.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT.pass;
  }
  const kit = deps.kit ?? defaultKit;
  let profile = deps.profile ?? defaultProfile;
  if (deps.profile === undefined && options.profile !== undefined) {
    const loaded = await loadProfileFile(options.profile);
    if (E.isLeft(loaded)) {
      io.stderr(`ssm-policy-conformance: ${loaded.left}\n`);
      return EXIT.usage;
    }
    profile = loaded.right;
  }
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const target = options.endpoint ?? `AWS (${options.region})`;
  const started = Date.now();
  const deadlineAt = started + options.deadlineMs;

  const write = async (path: string, text: string): Promise<boolean> => {
    try {
      await io.writeFile(path, text);
      return true;
    } catch (e) {
      io.stderr(`ssm-policy-conformance: cannot write ${path}: ${errorText(e)}\n`);
      return false;
    }
  };

  const connected = connectEndpoint(
    {
      region: options.region,
      timeoutMs: options.timeoutMs,
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    },
    io.env,
  );
  const verdict = await probeEndpoint(connected.probeClient, connected.recorder, {
    region: options.region,
    prefix: connected.prefix,
    target,
    ...(options.account === undefined ? {} : { account: options.account }),
  });
  if (verdict._tag === 'Unusable') {
    connected.destroy();
    io.stderr(`ssm-policy-conformance: ${verdict.line}\n`);
    if (options.json !== undefined)
      await write(
        options.json,
        `${JSON.stringify(
          {
            ...jsonResult({
              status: 'unusable',
              exitCode: EXIT.unusable,
              target,
              rows: [],
              reason: verdict.line,
            }),
            ...(verdict.exchange === undefined ? {} : { exchange: verdict.exchange }),
          },
          null,
          2,
        )}\n`,
      );
    if (options.report !== undefined)
      await write(
        options.report,
        `# SSM resource policies: conformance of ${target}\n\nNo rule was checked: ${verdict.line}\n`,
      );
    return EXIT.unusable;
  }

  const endpoint = connected.forAccount(verdict.account, verdict.opsItemGroupPolicies);
  const cases =
    options.rules === undefined ? kit.cases : kit.cases.filter((c) => options.rules!.includes(c.rule));
  const selected = (rule: RowKey): boolean =>
    options.rules === undefined || (rule !== 'run' && rule !== 'cleanup' && options.rules.includes(rule));
  const properties = options.skipProperties || !kit.propertyRules.some(selected) ? 0 : kit.propertyCount;
  const wire = (deps.wireChecks ?? wireChecks).filter((c) => selected(c.rule));
  const progress = makeProgress(io.stderr, io.tty, wire.length + cases.length + properties);
  progress.note(
    `ssm-policy-conformance: ${target}, account ${endpoint.caller.account}, region ${endpoint.caller.region}: ` +
      `${wire.length} wire checks, ${cases.length} cases` +
      (properties > 0 ? `, ${properties} properties × ${options.runs} runs (seed ${seed})` : ''),
  );
  const group = `arn:${endpoint.caller.partition}:ssm:${endpoint.caller.region}:${endpoint.caller.account}:opsitemgroup/default`;
  if (verdict.opsItemGroupPolicies.length > 0)
    progress.note(
      `the OpsItemGroup ${group} already holds ${count(verdict.opsItemGroupPolicies.length, 'policy', 'policies')} this run did not create ` +
        `(PolicyId ${verdict.opsItemGroupPolicies.map((p) => p.PolicyId).join(', ')}): the checks that need it empty FAIL; ` +
        'the run leaves it alone',
    );

  let stopped: string | undefined;
  const mayGoOn = (): boolean => {
    if (stopped === undefined && deps.signal?.aborted === true) stopped = 'stopped early';
    if (stopped === undefined && Date.now() > deadlineAt)
      stopped = `stopped at the deadline of ${options.deadlineMs / 1000} s (--deadline)`;
    return stopped === undefined;
  };
  const evidence = (): unknown => connected.recorder.last();

  const results: CheckResult[] = [];
  let cleanup: CleanupReport | undefined;
  try {
    for (const c of wire) {
      if (!mayGoOn()) break;
      progress.step(`${c.rule} ${c.title}`);
      results.push(...(await runWireChecks({ ...endpoint, evidence }, profile, [c])));
    }
    for (const c of cases) {
      if (!mayGoOn()) break;
      progress.step(`${c.rule} ${c.title}`);
      results.push(await kit.runCase(c, endpoint.factory, profile));
    }
    if (properties > 0 && mayGoOn()) {
      // Each handle traces its exchanges: a failing property shows those of the step that failed.
      const checks = await kit.runProperties(tracedFactory(endpoint.factory, connected.recorder), {
        runs: options.runs,
        seed,
        profile,
        ...(options.path === undefined ? {} : { path: options.path }),
        ...(options.replayPath === undefined ? {} : { replayPath: options.replayPath }),
        onProperty: (title) => progress.step(`${title} (${options.runs} runs)`),
      });
      // A property stops at its first failure, whichever rule that is: its counterexample is kept even when
      // `--rule` did not name that rule, since the rules named were not fully checked either.
      results.push(...checks.filter((c) => selected(c.rule) || c.status === 'fail'));
    }
  } catch (e) {
    // The kit's runners answer results; a throw is a bug of the kit or the endpoint, reported as a failure.
    const last = connected.recorder.last();
    results.push({
      rule: 'run',
      title: 'the run',
      status: 'fail',
      reason: errorText(e) + (last === undefined ? '' : ` (last exchange: ${describeExchange(last)})`),
      ...(last === undefined ? {} : { evidence: last }),
    });
  } finally {
    progress.done();
    cleanup = await endpoint.cleanUp().catch((e: unknown): CleanupReport => ({
      removedParameters: [],
      removedPolicies: [],
      notRemoved: [{ what: 'what the run created', why: errorText(e) }],
    }));
    connected.destroy();
  }

  const removed = [
    ...(cleanup.removedParameters.length > 0
      ? [count(cleanup.removedParameters.length, 'parameter', 'parameters')]
      : []),
    ...(cleanup.removedPolicies.length > 0
      ? [count(cleanup.removedPolicies.length, 'OpsItemGroup policy', 'OpsItemGroup policies')]
      : []),
  ];
  if (removed.length > 0) progress.note(`removed ${removed.join(' and ')} that checks left behind`);
  for (const n of cleanup.notRemoved) {
    progress.note(`could NOT remove ${n.what}: ${n.why}`);
    results.push({ rule: 'cleanup', title: `remove ${n.what}`, status: 'fail', reason: n.why });
  }
  const blocked = [
    ...new Set(
      results.filter((r) => r.status === 'fail' && LEFTOVER.test(r.reason ?? '')).map((r) => r.rule),
    ),
  ];
  if (blocked.length > 0)
    progress.note(
      `${blocked.join(', ')} failed because the OpsItemGroup held a policy this run did not create: remove it and run again`,
    );

  const rows = ruleRows(results, options.rules ?? kit.rules);
  const summary = summarize(rows);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const note = stopped === undefined ? '' : ` (${stopped})`;
  io.stdout(`${formatTable(rows, io.columns)}\n\n${summaryLine(summary)} in ${seconds}s${note}\n`);

  const exitCode = summary.fail > 0 || stopped !== undefined ? EXIT.fail : EXIT.pass;
  const status: RunStatus = stopped !== undefined ? 'stopped' : summary.fail > 0 ? 'fail' : 'pass';
  let written = true;
  if (options.report !== undefined) {
    const markdown = formatMarkdown(rows, {
      target,
      lines: [
        `account ${endpoint.caller.account}, region ${endpoint.caller.region}`,
        `${wire.length} wire checks, ${cases.length} service cases` +
          (properties > 0
            ? `, ${properties} model-based properties × ${options.runs} runs, seed ${seed}`
            : ''),
        `run ${new Date(started).toISOString()}, ${seconds}s${note}`,
        ...(verdict.opsItemGroupPolicies.length > 0
          ? [
              `the OpsItemGroup held policies this run did not create: ${verdict.opsItemGroupPolicies.map((p) => p.PolicyId).join(', ')}`,
            ]
          : []),
        ...(removed.length > 0 ? [`removed ${removed.join(' and ')} that checks left behind`] : []),
        ...cleanup.notRemoved.map((n) => `could NOT remove ${n.what}: ${n.why}`),
      ],
    });
    written = (await write(options.report, markdown)) && written;
  }
  if (options.json !== undefined) {
    const result = jsonResult({
      status,
      exitCode,
      target,
      rows,
      account: endpoint.caller.account,
      region: endpoint.caller.region,
      seed,
      cleanup,
      ...(stopped === undefined ? {} : { reason: stopped }),
    });
    written = (await write(options.json, `${JSON.stringify(result, null, 2)}\n`)) && written;
  }
  return written ? exitCode : EXIT.fail;
};
