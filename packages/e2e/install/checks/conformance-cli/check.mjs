/**
 * (e) `npx -- ssm-policy-conformance --help` in a project that installed `@ssm-policy/conformance-cli`: exits 0
 * and prints its usage. The `--` matters: npm 11.19 takes a `--help` after the command name as its own flag
 * and prints npm's help instead (exit 0), so without it this check passed or failed by the npm version.
 *
 * @since 0.1.0
 */
import { mustExec } from '../../lib/proc.mjs';

export default {
  id: 'conformance-cli',
  title: 'npx -- ssm-policy-conformance --help exits 0',
  needs: ['@ssm-policy/conformance-cli'],
  dependencies: {},
  run: async ({ project }) => {
    const r = await mustExec('npx', ['--no', '--', 'ssm-policy-conformance', '--help'], {
      cwd: project.dir,
      timeoutMs: 60_000,
    });
    if (!/--endpoint/.test(r.stdout + r.stderr))
      throw new Error(`--help printed no usage:\n${r.stdout}${r.stderr}`);
    return `exit 0; ${(r.stdout + r.stderr).trim().split('\n')[0]}`;
  },
};
