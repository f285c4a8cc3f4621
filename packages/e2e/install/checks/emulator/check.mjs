/**
 * (d) `npx ssm-policy-emulator` in a project that installed `@ssm-policy/emulator`: it starts on the port it
 * is given, answers GetResourcePolicies on AWS's wire protocol, and stops on SIGTERM.
 *
 * @since 0.1.0
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../lib/registry.mjs';
import { killGroup, start, tail } from '../../lib/proc.mjs';

export default {
  id: 'emulator',
  title: 'npx ssm-policy-emulator starts and answers',
  needs: ['@ssm-policy/emulator'],
  dependencies: {},
  run: async ({ project }) => {
    const port = await freePort();
    const emulator = start('npx', ['--no', 'ssm-policy-emulator'], {
      cwd: project.dir,
      env: { PORT: String(port), HOST: '127.0.0.1' },
    });
    let exited = false;
    emulator.done.then(() => (exited = true));
    try {
      const deadline = Date.now() + 30_000;
      while (!/listening/.test(emulator.output().stdout)) {
        if (exited || Date.now() > deadline)
          throw new Error(
            `the emulator did not say it listens:\n${tail(emulator.output().stdout + emulator.output().stderr)}`,
          );
        await sleep(100);
      }
      const res = await fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AmazonSSM.GetResourcePolicies',
        },
        body: JSON.stringify({ ResourceArn: 'arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default' }),
        signal: AbortSignal.timeout(10_000),
      });
      const body = await res.text();
      if (res.status !== 200 || body !== '{"Policies":[]}')
        throw new Error(`GetResourcePolicies answered ${res.status} ${body}`);
      return `listening on port ${port}; GetResourcePolicies answered 200 ${body}`;
    } finally {
      killGroup(emulator.child, 'SIGTERM');
      const stopped = await Promise.race([emulator.done.then(() => true), sleep(5_000).then(() => false)]);
      if (!stopped) killGroup(emulator.child, 'SIGKILL');
    }
  },
};
