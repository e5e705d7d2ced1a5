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
 */
export function sessionTabStatusStore(area: SessionArea): TabStatusStore {
  const key = (tabId: number) => `tab:${tabId}`;
  return {
    async get(tabId) {
      return (await area.get(key(tabId)))[key(tabId)] as TabStatus | undefined;
    },
    async set(status) {
      await area.set({ [key(status.tabId)]: status });
    },
    async delete(tabId) {
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
