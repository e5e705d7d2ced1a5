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
 * A restarted worker starts empty and reads from storage.session again.
 */
export function sessionTabStatusStore(area: SessionArea): TabStatusStore {
  const key = (tabId: number) => `tab:${tabId}`;
  const written = new Map<number, TabStatus>();
  return {
    async get(tabId) {
      const known = written.get(tabId);
      if (known) return known;
      return (await area.get(key(tabId)))[key(tabId)] as TabStatus | undefined;
    },
    async set(status) {
      // Forgotten first: if the write fails, the next read asks storage.session, the truth.
      written.delete(status.tabId);
      await area.set({ [key(status.tabId)]: status });
      written.set(status.tabId, status);
    },
    async delete(tabId) {
      written.delete(tabId);
      await area.remove(key(tabId));
    },
    async all() {
      const items = await area.get(null);
      return Object.entries(items)
        .filter(([name]) => name.startsWith('tab:'))
        .map(([, value]) => value as TabStatus);
    },
  };
}
