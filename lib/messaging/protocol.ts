import * as v from 'valibot';
import type { BackupHeader, BackupPage, RestoreResult } from '../corpus/backup';
import { IMPORT_LIMITS } from '../corpus/import-limits';
import type { ImportSummary } from '../corpus/import-summary';
import { MAX_SITE_RULES, SettingsSchema, type Settings } from '../corpus/settings';
import type { CorpusStats, ExportPage, IssuerCount } from '../corpus/store';
import type { Passage, SourceMatch } from '../engine/index';
import type { RefreshOutcome } from '../feeds/refresh';
import type { FeedSubscription } from '../feeds/subscription';
import { TeamSettingsSchema, type TeamStatus } from '../team/team-settings';

/**
 * The one message protocol between the extension's contexts. Each method has an input schema
 * (checked by the receiver before any handler runs) and a result type. Names say who calls whom:
 * the content script, popup and options page call the background.
 *
 * The protocol imports the domain's types and schemas (corpus, feeds, engine), never the reverse.
 */

/** Settings travel in messages (getSettings, saveSettings); their schema is the corpus's (settings.ts). */
export type { Settings, SiteRuleKind } from '../corpus/settings';

/** Per-message size limits: no page can make the worker parse or store more than this at once. */
export const MESSAGE_LIMITS = {
  importRecords: IMPORT_LIMITS.records,
  urlChars: 8192,
  titleChars: 2000,
  /** An article's text: longer pages are cut by the reader before asking (see lib/reader). */
  articleChars: 400_000,
  reasons: 40,
  siteRules: MAX_SITE_RULES,
  importBatchChars: IMPORT_LIMITS.batchChars,
  recordFields: IMPORT_LIMITS.recordFields,
  recordDepth: IMPORT_LIMITS.recordDepth,
  /**
   * An on-device translation sent with an article (lib/reader/translate-article.ts): the reader
   * translates at most `translatedChars` of the article, sentence by sentence; a translation runs
   * longer than its source in some languages, hence twice as many characters.
   */
  translatedChars: 20_000,
  translationChars: 40_000,
  translationSegments: 1_000,
} as const;

const TabId = v.pipe(v.number(), v.integer(), v.minValue(0));
const PageUrl = v.pipe(v.string(), v.maxLength(MESSAGE_LIMITS.urlChars));
const ShortText = v.pipe(v.string(), v.maxLength(MESSAGE_LIMITS.titleChars));
const OptionalShort = v.optional(v.nullable(ShortText));
/** A character offset into a text (the engine also checks it against the text's length). */
const Offset = v.pipe(v.number(), v.integer(), v.minValue(0));

/** The news-detection verdict the content script computed (lib/page/detect.ts). */
const Verdict = v.object({
  isNews: v.boolean(),
  score: v.number(),
  reasons: v.pipe(v.array(ShortText), v.maxLength(MESSAGE_LIMITS.reasons)),
});

/**
 * A machine translation of an article made on the user's machine (lib/reader/translate-article.ts;
 * also accepted in `sourcelens match` records): its language, text, and per translated sentence the
 * article span it renders.
 */
export const TranslationSchema = v.object({
  lang: v.pipe(v.string(), v.minLength(2), v.maxLength(35)),
  text: v.pipe(v.string(), v.maxLength(MESSAGE_LIMITS.translationChars)),
  segments: v.pipe(v.array(v.tuple([Offset, Offset, Offset, Offset])), v.maxLength(MESSAGE_LIMITS.translationSegments)),
});

/** An article as extracted in the page (lib/page/extract.ts), reduced to what matching needs. */
export const ArticleSchema = v.object({
  text: v.pipe(v.string(), v.maxLength(MESSAGE_LIMITS.articleChars)),
  title: OptionalShort,
  date: OptionalShort,
  outlet: OptionalShort,
  url: v.optional(v.nullable(PageUrl)),
  lang: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(35)))),
  /** A translation the reader made with the browser's on-device translator, if any. */
  translation: v.optional(TranslationSchema),
});

/** A statement record as sent by the options page; the background re-validates each with toStatementRecord. */
const ImportRecord = v.pipe(
  v.record(v.string(), v.unknown()),
  v.check((record) => Object.keys(record).length <= MESSAGE_LIMITS.recordFields, `a record has more than ${MESSAGE_LIMITS.recordFields} fields`),
);

/**
 * The characters in a value's strings and keys, walking at most `maxDepth` levels; Infinity when the
 * value is nested deeper or holds more than `budget`. It stops as soon as the budget is spent, so a
 * hostile message costs at most `budget` steps to refuse.
 */
export function boundedSize(value: unknown, budget: number, maxDepth: number): number {
  let total = 0;
  const walk = (item: unknown, depth: number): boolean => {
    if (total > budget) return false;
    if (typeof item === 'string') total += item.length;
    else if (typeof item === 'number' || typeof item === 'boolean' || item == null) total += 1;
    else if (typeof item === 'object') {
      if (depth >= maxDepth) return false;
      for (const [key, child] of Object.entries(item)) {
        total += key.length;
        if (!walk(child, depth + 1)) return false;
      }
    } else return false;
    return total <= budget;
  };
  return walk(value, 0) ? total : Number.POSITIVE_INFINITY;
}

/**
 * content scripts → background. A content script runs inside a web page, so it is the first context a
 * hostile page could subvert: it may make these calls and no other (extensionSenderPolicy, rpc.ts).
 */
export const contentScriptSchemas = {
  /** content → background: this tab loaded a page; the verdict says whether it looks like news. */
  pageLoaded: v.object({ url: PageUrl, title: v.optional(ShortText), verdict: v.optional(Verdict) }),
  /** reader (content) → background: the sources of this article. Updates the tab's badge and status. */
  findSources: v.object({ article: ArticleSchema }),
} as const;

/** extension pages (popup, options) → background: corpus, settings and tab control. */
const extensionPageSchemas = {
  /** popup → background: check this tab's page even though it was not detected as news. */
  checkPageAnyway: v.object({ tabId: TabId }),
  /** popup → background: show or hide the inline hints (a global setting, applied to open tabs). */
  setHintsVisible: v.object({ visible: v.boolean(), tabId: v.optional(TabId) }),
  getSettings: v.object({}),
  saveSettings: v.object({ settings: SettingsSchema }),
  /** popup → background: the status of a tab. */
  getTabStatus: v.object({ tabId: TabId }),
  /** popup, options → background. */
  getCorpusStats: v.object({}),
  /** options → background: the last page check's size and timing, for the diagnostics report. */
  getLastCheck: v.object({}),
  /** options → background: store one batch of parsed records (one transaction). */
  importBatch: v.object({
    file: v.pipe(v.string(), v.maxLength(1000)),
    records: v.pipe(
      v.array(ImportRecord),
      v.maxLength(MESSAGE_LIMITS.importRecords),
      v.check(
        // +2: the array and each record are one level each.
        (records) => boundedSize(records, MESSAGE_LIMITS.importBatchChars, MESSAGE_LIMITS.recordDepth + 2) <= MESSAGE_LIMITS.importBatchChars,
        `the batch is larger than ${MESSAGE_LIMITS.importBatchChars} characters or nested deeper than ${MESSAGE_LIMITS.recordDepth} levels`,
      ),
    ),
  }),
  listIssuers: v.object({}),
  deleteIssuer: v.object({ key: v.pipe(v.string(), v.maxLength(2000)) }),
  /** `confirm` must be the literal phrase, so that no stray or forged message can wipe the corpus. */
  deleteAll: v.object({ confirm: v.literal('delete-all') }),
  exportPage: v.object({
    afterId: v.nullable(v.pipe(v.string(), v.maxLength(4000))),
    limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5000)),
  }),

  /** options → background: subscribe to a feed (nothing is fetched until `refreshFeed` or the alarm). */
  subscribeFeed: v.object({
    url: v.pipe(v.string(), v.trim(), v.maxLength(MESSAGE_LIMITS.urlChars)),
    title: v.optional(ShortText),
    issuer: v.optional(ShortText),
    lang: v.optional(v.pipe(v.string(), v.maxLength(35))),
    starterId: v.optional(v.pipe(v.string(), v.maxLength(200))),
    intervalMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000))),
  }),
  /** options → background: stop following a feed (its statements stay). */
  unsubscribeFeed: v.object({ url: PageUrl }),
  listFeeds: v.object({}),
  /** options (and e2e) → background: fetch this feed now. */
  refreshFeed: v.object({ url: PageUrl }),
  /** options → background: the backup file's first line (settings, feeds, counts). */
  backupHeader: v.object({}),
  /** options → background: one page of the backup's statement lines. */
  backupPage: v.object({
    afterId: v.nullable(v.pipe(v.string(), v.maxLength(4000))),
    limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5000)),
  }),
  /** options → background: restore a backup's settings and feeds (the header, re-validated by the worker). */
  restoreHeader: v.object({ header: v.record(v.string(), v.unknown()) }),
  /** options → background: restore one batch of a backup's statement lines. */
  restoreBatch: v.object({ lines: v.pipe(v.array(ImportRecord), v.maxLength(MESSAGE_LIMITS.importRecords)) }),
  /** popup → background: add the tab's page to the corpus; `issuer` when the page names none. */
  addPageToCorpus: v.object({ tabId: TabId, issuer: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MESSAGE_LIMITS.titleChars))) }),

  /** options → background: the team server's status (address, last sync, last error). */
  getTeamStatus: v.object({}),
  /** options → background: use this team server (null: stop using one). */
  saveTeamServer: v.object({ settings: v.nullable(TeamSettingsSchema) }),
  /** options → background: try a team server and token without saving them. */
  testTeamServer: v.object({ settings: TeamSettingsSchema }),
} as const;

/**
 * Every call to the background. Merged by a call marked pure rather than by spread syntax, which the
 * build's bundler keeps as a possible side effect: the detection script injected into every page
 * imports the RPC client, and with a spread it carried every schema (content.js 15.4 → 29.1 kB).
 */
export const protocolSchemas = /* @__PURE__ */ Object.assign({}, contentScriptSchemas, extensionPageSchemas);

/** What "Add this page" did: stored (new or already there), or it needs the issuer from the user. */
export type AddPageResult =
  | { status: 'added' | 'already'; id: string; title: string | null; issuer: string; chars: number }
  | { status: 'needs-issuer'; title: string | null; url: string };

/**
 * - `loaded`: the page reported itself, nothing more known yet;
 * - `not-news`: detection says it is not news (the popup offers "check anyway");
 * - `denied`: the user's site rules say never check this site;
 * - `checking`: the reader is extracting and matching;
 * - `done`: a report is ready (possibly with no sources);
 * - `error`: the check failed (message in `error`).
 */
export type TabState = 'loaded' | 'not-news' | 'denied' | 'checking' | 'done' | 'error';

/** The last page check's figures (never the page: no address, title or text), for a bug report. */
export interface LastCheck {
  at: number;
  elapsedMs?: number;
  articleChars: number;
  sources: number;
  corpusSize: number;
}

export interface TabStatus {
  tabId: number;
  url: string;
  title?: string;
  state: TabState;
  /** Milliseconds since epoch when the page reported itself. */
  loadedAt: number;
  corpusSize: number;
  /** Why the page was (not) considered news. */
  verdict?: { isNews: boolean; score: number; reasons: string[] };
  /** The article as matched: title, outlet and date for the popup, text for side-by-side views. */
  article?: { title?: string | null; outlet?: string | null; date?: string | null; chars: number };
  report?: ReportView;
  /** The last "find the official source of this selection" on this tab. */
  selection?: { text: string; report: ReportView; at: number };
  /** Why the check failed, in English with the browser's detail. */
  error?: string;
  /**
   * The failure's kind, so the popup says it in the user's language: the reader could not be started
   * on the page, or the browser does not let extensions read it (a check asked for by the user).
   */
  errorCode?: 'reader-not-started' | 'page-not-checkable';
}

/** A passage with the two texts it relates, so views need no other lookup. Texts are capped. */
export interface PassageView extends Passage {
  articleText: string;
  statementText: string;
  /** Summaries: the texts of each part (see Passage.parts), in the same order. */
  partTexts?: Array<{ articleText: string; statementText: string }>;
}

export interface SourceView extends Omit<SourceMatch, 'passages'> {
  passages: PassageView[];
}

/** What the background reports for an article: the engine's report, ready to show. */
export interface ReportView {
  sources: SourceView[];
  articleChars: number;
  elapsedMs?: number;
  /** Milliseconds since epoch. */
  checkedAt: number;
  /** Statements in the corpus when checked (0: the corpus is empty, say so). */
  corpusSize: number;
  /**
   * The language most of the corpus is in, when the article is in another: the reader may translate
   * the article into it on the device and ask again (lib/reader/translate-article.ts).
   */
  translateTo?: string;
  /** The article's language as the check took it: the page's, or a guess from its text. */
  articleLang?: string;
  /** When a team server is set: how many of the sources came from it, and, once per outage, why it was not used. */
  team?: { sources: number; notice?: string };
}

export interface ProtocolResults {
  pageLoaded: TabStatus & { hintsVisible: boolean };
  findSources: ReportView & { hintsVisible: boolean };
  checkPageAnyway: TabStatus;
  setHintsVisible: Settings;
  getSettings: Settings;
  saveSettings: Settings;
  getTabStatus: TabStatus | null;
  getCorpusStats: CorpusStats;
  getLastCheck: LastCheck | null;
  importBatch: Pick<ImportSummary, 'imported' | 'updated' | 'duplicates' | 'rejected' | 'rejectedCount'>;
  listIssuers: IssuerCount[];
  deleteIssuer: { deleted: number };
  deleteAll: { deleted: number };
  exportPage: ExportPage;
  subscribeFeed: FeedSubscription;
  unsubscribeFeed: { removed: boolean };
  listFeeds: FeedSubscription[];
  refreshFeed: { feed: FeedSubscription; outcome: RefreshOutcome };
  backupHeader: BackupHeader;
  backupPage: BackupPage;
  restoreHeader: { feedsAdded: number; settingsRestored: boolean };
  restoreBatch: Omit<RestoreResult, 'changed'>;
  addPageToCorpus: AddPageResult;
  getTeamStatus: TeamStatus;
  saveTeamServer: TeamStatus;
  testTeamServer: { ok: true; statements: number; role: string } | { ok: false; error: string };
}

export type ProtocolMethod = keyof typeof protocolSchemas;
export type ProtocolInput<M extends ProtocolMethod> = v.InferInput<(typeof protocolSchemas)[M]>;
export type ProtocolResult<M extends ProtocolMethod> = ProtocolResults[M];

/**
 * Calls into a tab's content script (background or popup → content, through `tabs.sendMessage`).
 */
export const contentSchemas = {
  /** Show or hide this page's inline hints. */
  setHintsVisible: v.object({ visible: v.boolean() }),
  /**
   * Extract and check this page now, news or not; answered once the check, and its on-device
   * translation step if any, is done (popup: after installing a translation model).
   */
  checkNow: v.object({}),
  /** Scroll to a passage and open its card (popup: click on a passage). */
  revealPassage: v.object({ statementId: v.pipe(v.string(), v.maxLength(4000)), index: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
} as const;

export interface ContentResults {
  setHintsVisible: { visible: boolean };
  checkNow: { started: boolean };
  revealPassage: { found: boolean };
}
