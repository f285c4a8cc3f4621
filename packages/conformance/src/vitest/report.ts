/**
 * How a kit result becomes a vitest outcome: a failed case throws its one-line summary, a skipped case is
 * skipped with why.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { reportCase } from './report.js';
 * const skipped: string[] = [];
 * reportCase({ rule: 'H5', title: 't', status: 'skip', reason: 'no policies', durationMs: 1 }, (note) => void skipped.push(note));
 * assert.throws(() => reportCase({ rule: 'H5', title: 't', status: 'fail', reason: 'stale', durationMs: 1 }, () => {}));
 * assert.deepEqual(skipped, ['no policies']);
 *
 * @since 0.1.0
 * @category vitest
 */
import { formatCaseResult, type CaseResult } from '../case.js';

/**
 * Throws for a failure, calls `skip` for a skip, returns for a pass.
 *
 * @category vitest
 * @since 0.1.0
 */
export const reportCase = (r: CaseResult, skip: (note: string) => void): void => {
  if (r.status === 'skip') skip(r.reason ?? 'skipped');
  if (r.status === 'fail') throw new Error(formatCaseResult(r));
};
