/**
 * How a kit result becomes a vitest outcome: a failed case throws its one-line summary, a skipped case is
 * skipped with why.
 *
 * @example
 * import { reportCase } from './report.js';
 * reportCase({ rule: 'H5', title: 't', status: 'pass', durationMs: 1 }, () => { throw new Error('no skip'); });
 *
 * @since 0.1.0
 * @category vitest
 */
import { formatCaseResult, type CaseResult } from '../case.js';

/** Throws for a failure, calls `skip` for a skip, returns for a pass. */
export const reportCase = (r: CaseResult, skip: (note: string) => void): void => {
  if (r.status === 'skip') skip(r.reason ?? 'skipped');
  if (r.status === 'fail') throw new Error(formatCaseResult(r));
};
