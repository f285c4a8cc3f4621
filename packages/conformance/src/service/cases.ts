/**
 * Every service-contract case: groups V, R, P, H and O in the rulebook's order, then Terraform's flow, then
 * the cross-account cases (A6, A7, R8), which skip unless the target supplies a consumer.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { serviceCases } from '@ssm-policy/conformance';
 * assert.ok(serviceCases.some((c) => c.rule === 'O1'), 'the service contract checks O1');
 *
 * @since 0.1.0
 * @category service contract
 */
import { compareAndSetCases } from '../cases/compare-and-set.js';
import { concurrencyCases } from '../cases/concurrency.js';
import { crossAccountCases } from '../cases/cross-account.js';
import { documentCases } from '../cases/document.js';
import { identityCases } from '../cases/identity.js';
import { limitCases } from '../cases/limits.js';
import { orderCases } from '../cases/order.js';
import { pagingCases } from '../cases/paging.js';
import { resourceCases } from '../cases/resource.js';
import { terraformScenario } from '../cases/terraform.js';
import { validationCases } from '../cases/validation.js';
import type { ServiceCase } from './context.js';

/**
 * Every case of the service contract.
 *
 * @since 0.1.0
 * @category service contract
 */
export const serviceCases: ReadonlyArray<ServiceCase> = [
  ...validationCases,
  ...resourceCases,
  ...documentCases,
  ...identityCases,
  ...compareAndSetCases,
  ...pagingCases,
  ...limitCases,
  ...concurrencyCases,
  ...orderCases,
  terraformScenario,
  ...crossAccountCases,
];
