/**
 * A throwaway npm registry for the install test: verdaccio on a free loopback port, its config, storage and
 * users in a temporary folder, no uplinks (it serves only what we publish to it; everything else comes from
 * the real registry through the consumer's scoped `.npmrc`). One user, made through the registry's own API,
 * publishes.
 *
 * @example
 * const registry = await startRegistry(tmpDir);
 * try { … registry.url, registry.npmrc … } finally { await registry.stop(); }
 *
 * @since 0.1.0
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { killGroup, start } from './proc.mjs';

/** A port the kernel had free a moment ago (the registry binds it right after). */
export const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });

const verdaccioBin = () => {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('verdaccio/package.json');
  const pkg = require(pkgFile);
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.verdaccio;
  return { bin: join(dirname(pkgFile), bin), version: pkg.version };
};

const config = (root) => `
storage: ${join(root, 'storage')}
auth:
  htpasswd:
    file: ${join(root, 'htpasswd')}
    max_users: 10
uplinks: {}
packages:
  '@ssm-policy/*':
    access: $all
    publish: $authenticated
    unpublish: $authenticated
  '**':
    access: $all
web:
  enable: false
log: { type: stdout, format: pretty, level: warn }
`;

/**
 * Starts verdaccio and creates the publishing user. Waits at most `readyMs` for it to answer.
 * @param {string} root a fresh temporary folder
 */
export const startRegistry = async (root, { readyMs = 30_000 } = {}) => {
  mkdirSync(root, { recursive: true });
  const configFile = join(root, 'config.yaml');
  writeFileSync(configFile, config(root));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { bin, version } = verdaccioBin();
  // Through proc.mjs: its own process group, and ended by killAll when the install test is interrupted.
  const server = start(process.execPath, [bin, '--config', configFile, '--listen', `127.0.0.1:${port}`], {
    cwd: root,
    env: { NODE_ENV: 'production' },
  });
  const output = () => server.output().stdout + server.output().stderr;
  let exited = false;
  const gone = server.done.then(() => {
    exited = true;
  });

  const stop = async () => {
    if (exited) return;
    killGroup(server.child, 'SIGTERM');
    const timer = sleep(5_000).then(() => 'timeout');
    if ((await Promise.race([gone, timer])) === 'timeout') {
      killGroup(server.child, 'SIGKILL');
      await gone;
    }
  };

  try {
    const deadline = Date.now() + readyMs;
    for (;;) {
      if (exited) throw new Error(`verdaccio exited before answering:\n${output()}`);
      if (Date.now() > deadline)
        throw new Error(`verdaccio did not answer on ${url} within ${readyMs} ms:\n${output()}`);
      const ok = await fetch(`${url}/-/ping`, { signal: AbortSignal.timeout(2_000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await sleep(200);
    }
    // The publishing user, through the registry's CouchDB-style user API (what `npm adduser` calls).
    const name = 'install-test';
    const res = await fetch(`${url}/-/user/org.couchdb.user:${name}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password: `pw-${process.pid}-${Date.now()}`, type: 'user', roles: [] }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = await res.json();
    if (!res.ok || typeof body.token !== 'string')
      throw new Error(`creating a registry user failed: ${res.status} ${JSON.stringify(body)}`);
    const host = `//127.0.0.1:${port}/`;
    const npmrc = join(root, 'publish.npmrc');
    writeFileSync(npmrc, `${host}:_authToken=${body.token}\n`);
    return { url, port, npmrc, version, stop, output };
  } catch (e) {
    await stop();
    throw e;
  }
};
