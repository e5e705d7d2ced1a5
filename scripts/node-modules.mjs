// @ts-check
// `npm start` and `npm test` run on a fresh clone before anything is installed: they install the
// locked dependencies first. Plain Node with no dependency (it runs before them).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * True when node_modules holds what package-lock.json describes: npm writes
 * node_modules/.package-lock.json at the end of every install, so its absence (or an older one than
 * the lock file) means an install is missing or out of date.
 * @param {string} root
 */
export function nodeModulesUpToDate(root) {
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(installed)) return false;
  return statSync(installed).mtimeMs >= statSync(join(root, 'package-lock.json')).mtimeMs;
}

/**
 * Runs `npm ci` when node_modules is missing or older than the lock file; true when it installed.
 * @param {string} root
 * @param {{ log?: (line: string) => void }} [options]
 */
export function ensureNodeModules(root, { log = (line) => console.log(line) } = {}) {
  if (nodeModulesUpToDate(root)) return false;
  log('$ npm ci --no-audit --no-fund   (installing the locked dependencies)');
  const run = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`npm ci failed (exit ${run.status ?? run.signal})`);
  return true;
}
