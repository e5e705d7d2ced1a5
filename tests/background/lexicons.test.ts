import { afterEach, describe, expect, it, vi } from 'vitest';
import { lexiconLoader } from '../../lib/background/lexicons';
import { englishForChinese, hasChineseLexicon } from '../../lib/engine/cross-language/chinese-glosses';
import type { SourceLensDb } from '../../lib/corpus/db';
import { allDevStatements, articlePayload, chineseLexiconFile, crossLanguageArticle, freshDb, lexiconWorker } from '../shared/helpers';

/**
 * The worker installs the Chinese-English lexicon (public/lexicon/zh-en.json) only when it meets Han
 * text, then matches the Chinese statement S08 to its English coverage A039 (Xinhua), both real dev
 * records (tests/fixtures/engine/cross-language/). The lexicon is module state: the tests run in order,
 * from "never installed" to "installed".
 */

const a039 = crossLanguageArticle('A039');

const opened: SourceLensDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function service(fetchChinese: () => Promise<unknown>, log: (message: string) => void = () => undefined) {
  const db = freshDb('lexicons');
  opened.push(db);
  return lexiconWorker(db, fetchChinese, log).h;
}

const englishOnly = () => allDevStatements().filter((record) => record.id !== 'S08');

describe('the worker loads the Chinese lexicon on demand', () => {
  it('never fetches it for a corpus and articles without Han text', async () => {
    const fetchChinese = vi.fn(async () => chineseLexiconFile());
    const h = service(fetchChinese);
    await h.importBatch({ file: 'statements.jsonl', records: englishOnly() }, {});
    await h.findSources({ article: articlePayload(a039) }, {});
    expect(fetchChinese).not.toHaveBeenCalled();
    expect(hasChineseLexicon()).toBe(false);
  });

  it('keeps importing when the fetch fails: logged, Chinese words left without English anchors', async () => {
    const log = vi.fn();
    const h = service(async () => {
      throw new Error('file missing');
    }, log);
    const result = await h.importBatch({ file: 'statements.jsonl', records: allDevStatements() }, {});
    expect(result).toMatchObject({ imported: 25, rejectedCount: 0 });
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/Chinese lexicon not loaded.*file missing/));
    expect(hasChineseLexicon()).toBe(false);
    const report = await h.findSources({ article: articlePayload(a039) }, {});
    expect(report.sources.map((source) => source.statementId)).not.toContain('S08');
  });

  it('rejects a file of the wrong shape rather than installing it', async () => {
    const log = vi.fn();
    const ensure = lexiconLoader(async () => ({ glosses: 42 }), log);
    await ensure(['飞艇']);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/not a SourceLens Chinese lexicon/));
    expect(hasChineseLexicon()).toBe(false);
  });

  it('fetches it once when a Chinese statement is imported, and then finds S08 for its English coverage', async () => {
    const fetchChinese = vi.fn(async () => chineseLexiconFile());
    const h = service(fetchChinese);
    const result = await h.importBatch({ file: 'statements.jsonl', records: allDevStatements() }, {});
    expect(result).toMatchObject({ imported: 25, rejectedCount: 0 });
    expect(fetchChinese).toHaveBeenCalledTimes(1);
    expect(englishForChinese('飞艇')).toBe('airship');

    const report = await h.findSources({ article: articlePayload(a039) }, {});
    const top = report.sources[0]!;
    expect(top.statementId).toBe('S08');
    expect(top.relation).toBe('translates');
    // Side by side: the English sentence and the Chinese one it renders.
    expect(top.passages.length).toBeGreaterThan(0);
    for (const passage of top.passages) {
      expect(['translated_quote', 'translated_passage']).toContain(passage.type);
      expect(passage.statementText).toMatch(/\p{Script=Han}/u);
      expect(passage.articleText).toBe(a039.text.slice(passage.article[0], passage.article[1]));
    }
    expect(fetchChinese).toHaveBeenCalledTimes(1);
  });
});
