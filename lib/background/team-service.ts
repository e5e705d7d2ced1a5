import type { SourceLensDb } from '../corpus/db';
import type { ArticleInput, SourceReport } from '../engine/index';
import type { FetchFn } from '../feeds/fetch-feed';
import type { TeamStatement } from '../team/protocol';
import { checkWithTeam, type TeamStatementCache } from '../team/team-check';
import { TeamClient, TeamError, type TeamStats } from '../team/team-client';
import { readTeamSettings, writeTeamSettings, type TeamSettings, type TeamStatus } from '../team/team-settings';

/**
 * The worker's link to the team server: checks an article against the team corpus next to the local
 * one (checker.ts merges the two), keeps the team's statistics and the status the options page shows.
 * A check never fails because of the team server: it stays local, and the first check after the
 * server became unusable carries a notice saying so; the next ones do not, until it works again.
 */
export interface TeamOutcome {
  report?: SourceReport;
  statements?: Map<string, TeamStatement>;
  /** Statements on the team server. */
  statementsTotal?: number;
  /** Said once per failure: this check used the local corpus only, and why. */
  notice?: string;
  failed?: boolean;
}

export interface TeamServiceDeps {
  db: SourceLensDb;
  fetch: FetchFn;
  cache: TeamStatementCache & { count(): Promise<number>; clear(): Promise<void> };
  now?: () => number;
}

/** The team's word statistics are fetched again after this long (they change by imports, slowly). */
const STATS_MAX_AGE_MS = 6 * 60 * 60 * 1000;
const STATUS_KEY = 'team.status';

interface StoredStatus {
  lastSyncAt?: number;
  statements?: number;
  lastError?: string;
  lastErrorAt?: number;
  /** The failure notice went out with a check already. */
  noticeShown?: boolean;
}

export class TeamService {
  private settings: Promise<TeamSettings | null> | undefined;
  private client: TeamClient | undefined;
  private stats: { value: TeamStats; at: number } | undefined;
  private status: Promise<StoredStatus> | undefined;
  private readonly now: () => number;

  constructor(private readonly deps: TeamServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  private currentSettings(): Promise<TeamSettings | null> {
    this.settings ??= readTeamSettings(this.deps.db);
    return this.settings;
  }

  private storedStatus(): Promise<StoredStatus> {
    this.status ??= this.deps.db.settings.get(STATUS_KEY).then((row) => (row?.value as StoredStatus | undefined) ?? {});
    return this.status;
  }

  private async updateStatus(change: Partial<StoredStatus>, clearError = false): Promise<StoredStatus> {
    const next = { ...(await this.storedStatus()), ...change };
    if (clearError) {
      delete next.lastError;
      delete next.lastErrorAt;
      next.noticeShown = false;
    }
    this.status = Promise.resolve(next);
    await this.deps.db.settings.put({ key: STATUS_KEY, value: next });
    return next;
  }

  private clientFor(settings: TeamSettings): TeamClient {
    this.client ??= new TeamClient({ address: settings.address, token: settings.token, fetch: this.deps.fetch });
    return this.client;
  }

  /** The article against the team corpus; undefined when no team server is set. Never throws. */
  async check(article: ArticleInput): Promise<TeamOutcome | undefined> {
    const settings = await this.currentSettings();
    if (!settings) return undefined;
    try {
      const client = this.clientFor(settings);
      if (!this.stats || this.now() - this.stats.at > STATS_MAX_AGE_MS) this.stats = { value: await client.stats(), at: this.now() };
      const checked = await checkWithTeam(article, client, this.stats.value, this.deps.cache);
      await this.updateStatus({ lastSyncAt: this.now(), statements: this.stats.value.statements }, true);
      return { report: checked.report, statements: checked.statements, statementsTotal: this.stats.value.statements };
    } catch (error) {
      const words = error instanceof TeamError ? error.message : 'the team server could not be used';
      const before = await this.storedStatus();
      await this.updateStatus({ lastError: words, lastErrorAt: this.now(), noticeShown: true });
      return { failed: true, notice: before.noticeShown ? undefined : `${words}. This check used your own statements only.` };
    }
  }

  async getStatus(): Promise<TeamStatus> {
    const settings = await this.currentSettings();
    if (!settings) return { configured: false };
    const stored = await this.storedStatus();
    return {
      configured: true,
      address: settings.address,
      lastSyncAt: stored.lastSyncAt,
      statements: stored.statements,
      lastError: stored.lastError,
      lastErrorAt: stored.lastErrorAt,
      cached: await this.deps.cache.count(),
    };
  }

  /** Saves (or, with null, forgets) the team server; the cache of another server's statements goes. */
  async save(settings: TeamSettings | null): Promise<TeamStatus> {
    await writeTeamSettings(this.deps.db, settings);
    this.settings = Promise.resolve(settings);
    this.client = undefined;
    this.stats = undefined;
    await this.deps.cache.clear();
    this.status = Promise.resolve({});
    await this.deps.db.settings.delete(STATUS_KEY);
    return this.getStatus();
  }

  /** Tries a server and token without saving them (the options page's test button). */
  async test(settings: TeamSettings): Promise<{ ok: true; statements: number; role: string } | { ok: false; error: string }> {
    try {
      const info = await new TeamClient({ address: settings.address, token: settings.token, fetch: this.deps.fetch }).info();
      return { ok: true, statements: info.statements, role: info.role };
    } catch (error) {
      return { ok: false, error: error instanceof TeamError ? error.message : 'the team server could not be used' };
    }
  }
}
