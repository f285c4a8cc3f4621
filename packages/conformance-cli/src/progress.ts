/**
 * Progress of a long run on stderr: on a terminal one line rewritten in place, elsewhere (CI logs, pipes) a
 * line every `every` steps, so a log stays short. stdout keeps only the table.
 *
 * @example
 * import { makeProgress } from './progress.js';
 * const progress = makeProgress((s) => process.stderr.write(s), process.stderr.isTTY === true, 80);
 * progress.step('H5 stale hash'); progress.done();
 *
 * @since 0.1.0
 */

export interface Progress {
  /** One more step done of `total`; `label` says what runs next. */
  step(label: string): void;
  /** A note between steps (a phase starting, a seed). */
  note(line: string): void;
  done(): void;
}

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
