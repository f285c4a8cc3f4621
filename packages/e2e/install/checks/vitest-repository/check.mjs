/**
 * (c) A user's own `PolicyRepository` (consumer/src/my-repository.ts), checked by `describePolicyRepository`
 * from `@ssm-policy/conformance/vitest` under the user's own vitest: one consumer project per vitest major.
 * The kit must register its tests with the user's vitest (a peer), so the run must report passed tests and
 * no failures; skipped ones are listed with their titles.
 *
 * @since 0.1.0
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exec, tail } from '../../lib/proc.mjs';
import { typecheck } from '../../lib/typescript.mjs';

/** @param {string} range the user's vitest, e.g. `~3.2.0` */
export const vitestCheck = (range) => ({
  id: `vitest-${range.replace(/[^0-9.]/g, '')}`,
  title: `own PolicyRepository with describePolicyRepository, vitest ${range}`,
  needs: ['@ssm-policy/core', '@ssm-policy/conformance/vitest'],
  dependencies: { 'fp-ts': '^2.16.0' },
  devDependencies: { vitest: range },
  files: fileURLToPath(new URL('./consumer', import.meta.url)),
  run: async ({ project }) => {
    const version = JSON.parse(
      readFileSync(join(project.dir, 'node_modules/vitest/package.json'), 'utf8'),
    ).version;
    await typecheck(project.dir, ['src/my-repository.ts', 'test/my-repository.test.ts']);
    const r = await exec('npx', ['--no', 'vitest', 'run', '--reporter=json', '--outputFile=report.json'], {
      cwd: project.dir,
      timeoutMs: 120_000,
    });
    let report;
    try {
      report = JSON.parse(readFileSync(join(project.dir, 'report.json'), 'utf8'));
    } catch {
      throw new Error(`vitest ${version} wrote no report (exit ${r.code}):\n${tail(r.stdout + r.stderr)}`);
    }
    const all = report.testResults.flatMap((f) => f.assertionResults);
    const skipped = all.filter((a) => a.status === 'skipped' || a.status === 'pending');
    const failed = all.filter((a) => a.status === 'failed');
    if (r.code !== 0 || failed.length > 0 || report.numPassedTests === 0)
      throw new Error(
        `vitest ${version}: ${report.numPassedTests} passed, ${failed.length} failed (exit ${r.code})\n` +
          failed
            .map((a) => `  ${a.fullName}: ${(a.failureMessages ?? []).join(' ').slice(0, 300)}`)
            .join('\n') +
          `\n${tail(r.stdout + r.stderr, 15)}`,
      );
    return (
      `vitest ${version}: ${report.numPassedTests} passed, 0 failed` +
      (skipped.length > 0
        ? `, ${skipped.length} skipped (${skipped.map((a) => a.title.split(' ')[0]).join(', ')})`
        : '')
    );
  },
});
