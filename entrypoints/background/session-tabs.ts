import type { TabStatusStore } from '../../lib/background/handlers';
import type { TabStatus } from '../../lib/messaging/protocol';

interface SessionArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/**
 * Tab statuses in `storage.session`: kept in memory by the browser, so they survive the service
 * worker's idle shutdown (the popup still knows the page a minute later) and vanish with the session.
 *
 * The worker is their only writer, so what it wrote since it started is also kept here and read
 * back without a round trip: every check updates its tab's status twice ("checking", then "done"),
 * and each update read the status first. Those reads, with the status's report deserialised on the
 * worker's thread, took ~2 ms of every warm check at 100,000 statements (bench:browser profile).
 * A tab found without a status is remembered too (pages the reader never checked, or this
 * extension's own pages). A restarted worker starts empty and reads from storage.session again.
 */
export function sessionTabStatusStore(area: SessionArea): TabStatusStore {
  const key = (tabId: number) => `tab:${tabId}`;
  const writing = new Set<number>();
  /** What this worker wrote or read, by tab; null = storage.session has no status for the tab. */
  const known = new Map<number, TabStatus | null>();
  return {
    async get(tabId) {
      const memo = known.get(tabId);
      if (memo !== undefined) return memo ?? undefined;
      const stored = (await area.get(key(tabId)))[key(tabId)] as TabStatus | undefined;
      // Not remembered if a write for the tab started meanwhile: that write decides.
      if (!known.has(tabId) && !writing.has(tabId)) known.set(tabId, stored ?? null);
      return stored;
    },
    async set(status) {
      // Forgotten first: if the write fails, the next read asks storage.session, the truth.
      known.delete(status.tabId);
      writing.add(status.tabId);
      try {
        await area.set({ [key(status.tabId)]: status });
        known.set(status.tabId, status);
      } finally {
        writing.delete(status.tabId);
      }
    },
    async delete(tabId) {
      known.delete(tabId);
      await area.remove(key(tabId));
      known.set(tabId, null);
    },
    async all() {
      const items = await area.get(null);
      return Object.entries(items)
        .filter(([name]) => name.startsWith('tab:'))
        .map(([, value]) => value as TabStatus);
    },
  };
}
