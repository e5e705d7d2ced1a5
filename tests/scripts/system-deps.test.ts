import { describe, expect, it } from 'vitest';
import { ensureSystemDeps, findExecutable, MissingDepsError, TEST_DEPS } from '../../scripts/system-deps.mjs';

/**
 * `npm test` and `npm start` on a machine without a browser: installed with apt as root (CI), else a
 * stop at once with the command. The machine is injected: nothing here installs or hides anything.
 */

/** A machine where the executables in `present` exist (until `install` adds more). */
function machine(present: string[]) {
  const files = new Set(present);
  const installs: string[][] = [];
  return {
    installs,
    find: (path: string) => (files.has(path) ? path : null),
    install: (packages: string[]) => {
      installs.push(packages);
      const provides: Record<string, string> = { chromium: '/usr/bin/chromium', 'firefox-esr': '/usr/bin/firefox-esr', xvfb: 'Xvfb', xdotool: 'xdotool' };
      for (const name of packages) files.add(provides[name]!);
    },
  };
}

const EVERYTHING = ['/usr/bin/chromium', '/usr/bin/firefox-esr', 'Xvfb', 'xdotool'];
const quiet = () => undefined;

describe('ensureSystemDeps', () => {
  it('does nothing when every program is there', () => {
    const m = machine(EVERYTHING);
    expect(ensureSystemDeps(TEST_DEPS, { find: m.find, canInstall: () => true, install: m.install, log: quiet })).toEqual({ installed: [] });
    expect(m.installs).toEqual([]);
  });

  it('without root or apt: stops with the one command that installs what is missing, and installs nothing', () => {
    const m = machine(['/usr/bin/firefox-esr', 'Xvfb']);
    let error: unknown;
    try {
      ensureSystemDeps(TEST_DEPS, { find: m.find, canInstall: () => false, install: m.install, log: quiet });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MissingDepsError);
    expect((error as Error).message).toBe(
      'missing: Chromium (/usr/bin/chromium), xdotool (X keyboard) (xdotool).\nInstall with:\n  sudo apt-get install -y --no-install-recommends chromium xdotool',
    );
    expect(m.installs).toEqual([]);
  });

  it('as root with apt: installs exactly the missing packages, then checks again', () => {
    const m = machine(['/usr/bin/firefox-esr', 'Xvfb', 'xdotool']);
    expect(ensureSystemDeps(TEST_DEPS, { find: m.find, canInstall: () => true, install: m.install, log: quiet })).toEqual({ installed: ['chromium'] });
    expect(m.installs).toEqual([['chromium']]);
  });

  it('says so when the package installed but the program is still not where it is looked for', () => {
    const m = machine([]);
    const install = (packages: string[]) => m.installs.push(packages);
    expect(() => ensureSystemDeps(['chromium'], { find: m.find, canInstall: () => true, install, log: quiet })).toThrow(
      /apt-get installed chromium, but \/usr\/bin\/chromium is still missing/,
    );
  });
});

describe('findExecutable', () => {
  it('checks an absolute path as is and looks a bare name up on PATH', () => {
    const executable = (path: string) => ['/opt/x/bin/Xvfb', '/usr/bin/chromium'].includes(path);
    expect(findExecutable('/usr/bin/chromium', { executable })).toBe('/usr/bin/chromium');
    expect(findExecutable('/usr/bin/firefox-esr', { executable })).toBeNull();
    expect(findExecutable('Xvfb', { env: { PATH: '/usr/bin:/opt/x/bin' }, executable })).toBe('/opt/x/bin/Xvfb');
    expect(findExecutable('Xvfb', { env: { PATH: '/usr/bin' }, executable })).toBeNull();
  });

  it('finds the real node on this machine (the check is not a stub)', () => {
    expect(findExecutable('node')).toMatch(/\/node$/);
  });
});
