/**
 * Progress of a long run on stderr: on a terminal one line rewritten in place, elsewhere (CI logs, pipes) a
 * line every `every` steps, so a log stays short. stdout keeps only the table.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { makeProgress } from './progress.js';
 * const written: string[] = [];
 * const progress = makeProgress((s) => void written.push(s), true, 80); // a terminal: one line, rewritten
 * progress.step('H5 stale hash');
 * progress.done();
 * assert.deepEqual(written, ['\r\x1b[K[ 1/80] H5 stale hash', '\r\x1b[K']);
 *
 * @since 0.1.0
 */

/**
 * Progress of a run.
 *
 * @category command line
 * @since 0.1.0
 */
export interface Progress {
  /** One more step done of `total`; `label` says what runs next. */
  step(label: string): void;
  /** A note between steps (a phase starting, a seed). */
  note(line: string): void;
  done(): void;
}

/**
 * Progress that rewrites one line on a terminal, else prints every `every`th step.
 *
 * @category command line
 * @since 0.1.0
 */
export const makeProgress = (
  write: (s: string) => void,
  tty: boolean,
  total: number,
  every = 10,
): Progress => {
  let n = 0;
  const width = String(total).length;
  const counter = (): string => `[${String(n).padStart(width)}/${total}]`;
  return {
    step: (label) => {
      n += 1;
      if (tty) write(`\r\x1b[K${counter()} ${label.slice(0, 100)}`);
      else if (n % every === 0 || n === total) write(`${counter()} ${label}\n`);
    },
    note: (line) => write(tty ? `\r\x1b[K${line}\n` : `${line}\n`),
    done: () => {
      if (tty) write('\r\x1b[K');
    },
  };
};
