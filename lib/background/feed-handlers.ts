import * as v from 'valibot';
import { backupHeader, backupPage, BackupHeaderSchema, restoreStatements } from '../corpus/backup';
import type { SourceLensDb } from '../corpus/db';
import type { Settings } from '../corpus/settings';
import { toStatementRecord, type StatementRecord } from '../corpus/statement';
import type { StoreBatchResult } from '../corpus/store';
import { isQuotaError, StorageFullError } from '../corpus/storage-errors';
import type { RpcHandlers } from '../messaging/rpc';
import type { PageStatementData } from '../page/page-statement';
import type { FeedService } from './feed-service';

/**
 * The protocol's feed, backup and "add this page" handlers. Kept apart from handlers.ts (matching and
 * tabs); they share its store-and-index step so every new statement becomes matchable at once.
 */

export interface FeedHandlerContext {
  db: SourceLensDb;
  feeds: FeedService;
  /** storeBatch + index + caches (handlers.ts). */
  store: (records: StatementRecord[], origin: string) => Promise<StoreBatchResult>;
  /** After a restore wrote statements through storeBatch directly. */
  onStored: (changed: StoreBatchResult['changed']) => Promise<void>;
  getSettings: () => Promise<Settings>;
  saveSettings: (settings: Settings) => Promise<Settings>;
  /** Extracts the tab's page as a statement (content side); absent in tests without tabs. */
  extractTab?: (tabId: number) => Promise<PageStatementData | null>;
  /** The subscriptions changed: the entry point reschedules its alarm. */
  onFeedsChanged?: () => void;
  now: () => number;
}

type FeedMethods =
  | 'subscribeFeed'
  | 'unsubscribeFeed'
  | 'listFeeds'
  | 'refreshFeed'
  | 'backupHeader'
  | 'backupPage'
  | 'restoreHeader'
  | 'restoreBatch'
  | 'addPageToCorpus';

/** The origin recorded for statements added from a page by the user. */
export function pageOrigin(url: string): string {
  return `page:${url}`;
}

/** Storage full becomes a message that says what was kept; other errors pass through. */
export async function withQuotaMessage<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError({ cause: error });
    throw error;
  }
}

export function createFeedHandlers(ctx: FeedHandlerContext): Pick<RpcHandlers, FeedMethods> {
  return {
    async subscribeFeed(input) {
      const feed = await ctx.feeds.subscribe(input);
      ctx.onFeedsChanged?.();
      return feed;
    },
    async unsubscribeFeed({ url }) {
      const existed = (await ctx.db.feeds.get(url)) !== undefined;
      await ctx.feeds.unsubscribe(url);
      ctx.onFeedsChanged?.();
      return { removed: existed };
    },
    listFeeds: () => ctx.feeds.list(),
    async refreshFeed({ url }) {
      const result = await ctx.feeds.refresh(url);
      ctx.onFeedsChanged?.();
      return result;
    },
    backupHeader: async () => backupHeader(ctx.db, await ctx.getSettings(), ctx.now()),
    backupPage: ({ afterId, limit }) => backupPage(ctx.db, afterId, limit),
    async restoreHeader({ header }) {
      const parsed = v.safeParse(BackupHeaderSchema, header);
      if (!parsed.success) throw new Error(`not a SourceLens backup: ${parsed.issues[0].message}`);
      await ctx.saveSettings(parsed.output.settings);
      const feedsAdded = await ctx.feeds.restore(parsed.output.feeds);
      if (feedsAdded > 0) ctx.onFeedsChanged?.();
      return { feedsAdded, settingsRestored: true };
    },
    async restoreBatch({ lines }) {
      const result = await withQuotaMessage(() => restoreStatements(ctx.db, lines, 'backup'));
      if (result.changed.length > 0) await ctx.onStored(result.changed);
      return { restored: result.restored, duplicates: result.duplicates, rejected: result.rejected, reasons: result.reasons };
    },
    async addPageToCorpus({ tabId, issuer }) {
      if (!ctx.extractTab) throw new Error('pages cannot be read here');
      const page = await ctx.extractTab(tabId);
      if (!page) throw new Error('no statement text could be found on this page');
      const chosenIssuer = issuer ?? page.issuer;
      if (!chosenIssuer) return { status: 'needs-issuer', title: page.title, url: page.url };
      const parsed = toStatementRecord({ text: page.text, title: page.title, date: page.date, lang: page.lang, url: page.url, issuer: chosenIssuer });
      if (!parsed.ok) throw new Error(`this page cannot be stored: ${parsed.reason}`);
      const stored = await ctx.store([parsed.record], pageOrigin(page.url));
      return {
        status: stored.imported + stored.updated > 0 ? 'added' : 'already',
        id: parsed.record.id,
        title: page.title,
        issuer: chosenIssuer,
        chars: page.text.length,
      };
    },
  };
}
