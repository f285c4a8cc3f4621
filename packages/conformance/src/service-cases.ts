/**
 * Every service-contract case, groups V, R, P, H and O in the rulebook's order, then Terraform's flow, and a
 * runner over them.
 *
 * @example
 * import { runServiceCases, memoryServiceFactory } from '@ssm-policy/conformance';
 * // const results = await runServiceCases(memoryServiceFactory);
 * // results.filter((r) => r.status === 'fail') is empty for a conforming service
 *
 * @since 0.1.0
 */
import { documentCases } from './cases/document.js';
import { identityCases } from './cases/identity.js';
import { orderCases } from './cases/order.js';
import { resourceCases } from './cases/resource.js';
import { terraformScenario } from './cases/terraform.js';
import { validationCases } from './cases/validation.js';
import type { ServiceFactory } from './fixture.js';
import { runServiceCase, type CaseResult, type ServiceCase, type ServiceRunOptions } from './service-case.js';

export const serviceCases: ReadonlyArray<ServiceCase> = [
  ...validationCases,
  ...resourceCases,
  ...documentCases,
  ...identityCases,
  ...orderCases,
  terraformScenario,
];

/** Runs the cases (all unless told) one after another: a live endpoint throttles bursts. */
export const runServiceCases = async (
  factory: ServiceFactory,
  options: ServiceRunOptions & { readonly cases?: ReadonlyArray<ServiceCase> } = {},
): Promise<ReadonlyArray<CaseResult>> => {
  const results: CaseResult[] = [];
  for (const c of options.cases ?? serviceCases) results.push(await runServiceCase(c, factory, options));
  return results;
};
