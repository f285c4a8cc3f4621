// The runner's pure parts: arguments, folding checks into one row per rule, the Markdown report, and which
// rule a failed property names.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli/args.js';
import { clientOptionsFor, DUMMY_CREDENTIALS } from '../src/cli/endpoint-factory.js';
import { propertyChecks, ruleOfFailure } from '../src/cli/property-rows.js';
import { formatMarkdown, formatTable, NOT_CHECKED, ruleRows, summarize } from '../src/cli/rule-table.js';

describe('arguments', () => {
  it('reads every option, with the region from the environment and 25 runs by default', () => {
    const r = parseCliArgs(['--endpoint', 'http://127.0.0.1:4583', '--rule', 'H5,H6', '--rule', 'V1'], {
      AWS_REGION: 'eu-west-1',
    });
    expect(r).toEqual(
      E.right({
        endpoint: 'http://127.0.0.1:4583',
        region: 'eu-west-1',
        runs: 25,
        rules: ['H5', 'H6', 'V1'],
        skipProperties: false,
        help: false,
      }),
    );
    expect(E.isRight(parseCliArgs(['--seed=-3', '--runs', '7', '--path', '0:1']))).toBe(true);
  });

  it('gives dummy credentials only to an explicit endpoint when the environment names none', () => {
    expect(clientOptionsFor({ region: 'us-east-1', endpoint: 'http://x' }, {}).credentials).toEqual(
      DUMMY_CREDENTIALS,
    );
    expect(
      clientOptionsFor({ region: 'us-east-1', endpoint: 'http://x' }, { AWS_PROFILE: 'p' }).credentials,
    ).toBe(undefined);
    expect(clientOptionsFor({ region: 'us-east-1' }, {}).credentials).toBe(undefined);
  });
});

describe('rule table', () => {
  it('H5 fails a rule when any of its checks fails, with the first failure observed and expected', () => {
    const rows = ruleRows(
      [
        { rule: 'H5', title: 'a', status: 'pass' },
        {
          rule: 'H5',
          title: 'b',
          status: 'fail',
          reason: 'stale',
          observed: { Right: {} },
          expected: { Left: 'x' },
        },
        { rule: 'H11', title: 'c', status: 'skip', reason: 'no seed' },
        { rule: 'V1', title: 'd', status: 'pass' },
      ],
      ['W1', 'V1', 'H5', 'H11'],
    );
    expect(rows.map((r) => [r.rule, r.status])).toEqual([
      ['W1', 'skip'],
      ['V1', 'pass'],
      ['H5', 'fail'],
      ['H11', 'skip'],
    ]);
    expect(rows[0]!.detail).toBe(NOT_CHECKED);
    expect(rows[2]!.detail).toContain('observed {"Right":{}}');
    expect(summarize(rows)).toEqual({ pass: 1, fail: 1, skip: 2 });
    expect(formatTable(rows).split('\n')[4]).toMatch(/^H5\s+FAIL\s+b: stale/);
  });

  it('writes Markdown with pipes escaped and failures in bold', () => {
    const md = formatMarkdown([{ rule: 'H5', status: 'fail', detail: 'a | b' }], {
      target: 'x',
      lines: ['y'],
    });
    expect(md).toContain('| H5 | **fail** | a \\| b |');
  });
});

describe('properties', () => {
  const failed = {
    name: 'model',
    rules: ['H4', 'H5', 'H6'],
    status: 'fail' as const,
    runs: 10,
    seed: 42,
    path: '3:1',
    durationMs: 1,
  };

  it('H5 blames the rule a failure names, by its id or by the one error code only it answers', () => {
    expect(ruleOfFailure(failed.rules, 'H6 update: an update keeps the PolicyId')).toBe('H6');
    expect(
      ruleOfFailure(
        failed.rules,
        'update p1: observed {"Right":{}}, expected {"Left":{"_tag":"ResourcePolicyConflictException"}}',
      ),
    ).toBe('H5');
    expect(ruleOfFailure(failed.rules, 'something else')).toBe(undefined);
  });

  it('H5 fails the named rule, skips the others, and says how to replay', () => {
    const checks = propertyChecks({ ...failed, failure: 'H5 delete: stale hash' });
    expect(checks.map((c) => [c.rule, c.status])).toEqual([
      ['H4', 'skip'],
      ['H5', 'fail'],
      ['H6', 'skip'],
    ]);
    expect(checks[1]!.reason).toContain('--seed 42 --path 3:1');
    expect(propertyChecks({ ...failed, failure: 'nothing named' }).every((c) => c.status === 'fail')).toBe(
      true,
    );
  });
});
