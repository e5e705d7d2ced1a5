import type { SourceReport } from '../engine/index';
import type { ReportView } from '../messaging/protocol';

/** Longest passage text carried in a report: enough for any card or side-by-side view. */
export const PASSAGE_TEXT_LIMIT = 2000;

/**
 * The engine's report with each passage's two texts attached, so the popup and the in-page card can
 * show them without asking for the statement again.
 */
export function toReportView(
  report: SourceReport,
  articleText: string,
  statementTexts: ReadonlyMap<string, string>,
  corpusSize: number,
  checkedAt: number,
): ReportView {
  return {
    articleChars: report.articleChars,
    elapsedMs: report.elapsedMs,
    checkedAt,
    corpusSize,
    sources: report.sources.map((source) => {
      const statementText = statementTexts.get(source.statementId) ?? '';
      return {
        ...source,
        passages: source.passages.map((passage) => ({
          ...passage,
          articleText: articleText.slice(passage.article[0], passage.article[1]).slice(0, PASSAGE_TEXT_LIMIT),
          statementText: statementText.slice(passage.statement[0], passage.statement[1]).slice(0, PASSAGE_TEXT_LIMIT),
          ...(passage.parts
            ? {
                partTexts: passage.parts.map((part) => ({
                  articleText: articleText.slice(part.article[0], part.article[1]).slice(0, PASSAGE_TEXT_LIMIT),
                  statementText: statementText.slice(part.statement[0], part.statement[1]).slice(0, PASSAGE_TEXT_LIMIT),
                })),
              }
            : {}),
        })),
      };
    }),
  };
}
