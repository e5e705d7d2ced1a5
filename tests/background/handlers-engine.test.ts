import { afterEach, describe, expect, it, vi } from 'vitest';
import { CorpusIndex } from '../../lib/background/corpus-index';
import { createBackgroundService } from '../../lib/background/handlers';
import { memoryTabStatusStore, type TabStatusStore } from '../../lib/background/tab-status';
import type { TabStatus } from '../../lib/messaging/protocol';
import type { SourceLensDb } from '../../lib/corpus/db';
import { readStatements } from '../../lib/corpus/store';
import { badgeText } from '../../lib/background/badge';
import { selectionInput } from '../../lib/background/selection';
import { translateArticle } from '../../lib/reader/translate-article';
import { allDevStatements, articlePayload, crossLanguageArticle, devArticle, freshDb, standInTranslator } from '../shared/helpers';

/**
 * The background service end to end with the real engine, over the 25 real dev statements and real
 * dev articles (A003: a copy of S01; N011: derived from nothing in the set).
 */

const opened: SourceLensDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

const NEWS = { isNews: true, score: 0.9, reasons: ['json-ld NewsArticle'] };
const NOT_NEWS = { isNews: false, score: 0.1, reasons: [] };

function setup() {
  const db = freshDb('handlers-engine');
  // The repeats of the worker's first check (warm-up.ts) wait here until a test runs them.
  const warmUpQueue: Array<() => void> = [];
  opened.push(db);
  const tabs = memoryTabStatusStore();
  const badges: Array<[number, number | null]> = [];
  const injected: number[] = [];
  const sentToTabs: Array<[number, string, unknown]> = [];
  // a CorpusIndex whose snapshot timer never fires by itself
  const index = new CorpusIndex(db, { setTimer: () => 0, clearTimer: () => undefined });
  // The checks' statement reads, counted (and held by some tests).
  const statementReads = vi.fn((ids: readonly string[]) => readStatements(db, ids));
  const service = createBackgroundService({
    db,
    index,
    tabs,
    readStatements: statementReads,
    setBadge: (tabId, count) => badges.push([tabId, count]),
    injectReader: async (tabId) => void injected.push(tabId),
    sendToTab: async (tabId, method, input) => {
      sentToTabs.push([tabId, method, input]);
      return { visible: Boolean(input.visible) } as never;
    },
    now: () => 1_700_000_000_000,
    warmUpLater: (callback) => void warmUpQueue.push(callback),
  });
  return { db, tabs, badges, injected, sentToTabs, statementReads, warmUpQueue, service, h: service.handlers };
}

/** The tab's status once its check has been recorded as done. */
async function settled(tabs: TabStatusStore, tabId: number): Promise<TabStatus> {
  return vi.waitFor(async () => {
    const status = await tabs.get(tabId);
    expect(status?.state).toBe('done');
    return status!;
  });
}

/** An article that copies a statement's text word for word. */
/** The statements a report names: its sources and the near copies listed with them. */
function sourceAndCopyIds(report: { sources: ReadonlyArray<{ statementId: string; duplicates?: string[] }> }): string[] {
  return report.sources.flatMap((s) => [s.statementId, ...(s.duplicates ?? [])]);
}

function copyOf(statement: Record<string, unknown>) {
  return { text: String(statement.text), title: null, date: null, outlet: null, url: `https://copy.example/${String(statement.id)}`, lang: 'en' };
}

async function withCorpus() {
  const env = setup();
  const result = await env.h.importBatch({ file: 'statements.jsonl', records: allDevStatements() }, {});
  expect(result).toMatchObject({ imported: 25, rejectedCount: 0 });
  return env;
}

describe('background service with the real engine', () => {
  it('finds S01 as the first source of article A003, marks the tab done and sets the badge', async () => {
    const { h, tabs, badges } = await withCorpus();
    const a003 = devArticle('A003');
    await h.pageLoaded({ url: a003.url, title: a003.title, verdict: NEWS }, { tabId: 7 });
    const report = await h.findSources({ article: articlePayload(a003) }, { tabId: 7 });
    expect(report.sources.length).toBeGreaterThan(0);
    expect(report.sources[0]!.statementId).toBe('S01');
    expect(report.sources[0]!.relation).toBe('copies');
    expect(report.corpusSize).toBe(25);
    expect(report.articleChars).toBe(a003.text.length);
    expect(report.hintsVisible).toBe(true);
    // passage texts are the article's and the statement's own words
    for (const passage of report.sources[0]!.passages) {
      expect(passage.articleText).toBe(a003.text.slice(passage.article[0], passage.article[1]));
      expect(passage.statementText.length).toBeGreaterThan(0);
    }
    // the tab's status is recorded after the answer (it only feeds the popup)
    const status = await settled(tabs, 7);
    expect(status).toMatchObject({ state: 'done', article: { chars: a003.text.length, outlet: a003.outlet } });
    expect(status!.report!.sources.map((s) => s.statementId)).toEqual(report.sources.map((s) => s.statementId));
    expect(badges.at(-1)).toEqual([7, report.sources.length]);
  });

  it('an import in batches is queryable the moment its last batch is acknowledged (S01 last)', async () => {
    const env = setup();
    const all = allDevStatements() as Array<{ id: string }>;
    const ordered = [...all.filter((r) => r.id !== 'S01'), all.find((r) => r.id === 'S01')!];
    // Batches of 5, sent one after another as the options page does; the index learns each batch while
    // the next one is stored, so the last acknowledgement can come before S01 is indexed.
    for (let at = 0; at < ordered.length; at += 5) {
      await env.h.importBatch({ file: 'statements.jsonl', records: ordered.slice(at, at + 5) }, {});
    }
    const report = await env.h.findSources({ article: articlePayload(devArticle('A003')) }, {});
    expect(report.sources[0]?.statementId).toBe('S01');
    expect(report.corpusSize).toBe(25);
  });

  it('finds no source for N011 (not derived from any statement in the set)', async () => {
    const { h, tabs, badges } = await withCorpus();
    const n011 = devArticle('N011');
    await h.pageLoaded({ url: n011.url, verdict: NEWS }, { tabId: 8 });
    const report = await h.findSources({ article: articlePayload(n011) }, { tabId: 8 });
    expect(report.sources).toEqual([]);
    expect((await settled(tabs, 8)).report!.sources).toEqual([]);
    expect(badges.at(-1)).toEqual([8, 0]);
  });

  it('pageLoaded: not news → not-news and no reader; news → reader injected', async () => {
    const { h, injected } = await withCorpus();
    const notNews = await h.pageLoaded({ url: 'https://shop.example.com/cart', verdict: NOT_NEWS }, { tabId: 1 });
    expect(notNews).toMatchObject({ tabId: 1, state: 'not-news', corpusSize: 25, hintsVisible: true, verdict: NOT_NEWS });
    expect(injected).toEqual([]);
    const news = await h.pageLoaded({ url: devArticle('A003').url, verdict: NEWS }, { tabId: 2 });
    expect(news).toMatchObject({ tabId: 2, state: 'checking' });
    expect(injected).toEqual([2]);
  });

  it('pageLoaded obeys site rules: deny wins over a news verdict, allow checks a page not detected as news', async () => {
    const { h, injected } = await withCorpus();
    await h.saveSettings(
      {
        settings: {
          hintsVisible: false,
          siteRules: [
            { host: 'dnanews.com.pk', rule: 'deny' },
            { host: 'example.org', rule: 'allow' },
          ],
        },
      },
      {},
    );
    const denied = await h.pageLoaded({ url: devArticle('A003').url, verdict: NEWS }, { tabId: 3 });
    expect(denied).toMatchObject({ state: 'denied', hintsVisible: false });
    expect(injected).toEqual([]);
    const allowed = await h.pageLoaded({ url: 'https://blog.example.org/post', verdict: NOT_NEWS }, { tabId: 4 });
    expect(allowed).toMatchObject({ state: 'checking', hintsVisible: false });
    expect(injected).toEqual([4]);
  });

  it('a wanted page with an empty corpus is done at once, without starting the reader', async () => {
    const { h, injected } = setup();
    const status = await h.pageLoaded({ url: devArticle('A003').url, verdict: NEWS }, { tabId: 5 });
    expect(status).toMatchObject({ state: 'done', corpusSize: 0, report: { sources: [], corpusSize: 0 } });
    expect(injected).toEqual([]);
  });

  it('a reader that cannot be injected leaves the tab in error', async () => {
    const db = freshDb('handlers-engine');
    opened.push(db);
    const tabs = memoryTabStatusStore();
    const service = createBackgroundService({ db, tabs, injectReader: async () => Promise.reject(new Error('no host permission')) });
    await service.handlers.importBatch({ file: 's', records: allDevStatements().slice(0, 3) }, {});
    const status = await service.handlers.pageLoaded({ url: 'https://news.example/a', verdict: NEWS }, { tabId: 6 });
    expect(status.state).toBe('error');
    expect(status.error).toMatch(/no host permission/);
    expect((await tabs.get(6))!.state).toBe('error');
  });

  it('caches reports: a second identical findSources loads no statements; a new import clears the cache', async () => {
    const { h, statementReads } = await withCorpus();
    const a003 = articlePayload(devArticle('A003'));
    statementReads.mockClear();
    const first = await h.findSources({ article: a003 }, { tabId: 1 });
    const callsAfterFirst = statementReads.mock.calls.length;
    expect(callsAfterFirst).toBeGreaterThan(0);

    const second = await h.findSources({ article: a003 }, { tabId: 2 });
    expect(statementReads.mock.calls.length).toBe(callsAfterFirst);
    expect(second.sources.map((s) => s.statementId)).toEqual(first.sources.map((s) => s.statementId));

    // another text is not a cache hit
    await h.findSources({ article: articlePayload(devArticle('N011')) }, { tabId: 3 });
    const callsAfterOther = statementReads.mock.calls.length;

    const corrected = { ...allDevStatements().find((s) => s.id === 'S24')!, text: 'A corrected text of the call with the Turkish foreign minister.' };
    expect(await h.importBatch({ file: 'fix.jsonl', records: [corrected] }, {})).toMatchObject({ updated: 1 });
    const callsAfterImport = statementReads.mock.calls.length;
    expect(callsAfterImport).toBe(callsAfterOther); // an import does not read through the checks' reader
    const third = await h.findSources({ article: a003 }, { tabId: 1 });
    expect(statementReads.mock.calls.length).toBeGreaterThan(callsAfterImport);
    expect(third.sources[0]!.statementId).toBe('S01');
  });

  it('a report computed while the corpus changed is not cached as the answer for the new corpus', async () => {
    const { h, db, statementReads } = setup();
    const all = allDevStatements();
    await h.importBatch({ file: 'dev.jsonl', records: all.filter((s) => s.id !== 'S01') }, {});
    const a003 = articlePayload(devArticle('A003'));
    // hold the check's first statement load until S01 has been imported
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    statementReads.mockImplementation(async (keys: readonly string[]) => {
      if (!held) {
        held = true;
        await gate;
      }
      return readStatements(db, keys);
    });
    const during = h.findSources({ article: a003 }, {});
    await vi.waitFor(() => expect(held).toBe(true));
    expect(await h.importBatch({ file: 'late.jsonl', records: all.filter((s) => s.id === 'S01') }, {})).toMatchObject({ imported: 1 });
    release();
    expect((await during).sources.map((s) => s.statementId)).not.toContain('S01');
    statementReads.mockImplementation((keys: readonly string[]) => readStatements(db, keys));
    const after = await h.findSources({ article: a003 }, {});
    expect(after.sources[0]?.statementId).toBe('S01');
  });

  it('keeps statement texts between checks: another article on the same story reads none from IndexedDB; a corpus change drops them', async () => {
    const { h, statementReads } = await withCorpus();
    const a003 = articlePayload(devArticle('A003'));
    statementReads.mockClear();
    expect((await h.findSources({ article: a003 }, {})).sources[0]!.statementId).toBe('S01');
    const reads = statementReads.mock.calls.length;
    expect(reads).toBeGreaterThan(0);
    // Another page (a wire copy at another address): not a report-cache hit, matched again, same texts.
    const copy = await h.findSources({ article: { ...a003, url: 'https://wire.example/copy' } }, {});
    expect(copy.sources[0]!.statementId).toBe('S01');
    expect(statementReads.mock.calls.length).toBe(reads);

    // S01 corrected to another statement's words: the next check reads it again and matches the new text.
    const s01 = allDevStatements().find((s) => s.id === 'S01')!;
    const unrelated = allDevStatements().find((s) => s.id === 'S24')!;
    expect(await h.importBatch({ file: 'fix.jsonl', records: [{ ...s01, text: `${unrelated.text} Corrected on 20 September.` }] }, {})).toMatchObject({
      updated: 1,
    });
    const afterImport = statementReads.mock.calls.length;
    const after = await h.findSources({ article: { ...a003, url: 'https://wire.example/third' } }, {});
    expect(statementReads.mock.calls.length).toBeGreaterThan(afterImport);
    expect(after.sources.map((s) => s.statementId)).not.toContain('S01');
    // ...and an article in S24's words now finds S01 too, by its new text (as a source, or as a near
    // copy of S24 listed with it: the two now hold the same words).
    expect(sourceAndCopyIds(await h.findSources({ article: copyOf(unrelated) }, {}))).toContain('S01');
  });

  it('a statement text read while the corpus changed is used for that check only, never kept', async () => {
    const { h, db, statementReads } = await withCorpus();
    const a003 = articlePayload(devArticle('A003'));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    statementReads.mockImplementation(async (keys: readonly string[]) => {
      if (!held && keys.includes('S01')) {
        held = true;
        const read = await readStatements(db, keys); // the old S01, read before the change commits
        await gate;
        return read;
      }
      return readStatements(db, keys);
    });
    const during = h.findSources({ article: a003 }, {});
    await vi.waitFor(() => expect(held).toBe(true));
    const s01 = allDevStatements().find((s) => s.id === 'S01')!;
    const unrelated = allDevStatements().find((s) => s.id === 'S24')!;
    expect(await h.importBatch({ file: 'fix.jsonl', records: [{ ...s01, text: `${unrelated.text} Corrected on 20 September.` }] }, {})).toMatchObject({
      updated: 1,
    });
    release();
    await during;
    // Had the old text been kept, S01 would be matched by it: an article in S24's words must find S01
    // by its new text.
    const after = await h.findSources({ article: copyOf(unrelated) }, {});
    expect(sourceAndCopyIds(after)).toContain('S01');
  });

  it('deleting the source issuer removes S01 from the next report', async () => {
    const { h } = await withCorpus();
    const a003 = articlePayload(devArticle('A003'));
    expect((await h.findSources({ article: a003 }, {})).sources[0]!.statementId).toBe('S01');
    await h.deleteIssuer({ key: 'Ministry of Defense of the Republic of Azerbaijan' }, {});
    const after = await h.findSources({ article: a003 }, {});
    expect(after.sources.map((s) => s.statementId)).not.toContain('S01');
    await h.deleteAll({ confirm: 'delete-all' }, {});
    expect((await h.findSources({ article: a003 }, {})).sources).toEqual([]);
  });

  it('checkSelection reports the sources of a bare text and records it on the tab', async () => {
    const { service, tabs } = await withCorpus();
    const a003 = devArticle('A003');
    const report = await service.checkSelection(4, a003.text);
    expect(report.sources[0]!.statementId).toBe('S01');
    const status = await tabs.get(4);
    expect(status!.selection).toMatchObject({ text: a003.text, report: { sources: [expect.objectContaining({ statementId: 'S01' })] } });
  });

  it('a selection search never writes a badge it did not compute: no "0", and a checked page keeps its count', async () => {
    const { h, service, tabs, badges } = await withCorpus();
    // A page with no official source (N011): its badge is cleared; selecting text in it finds nothing.
    const n011 = devArticle('N011');
    await h.pageLoaded({ url: n011.url, verdict: NEWS }, { tabId: 51 });
    await h.findSources({ article: articlePayload(n011) }, { tabId: 51 });
    await settled(tabs, 51);
    await vi.waitFor(() => expect(badges).toContainEqual([51, 0]));
    badges.length = 0;
    expect((await service.checkSelection(51, n011.text.slice(0, 400))).sources).toEqual([]);
    // A selection that finds a source on a page whose check found none leaves that page's badge too.
    expect((await service.checkSelection(51, devArticle('A003').text)).sources.length).toBeGreaterThan(0);
    // A tab with no page report (a page that is not news): nothing found, nothing written; found, its count.
    expect((await service.checkSelection(52, n011.text.slice(0, 400))).sources).toEqual([]);
    expect(badges).toEqual([]);
    const found = await service.checkSelection(52, devArticle('A003').text);
    expect(badges).toEqual([[52, found.sources.length]]);
    expect(badgeText(0)).toBe('');
    expect(badgeText(null)).toBe('');
    expect(badgeText(2)).toBe('2');
  });

  it('the selection search answers as the page check: a translated quote the page marks is found when selected', async () => {
    // A017 (News.ru, Russian) translates passages of S02 (English), found through the page's translation.
    const a017 = crossLanguageArticle('A017');
    const { h, service, tabs } = await withCorpus();
    const payload = { text: a017.text, title: null, date: a017.date, outlet: null, url: 'https://news.example/a017', lang: 'ru' };
    await h.pageLoaded({ url: payload.url, verdict: NEWS }, { tabId: 53 });
    const translation = await translateArticle(a017.text, 'ru', 'en', standInTranslator());
    const page = await h.findSources({ article: { ...payload, translation } }, { tabId: 53 });
    await settled(tabs, 53);
    const marked = page.sources.find((source) => source.statementId === 'S02')!.passages.find((p) => p.articleText.startsWith('По его словам'))!;
    expect(marked).toBeDefined();
    const selection = await service.checkSelection(53, marked.articleText);
    expect(selection.sources[0]).toMatchObject({ statementId: 'S02', relation: 'translates' });
    expect(selection.sources[0]!.passages.map((p) => p.articleText)).toContain(marked.articleText);
    // The selection is checked in the page's language and with its date.
    expect(selectionInput('x', await tabs.get(53))).toMatchObject({ lang: 'ru', date: a017.date, url: payload.url });
  });

  it('guesses the language of a text that declares none, so a translation is found for a page without one and for a selection', async () => {
    // A035 (Sardarabad, Spanish) translates S06 (Armenian MFA, English): real dev records.
    const a035 = crossLanguageArticle('A035');
    const { h, service } = await withCorpus();
    const page = await h.findSources(
      { article: { text: a035.text, title: null, date: a035.date, outlet: null, url: 'https://es.example/a035', lang: null } },
      {},
    );
    expect(page.sources[0]).toMatchObject({ statementId: 'S06', relation: 'translates' });
    const selection = await service.checkSelection(undefined, a035.text);
    expect(selection.sources.map((source) => source.statementId)).toContain('S06');
  });

  it('tells the reader which language the corpus is in, and finds more through the translation the reader sends', async () => {
    // A017 (News.ru, Russian) translates passages of S02 (English); the translation is the stand-in
    // for the on-device translator (tests/fixtures/engine/cross-language/README.md).
    const a017 = crossLanguageArticle('A017');
    const { h, tabs } = await withCorpus();
    const payload = { text: a017.text, title: null, date: a017.date, outlet: null, url: 'https://news.example/a017', lang: 'ru' };
    await h.pageLoaded({ url: payload.url, verdict: NEWS }, { tabId: 21 });
    const first = await h.findSources({ article: payload }, { tabId: 21 });
    expect(first).toMatchObject({ translateTo: 'en', articleLang: 'ru' });
    // Anchors alone line up the sentences with names and numbers, not "По его словам … покидали свои
    // позиции" (running out of ammunition, leaving their combat positions): the translation does.
    const linesUpAmmunition = (view: typeof first) =>
      view.sources.some((source) => source.statementId === 'S02' && source.passages.some((p) => p.articleText.startsWith('По его словам')));
    expect(linesUpAmmunition(first)).toBe(false);

    const translation = await translateArticle(a017.text, 'ru', 'en', standInTranslator());
    const second = await h.findSources({ article: { ...payload, translation } }, { tabId: 21 });
    expect(second.sources[0]).toMatchObject({ statementId: 'S02', relation: 'translates', statementLang: 'en' });
    expect(linesUpAmmunition(second)).toBe(true);
    // Side by side: the Russian sentence and S02's English passage.
    const passage = second.sources[0]!.passages.find((p) => p.articleText.startsWith('Под контроль ВС'))!;
    expect(passage.statementText).toContain('strategically important high grounds');
    // The popup reads the tab's last report: the one with the translation.
    expect((await settled(tabs, 21)).report!.sources[0]!.statementId).toBe('S02');

    // An article in the corpus's language is not offered a translation.
    const english = await h.findSources({ article: articlePayload(devArticle('A003')) }, { tabId: 22 });
    expect(english.translateTo).toBeUndefined();
  });

  it('settings: defaults, save, setHintsVisible tells the tabs that are done; toggleHints flips it', async () => {
    const { h, service, sentToTabs, tabs } = await withCorpus();
    expect(await h.getSettings({}, {})).toEqual({ hintsVisible: true, siteRules: [] });
    const a003 = devArticle('A003');
    await h.pageLoaded({ url: a003.url, verdict: NEWS }, { tabId: 11 });
    await h.findSources({ article: articlePayload(a003) }, { tabId: 11 });
    await settled(tabs, 11);
    await h.pageLoaded({ url: 'https://shop.example.com/', verdict: NOT_NEWS }, { tabId: 12 });

    expect(await h.setHintsVisible({ visible: false }, {})).toEqual({ hintsVisible: false, siteRules: [] });
    expect(sentToTabs).toEqual([[11, 'setHintsVisible', { visible: false }]]);
    expect((await h.getSettings({}, {})).hintsVisible).toBe(false);

    expect(await service.toggleHints(12)).toMatchObject({ hintsVisible: true });
    expect(sentToTabs.slice(1).sort()).toEqual([
      [11, 'setHintsVisible', { visible: true }],
      [12, 'setHintsVisible', { visible: true }],
    ]);
    expect((await h.getSettings({}, {})).hintsVisible).toBe(true);
  });

  it("the hints setting reaches every checked tab, not only the popup's: unticking in tab A hides B's marks, ticking again brings back marks of a page checked while off", async () => {
    const { h, sentToTabs, tabs } = await withCorpus();
    const a003 = devArticle('A003');
    for (const tabId of [31, 32]) {
      await h.pageLoaded({ url: `${a003.url}?tab=${tabId}`, verdict: NEWS }, { tabId });
      await h.findSources({ article: articlePayload(a003) }, { tabId });
      await settled(tabs, tabId);
    }
    // The popup of tab 31 unticks "Mark passages in pages".
    await h.setHintsVisible({ visible: false, tabId: 31 }, {});
    expect(sentToTabs.map(([tabId, , input]) => [tabId, input]).sort()).toEqual([
      [31, { visible: false }],
      [32, { visible: false }],
    ]);
    // A page opened while the marks are off is told so by its check, and is told when they come back.
    await h.pageLoaded({ url: `${a003.url}?tab=33`, verdict: NEWS }, { tabId: 33 });
    expect((await h.findSources({ article: articlePayload(a003) }, { tabId: 33 })).hintsVisible).toBe(false);
    await settled(tabs, 33);
    sentToTabs.length = 0;
    await h.setHintsVisible({ visible: true, tabId: 31 }, {});
    expect(sentToTabs.map(([tabId]) => tabId).sort()).toEqual([31, 32, 33]);
    expect(sentToTabs.every(([, method, input]) => method === 'setHintsVisible' && (input as { visible: boolean }).visible)).toBe(true);
  });

  it('checkPageAnyway starts the reader on a page not detected as news', async () => {
    const { h, injected } = await withCorpus();
    await h.pageLoaded({ url: 'https://blog.example.net/post', verdict: NOT_NEWS }, { tabId: 13 });
    expect(injected).toEqual([]);
    const status = await h.checkPageAnyway({ tabId: 13 }, {});
    expect(status).toMatchObject({ tabId: 13, state: 'checking', corpusSize: 25, url: 'https://blog.example.net/post' });
    expect(injected).toEqual([13]);
  });

  it("repeats the worker's first check in idle time from the texts it loaded, and only the first", async () => {
    const { h, statementReads, warmUpQueue } = await withCorpus();
    const a003 = articlePayload(devArticle('A003'));
    const first = await h.findSources({ article: a003 }, {});
    expect(first.sources[0]?.statementId).toBe('S01');
    const readsAfterCheck = statementReads.mock.calls.length;
    expect(readsAfterCheck).toBeGreaterThan(0);
    // Three repeats, one per idle slot: each schedules the next only once it has run to the end.
    let repeats = 0;
    while (warmUpQueue.length) {
      warmUpQueue.shift()!();
      repeats++;
      await vi.waitFor(() => expect(warmUpQueue.length > 0 || repeats === 3).toBe(true));
    }
    expect(repeats).toBe(3);
    // The repeats used the candidate texts already in memory: no IndexedDB read.
    expect(statementReads.mock.calls.length).toBe(readsAfterCheck);
    // Later checks schedule nothing more, and answer as before.
    const again = await h.findSources({ article: { ...articlePayload(devArticle('N011')) } }, {});
    expect(again.sources).toEqual([]);
    expect(warmUpQueue).toHaveLength(0);
  });

  it('the repeats stop when the corpus changes between them', async () => {
    const { h, warmUpQueue } = await withCorpus();
    await h.findSources({ article: articlePayload(devArticle('A003')) }, {});
    expect(warmUpQueue).toHaveLength(1);
    await h.deleteAll({ confirm: 'delete-all' }, {});
    warmUpQueue.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(warmUpQueue).toHaveLength(0);
  });
});
