import type { TabStatus } from '../messaging/protocol';

/**
 * What the worker knows of each tab for the popup: its page, the check's state and report. No browser
 * API is used: the entry point passes `storage.session` in, and tests a Map.
 */

/** Where tab statuses live: `storage.session` in the extension (it survives the worker's restarts). */
export interface TabStatusStore {
  get(tabId: number): Promise<TabStatus | undefined>;
  set(status: TabStatus): Promise<void>;
  delete(tabId: number): Promise<void>;
  all(): Promise<TabStatus[]>;
}

export function memoryTabStatusStore(): TabStatusStore {
  const tabs = new Map<number, TabStatus>();
  return {
    get: async (tabId) => tabs.get(tabId),
    set: async (status) => void tabs.set(status.tabId, status),
    delete: async (tabId) => void tabs.delete(tabId),
    all: async () => [...tabs.values()],
  };
}

/** The part of `storage.session` the store uses. */
export interface SessionArea {
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

/** Tab statuses as the handlers write them: in order per tab, over any store. */
export interface TabStatuses {
  get(tabId: number): Promise<TabStatus | undefined>;
  all(): Promise<TabStatus[]>;
  forget(tabId: number): Promise<void>;
  /** Replaces the tab's status. */
  set(status: TabStatus): Promise<void>;
  /** Applies `patch` to the tab's status, if it has one. */
  update(tabId: number, patch: Partial<TabStatus>): Promise<TabStatus | undefined>;
  /** Records a tab's new status without holding up the answer to the page (it only feeds the popup). */
  record(tabId: number, patch: Partial<TabStatus>): void;
  /** The status of a tab whose page never reported itself (a page loaded before SourceLens was). */
  unreported(tabId: number, corpusSize: number): TabStatus;
}

export function createTabStatuses(store: TabStatusStore, now: () => number): TabStatuses {
  // Writes to one tab's status run in order, so a late "checking" never overwrites an earlier "done".
  const tabQueues = new Map<number, Promise<unknown>>();
  function inTabOrder<T>(tabId: number, step: () => Promise<T>): Promise<T> {
    const run = (tabQueues.get(tabId) ?? Promise.resolve()).then(step, step);
    const tail = run.catch(() => undefined);
    tabQueues.set(tabId, tail);
    void tail.then(() => tabQueues.get(tabId) === tail && tabQueues.delete(tabId));
    return run;
  }
  function update(tabId: number, patch: Partial<TabStatus>): Promise<TabStatus | undefined> {
    return inTabOrder(tabId, async () => {
      const status = await store.get(tabId);
      if (!status) return undefined;
      const next = { ...status, ...patch };
      await store.set(next);
      return next;
    });
  }
  return {
    get: (tabId) => store.get(tabId),
    all: () => store.all(),
    forget: (tabId) => store.delete(tabId),
    set: (status) => inTabOrder(status.tabId, () => store.set({ ...status })),
    update,
    record(tabId, patch) {
      void update(tabId, patch).catch(() => undefined);
    },
    unreported: (tabId, corpusSize) => ({ tabId, url: '', state: 'loaded', loadedAt: now(), corpusSize }),
  };
}
