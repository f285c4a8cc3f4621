/**
 * A consumer project outside the workspace, as a user would make one: a package.json, an `.npmrc` that takes
 * `@ssm-policy/*` from the local registry (everything else from the real one), and plain `npm install`.
 *
 * @example
 * const project = await createProject(dir, { registry: url, dependencies: { '@ssm-policy/core': '0.1.0' } });
 * project.size(); // { bytes, files, ours }
 *
 * @since 0.1.0
 */
import { cpSync, lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustExec } from './proc.mjs';

/** Bytes and files under a directory (apparent sizes; symlinks counted, not followed). */
export const treeSize = (dir) => {
  let bytes = 0;
  let files = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        bytes += lstatSync(p).size;
        files += 1;
      }
    }
  };
  try {
    walk(dir);
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  return { bytes, files };
};

export const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/**
 * Makes and installs a consumer project.
 * @param {string} dir a fresh folder outside the workspace
 * @param {{ registry: string, dependencies: Record<string, string>, devDependencies?: Record<string, string>, files?: string }} spec
 *   `files`: a folder whose contents are copied into the project first
 */
export const createProject = async (dir, { registry, dependencies, devDependencies = {}, files }) => {
  mkdirSync(dir, { recursive: true });
  if (files !== undefined) cpSync(files, dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      { name: 'consumer', version: '1.0.0', private: true, type: 'module', dependencies, devDependencies },
      null,
      2,
    ),
  );
  writeFileSync(join(dir, '.npmrc'), `@ssm-policy:registry=${registry}/\n`);
  const install = await mustExec('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    timeoutMs: 240_000,
  });
  return {
    dir,
    installMs: install.ms,
    size: () => ({
      ...treeSize(join(dir, 'node_modules')),
      ours: treeSize(join(dir, 'node_modules', '@ssm-policy')),
    }),
  };
};
