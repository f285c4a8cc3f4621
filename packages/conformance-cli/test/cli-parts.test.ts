// The runner's pure parts: arguments, folding checks into one row per rule, the Markdown report, and which
// rule a failed property names.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/args.js';
import { clientOptionsFor, DUMMY_CREDENTIALS } from '../src/endpoint-factory.js';
import { propertyChecks, ruleOfFailure } from '../src/property-rows.js';
import { formatMarkdown, formatTable, NOT_CHECKED, ruleRows, summarize } from '../src/rule-table.js';
import { runWireChecks, type WireCheck } from '../src/wire-checks.js';
import { fail, type ParameterFixture } from '@ssm-policy/conformance';
import { RULE_IDS, defaultProfile, makeCaller, type RuleId } from '@ssm-policy/core';

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

  it('H5 takes only rule ids of the rulebook: a misspelt --rule is a usage error', () => {
    expect(parseCliArgs(['--rule', 'H5,h6'])).toEqual(
      E.left({ _tag: 'UsageError', message: '--rule names no rule of the rulebook: h6' }),
    );
    expect(parseCliArgs(['--rule', 'A9,H12'])).toMatchObject(E.right({ rules: ['A9', 'H12'] }));
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

  it('O1 lists every rule of the rulebook in its order, W1 first and O1 last, a broken run after them', () => {
    const rows = ruleRows([{ rule: 'run', title: 'the run', status: 'fail', reason: 'x' }], RULE_IDS);
    expect(rows.map((r) => r.rule)).toEqual([...RULE_IDS, 'run']);
    expect(rows.filter((r) => r.status === 'skip')).toHaveLength(RULE_IDS.length);
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
    rules: ['H4', 'H5', 'H6'] as ReadonlyArray<RuleId>,
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

describe('wire checks', () => {
  it("W2 run through the kit's one runner: a failure is a result, and the parameters a check made are removed", async () => {
    const live = new Set<string>();
    const parameters: ParameterFixture = {
      putParameter: async (p) => void live.add(p.Name),
      deleteParameter: async (Name) => void live.delete(Name),
    };
    const check: WireCheck = {
      rule: 'W2',
      title: 'a check that fails after making a parameter',
      run: async (ctx) => {
        await ctx.parameter('w2');
        expect(live.size).toBe(1);
        fail('the answer', 500, 200);
      },
    };
    const endpoint = {
      // The check never sends a request, so it needs no client.
      client: undefined as never,
      caller: makeCaller({ account: '123456789012', region: 'us-east-1' }),
      parameters,
    };
    const seen: string[] = [];
    const [result] = await runWireChecks(endpoint, defaultProfile, [check], (c) => seen.push(c.rule));
    expect(result).toMatchObject({
      rule: 'W2',
      status: 'fail',
      reason: 'the answer',
      observed: 500,
      expected: 200,
    });
    expect(seen).toEqual(['W2']);
    expect(live.size).toBe(0);
  });
});
