// @ts-check
// The browser bench's DevTools client (scripts/bench-browser.mjs): the extension's service worker reached
// through Chromium's DevTools port, for its heap, CPU profiles and the peer library run inside it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import WebSocket from 'ws';

/**
 * The DevTools WebSocket URL of the extension's service worker (Chromium's driver, whose profile folder
 * holds the DevTools port).
 * @param {{ userDataDir: string }} driver
 * @returns {Promise<string>}
 */
export async function workerTarget(driver) {
  const port = (await readFile(join(driver.userDataDir, 'DevToolsActivePort'), 'utf8')).split('\n')[0];
  for (let attempt = 0; attempt < 100; attempt++) {
    /** @type {Array<{ type: string, url: string, webSocketDebuggerUrl: string }>} */
    const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
    const worker = targets.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
    if (worker) return worker.webSocketDebuggerUrl;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no service worker target');
}

/**
 * A DevTools protocol session over the WebSocket at `url`.
 * @param {string} url
 */
export async function devtools(url) {
  const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 1 << 30 });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let id = 0;
  const pending = new Map();
  // A worker that dies (e.g. out of memory while MiniSearch indexes 100,000 texts) closes the socket:
  // fail the pending calls instead of waiting forever.
  ws.on('close', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('the worker went away (DevTools connection closed)'));
    pending.clear();
  });
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString());
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  });
  return {
    /**
     * @param {string} method
     * @param {object} [params]
     * @returns {Promise<any>}
     */
    send(method, params = {}) {
      return new Promise((resolve, reject) => {
        pending.set(++id, { resolve, reject });
        ws.send(JSON.stringify({ id, method, params }));
      });
    },
    /** @param {string} expression */
    async evaluate(expression) {
      const r = await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
      return r.result.value;
    },
    close: () => ws.close(),
  };
}

/** Starts the V8 sampling profiler in the worker; stop() returns the profile (.cpuprofile JSON). */
/** @param {{ userDataDir: string }} driver */
export async function startWorkerProfile(driver) {
  const cdp = await devtools(await workerTarget(driver));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return {
    async stop() {
      try {
        return (await cdp.send('Profiler.stop')).profile;
      } finally {
        cdp.close();
      }
    },
  };
}

/** @param {{ userDataDir: string }} driver */
export async function workerHeapMb(driver) {
  const cdp = await devtools(await workerTarget(driver));
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    // usedSize is the JS heap only; the index's typed arrays live in ArrayBuffer backing stores, which
    // Chromium reports separately (backingStorageSize): the worker's memory is their sum.
    const usage = await cdp.send('Runtime.getHeapUsage');
    return (usage.usedSize + (usage.backingStorageSize ?? 0) + (usage.embedderHeapUsedSize ?? 0)) / 2 ** 20;
  } finally {
    cdp.close();
  }
}
