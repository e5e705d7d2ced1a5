import * as v from 'valibot';
import type { ImportSummary } from '../corpus/import-summary';
import type { CorpusStats, ExportPage, IssuerCount } from '../corpus/store';

/**
 * The one message protocol between the extension's contexts. Each method has an input schema
 * (checked by the receiver before any handler runs) and a result type. Names say who calls whom:
 * the content script, popup and options page call the background.
 */

/** Per-message size limits: no page can make the worker parse or store more than this at once. */
export const MESSAGE_LIMITS = {
  importRecords: 2000,
  urlChars: 8192,
  titleChars: 2000,
} as const;

const TabId = v.pipe(v.number(), v.integer(), v.minValue(0));
const PageUrl = v.pipe(v.string(), v.maxLength(MESSAGE_LIMITS.urlChars));

/** A statement record as sent by the options page; the background re-validates each with toStatementRecord. */
const ImportRecord = v.record(v.string(), v.unknown());

export const protocolSchemas = {
  /** content → background: this tab loaded a page. */
  pageLoaded: v.object({ url: PageUrl, title: v.optional(v.pipe(v.string(), v.maxLength(MESSAGE_LIMITS.titleChars))) }),
  /** popup → background: the status of a tab. */
  getTabStatus: v.object({ tabId: TabId }),
  /** popup, options → background. */
  getCorpusStats: v.object({}),
  /** options → background: store one batch of parsed records (one transaction). */
  importBatch: v.object({
    file: v.pipe(v.string(), v.maxLength(1000)),
    records: v.pipe(v.array(ImportRecord), v.maxLength(MESSAGE_LIMITS.importRecords)),
  }),
  listIssuers: v.object({}),
  deleteIssuer: v.object({ key: v.pipe(v.string(), v.maxLength(2000)) }),
  /** `confirm` must be the literal phrase, so that no stray or forged message can wipe the corpus. */
  deleteAll: v.object({ confirm: v.literal('delete-all') }),
  exportPage: v.object({
    afterId: v.nullable(v.pipe(v.string(), v.maxLength(4000))),
    limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5000)),
  }),
} as const;

export type TabState = 'loaded' | 'unknown';

export interface TabStatus {
  tabId: number;
  url: string;
  title?: string;
  state: TabState;
  /** Milliseconds since epoch when the page reported itself. */
  loadedAt: number;
  corpusSize: number;
}

export interface ProtocolResults {
  pageLoaded: TabStatus;
  getTabStatus: TabStatus | null;
  getCorpusStats: CorpusStats;
  importBatch: Pick<ImportSummary, 'imported' | 'updated' | 'duplicates' | 'rejected' | 'rejectedCount'>;
  listIssuers: IssuerCount[];
  deleteIssuer: { deleted: number };
  deleteAll: { deleted: number };
  exportPage: ExportPage;
}

export type ProtocolMethod = keyof typeof protocolSchemas;
export type ProtocolInput<M extends ProtocolMethod> = v.InferInput<(typeof protocolSchemas)[M]>;
export type ProtocolResult<M extends ProtocolMethod> = ProtocolResults[M];
