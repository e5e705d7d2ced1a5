import type { ArticleInput } from '../engine/index';
import type { PassageView, ReportView, SourceView, TabStatus } from '../messaging/protocol';

/**
 * "Find the official source of this selection": the same answer as the page check for the same text.
 *
 * A selection is checked as a short article in the page's language, with the page's date and address
 * (so the time rules and the language of the page apply as they did to the page). The page's own
 * report, when the tab has one, already says where the selected passages come from, through every
 * step the page check had and a selection cannot repeat (the page's context for attribution, the
 * on-device translation): its passages that lie in the selection are answered first, so a sentence the
 * page marks as a translated quote is never "not found" when selected.
 */

/** The selection as the engine's input, with what the tab's page check knew about its page. */
export function selectionInput(text: string, status: TabStatus | undefined): ArticleInput {
  const input: ArticleInput = { text };
  const lang = status?.report?.articleLang;
  const date = status?.article?.date;
  if (lang) input.lang = lang;
  if (date) input.date = date;
  if (status?.url) input.url = status.url;
  return input;
}

/** Whitespace folded, so a selection across line breaks compares with the passage text. */
const folded = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** The page report's passages whose article text the selection holds, or that hold the selection. */
function pagePassagesIn(selection: string, page: ReportView): SourceView[] {
  const wanted = folded(selection);
  if (!wanted) return [];
  const inSelection = (passage: PassageView) => {
    const text = folded(passage.articleText);
    return text.length > 0 && (wanted.includes(text) || text.includes(wanted));
  };
  return page.sources.flatMap((source) => {
    const passages = source.passages.filter(inSelection);
    return passages.length > 0 ? [{ ...source, passages }] : [];
  });
}

/** The selection's report: the page's sources for the passages selected, then any others the selection's own check found. */
export function selectionReport(selection: string, own: ReportView, page: ReportView | undefined): ReportView {
  const fromPage = page ? pagePassagesIn(selection, page) : [];
  if (fromPage.length === 0) return own;
  const known = new Set(fromPage.map((source) => source.statementId));
  return { ...own, sources: [...fromPage, ...own.sources.filter((source) => !known.has(source.statementId))] };
}

/**
 * The toolbar count after a selection search, or undefined to leave the badge as it is. The badge
 * counts the page's sources: a tab whose page was checked keeps its count, and a search that found
 * nothing never writes one (a "0" or a cleared count the search did not compute).
 */
export function selectionBadge(report: ReportView, status: TabStatus | undefined): number | undefined {
  if (status?.report) return undefined;
  return report.sources.length > 0 ? report.sources.length : undefined;
}
