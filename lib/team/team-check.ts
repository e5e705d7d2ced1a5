import { contentHash, findSources, type ArticleInput, type FindSourcesOptions, type SourceMatch, type SourceReport, type StatementDoc } from '../engine/index';
import { CandidateIndex } from './candidate-index';
import type { TeamStatement } from './protocol';
import type { TeamClient, TeamStats } from './team-client';

/** Where fetched team statements are kept between checks (IndexedDB in the extension, a Map elsewhere). */
export interface TeamStatementCache {
  get(ids: readonly string[]): Promise<Map<string, TeamStatement>>;
  put(statements: readonly TeamStatement[]): Promise<void>;
}

export interface TeamCheck {
  report: SourceReport;
  /** The candidates' statements (cached or fetched), by id: the report's team sources point into them. */
  statements: Map<string, TeamStatement>;
  /** How many candidate texts had to be fetched (the rest came from the cache). */
  fetched: number;
}

/**
 * Checks an article against the team corpus: keyed grams out, candidate ids back, the texts the cache
 * lacks fetched, then the engine's own alignment and scoring here, over the candidates, weighed with
 * the team corpus's statistics (candidate-index.ts).
 */
export async function checkWithTeam(
  article: ArticleInput,
  client: TeamClient,
  stats: TeamStats,
  cache: TeamStatementCache,
  options: FindSourcesOptions = {},
): Promise<TeamCheck> {
  const query = await client.prepare(article.text, article.lang);
  const answer = await client.lookup(query);
  const ids = answer.candidates.map((c) => c.id);
  const statements = await cache.get(ids);
  const missing = answer.candidates.filter((c) => statements.get(c.id)?.hash !== c.hash).map((c) => c.id);
  const fetched = await client.statements(missing);
  await cache.put(fetched);
  for (const s of fetched) statements.set(s.id, s);
  const docs: StatementDoc[] = ids.flatMap((id) => {
    const s = statements.get(id);
    return s ? [toDoc(s)] : [];
  });
  const index = new CandidateIndex(Math.max(stats.statements, answer.statements), stats.termDf, docs);
  const byId = new Map(docs.map((d) => [d.id, d]));
  const report = await findSources(article, index, async (wanted) => wanted.flatMap((id) => byId.get(id) ?? []), options);
  return { report, statements, fetched: fetched.length };
}

function toDoc(s: TeamStatement): StatementDoc {
  const doc: StatementDoc = { id: s.id, text: s.text, hash: s.hash };
  for (const key of ['title', 'date', 'issuer', 'speaker', 'url', 'lang'] as const) if (s[key] !== undefined) doc[key] = s[key];
  return doc;
}

/**
 * One report from the local corpus's and the team's: a statement both hold (same normalised text) is
 * shown once, as the local copy; the rest are ordered by score as the engine orders them.
 */
export function mergeReports(
  local: SourceReport,
  team: SourceReport,
  localHashes: ReadonlyMap<string, string>,
  teamStatements: ReadonlyMap<string, TeamStatement>,
): SourceReport {
  const localTexts = new Set(local.sources.map((s) => localHashes.get(s.statementId)).filter((h): h is string => !!h));
  const localIds = new Set(local.sources.map((s) => s.statementId));
  const extra: SourceMatch[] = team.sources.filter((s) => {
    const hash = teamStatements.get(s.statementId)?.hash ?? contentHash(teamStatements.get(s.statementId)?.text ?? '');
    return !localTexts.has(hash) && !localIds.has(s.statementId);
  });
  return { ...local, sources: [...local.sources, ...extra].sort((a, b) => b.score - a.score) };
}

/** A bounded in-memory cache (Node: the benchmark, tests). Least recently used goes first. */
export class MemoryStatementCache implements TeamStatementCache {
  private readonly map = new Map<string, TeamStatement>();
  constructor(private readonly limit = 2000) {}
  async get(ids: readonly string[]): Promise<Map<string, TeamStatement>> {
    const out = new Map<string, TeamStatement>();
    for (const id of ids) {
      const s = this.map.get(id);
      if (!s) continue;
      this.map.delete(id);
      this.map.set(id, s);
      out.set(id, s);
    }
    return out;
  }
  async put(statements: readonly TeamStatement[]): Promise<void> {
    for (const s of statements) {
      this.map.delete(s.id);
      this.map.set(s.id, s);
    }
    while (this.map.size > this.limit) this.map.delete(this.map.keys().next().value!);
  }
  async count(): Promise<number> {
    return this.map.size;
  }
  async clear(): Promise<void> {
    this.map.clear();
  }
}
