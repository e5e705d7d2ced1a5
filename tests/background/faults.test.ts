import { afterEach, describe, expect, it, vi } from 'vitest';
import { CorpusIndex } from '../../lib/background/corpus-index';
import { createBackgroundService } from '../../lib/background/handlers';
import type { SourceLensDb } from '../../lib/corpus/db';
import { importFiles } from '../../lib/corpus/import-files';
import { toInterchange, toStatementRecord, toStoredStatement } from '../../lib/corpus/statement';
import { STORAGE_FULL_MESSAGE, isQuotaError } from '../../lib/corpus/storage-errors';
import { StatementIndex } from '../../lib/engine/statement-index';
import { createRpcClient, createRpcServer } from '../../lib/messaging/rpc';
import { SENATE_FIXTURE, allDevStatements, devArticle, fixtureBytes, freshDb, sourceOf } from '../shared/helpers';

/**
 * Issue 7, faults: a full disk in the middle of an import, and damaged records in the database. In both
 * cases what was committed stays, the user is told in plain words, and nothing else breaks.
 */

const opened: SourceLensDb[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const db of opened.splice(0)) await db.delete();
});

function setup() {
  const db = freshDb('faults');
  opened.push(db);
  const index = new CorpusIndex(db, { setTimer: () => 0, clearTimer: () => undefined });
  const service = createBackgroundService({ db, index });
  const server = createRpcServer(service.handlers, { isTrustedSender: () => true });
  const call = createRpcClient(async (message) => server(structuredClone(message), { extensionId: 'x' }));
  return { db, index, service, call };
}

/** The same store the options page uses: one importBatch message per parsed batch. */
function importSenate(call: ReturnType<typeof setup>['call'], batchSize: number) {
  return importFiles([sourceOf('senate.jsonl', fixtureBytes(SENATE_FIXTURE))], {
    batchSize,
    store: (file, records) => call('importBatch', { file, records: records.map(toInterchange) }),
  });
}

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('storage runs out during an import', () => {
  it.each([
    ['a DOMException from IndexedDB', quotaError],
    ['Dexie’s wrapper around it', () => Object.assign(new Error('QuotaExceededError: the quota'), { name: 'QuotaExceededError', inner: quotaError() })],
    ['an AbortError whose inner error is the quota', () => Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quotaError() })],
  ])('%s: the user is told, committed batches are kept, the failed one is not half-stored', async (_, makeError) => {
    const { db, call } = setup();
    const realBulkPut = db.statements.bulkPut.bind(db.statements);
    let puts = 0;
    vi.spyOn(db.statements, 'bulkPut').mockImplementation(((...args: Parameters<typeof realBulkPut>) => {
      puts++;
      if (puts > 2) return Promise.reject(makeError());
      return realBulkPut(...args);
    }) as typeof realBulkPut);

    const summary = await importSenate(call, 25);
    expect(summary.interrupted).toBe(true);
    expect(summary.error).toBe(STORAGE_FULL_MESSAGE);
    expect(summary.imported).toBe(50);
    // Exactly the two committed batches are in the database, nothing of the third.
    expect(await db.statements.count()).toBe(50);
    vi.restoreAllMocks();
    // Once space is back, importing the same file again completes it without duplicates.
    const again = await importSenate(call, 25);
    expect(again.interrupted).toBe(false);
    expect(again.imported).toBe(50);
    expect(again.duplicates).toBe(50);
    expect(await db.statements.count()).toBe(100);
  });

  it('other storage errors are passed on as they are, not called "storage full"', async () => {
    const { db, call } = setup();
    vi.spyOn(db.statements, 'bulkPut').mockRejectedValue(new DOMException('Version change', 'VersionError'));
    const summary = await importSenate(call, 25);
    expect(summary.interrupted).toBe(true);
    expect(summary.error).not.toBe(STORAGE_FULL_MESSAGE);
    expect(summary.error).toMatch(/Version change/);
    expect(await db.statements.count()).toBe(0);
  });

  it('isQuotaError recognises the names browsers use, and nothing else', () => {
    expect(isQuotaError(quotaError())).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'AbortError', inner: quotaError() } })).toBe(true);
    expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
  });
});

describe('damaged records in the database', () => {
  /** Records as an old bug, a disk error or another program could leave them. */
  const DAMAGED: unknown[] = [
    { id: 'broken-no-text', hash: 'h1', issuerKey: '', origins: ['x'], addedAt: 0, seq: 1 },
    { id: 'broken-text-number', text: 42, hash: 'h2', issuerKey: '', origins: ['x'], addedAt: 0, seq: 1 },
    { id: 'broken-empty-text', text: '   ', hash: 'h3', issuerKey: '', origins: ['x'], addedAt: 0, seq: 1 },
    { id: 'broken-no-origins', text: 'A statement with no origins.', hash: 'h4', issuerKey: '', addedAt: 0, seq: 1 },
    { id: 'broken-title-object', text: 'A statement with an object title.', title: { evil: true }, hash: 'h5', issuerKey: '', origins: [], addedAt: 0, seq: 1 },
    { id: 'broken-no-hash', text: 'A statement without a hash.', issuerKey: '', origins: [], addedAt: 0, seq: 1 },
  ];

  async function seed(db: SourceLensDb) {
    const good = allDevStatements().map((raw) => {
      const parsed = toStatementRecord(raw);
      if (!parsed.ok) throw new Error(parsed.reason);
      return { ...toStoredStatement(parsed.record, 'dev.jsonl', 0), seq: 1 };
    });
    // Written behind the store's back, as a damaged profile would hold them.
    await db.statements.bulkPut([...good, ...(DAMAGED as typeof good)]);
    await db.settings.put({ key: 'corpus.seq', value: 1 });
    // And without the kept statement count: the stats count the records themselves.
    await db.settings.delete('corpus.count');
    return good.length;
  }

  it('are skipped by the index, the checks and the export, and reported in the corpus stats', async () => {
    const { db, call } = setup();
    const goodCount = await seed(db);
    const article = devArticle('A003');
    const report = await call('findSources', { article: { text: article.text, date: article.date, lang: article.lang } });
    expect(report.sources.length).toBeGreaterThan(0);
    expect(report.sources.every((source) => !source.statementId.startsWith('broken'))).toBe(true);
    const stats = await call('getCorpusStats', {});
    expect(stats).toMatchObject({ statements: goodCount + DAMAGED.length, damaged: DAMAGED.length });
    const page = await call('exportPage', { afterId: null, limit: 5000 });
    expect(page.count).toBe(goodCount);
    expect(page.skipped).toBe(DAMAGED.length);
    expect(page.jsonl).not.toMatch(/broken-/);
  });

  it('catching up from a snapshot skips them too', async () => {
    const { db, index } = setup();
    await seed(db);
    await index.ready();
    await index.flush();
    // A damaged record written after the snapshot (seq 2) reaches the catch-up path of the next start.
    await db.statements.put({ ...(DAMAGED[0] as object), id: 'broken-later', seq: 2 } as never);
    await db.settings.put({ key: 'corpus.seq', value: 2 });
    const restarted = new CorpusIndex(db, { setTimer: () => 0, clearTimer: () => undefined });
    await restarted.ready();
    expect(restarted.lastLoad).toMatchObject({ source: 'snapshot', skipped: 1, caughtUp: 0 });
  });

  it('importing a good record under a damaged one’s id repairs it', async () => {
    const { db, call } = setup();
    await seed(db);
    const result = await call('importBatch', { file: 'repair.jsonl', records: [{ id: 'broken-no-text', text: 'The repaired statement text.' }] });
    expect(result).toMatchObject({ imported: 1, updated: 0, duplicates: 0 });
    expect((await db.statements.get('broken-no-text'))?.text).toBe('The repaired statement text.');
  });
});

describe('the index fails to take in an imported batch', () => {
  it('the batch stays stored, the stats say so in words, checks go on, and once the fault is gone the next check finds its statements', async () => {
    const { index, call } = setup();
    const all = allDevStatements();
    await call('importBatch', { file: 'dev.jsonl', records: all.filter((record) => record.id !== 'S01') });
    const article = devArticle('A003');
    const ask = async () =>
      (await call('findSources', { article: { text: article.text, date: article.date, lang: article.lang } })).sources.map((source) => source.statementId);
    expect(await ask()).not.toContain('S01');

    // From here on the statement index throws when it takes statements in.
    const failing = vi.spyOn(StatementIndex.prototype, 'addPrepared').mockImplementation(() => {
      throw new Error('out of memory');
    });
    const result = await call('importBatch', { file: 'late.jsonl', records: all.filter((record) => record.id === 'S01') });
    expect(result).toMatchObject({ imported: 1, rejectedCount: 0 });
    await vi.waitFor(() => expect(index.fault).not.toBeNull());
    expect(await call('getCorpusStats', {})).toMatchObject({ statements: 25, notIndexed: { statements: 1, error: 'out of memory' } });
    // Checks still answer, over the statements the index holds.
    expect(await ask()).not.toContain('S01');

    failing.mockRestore();
    // Not answered from the report cache: the report made while S01 was missing was not kept.
    expect((await ask())[0]).toBe('S01');
    expect(await call('getCorpusStats', {})).not.toHaveProperty('notIndexed');
  });
});
