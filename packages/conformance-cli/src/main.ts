#!/usr/bin/env node
/**
 * The `ssm-policy-conformance` command: `runCli` on this process's arguments and streams. Ctrl-C stops the
 * run between checks, removes what it created and still prints the table.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { parseCliArgs } from './args.js';
 * // What `ssm-policy-conformance --endpoint http://127.0.0.1:4583 --region us-east-1 --runs 50 --report report.md`
 * // reads from its arguments before `runCli` runs the checks.
 * const args = parseCliArgs(['--endpoint', 'http://127.0.0.1:4583', '--region', 'us-east-1', '--runs', '50', '--report', 'report.md']);
 * assert.ok(args._tag === 'Right' && args.right.runs === 50 && args.right.report === 'report.md');
 *
 * @since 0.1.0
 */
import { processIo, runCli } from './run-cli.js';

const stop = new AbortController();
process.once('SIGINT', () => stop.abort());

runCli(process.argv.slice(2), processIo, { signal: stop.signal }).then(
  (status) => {
    process.exitCode = status;
  },
  (e: unknown) => {
    process.stderr.write(
      `ssm-policy-conformance: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exitCode = 1;
  },
);
