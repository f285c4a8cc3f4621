// check-my-endpoint.ts
import { runServiceCases, runModelProperties, runConcurrencyChecks, formatCaseResult } from '@ssm-policy/conformance';
import { factory } from './my-endpoint.js';

for (const r of await runServiceCases(factory)) console.log(formatCaseResult(r)); // "H5 pass …", "R3 FAIL …; observed …, expected …"
const model = await runModelProperties(factory, { runs: 25 });
if (model.status === 'fail') console.log(model.report); // seed, replay line, shrunk command list
for (const c of await runConcurrencyChecks(factory, { runs: 25 })) console.log(c.status, c.name);
