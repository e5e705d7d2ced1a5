// @ts-check
// The programs outside npm that `npm test` and `npm start` drive: the real browsers (never downloaded:
// Debian's packages), and a virtual display with an X keyboard for the suites that need a headed
// browser. Plain Node with no dependency, so it runs before `npm ci`.
//
// When one is missing: as root with apt (a CI machine), install it; otherwise stop at once with the one
// command that installs it, instead of failing minutes later with "executable doesn't exist".
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * @typedef {{ label: string, executable: () => string, apt: string, file?: boolean }} SystemDep `file`: a data file rather than a program
 * @typedef {'chromium' | 'firefox' | 'xvfb' | 'xdotool' | 'postgresql' | 'chromiumLanguages'} SystemDepName
 * @typedef {(path: string) => string | null} Find
 * @typedef {(line: string) => void} Log
 */

/**
 * What each dependency is, how to find it, and the Debian package that provides it.
 * @type {Record<SystemDepName, SystemDep>}
 */
export const SYSTEM_DEPS = {
  chromium: { label: 'Chromium', executable: () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', apt: 'chromium' },
  firefox: { label: 'Firefox ESR', executable: () => process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', apt: 'firefox-esr' },
  xvfb: { label: 'Xvfb (virtual display)', executable: () => 'Xvfb', apt: 'xvfb' },
  xdotool: { label: 'xdotool (X keyboard)', executable: () => 'xdotool', apt: 'xdotool' },
  // Chromium's UI languages other than English (the extension's messages follow the browser's UI
  // language); a data file, not a program. Only the store pictures in other languages need it.
  // The team server's tests run on a throwaway cluster of Debian's PostgreSQL (scripts/with-postgres.sh).
  postgresql: { label: 'PostgreSQL', executable: () => 'pg_ctlcluster', apt: 'postgresql' },
  chromiumLanguages: { label: 'Chromium UI languages', executable: () => '/usr/lib/chromium/locales/ru.pak', apt: 'chromium-l10n', file: true },
};

/** Every system dependency `npm test` needs: both browsers, and the display and keyboard of the native-input suite. */
/** @type {SystemDepName[]} */
export const TEST_DEPS = ['chromium', 'firefox', 'xvfb', 'xdotool'];
/** What the team server's tests need on top (`npm run test:server`, a step of `npm test`). */
/** @type {SystemDepName[]} */
export const SERVER_TEST_DEPS = ['postgresql'];

/** @param {string} path */
function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * An absolute path is checked as is; a bare name is looked up on PATH.
 * @param {string} name
 * @param {{ env?: NodeJS.ProcessEnv, executable?: (path: string) => boolean }} [options]
 * @returns {string | null}
 */
export function findExecutable(name, { env = process.env, executable = isExecutable } = {}) {
  if (name.includes('/')) return executable(name) ? name : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/**
 * The dependencies among `names` that are not there, with where they were looked for.
 * @param {SystemDepName[]} names
 * @param {{ find?: Find, fileExists?: (path: string) => boolean }} [options]
 */
export function missingDeps(names, { find = findExecutable, fileExists = existsSync } = {}) {
  return names
    .map((name) => ({ name, ...SYSTEM_DEPS[name], path: SYSTEM_DEPS[name].executable() }))
    .filter((dep) => !(dep.file ? fileExists(dep.path) : find(dep.path)));
}

/** @param {Array<{ apt: string }>} deps */
export function installCommand(deps) {
  return `sudo apt-get install -y --no-install-recommends ${deps.map((dep) => dep.apt).join(' ')}`;
}

function canInstallWithApt() {
  return process.getuid?.() === 0 && findExecutable('apt-get') !== null;
}

/**
 * @param {string[]} packages
 * @param {Log} log
 */
function aptInstall(packages, log) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...packages],
  ]) {
    log(`$ apt-get ${args.join(' ')}`);
    const run = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (run.status !== 0) throw new Error(`apt-get ${args[0]} failed (exit ${run.status ?? run.signal})`);
  }
}

export class MissingDepsError extends Error {
  /** @override */
  name = 'MissingDepsError';
}

/**
 * Makes sure every dependency in `names` is there. Installs the missing ones with apt when running as
 * root (CI), else throws a MissingDepsError whose message is the command to run. Inputs are injected
 * so the policy can be tested without touching the machine.
 * @param {SystemDepName[]} names
 * @param {{ find?: Find, canInstall?: () => boolean, install?: (packages: string[], log: Log) => void, log?: Log }} [options]
 * @returns {{ installed: string[] }}
 */
export function ensureSystemDeps(
  names,
  { find = findExecutable, canInstall = canInstallWithApt, install = aptInstall, log = (line) => console.log(line) } = {},
) {
  const missing = missingDeps(names, { find });
  if (missing.length === 0) return { installed: [] };
  const list = missing.map((dep) => `${dep.label} (${dep.path})`).join(', ');
  if (!canInstall()) {
    throw new MissingDepsError(`missing: ${list}.\nInstall with:\n  ${installCommand(missing)}`);
  }
  log(`missing: ${list}: installing with apt`);
  install([...new Set(missing.map((dep) => dep.apt))], log);
  const still = missingDeps(names, { find });
  if (still.length > 0) {
    throw new MissingDepsError(
      `apt-get installed ${still.map((dep) => dep.apt).join(' ')}, but ${still.map((dep) => dep.path).join(', ')} is still missing (is CHROMIUM_PATH or FIREFOX_PATH set to another place?)`,
    );
  }
  return { installed: missing.map((dep) => dep.apt) };
}
