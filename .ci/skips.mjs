// No silent skips: reads vitest's JSON report and fails on every skipped or todo test that
// .ci/allowed-skips.json does not list with a reason (and on a listed entry that matched nothing).
// Usage: node .ci/skips.mjs <vitest-report.json> [allowed-skips.json]
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const [reportFile, allowFile = new URL('./allowed-skips.json', import.meta.url)] = process.argv.slice(2);
const report = JSON.parse(readFileSync(reportFile, 'utf8'));
const allowed = JSON.parse(readFileSync(allowFile, 'utf8')).allowed.map((a) => ({
  ...a,
  file: new RegExp(a.file),
  test: new RegExp(a.test),
  // An opt-in entry is void while its variable is set: then those tests must run.
  active: a.optIn === undefined || (process.env[a.optIn] ?? '') === '' || process.env[a.optIn] === '0',
  used: 0,
}));

const skipped = report.testResults.flatMap((f) =>
  f.assertionResults
    .filter((a) => a.status === 'skipped' || a.status === 'pending' || a.status === 'todo')
    .map((a) => ({ file: relative(process.cwd(), f.name), test: a.fullName, status: a.status })),
);

let bad = 0;
for (const s of skipped) {
  const entry = allowed.find((a) => a.active && a.file.test(s.file) && a.test.test(s.test));
  if (entry !== undefined) {
    entry.used += 1;
    console.log(
      `skip allowed   ${s.file} › ${s.test}\n               ${entry.optIn ? `opt-in ${entry.optIn}: ` : ''}${entry.reason}`,
    );
  } else {
    bad += 1;
    console.log(`SKIP NOT ALLOWED (${s.status}) ${s.file} › ${s.test}`);
  }
}
for (const a of allowed)
  if (a.active && a.used === 0) {
    bad += 1;
    console.log(
      `UNUSED allowed-skips entry (no skipped test matched; remove or fix it): ${a.file} ${a.test}`,
    );
  }
console.log(`skips: ${skipped.length} skipped, ${bad} not allowed`);
process.exit(bad > 0 ? 1 : 0);
