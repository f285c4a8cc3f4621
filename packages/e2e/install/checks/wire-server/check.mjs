/**
 * (b) `createWireHandler` mounted in the user's own `node:http` server beside the user's own route, driven
 * by `@aws-sdk/client-ssm`: PutParameter, PutResourcePolicy, GetResourcePolicies.
 *
 * @since 0.1.0
 */
import { fileURLToPath } from 'node:url';
import { mustExec } from '../../lib/proc.mjs';

export default {
  id: 'wire-server',
  title: 'createWireHandler in own node:http server, AWS SDK v3',
  needs: ['@ssm-policy/server'],
  dependencies: { '@aws-sdk/client-ssm': '^3.0.0' },
  files: fileURLToPath(new URL('./consumer', import.meta.url)),
  run: async ({ project }) => {
    const r = await mustExec('node', ['server.mjs'], { cwd: project.dir, timeoutMs: 60_000 });
    const warned = /NodeVersionSupportWarning/.test(r.stderr)
      ? ' (SDK printed NodeVersionSupportWarning)'
      : '';
    return `${r.stdout.trim()}${warned}`;
  },
};
