import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importFiles, MAX_IN_FLIGHT, type ImportProgressEvent, type StoreResult } from '../../lib/corpus/import-files';
import { formatSummary } from '../../lib/corpus/import-summary';
import { MemoryCorpus } from '../../lib/corpus/memory-store';
import type { StatementRecord } from '../../lib/corpus/statement';
import { DEV_FIXTURE, SEED_FIXTURE, SENATE_FIXTURE, bytesOf, fixtureBytes, sourceOf } from '../shared/helpers';

const senate = () => sourceOf('senate.jsonl', fixtureBytes(SENATE_FIXTURE), 4096);

function memoryStore(corpus = new MemoryCorpus()) {
  const calls: Array<{ file: string; count: number }> = [];
  return {
    corpus,
    calls,
    store: async (file: string, records: StatementRecord[]): Promise<StoreResult> => {
      calls.push({ file, count: records.length });
      return corpus.store(file, records);
    },
  };
}

describe('importFiles', () => {
  it('imports the 100 good records and lists the 3 bad lines', async () => {
    const { corpus, store } = memoryStore();
    const summary = await importFiles([senate()], { store });
    expect(summary.files).toEqual(['senate.jsonl']);
    expect(summary.imported).toBe(100);
    expect(summary.updated).toBe(0);
    expect(summary.duplicates).toBe(0);
    expect(summary.rejectedCount).toBe(3);
    expect(summary.rejected.map((r) => [r.file, r.line])).toEqual([
      ['senate.jsonl', 11],
      ['senate.jsonl', 52],
      ['senate.jsonl', 103],
    ]);
    expect(summary.interrupted).toBe(false);
    expect(corpus.size).toBe(100);
    const text = formatSummary(summary);
    expect(text).toContain('imported: 100');
    expect(text).toContain('rejected lines: 3');
    expect(text).toMatch(/senate\.jsonl:11: not valid JSON/);
    expect(text).toMatch(/senate\.jsonl:52: text is missing/);
    expect(text).toContain('senate.jsonl:103: not a JSON object');
  });

  it('hands the store batches of at most batchSize records', async () => {
    const { calls, store } = memoryStore();
    await importFiles([senate()], { store, batchSize: 40 });
    expect(calls.map((c) => c.count)).toEqual([40, 40, 20]);
    expect(calls.every((c) => c.file === 'senate.jsonl')).toBe(true);
  });

  it('imports .jsonl, .jsonl.gz and seed .txt together', async () => {
    const { corpus, store } = memoryStore();
    const summary = await importFiles(
      [sourceOf('dev.jsonl.gz', new Uint8Array(gzipSync(fixtureBytes(DEV_FIXTURE)))), sourceOf('seed.txt', fixtureBytes(SEED_FIXTURE)), senate()],
      { store },
    );
    expect(summary.imported).toBe(6 + 1 + 100);
    expect(summary.rejectedCount).toBe(3);
    expect(corpus.byId.has('S01')).toBe(true);
    expect(corpus.byId.get('S08')!.lang).toBe('zh');
  });

  it('counts a second copy of the same file as duplicates, not new statements', async () => {
    const { corpus, store } = memoryStore();
    const summary = await importFiles([senate(), sourceOf('copy.jsonl', fixtureBytes(SENATE_FIXTURE))], { store });
    expect(summary.imported).toBe(100);
    expect(summary.duplicates).toBe(100);
    expect(summary.rejectedCount).toBe(6);
    expect(corpus.size).toBe(100);
    expect([...corpus.byId.values()].every((s) => s.origins.join() === 'senate.jsonl,copy.jsonl')).toBe(true);
  });

  it('reports progress that grows to 1', async () => {
    const events: ImportProgressEvent[] = [];
    const { store } = memoryStore();
    await importFiles([sourceOf('dev.jsonl', fixtureBytes(DEV_FIXTURE), 2000), senate()], {
      store,
      batchSize: 25,
      onProgress: (event) => events.push(event),
    });
    expect(events.length).toBeGreaterThan(3);
    const fractions = events.map((e) => e.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
    expect(events.at(-1)!.records).toBe(106);
    expect(events[0]!.file).toBe('dev.jsonl');
    expect(events.at(-1)!).toMatchObject({ file: 'senate.jsonl', fileIndex: 1, fileCount: 2 });
  });

  it('stops at a batch boundary when aborted, with a summary of what was stored', async () => {
    const controller = new AbortController();
    const { corpus, calls, store } = memoryStore();
    const summary = await importFiles([senate()], {
      batchSize: 20,
      signal: controller.signal,
      store: async (file, records) => {
        const result = await store(file, records);
        if (calls.length === 2) controller.abort();
        return result;
      },
    });
    expect(summary.interrupted).toBe(true);
    expect(summary.error).toMatch(/stopped before the end/);
    expect(summary.imported).toBe(40);
    expect(corpus.size).toBe(40);
    expect(calls).toHaveLength(2);
    expect(formatSummary(summary)).toMatch(/^interrupted: stopped before the end/m);
  });

  it('reports a store failure as an interruption with its message, counting exactly the batches stored', async () => {
    let calls = 0;
    let stored = 0;
    const summary = await importFiles([senate()], {
      batchSize: 30,
      store: async (_file, records) => {
        calls++;
        if (calls === 2) throw new Error('QuotaExceededError: storage is full');
        stored += records.length;
        return { imported: records.length, updated: 0, duplicates: 0 };
      },
    });
    expect(summary.interrupted).toBe(true);
    expect(summary.error).toBe('QuotaExceededError: storage is full');
    // The batch sent while the failing one was on its way is stored and counted; none is sent after.
    expect(calls).toBe(MAX_IN_FLIGHT + 1);
    expect(summary.imported).toBe(stored);
    expect(stored).toBe(30 * MAX_IN_FLIGHT);
  });

  it('keeps at most MAX_IN_FLIGHT batches unanswered, and answers them in order into the summary', async () => {
    let open = 0;
    let most = 0;
    const answers: Array<() => void> = [];
    const importing = importFiles([senate()], {
      batchSize: 10,
      store: (_file, records) => {
        open++;
        most = Math.max(most, open);
        return new Promise((resolve) =>
          answers.push(() => {
            open--;
            resolve({ imported: records.length, updated: 0, duplicates: 0 });
          }),
        );
      },
    });
    // Answer the oldest call whenever one waits, until the import ends.
    let done = false;
    void importing.then(() => (done = true));
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      answers.shift()?.();
    }
    const summary = await importing;
    expect(most).toBe(MAX_IN_FLIGHT);
    expect(summary.interrupted).toBeFalsy();
    expect(summary.imported).toBe(100);
  });

  it('a corrupt gzip file is reported and the next files still import', async () => {
    const { corpus, store } = memoryStore();
    const broken = new Uint8Array([0x1f, 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    const summary = await importFiles([sourceOf('broken.jsonl.gz', broken), sourceOf('dev.jsonl', fixtureBytes(DEV_FIXTURE))], { store });
    expect(summary.interrupted).toBe(false);
    expect(summary.imported).toBe(6);
    expect(corpus.size).toBe(6);
    expect(summary.rejected).toHaveLength(1);
    expect(summary.rejected[0]).toMatchObject({ file: 'broken.jsonl.gz', line: 0 });
    expect(formatSummary(summary)).toMatch(/^ {2}broken\.jsonl\.gz: file could not be read/m);
  });

  it('a truncated gzip file keeps its complete records and reports the rest', async () => {
    const { corpus, store } = memoryStore();
    const gz = new Uint8Array(gzipSync(fixtureBytes(SENATE_FIXTURE)));
    const summary = await importFiles([sourceOf('cut.jsonl.gz', gz.slice(0, Math.floor(gz.byteLength / 2)), 1000)], { store });
    expect(summary.imported).toBeGreaterThan(10);
    expect(summary.imported).toBeLessThan(100);
    expect(corpus.size).toBe(summary.imported);
    expect(summary.rejected.at(-1)).toMatchObject({ file: 'cut.jsonl.gz', line: 0 });
    expect(summary.rejected.at(-1)!.reason).toMatch(/could not be read to the end/);
  });

  it('adds the rejections the store reports', async () => {
    const summary = await importFiles([sourceOf('one.jsonl', bytesOf('{"text":"A statement of the ministry."}\n'))], {
      store: async (file) => ({ imported: 0, updated: 0, duplicates: 0, rejected: [{ file, line: 0, reason: 'refused by store' }] }),
    });
    expect(summary.rejectedCount).toBe(1);
    expect(summary.rejected[0]!.reason).toBe('refused by store');
  });
});
