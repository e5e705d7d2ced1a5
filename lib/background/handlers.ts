import type { SourceLensDb } from '../corpus/db';
import { addRejected, emptySummary } from '../corpus/import-summary';
import type { RejectedLine } from '../corpus/parse-corpus';
import type { Settings } from '../corpus/settings';
import { toStatementRecord, type StatementRecord, type StoredStatement } from '../corpus/statement';
import {
  corpusStats,
  deleteAllStatements,
  type CorpusStats,
  deleteIssuer,
  exportPage,
  listIssuers,
  readStatements,
  statementTotal,
  storeBatch,
} from '../corpus/store';
import { prepareStatements, type PreparedStatement, type ArticleInput } from '../engine/index';
import type { FetchFn } from '../feeds/fetch-feed';
import type { PageStatement } from '../feeds/refresh';
import type { ContentResults, contentSchemas, LastCheck, ReportView, TabStatus } from '../messaging/protocol';
import type { RpcHandlers } from '../messaging/rpc';
import type { PageStatementData } from '../page/page-statement';
import { createChecker } from './checker';
import { CorpusIndex, toStatementDoc } from './corpus-index';
import { createFeedHandlers, withQuotaMessage } from './feed-handlers';
import { FeedService } from './feed-service';
import type { EnsureLexicons } from './lexicons';
import { createSettingsCache } from './settings';
import { siteRuleFor } from './site-rules';
import { createTabStatuses, memoryTabStatusStore, type TabStatusStore } from './tab-status';
import { selectionBadge, selectionInput, selectionReport } from './selection';
import { inLaterTask } from './tasks';
import { TeamService, type TeamServiceDeps } from './team-service';
import { IndexedDbStatementCache } from '../team/statement-cache';
import { MemoryStatementCache } from '../team/team-check';
import type { TeamSettings } from '../team/team-settings';
import { errorMessage } from '../shared/error-message';

/**
 * The background's answers to the protocol. No browser API is used here: the entry point passes in
 * the database, the index and callbacks for side effects (badge, reader injection, messages to tabs),
 * so the whole service runs under Node with fake-indexeddb in tests.
 */

type ContentMethod = keyof typeof contentSchemas;

export interface BackgroundDeps {
  db: SourceLensDb;
  /** The matching index kept in step with `db` (default: a new CorpusIndex over it). */
  index?: CorpusIndex;
  /** Installs the lexicons Chinese texts need before they are indexed or checked (lexicons.ts). */
  ensureLexicons?: EnsureLexicons;
  tabs?: TabStatusStore;
  /** Shows the number of sources on the tab's toolbar button (null clears it). */
  setBadge?: (tabId: number, count: number | null) => void;
  /** Injects the reader (extraction, matching request, hints) into the tab. */
  injectReader?: (tabId: number) => Promise<void>;
  /** Calls a tab's content script. */
  sendToTab?: <M extends ContentMethod>(tabId: number, method: M, input: Record<string, unknown>) => Promise<ContentResults[M]>;
  now?: () => number;
  /** Reads statement records by id for checks (default: readStatements over `db`). */
  readStatements?: (ids: readonly string[]) => Promise<Array<StoredStatement | undefined>>;
  /** fetch for feeds and their items' pages (default: globalThis.fetch). */
  fetch?: FetchFn;
  /** Extracts a statement from an item page's HTML (needs a DOM: offscreen document or event page). */
  extractPage?: (html: string, url: string) => Promise<PageStatement | null>;
  /** Extracts the tab's page as a statement ("Add this page to my corpus"). */
  extractTab?: (tabId: number) => Promise<PageStatementData | null>;
  /** Feed subscriptions changed (the entry point reschedules its alarm). */
  onFeedsChanged?: () => void;
  /** Schedules the repeats of the worker's first check (warm-up.ts; default: a short timer). */
  warmUpLater?: (callback: () => void) => void;
  /** Where fetched team statements are cached (default: IndexedDB, lib/team/statement-cache.ts). */
  teamCache?: TeamServiceDeps['cache'];
}

export interface BackgroundService {
  handlers: RpcHandlers;
  forgetTab(tabId: number): Promise<void>;
  /**
   * Finds the sources of a selected text (context menu) with the page's language and date, records it
   * as the tab's selection report, and sets the badge only where the page has none (selection.ts).
   */
  checkSelection(tabId: number | undefined, text: string): Promise<ReportView>;
  /** Flips the hints setting and tells the tab (keyboard shortcut). */
  toggleHints(tabId: number | undefined): Promise<Settings>;
  /** Feed subscriptions (the alarm refreshes the due ones). */
  feeds: FeedService;
}

export function createBackgroundService(deps: BackgroundDeps): BackgroundService {
  const { db } = deps;
  const index = deps.index ?? new CorpusIndex(db);
  const now = deps.now ?? Date.now;
  const tabs = createTabStatuses(deps.tabs ?? memoryTabStatusStore(), now);
  const ensureLexicons: EnsureLexicons = deps.ensureLexicons ?? (async () => undefined);
  const team = new TeamService({
    db,
    fetch: deps.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    // IndexedDB where there is one (the worker); Node tests without a global indexedDB keep it in memory.
    cache: deps.teamCache ?? (typeof indexedDB === 'undefined' ? new MemoryStatementCache() : new IndexedDbStatementCache()),
    now,
  });
  const checker = createChecker({
    team,
    index,
    readStatements: deps.readStatements ?? ((ids) => readStatements(db, ids)),
    countStatements: () => statementTotal(db),
    ensureLexicons,
    now,
    warmUpLater: deps.warmUpLater,
  });
  const { check, statementCount, corpusChanged } = checker;

  const settingsCache = createSettingsCache(db);

  /** The last page check's figures, for the diagnostics report. */
  let lastCheck: LastCheck | null = null;

  /** The index update of the last imported batch (see importBatch). */
  let indexing: Promise<void> = Promise.resolve();

  /** Stores a batch and makes it matchable at once; a full disk stops with words, keeping earlier batches. */
  async function storeAndIndex(records: StatementRecord[], origin: string) {
    const result = await withQuotaMessage(() => storeBatch(db, records, origin));
    await afterStored(result.changed);
    return result;
  }

  async function afterStored(changed: StoredStatement[]): Promise<void> {
    if (changed.length === 0) return;
    // The index first, then the cache: a check that starts once the cache is cleared sees the new index.
    await index.onStored(changed);
    await corpusChanged();
  }

  const feeds = new FeedService({
    db,
    fetch: deps.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    extractPage: deps.extractPage,
    store: storeAndIndex,
    now,
  });

  const handlers: RpcHandlers = {
    getTeamStatus: () => team.getStatus(),
    saveTeamServer: async ({ settings }) => {
      const status = await team.save(settings as TeamSettings | null);
      // Reports made with (or without) the previous server no longer say what a check would find.
      await corpusChanged();
      return status;
    },
    testTeamServer: ({ settings }) => team.test(settings as TeamSettings),
    ...createFeedHandlers({
      db,
      feeds,
      store: storeAndIndex,
      onStored: afterStored,
      getSettings: settingsCache.get,
      saveSettings: settingsCache.save,
      extractTab: deps.extractTab,
      onFeedsChanged: deps.onFeedsChanged,
      now,
    }),

    async pageLoaded(input, sender) {
      if (sender.tabId === undefined) throw new Error('pageLoaded must come from a tab');
      const [statements, settings] = await Promise.all([statementCount(), settingsCache.get()]);
      const rule = siteRuleFor(input.url, settings.siteRules);
      const wanted = rule !== 'deny' && (rule === 'allow' || input.verdict?.isNews === true);
      const status: TabStatus = {
        tabId: sender.tabId,
        url: input.url,
        title: input.title,
        state: rule === 'deny' ? 'denied' : wanted ? 'checking' : 'not-news',
        loadedAt: now(),
        corpusSize: statements,
        verdict: input.verdict,
      };
      const saved = tabs.set(status);
      // A worker woken by this page loads the index now, while the reader is injected and extracts the
      // article, rather than when the check arrives (at 100,000 statements the snapshot read is the
      // largest part of a cold check).
      if (wanted && statements > 0) void index.ready().catch(() => undefined);
      if (wanted && statements > 0) {
        try {
          // Inject first: the status write and the badge only feed the toolbar and must not delay the
          // page's hints (the badge is cleared once the injection is on its way).
          const injected = deps.injectReader?.(sender.tabId);
          deps.setBadge?.(sender.tabId, null);
          await Promise.all([injected, saved]);
        } catch (error) {
          status.state = 'error';
          status.error = `could not start the reader: ${errorMessage(error)}`;
          status.errorCode = 'reader-not-started';
          await tabs.set(status);
        }
      } else {
        deps.setBadge?.(sender.tabId, null);
        await saved;
      }
      if (wanted && statements === 0) {
        // Nothing to match against: say so in the popup rather than extracting for nothing.
        status.state = 'done';
        status.report = { sources: [], articleChars: 0, checkedAt: now(), corpusSize: 0 };
        await tabs.set(status);
      }
      return { ...status, hintsVisible: settings.hintsVisible };
    },

    async findSources({ article }, sender) {
      const input: ArticleInput = {
        text: article.text,
        title: article.title ?? undefined,
        date: article.date ?? undefined,
        outlet: article.outlet ?? undefined,
        url: article.url ?? undefined,
        lang: article.lang ?? undefined,
        translation: article.translation,
      };
      if (sender.tabId !== undefined) tabs.record(sender.tabId, { state: 'checking' });
      try {
        // Settings and the check together: on a cold worker the settings read would otherwise delay
        // the start of the index load.
        const [settings, report] = await Promise.all([settingsCache.get(), check(input)]);
        lastCheck = {
          at: now(),
          elapsedMs: report.elapsedMs,
          articleChars: report.articleChars,
          sources: report.sources.length,
          corpusSize: report.corpusSize,
        };
        if (sender.tabId !== undefined) {
          tabs.record(sender.tabId, {
            state: 'done',
            report,
            error: undefined,
            article: { title: article.title, outlet: article.outlet, date: article.date, chars: article.text.length },
          });
          // After the answer is on its way: drawing the badge is the browser's work on the same thread
          // that carries the answer to the page.
          const tabId = sender.tabId;
          setTimeout(() => deps.setBadge?.(tabId, report.sources.length), 0);
        }
        return { ...report, hintsVisible: settings.hintsVisible };
      } catch (error) {
        if (sender.tabId !== undefined) {
          tabs.record(sender.tabId, { state: 'error', error: errorMessage(error) });
        }
        throw error;
      }
    },

    async checkPageAnyway({ tabId }) {
      const corpusSize = await statementCount();
      const status = (await tabs.get(tabId)) ?? tabs.unreported(tabId, corpusSize);
      const next: TabStatus = { ...status, state: 'checking', error: undefined, errorCode: undefined, corpusSize };
      await tabs.set(next);
      try {
        await deps.injectReader?.(tabId);
      } catch (error) {
        next.state = 'error';
        next.error = `this page cannot be checked: ${errorMessage(error)}`;
        next.errorCode = 'page-not-checkable';
        await tabs.set(next);
      }
      return next;
    },

    async setHintsVisible({ visible, tabId }) {
      const settings = await settingsCache.save({ ...(await settingsCache.get()), hintsVisible: visible });
      // The setting is global, so every tab whose reader runs is told, not only the tab whose popup
      // or shortcut changed it: a page checked while the marks were off gets them back on any tab's tick.
      // The calling tab is told too in case its status was not recorded (a page checked on request).
      const withReader = (await tabs.all()).filter((tab) => tab.state === 'done' || tab.state === 'checking').map((tab) => tab.tabId);
      const targets = new Set(tabId !== undefined ? [tabId, ...withReader] : withReader);
      await Promise.all([...targets].map((target) => deps.sendToTab?.(target, 'setHintsVisible', { visible }).catch(() => undefined)));
      return settings;
    },

    getSettings: () => settingsCache.get(),

    getLastCheck: async () => lastCheck,

    saveSettings: ({ settings }) => settingsCache.save(settings),

    async getTabStatus({ tabId }) {
      const status = await tabs.get(tabId);
      if (!status) return null;
      return { ...status, corpusSize: await statementCount() };
    },

    async getCorpusStats() {
      // Statements an index update failed to take in are tried again first (ready() does), so the
      // stats say what is still missing after the retry.
      if (index.fault) await index.ready().catch(() => undefined);
      const stats: CorpusStats = await corpusStats(db);
      // Known once the index has loaded (a check or an import loads it): reported, never fatal.
      const damaged = index.lastLoad?.skipped ?? 0;
      if (damaged > 0) stats.damaged = damaged;
      const notIndexed = index.fault;
      if (notIndexed) stats.notIndexed = notIndexed;
      return stats;
    },

    async importBatch({ file, records }) {
      const valid: StatementRecord[] = [];
      const rejected: RejectedLine[] = [];
      // The options page validated these already; the worker checks again because it trusts no sender's data.
      records.forEach((raw, position) => {
        const parsed = toStatementRecord(raw);
        if (parsed.ok) valid.push(parsed.record);
        else rejected.push({ file, line: 0, reason: `record ${position + 1} of batch: ${parsed.reason}` });
      });
      // A full disk rolls this batch's transaction back; earlier batches are committed and stay.
      // The batch's statements are prepared for indexing (tokens, anchors, fingerprints: the larger
      // part of indexing, and it needs only their texts) in a task of its own once their writes are
      // issued, so the worker's thread does it while IndexedDB writes them instead of idling. Not
      // when the index is not loaded yet: its load, which this batch starts, indexes the batch too.
      let prepared: Promise<PreparedStatement[]> | undefined;
      // Decided once, before the lexicons the batch needs are installed: an index whose load finished
      // in between would otherwise get a preparation made without them (Chinese words, no anchors).
      const prepareAhead = index.loaded;
      await ensureLexicons(valid.map((record) => record.text));
      const result = await withQuotaMessage(() =>
        storeBatch(db, valid, file, (changed) => {
          if (!prepareAhead) return;
          prepared = inLaterTask(() => prepareStatements(changed.map(toStatementDoc)));
          prepared.catch(() => undefined); // a failed preparation is redone by onStored
        }),
      );
      if (result.changed.length > 0) {
        // The batch is acknowledged once committed; the index applies it on its queue meanwhile, in a
        // task after the acknowledgement, while the page sends the next batch. A check waits for queued updates (CorpusIndex.ready), so it never misses an
        // acknowledged batch; a worker killed before the update catches up by seq on its next start.
        // At most one batch is being indexed while the next is stored: the acknowledgement of batch n
        // waits for the index update of batch n-1, so the index never falls more than one batch behind
        // and the corpus is queryable as soon as the import ends.
        const previous = indexing;
        // A failed update is not the import's failure (the batch is stored): CorpusIndex logs it, the
        // corpus stats show it, and the next check (or stats request) indexes those statements again.
        indexing = index.onStored(result.changed, prepared).catch(() => undefined);
        await corpusChanged();
        await previous;
      }
      const summary = emptySummary([file]);
      addRejected(summary, rejected);
      return {
        imported: result.imported,
        updated: result.updated,
        duplicates: result.duplicates,
        rejected: summary.rejected,
        rejectedCount: summary.rejectedCount,
      };
    },

    listIssuers: () => listIssuers(db),

    async deleteIssuer({ key }) {
      const ids = await deleteIssuer(db, key);
      await index.onDeleted(ids);
      await corpusChanged();
      return { deleted: ids.length };
    },

    async deleteAll() {
      const deleted = await deleteAllStatements(db);
      await index.onDeleted([], true);
      await corpusChanged();
      return { deleted };
    },

    exportPage: ({ afterId, limit }) => exportPage(db, afterId, limit),
  };

  return {
    handlers,
    feeds,
    forgetTab: (tabId) => tabs.forget(tabId),
    async checkSelection(tabId, text) {
      const page = tabId !== undefined ? await tabs.get(tabId) : undefined;
      const report = selectionReport(text, await check(selectionInput(text, page)), page?.report);
      if (tabId !== undefined) {
        const status = (await tabs.get(tabId)) ?? tabs.unreported(tabId, report.corpusSize);
        await tabs.set({ ...status, selection: { text: text.slice(0, 2000), report, at: now() } });
        const count = selectionBadge(report, page);
        if (count !== undefined) deps.setBadge?.(tabId, count);
      }
      return report;
    },
    async toggleHints(tabId) {
      const visible = !(await settingsCache.get()).hintsVisible;
      return handlers.setHintsVisible({ visible, tabId }, {}) as Promise<Settings>;
    },
  };
}
