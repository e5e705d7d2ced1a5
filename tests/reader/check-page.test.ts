// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toReportView } from '../../lib/background/report-view';
import { toStoredStatement, toStatementRecord } from '../../lib/corpus/statement';
import { toStatementDoc } from '../../lib/background/corpus-index';
import { findSources } from '../../lib/engine/find-sources';
import { StatementIndex } from '../../lib/engine/statement-index';
import type { StatementDoc } from '../../lib/engine/types';
import { parseHtml } from '../../lib/page/dom-node';
import { anchorReport, extractPageArticle, passageKey } from '../../lib/reader/check-page';
import { allDevStatements, devArticle } from '../shared/helpers';

/**
 * The reader's page-side steps on the e2e site's A003 page (the real DNA News article text, our
 * markup): extract with Node's DOM (linkedom, as the CLI does), match with the real engine over the
 * 25 dev statements, then anchor the report in a live page (happy-dom, which has Ranges).
 */

const PAGE = join(dirname(fileURLToPath(import.meta.url)), '..', 'e2e', 'site', 'a003-dna-news.html');
const URL_A003 = 'https://dnanews.com.pk/azerbaijans-ministry-of-defense-armenian-forces-continue-acts-of-terrorism-in-karabakh-region/';

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

function devDocs(): StatementDoc[] {
  return allDevStatements().map((raw) => {
    const parsed = toStatementRecord(raw);
    if (!parsed.ok) throw new Error(parsed.reason);
    return toStatementDoc(toStoredStatement(parsed.record, 'dev', 0));
  });
}

async function reportFor(text: string, lang: string | null, date: string | null) {
  const docs = devDocs();
  const index = new StatementIndex();
  index.add(docs);
  const byId = new Map(docs.map((doc) => [doc.id, doc]));
  const report = await findSources({ text, lang: lang ?? undefined, date: date ?? undefined }, index, async (ids) => ids.map((id) => byId.get(id)!));
  return toReportView(report, text, new Map(docs.map((doc) => [doc.id, doc.text])), docs.length, 0);
}

describe('extractPageArticle + anchorReport on the A003 page', () => {
  const html = readFileSync(PAGE, 'utf8');

  it('extracts the article as the reader sends it', () => {
    const { payload, extracted } = extractPageArticle(parseHtml(html, URL_A003), URL_A003);
    expect(payload.url).toBe(URL_A003);
    expect(payload.outlet).toBe('DNA News (Pakistan)');
    expect(payload.date?.startsWith('2023-09-19')).toBe(true);
    expect(payload.lang).toBe('en');
    expect(payload.text).toBe(extracted.text);
    // the article's words, as the dev set has them
    expect(collapse(payload.text)).toContain(collapse(devArticle('A003').text.slice(0, 200)));
  });

  it("every passage of the engine's report anchors to a Range showing the same text", async () => {
    const { payload, extracted } = extractPageArticle(parseHtml(html, URL_A003), URL_A003);
    const report = await reportFor(payload.text, payload.lang, payload.date);
    expect(report.sources[0]?.statementId).toBe('S01');
    const passageCount = report.sources.reduce((n, source) => n + source.passages.length, 0);
    expect(passageCount).toBeGreaterThan(0);

    // the live page
    document.open();
    document.write(html);
    document.close();
    const anchored = anchorReport(document, extracted, report);
    expect(anchored.unanchored).toBe(0);
    expect(anchored.marks.length).toBeGreaterThan(0);
    for (const mark of anchored.marks) {
      const entry = anchored.passages.get(mark.key)!;
      expect(entry).toBeDefined();
      expect(mark.key).toBe(passageKey(entry.source.statementId, entry.index));
      expect(mark.kind).toBe(entry.passage.type);
      const [start, end] = entry.passage.article;
      // whitespace normalised: paragraph breaks in the text are newlines between <p> elements on the page
      const shown = collapse(mark.range.toString());
      expect(shown).toBe(collapse(payload.text.slice(start, end)));
      expect(shown.length).toBeGreaterThan(20);
      expect(document.querySelector('article')!.contains(mark.range.commonAncestorContainer)).toBe(true);
    }
    // in document order
    for (let i = 1; i < anchored.marks.length; i++) {
      expect(anchored.marks[i - 1]!.range.compareBoundaryPoints(Range.START_TO_START, anchored.marks[i]!.range)).toBeLessThanOrEqual(0);
    }
  });

  it('a passage whose text is no longer on the page is counted as unanchored, not marked elsewhere', async () => {
    const { payload, extracted } = extractPageArticle(parseHtml(html, URL_A003), URL_A003);
    const report = await reportFor(payload.text, payload.lang, payload.date);
    document.open();
    document.write('<!doctype html><html><body><article><p>The page now shows something else entirely.</p></article></body></html>');
    document.close();
    const anchored = anchorReport(document, extracted, report);
    expect(anchored.marks).toEqual([]);
    expect(anchored.unanchored).toBe(report.sources.reduce((n, source) => n + source.passages.length, 0));
  });
});
