import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INDEX_VERSION } from '../../lib/background/corpus-index';
import type { SourceLensDb } from '../../lib/corpus/db';
import { hasChineseLexicon } from '../../lib/engine/cross-language/chinese-glosses';
import { FIXTURES, allDevStatements, articlePayload, chineseLexiconFile, crossLanguageArticle, freshDb, lexiconWorker } from '../shared/helpers';

/**
 * An index snapshot saved before Chinese words had anchors (index version 1) is brought up to date
 * on load: its Chinese statements are re-indexed, so the English coverage of the Chinese S08 (A039,
 * Xinhua) finds it. A file of its own: the lexicon is module state, and this test needs it missing
 * first (as in the old version), then installed.
 */

const a039 = crossLanguageArticle('A039');

const opened: SourceLensDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

describe('index snapshots across an anchor change', () => {
  it('re-indexes the Chinese statements of a snapshot saved before Chinese words had anchors', async () => {
    const db = freshDb('snapshot-anchors');
    opened.push(db);
    // The old version: no lexicon, so S08's Chinese words got no anchors.
    const old = lexiconWorker(db, async () => {
      throw new Error('no lexicon in this version');
    });
    await old.h.importBatch({ file: 'statements.jsonl', records: allDevStatements() }, {});
    await old.index.flush();
    expect((await db.indexSnapshots.get('main'))?.version).toBe(INDEX_VERSION);
    await db.indexSnapshots.update('main', { version: undefined, anchors: undefined });
    expect(hasChineseLexicon()).toBe(false);
    expect((await old.h.findSources({ article: articlePayload(a039) }, {})).sources.map((s) => s.statementId)).not.toContain('S08');

    // The upgraded worker starts cold from that snapshot.
    const upgraded = lexiconWorker(db, async () => chineseLexiconFile());
    const report = await upgraded.h.findSources({ article: articlePayload(a039) }, {});
    // S08 (zh), and S11 (ur) for version 4's reading of Arabic script.
    expect(upgraded.index.lastLoad).toMatchObject({ source: 'snapshot', statements: 25, caughtUp: 2 });
    expect(report.sources[0]).toMatchObject({ statementId: 'S08', relation: 'translates' });
    // Saved again under the current version, so the next cold start does not re-index.
    await upgraded.index.flush();
    expect((await db.indexSnapshots.get('main'))?.version).toBe(INDEX_VERSION);
    const next = lexiconWorker(db, async () => chineseLexiconFile());
    await next.h.findSources({ article: articlePayload(a039) }, {});
    expect(next.index.lastLoad).toMatchObject({ source: 'snapshot', caughtUp: 0 });
  });

  it('re-indexes only the long statements of a snapshot saved before the winnowing window was capped (version 2)', async () => {
    const db = freshDb('snapshot-long');
    opened.push(db);
    const hatch = JSON.parse(readFileSync(join(FIXTURES, 'senate-long-hatch131.jsonl'), 'utf8')) as Record<string, unknown>;
    const old = lexiconWorker(db, async () => chineseLexiconFile());
    await old.h.importBatch({ file: 'statements.jsonl', records: [...allDevStatements(), hatch] }, {});
    await old.index.flush();
    // As version 2 wrote it.
    await db.indexSnapshots.update('main', { version: undefined, anchors: 2 });
    const upgraded = lexiconWorker(db, async () => chineseLexiconFile());
    await upgraded.h.findSources({ article: articlePayload(a039) }, {});
    // The 5,730-word release (the 25 dev statements are all short), and S11 (ur) for version 4.
    expect(upgraded.index.lastLoad).toMatchObject({ source: 'snapshot', statements: 26, caughtUp: 2 });
    await upgraded.index.flush();
    const next = lexiconWorker(db, async () => chineseLexiconFile());
    await next.h.findSources({ article: articlePayload(a039) }, {});
    expect(next.index.lastLoad).toMatchObject({ source: 'snapshot', caughtUp: 0 });
  });

  it('re-indexes only the Arabic-script statements of a snapshot saved before a doubled waw was read (version 3)', async () => {
    const db = freshDb('snapshot-waw');
    opened.push(db);
    const a055 = crossLanguageArticle('A055');
    const old = lexiconWorker(db, async () => chineseLexiconFile());
    await old.h.importBatch({ file: 'statements.jsonl', records: allDevStatements() }, {});
    await old.index.flush();
    await db.indexSnapshots.update('main', { version: 3 });
    const upgraded = lexiconWorker(db, async () => chineseLexiconFile());
    const report = await upgraded.h.findSources({ article: articlePayload(a055) }, {});
    // S11, the one Urdu statement of the 25.
    expect(upgraded.index.lastLoad).toMatchObject({ source: 'snapshot', statements: 25, caughtUp: 1 });
    expect(report.sources[0]).toMatchObject({ statementId: 'S11', relation: 'translates' });
    await upgraded.index.flush();
    expect((await db.indexSnapshots.get('main'))?.version).toBe(INDEX_VERSION);
  });
});
