import { describe, expect, it } from 'vitest';
import { sessionTabStatusStore } from '../../lib/background/tab-status';
import type { TabStatus } from '../../lib/messaging/protocol';

/** storage.session as the browser gives it: values are copies, and every call is counted. */
function fakeSessionArea(failWrites = false) {
  const items = new Map<string, unknown>();
  const calls = { get: 0, set: 0 };
  return {
    items,
    calls,
    async get(keys: string | string[] | null) {
      calls.get++;
      const wanted = keys === null ? [...items.keys()] : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(wanted.filter((k) => items.has(k)).map((k) => [k, structuredClone(items.get(k))]));
    },
    async set(values: Record<string, unknown>) {
      calls.set++;
      if (failWrites) throw new Error('QUOTA_BYTES quota exceeded');
      for (const [k, v] of Object.entries(values)) items.set(k, structuredClone(v));
    },
    async remove(keys: string | string[]) {
      for (const k of Array.isArray(keys) ? keys : [keys]) items.delete(k);
    },
  };
}

const status = (tabId: number, state: TabStatus['state']): TabStatus => ({ tabId, url: `https://news.example/${tabId}`, state, loadedAt: 1, corpusSize: 3 });

describe('sessionTabStatusStore', () => {
  it('reads back what this worker wrote without asking storage.session', async () => {
    const area = fakeSessionArea();
    const store = sessionTabStatusStore(area);
    await store.set(status(7, 'checking'));
    await store.set(status(7, 'done'));
    expect((await store.get(7))?.state).toBe('done');
    expect(area.calls.get).toBe(0);
    expect((area.items.get('tab:7') as TabStatus).state).toBe('done');
  });

  it('a restarted worker reads the statuses its predecessor left in storage.session', async () => {
    const area = fakeSessionArea();
    await sessionTabStatusStore(area).set(status(3, 'done'));
    const restarted = sessionTabStatusStore(area);
    expect((await restarted.get(3))?.state).toBe('done');
    expect(area.calls.get).toBe(1);
  });

  it('after a failed write, reads ask storage.session again rather than trust the memory', async () => {
    const failing = fakeSessionArea(true);
    failing.items.set('tab:5', status(5, 'done'));
    const failingStore = sessionTabStatusStore(failing);
    await expect(failingStore.set(status(5, 'error'))).rejects.toThrow(/quota/);
    expect((await failingStore.get(5))?.state).toBe('done');
    expect(failing.calls.get).toBe(1);
  });

  it('remembers a tab that has no status, until a status is written for it', async () => {
    const area = fakeSessionArea();
    const store = sessionTabStatusStore(area);
    expect(await store.get(4)).toBeUndefined();
    expect(await store.get(4)).toBeUndefined();
    expect(area.calls.get).toBe(1);
    await store.set(status(4, 'checking'));
    expect((await store.get(4))?.state).toBe('checking');
    expect(area.calls.get).toBe(1);
  });

  it('a deleted tab is gone from memory and from storage.session', async () => {
    const area = fakeSessionArea();
    const store = sessionTabStatusStore(area);
    await store.set(status(9, 'done'));
    await store.delete(9);
    expect(await store.get(9)).toBeUndefined();
    expect(area.items.has('tab:9')).toBe(false);
  });
});
