import { detectLanguage } from '../corpus/detect-language';
import { isUsableStatement, type StoredStatement } from '../corpus/statement';
import { contentHash, findSources, isCrossLanguage, type StatementIndex, type ArticleInput, type StatementDoc } from '../engine/index';
import { mergeReports } from '../team/team-check';
import type { ReportView } from '../messaging/protocol';
import { toStatementDoc, type CorpusIndex } from './corpus-index';
import type { EnsureLexicons } from './lexicons';
import { LruCache } from './lru-cache';
import { ReportCache } from './report-cache';
import { toReportView } from './report-view';
import type { TeamOutcome } from './team-service';
import { createWarmUp } from './warm-up';

/**
 * The worker's check pipeline: an article in, a report ready to show out. It keeps what makes a warm
 * worker fast (recent reports, recent statement texts, the corpus's main language, the statement
 * count) and forgets all of it whenever the corpus changes (`corpusChanged`).
 */

export interface CheckerDeps {
  index: CorpusIndex;
  /** Reads statement records by id (IndexedDB in the worker). */
  readStatements: (ids: readonly string[]) => Promise<Array<StoredStatement | undefined>>;
  /** Counts the stored statements (IndexedDB in the worker). */
  countStatements: () => Promise<number>;
  /** Installs the lexicons Chinese texts need before they are checked (lexicons.ts). */
  ensureLexicons: EnsureLexicons;
  now: () => number;
  /** Schedules the repeats of the worker's first check (warm-up.ts; default: a short timer). */
  warmUpLater?: (callback: () => void) => void;
  /** The team server, checked alongside the local corpus when one is set (team-service.ts). */
  team?: { check(article: ArticleInput): Promise<TeamOutcome | undefined> };
}

export interface Checker {
  /** The sources of an article, from the report cache when the same article was checked since the last change. */
  check(article: ArticleInput): Promise<ReportView>;
  /** Statements stored, kept until the corpus changes (asked on every page load and popup poll). */
  statementCount(): Promise<number>;
  /** Call after every change to the corpus, once the index holds it. */
  corpusChanged(): Promise<void>;
}

/** Characters of statement text the worker keeps from recent checks (see loadStatements). */
const STATEMENT_CACHE_CHARS = 4_000_000;

export function createChecker(deps: CheckerDeps): Checker {
  const { index, ensureLexicons, now } = deps;
  const cache = new ReportCache();
  /** Checks running now: the warm-up's repeats wait for them. */
  let checksRunning = 0;
  const warmUp = createWarmUp({ later: deps.warmUpLater, busy: () => checksRunning > 0 });
  /** Bumped on every corpus change: a report computed across a change is answered but not cached. */
  let corpusGeneration = 0;

  /**
   * Statement texts read for recent checks. Articles on one story keep drawing on the same statements,
   * so a warm worker answers them without an IndexedDB read; bounded by characters (~8 MB of text).
   */
  const statementCache = new LruCache<string, StatementDoc>(STATEMENT_CACHE_CHARS, (doc) => doc.text.length + 256);
  const loadStatements = async (ids: string[]): Promise<StatementDoc[]> => {
    const generation = corpusGeneration;
    const missing = ids.filter((id) => statementCache.get(id) === undefined);
    if (missing.length > 0) {
      // A damaged record is left out of the report rather than failing the whole check.
      const read = (await deps.readStatements(missing)).flatMap((statement) => (isUsableStatement(statement) ? [toStatementDoc(statement)] : []));
      // Texts read across a corpus change may be stale: used for this check, never kept.
      if (generation !== corpusGeneration) return ids.flatMap((id) => statementCache.get(id) ?? read.find((doc) => doc.id === id) ?? []);
      for (const doc of read) statementCache.set(doc.id, doc);
    }
    return ids.flatMap((id) => statementCache.get(id) ?? []);
  };

  async function check(article: ArticleInput): Promise<ReportView> {
    const cached = cache.get(article);
    if (cached) return cached;
    checksRunning++;
    try {
      return await match(article);
    } finally {
      checksRunning--;
    }
  }

  async function match(article: ArticleInput): Promise<ReportView> {
    const generation = corpusGeneration;
    // The index holds every acknowledged statement, so its size is the corpus size: no IndexedDB count
    // (a walk over every key in Chromium) on a cold worker's first check.
    const searchIndex = await index.ready();
    const statements = searchIndex.size;
    // The report's texts are those of candidates the engine already loaded: keep them rather than
    // read them from IndexedDB a second time (one round trip less per check).
    const loaded = new Map<string, StatementDoc>();
    const loadOnce = async (ids: string[]): Promise<StatementDoc[]> => {
      const missing = ids.filter((id) => !loaded.has(id));
      if (missing.length > 0) {
        const read = await loadStatements(missing);
        // A Chinese candidate is compared through its words' English anchors, computed from its text.
        await ensureLexicons(read.map((statement) => statement.text));
        for (const statement of read) loaded.set(statement.id, statement);
      }
      return ids.flatMap((id) => loaded.get(id) ?? []);
    };
    await ensureLexicons([article.text]);
    // Sources in other languages are sought only for a text of known language: a page that declares
    // none, and any selection, get the guess an imported statement without a tag gets.
    const input = article.lang ? article : { ...article, lang: detectLanguage(article.text) };
    // The team server works (network, then its own alignment) while the local corpus is searched.
    const teamCheck = deps.team?.check(input).catch(() => undefined);
    const local = await findSources(input, searchIndex, loadOnce);
    const sources = await loadOnce(local.sources.map((source) => source.statementId));
    const texts = new Map(sources.map((statement) => [statement.id, statement.text]));
    const team = await teamCheck;
    let report = local;
    if (team?.report && team.statements) {
      const localHashes = new Map(sources.map((statement) => [statement.id, statement.hash ?? contentHash(statement.text)]));
      report = mergeReports(local, team.report, localHashes, team.statements);
      for (const source of report.sources)
        if (!texts.has(source.statementId)) texts.set(source.statementId, team.statements.get(source.statementId)?.text ?? '');
    }
    const view = toReportView(report, article.text, texts, statements + (team?.statementsTotal ?? 0), now());
    if (team) {
      const localIds = new Set(local.sources.map((source) => source.statementId));
      view.team = { sources: report.sources.filter((source) => !localIds.has(source.statementId)).length };
      if (team.notice) view.team.notice = team.notice;
    }
    const mainLanguage = corpusLanguage(searchIndex, generation);
    if (input.lang) view.articleLang = input.lang;
    if (mainLanguage && isCrossLanguage(input.lang, mainLanguage)) view.translateTo = mainLanguage;
    // Not kept while stored statements are missing from the index (CorpusIndex.fault): once a retry
    // takes them in, the same article must be matched again.
    // Nor while the team server failed: the next check of this article tries it again.
    if (generation === corpusGeneration && !index.fault && !team?.failed) cache.set(article, view);
    // The worker's first check is repeated in idle time (warm-up.ts), from the texts already loaded;
    // a corpus change since makes the repeats pointless, so they stop.
    warmUp.afterCheck(async () => {
      if (generation !== corpusGeneration) return false;
      await findSources(input, searchIndex, loadOnce);
      return true;
    });
    return view;
  }

  // The corpus's main language, counted over the index once per corpus change.
  let knownLanguage: { generation: number; lang: string } | null = null;
  function corpusLanguage(searchIndex: StatementIndex, generation: number): string {
    if (knownLanguage?.generation !== generation) knownLanguage = { generation, lang: searchIndex.mainLanguage() };
    return knownLanguage.lang;
  }

  let knownCount: number | null = null;
  async function statementCount(): Promise<number> {
    const generation = corpusGeneration;
    const count = knownCount ?? (await deps.countStatements());
    if (generation === corpusGeneration) knownCount = count;
    return count;
  }

  async function corpusChanged(): Promise<void> {
    corpusGeneration++;
    cache.clear();
    statementCache.clear();
    knownCount = null;
  }

  return { check, statementCount, corpusChanged };
}
