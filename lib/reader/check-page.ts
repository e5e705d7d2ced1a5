import { anchorPassage } from '../page/anchor';
import { extractArticle, type ExtractedArticle } from '../page/extract';
import { MESSAGE_LIMITS } from '../messaging/protocol';
import type { PassageView, ReportView, SourceView } from '../messaging/protocol';
import type { Mark } from '../highlight/highlighter';
import type { MachineTranslation } from '../engine/index';

/**
 * The reader's page-side steps, DOM in and data out: extract the article for the background, then
 * anchor the report's passages back to Ranges of the live page.
 */

export interface PageArticle {
  extracted: ExtractedArticle;
  /** What is sent to the background (text capped to the protocol's limit). */
  payload: {
    text: string;
    title: string | null;
    date: string | null;
    outlet: string | null;
    url: string;
    lang: string | null;
    /** The article translated on the device, on the second ask (hints-controller.ts). */
    translation?: MachineTranslation;
  };
}

export function extractPageArticle(doc: Document, url: string): PageArticle {
  const extracted = extractArticle(doc, url);
  return {
    extracted,
    payload: {
      // Passages past the cap are simply not matched; offsets below it stay valid.
      text: extracted.text.slice(0, MESSAGE_LIMITS.articleChars),
      title: extracted.title?.slice(0, MESSAGE_LIMITS.titleChars) ?? null,
      date: extracted.published?.slice(0, 64) ?? null,
      outlet: extracted.outlet?.slice(0, MESSAGE_LIMITS.titleChars) ?? null,
      url: url.slice(0, MESSAGE_LIMITS.urlChars),
      lang: extracted.lang?.slice(0, 35) ?? null,
    },
  };
}

export interface AnchoredPassage {
  key: string;
  source: SourceView;
  passage: PassageView;
  /** Index of the passage in its source's list. */
  index: number;
}

export interface AnchoredReport {
  marks: Mark[];
  passages: Map<string, AnchoredPassage>;
  /** Passages that could not be located in the page (the page changed since extraction). */
  unanchored: number;
}

export function passageKey(statementId: string, index: number): string {
  return `${statementId}#${index}`;
}

/**
 * Turns every passage into a Range of the live page. A text range of the article shared by several
 * sources is marked once, with the best-ranked source (the report is sorted by score).
 */
export function anchorReport(doc: Document, article: ExtractedArticle, report: ReportView): AnchoredReport {
  const marks: Mark[] = [];
  const passages = new Map<string, AnchoredPassage>();
  const taken: Array<[number, number]> = [];
  let unanchored = 0;
  for (const source of report.sources) {
    source.passages.forEach((passage, index) => {
      const [start, end] = passage.article;
      if (taken.some(([s, e]) => start < e && end > s && overlapShare(start, end, s, e) > 0.5)) return;
      const range = anchorPassage(doc, article.offsetMap, start, end);
      if (!range) {
        unanchored++;
        return;
      }
      const key = passageKey(source.statementId, index);
      taken.push([start, end]);
      marks.push({ range, kind: passage.type, key });
      passages.set(key, { key, source, passage, index });
    });
  }
  // Document order, so "next passage" walks down the page.
  marks.sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
  return { marks, passages, unanchored };
}

function overlapShare(start: number, end: number, otherStart: number, otherEnd: number): number {
  const overlap = Math.min(end, otherEnd) - Math.max(start, otherStart);
  return overlap / Math.max(1, end - start);
}
