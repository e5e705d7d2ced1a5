// @ts-check
// A private X display (Xvfb) and real keyboard input (xdotool) for the suites that need what only a
// headed browser has: the browser's own keyboard shortcuts and its native context menu. Headless
// browsers have neither, and keys sent through Playwright or WebDriver BiDi reach the page, not the
// browser's shortcut handling, so these suites type on an X keyboard like a user would.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const SOCKET_DIR = '/tmp/.X11-unix';

/** @param {string} command */
function have(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Starts Xvfb on the first free display from :90; `close()` stops it. */
export async function startVirtualDisplay({ width = 1280, height = 1024 } = {}) {
  const missing = ['Xvfb', 'xdotool'].filter((command) => !have(command));
  if (missing.length > 0) throw new Error(`${missing.join(' and ')} not installed: apt-get install -y xvfb xdotool (.ci/run does)`);
  let number = 90;
  while (existsSync(`${SOCKET_DIR}/X${number}`) || existsSync(`/tmp/.X${number}-lock`)) number++;
  const display = `:${number}`;
  const server = spawn('Xvfb', [display, '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  const deadline = Date.now() + 10000;
  while (!existsSync(`${SOCKET_DIR}/X${number}`)) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`Xvfb ${display} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const xdotool = (/** @type {string[]} */ ...args) => execFileSync('xdotool', args, { env: { ...process.env, DISPLAY: display }, encoding: 'utf8' }).trim();
  return {
    display,
    xdotool,
    /**
     * Gives the X keyboard focus to the browser's main window: the largest visible window of
     * `windowClass` (its popups and menus are windows of the same class). No window manager runs here.
     */
    /** @param {string} windowClass */
    focusWindow(windowClass) {
      const windows = xdotool('search', '--onlyvisible', '--class', windowClass).split('\n').filter(Boolean);
      const area = (/** @type {string} */ id) => {
        const geometry = /Geometry: (\d+)x(\d+)/.exec(xdotool('getwindowgeometry', id));
        return geometry ? Number(geometry[1]) * Number(geometry[2]) : 0;
      };
      const main = windows.map((id) => ({ id, area: area(id) })).sort((a, b) => b.area - a.area)[0];
      if (!main) throw new Error(`no visible ${windowClass} window on ${display}`);
      xdotool('windowfocus', '--sync', main.id);
    },
    async close() {
      server.kill();
      await exited;
    },
  };
}
