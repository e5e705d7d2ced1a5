import type { SourceLensDb } from '../corpus/db';
import { addRejected, emptySummary } from '../corpus/import-summary';
import type { RejectedLine } from '../corpus/parse-corpus';
import { toStatementRecord, type StatementRecord } from '../corpus/statement';
import { corpusStats, deleteAllStatements, deleteIssuer, exportPage, listIssuers, storeBatch } from '../corpus/store';
import type { TabStatus } from '../messaging/protocol';
import type { RpcHandlers } from '../messaging/rpc';

/**
 * The background's answers to the protocol, given its database. No browser API is used here: the
 * entry point passes in the database and a callback for side effects (the badge), so the whole
 * service runs under Node with fake-indexeddb in tests.
 */

export interface BackgroundDeps {
  db: SourceLensDb;
  /** Called whenever a tab's status changes (the entry point updates the badge). */
  onTabStatus?: (status: TabStatus) => void;
  now?: () => number;
}

export interface BackgroundService {
  handlers: RpcHandlers;
  forgetTab(tabId: number): void;
}

export function createBackgroundService({ db, onTabStatus, now = Date.now }: BackgroundDeps): BackgroundService {
  /**
   * Per-tab status lives in memory: it is cheap to lose, because a worker restarted after its idle
   * timeout learns it again from the content script's next report.
   */
  const tabs = new Map<number, TabStatus>();

  const handlers: RpcHandlers = {
    async pageLoaded(input, sender) {
      if (sender.tabId === undefined) throw new Error('pageLoaded must come from a tab');
      const { statements } = await corpusStats(db);
      const status: TabStatus = {
        tabId: sender.tabId,
        url: input.url,
        title: input.title,
        state: 'loaded',
        loadedAt: now(),
        corpusSize: statements,
      };
      tabs.set(sender.tabId, status);
      onTabStatus?.(status);
      return status;
    },

    async getTabStatus({ tabId }) {
      const status = tabs.get(tabId);
      if (!status) return null;
      return { ...status, corpusSize: (await corpusStats(db)).statements };
    },

    getCorpusStats: () => corpusStats(db),

    async importBatch({ file, records }) {
      const valid: StatementRecord[] = [];
      const rejected: RejectedLine[] = [];
      // The options page validated these already; the worker checks again because it trusts no sender's data.
      records.forEach((raw, index) => {
        const parsed = toStatementRecord(raw);
        if (parsed.ok) valid.push(parsed.record);
        else rejected.push({ file, line: 0, reason: `record ${index + 1} of batch: ${parsed.reason}` });
      });
      const result = await storeBatch(db, valid, file);
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
      return { deleted: (await deleteIssuer(db, key)).length };
    },

    async deleteAll() {
      return { deleted: await deleteAllStatements(db) };
    },

    exportPage: ({ afterId, limit }) => exportPage(db, afterId, limit),
  };

  return { handlers, forgetTab: (tabId) => tabs.delete(tabId) };
}
