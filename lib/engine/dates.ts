import { dayNumber, NO_DATE } from './statement-index.ts';

const DAY_MS = 86_400_000;

/**
 * The days an article's date may mean: one day for a full date, every day of the month for a date
 * known only to the month ("2023-02", as pages and URLs often give it). Null when unknown; a bare
 * year counts as unknown (a prior over a whole year says nothing).
 */
export function dayRange(date: string | undefined): [number, number] | null {
  if (!date) return null;
  const month = /^\s*(\d{4})-(\d{2})\s*$/.exec(date);
  if (month) {
    const year = Number(month[1]);
    const index = Number(month[2]) - 1;
    if (index < 0 || index > 11) return null;
    return [Date.UTC(year, index, 1) / DAY_MS, Date.UTC(year, index + 1, 1) / DAY_MS - 1];
  }
  if (/^\s*\d{4}\s*$/.test(date)) return null;
  const day = dayNumber(date);
  return day === NO_DATE ? null : [day, day];
}

/**
 * Article day − statement day, for the date priors (retrieval, translations), or NaN when either is
 * unknown. For an article dated only to the month, the lag of that month closest to 0 (coverage on the
 * statement's day): the prior must not penalise what the date does not say. Read as the 1st, an
 * article of the month a statement was issued in would count as written before it.
 */
export function lagDays(article: [number, number] | null, statementDay: number): number {
  if (!article || statementDay === NO_DATE) return Number.NaN;
  return Math.min(Math.max(0, article[0] - statementDay), article[1] - statementDay);
}

/**
 * Days a statement may postdate the article and still be its source: the article's date is the
 * outlet's local day, the statement's the issuer's, and pages are dated when posted or updated.
 */
export const LATE_STATEMENT_DAYS = 1;

/**
 * The time veto: an article cannot draw on a statement issued after it. True when the statement's
 * day is more than {@link LATE_STATEMENT_DAYS} after the article's last possible day. An unknown date
 * on either side vetoes nothing.
 */
export function issuedAfter(article: [number, number] | null, statementDay: number): boolean {
  if (!article || statementDay === NO_DATE) return false;
  return statementDay > article[1] + LATE_STATEMENT_DAYS;
}

/** Whole days from the statement to the article (0 the same day), or undefined when either date is unknown. */
export function daysBefore(article: [number, number] | null, statementDay: number): number | undefined {
  const lag = lagDays(article, statementDay);
  return Number.isNaN(lag) ? undefined : lag;
}
