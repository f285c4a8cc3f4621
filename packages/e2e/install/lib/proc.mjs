/**
 * Child processes with a bound: every command of the install test has a deadline, after which its whole
 * process group (npx and what it started) is killed and the step fails with what it printed so far.
 *
 * @example
 * const r = await exec('npm', ['--version'], { cwd: '/tmp', timeoutMs: 10_000 });
 * // r.code === 0, r.stdout === '10.8.2\n'
 *
 * @since 0.1.0
 */
import { spawn } from 'node:child_process';

/** Children still running, so that an interrupted install test can end them all (`killAll`). */
const live = new Set();

/** Kills a detached child's process group; ignores one that is already gone. */
export const killGroup = (child, signal = 'SIGTERM') => {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
};

/**
 * Starts a command in its own process group, collecting its output.
 * @returns {{ child: import('node:child_process').ChildProcess, output: () => { stdout: string, stderr: string }, done: Promise<{ code: number | null, signal: string | null }> }}
 */
export const start = (cmd, args, { cwd, env = {} }) => {
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  live.add(child);
  const done = new Promise((resolve) => {
    child.once(
      'error',
      (e) => (live.delete(child), (stderr += String(e)), resolve({ code: -1, signal: null })),
    );
    child.once('close', (code, signal) => (live.delete(child), resolve({ code, signal })));
  });
  return { child, output: () => ({ stdout, stderr }), done };
};

/** Ends every child still running (on SIGINT or SIGTERM to the install test). */
export const killAll = () => {
  for (const child of live) killGroup(child, 'SIGKILL');
};

/** Runs a command to its end, or kills it at `timeoutMs`. */
export const exec = async (cmd, args, { cwd, env, timeoutMs }) => {
  const started = performance.now();
  const p = start(cmd, args, { cwd, env });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(p.child, 'SIGKILL');
  }, timeoutMs);
  const { code, signal } = await p.done;
  clearTimeout(timer);
  return { code, signal, timedOut, ms: performance.now() - started, ...p.output() };
};

/** Like `exec`, but a non-zero exit or a timeout throws with the command's output. */
export const mustExec = async (cmd, args, options) => {
  const r = await exec(cmd, args, options);
  if (r.code !== 0 || r.timedOut)
    throw new Error(
      `${cmd} ${args.join(' ')} ${r.timedOut ? `timed out after ${options.timeoutMs} ms` : `exited ${r.code}`}\n` +
        tail(r.stdout + r.stderr),
    );
  return r;
};

/** The end of a long output, for failure messages. */
export const tail = (text, lines = 30) => text.trimEnd().split('\n').slice(-lines).join('\n');
