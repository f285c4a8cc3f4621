/**
 * The suite proves it can fail: both contracts run against deliberately broken stores and services (see
 * `mutants/`), and each mutant must be caught, by a check of the rule it breaks among others. The table of
 * which checks caught which mutant is printed for the record.
 */
import { describe, expect, it } from 'vitest';
import {
  runConcurrencyChecks,
  runModelProperties,
  runRepositoryCases,
  runServiceCases,
} from '@ssm-policy/conformance';
import { mutants } from './mutants/mutants.js';

/** Small and fixed: a mutant must be caught by a default-sized run, reproducibly. */
const SEED = 20240611;
const RUNS = 100;

interface Catch {
  readonly contract: 'store' | 'service' | 'model' | 'concurrency';
  readonly rule: string;
  readonly check: string;
}

const serviceCatches = async (m: (typeof mutants)[number]): Promise<Catch[]> => {
  const cases = (await runServiceCases(m.service))
    .filter((r) => r.status === 'fail')
    .map((r) => ({ contract: 'service' as const, rule: r.rule, check: `${r.rule} ${r.title}` }));
  const model = await runModelProperties(m.service, { runs: RUNS, seed: SEED });
  const concurrency = await runConcurrencyChecks(m.service, { runs: 30, seed: SEED });
  const rulesOf = (failure: string | undefined): string => /\b([VRPHO]\d+)\b/.exec(failure ?? '')?.[1] ?? '?';
  return [
    ...cases,
    ...(model.status === 'fail'
      ? [{ contract: 'model' as const, rule: rulesOf(model.failure), check: model.failure ?? '' }]
      : []),
    ...concurrency
      .filter((r) => r.status === 'fail')
      .map((r) => ({ contract: 'concurrency' as const, rule: 'H10', check: r.name })),
  ];
};

describe('mutants are caught', () => {
  for (const m of mutants) {
    describe(`${m.rule} the mutant that ${m.name}`, () => {
      if (m.store !== undefined) {
        const store = m.store;
        it(`${m.rule} is caught by the store contract`, async () => {
          const failed = (await runRepositoryCases(store)).filter((r) => r.status === 'fail');
          console.log(
            `[mutant] ${m.name} — store contract: ${failed.map((r) => `${r.rule} "${r.title}"`).join('; ')}`,
          );
          expect(failed.length).toBeGreaterThan(0);
          expect(failed.map((r) => r.rule)).toContain(m.rule);
        });
      }
      it(`${m.rule} is caught by the service contract`, async () => {
        const caught = await serviceCatches(m);
        const byContract = (c: Catch['contract']) =>
          caught
            .filter((x) => x.contract === c)
            .map((x) => x.rule)
            .join(' ');
        console.log(
          `[mutant] ${m.name} — service cases: ${byContract('service') || '-'}; model: ${byContract('model') || '-'}; concurrency: ${byContract('concurrency') || '-'}`,
        );
        expect(caught.length).toBeGreaterThan(0);
        expect(caught.map((x) => x.rule)).toContain(m.rule);
      }, 120_000);
    });
  }
});
