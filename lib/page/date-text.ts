/**
 * Dates as people write them on news pages: "15 November 2021", "Nov. 15, 2021", "15. listopadu 2021",
 * "15 de noviembre de 2021", "2021年11月15日", "15.11.2021", "11/15/2021", "2021-11-15".
 *
 * Month names come from the browser's own CLDR data through `Intl.DateTimeFormat` (standalone and
 * in-date forms, long and abbreviated: Russian "ноябрь" and "15 ноября", Polish "listopad" and
 * "15 listopada"), for the page's language and English, so nothing is shipped and every language the
 * browser knows is read. A month name two months share in those languages is dropped.
 *
 * Only whole dates count (day, month, year): a dateline's "March 3" without a year, or a bare year,
 * dates nothing. Results are calendar days (`YYYY-MM-DD`), as written, with no time zone.
 */

/** A day as `YYYY-MM-DD`, or null when the parts are no calendar day. */
export function calendarDay(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null; // 31 April, 30 February
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface MonthPatterns {
  /** Lowercased name → month (1–12). */
  names: Map<string, number>;
  dayMonthYear: RegExp;
  monthDayYear: RegExp;
  yearMonthDay: RegExp;
}

const monthPatternCache = new Map<string, MonthPatterns>();

/** The month names of `languages` (BCP 47 tags), with the patterns that read dates written with them. */
function monthPatterns(languages: readonly string[]): MonthPatterns {
  const key = languages.join(',');
  const cached = monthPatternCache.get(key);
  if (cached) return cached;
  const names = new Map<string, number>();
  const ambiguous = new Set<string>();
  const add = (name: string, month: number): void => {
    const cleaned = name.toLowerCase().replace(/\.$/, '').trim();
    // Digits are numeric months (Chinese "11月"), read by the numeric patterns instead.
    if (cleaned.length < 3 || /\d/.test(cleaned)) return;
    const known = names.get(cleaned);
    if (known !== undefined && known !== month) ambiguous.add(cleaned);
    else names.set(cleaned, month);
  };
  for (const language of languages) {
    let formats: Intl.DateTimeFormat[];
    try {
      formats = [
        new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' }),
        new Intl.DateTimeFormat(language, { month: 'short', timeZone: 'UTC' }),
        new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', timeZone: 'UTC' }),
        new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
      ];
    } catch {
      continue; // not a language tag the browser accepts
    }
    for (let month = 1; month <= 12; month++) {
      const date = new Date(Date.UTC(2021, month - 1, 15));
      for (const format of formats) {
        for (const part of format.formatToParts(date)) if (part.type === 'month') add(part.value, month);
      }
    }
  }
  for (const name of ambiguous) names.delete(name);
  const alternatives =
    [...names.keys()]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|') || '(?!)';
  const month = `(${alternatives})\\.?`;
  const day = '(\\d{1,2})(?:st|nd|rd|th|er|º|°)?\\.?';
  const year = '((?:19|20)\\d\\d)';
  // Short linking words: Spanish and Portuguese "de", English "of", Catalan "d'", Vietnamese "tháng".
  const link = "(?:\\s*,?\\s*(?:de|del|of|d'|tháng)?\\s*)";
  const patterns: MonthPatterns = {
    names,
    dayMonthYear: new RegExp(`(?<![\\p{L}\\d])${day}${link}${month}${link},?\\s*${year}(?!\\d)`, 'iu'),
    monthDayYear: new RegExp(`(?<![\\p{L}\\d])${month}\\s*${day},?\\s*${year}(?!\\d)`, 'iu'),
    yearMonthDay: new RegExp(`(?<![\\p{L}\\d])${year}\\.?\\s*${month}\\s*${day}(?!\\d)`, 'iu'),
  };
  monthPatternCache.set(key, patterns);
  return patterns;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `2021-11-15`, `2021/11/15`, `2021.11.15`: year first is never ambiguous. */
const YEAR_FIRST = /(?<!\d)((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/;
/** `2021年11月15日` (Chinese, Japanese), `2021년 11월 15일` (Korean). */
const EAST_ASIAN = /((?:19|20)\d\d)\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?/;
/** `15.11.2021` (day first wherever dots are used), `11/15/2021` or `15/11/2021`, `15-11-2021`. */
const DAY_OR_MONTH_FIRST = /(?<!\d)(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d\d)(?!\d)/;

/**
 * The first whole date written in `text`, as `YYYY-MM-DD`.
 *
 * @param language the page's language (BCP 47): which month names to know besides English, and how
 *   to read `11/05/2021`: month first in English (as most English-language news sites write it),
 *   day first elsewhere; a part above 12 settles it either way.
 */
export function parseDateText(text: string, language?: string | null): string | null {
  const sample = text.slice(0, 1_000);
  const found: { index: number; day: string }[] = [];
  const consider = (match: RegExpExecArray | null, toDay: (match: RegExpExecArray) => string | null): void => {
    if (!match) return;
    const day = toDay(match);
    if (day) found.push({ index: match.index, day });
  };
  consider(YEAR_FIRST.exec(sample), (m) => calendarDay(Number(m[1]), Number(m[2]), Number(m[3])));
  consider(EAST_ASIAN.exec(sample), (m) => calendarDay(Number(m[1]), Number(m[2]), Number(m[3])));
  consider(DAY_OR_MONTH_FIRST.exec(sample), (m) => {
    const first = Number(m[1]);
    const second = Number(m[3]);
    const year = Number(m[4]);
    const monthFirst = m[2] !== '.' && (first > 12 ? false : second > 12 ? true : /^en\b/i.test(language ?? 'en'));
    return monthFirst ? calendarDay(year, first, second) : calendarDay(year, second, first);
  });
  if (/\p{L}{3}/u.test(sample)) {
    const languages = [...new Set([primaryLanguage(language), 'en'].filter((tag): tag is string => Boolean(tag)))];
    const patterns = monthPatterns(languages);
    const monthOf = (name: string | undefined): number => patterns.names.get((name ?? '').toLowerCase()) ?? 0;
    consider(patterns.dayMonthYear.exec(sample), (m) => calendarDay(Number(m[3]), monthOf(m[2]), Number(m[1])));
    consider(patterns.monthDayYear.exec(sample), (m) => calendarDay(Number(m[3]), monthOf(m[1]), Number(m[2])));
    consider(patterns.yearMonthDay.exec(sample), (m) => calendarDay(Number(m[1]), monthOf(m[2]), Number(m[3])));
  }
  found.sort((a, b) => a.index - b.index);
  return found[0]?.day ?? null;
}

function primaryLanguage(language: string | null | undefined): string | null {
  const primary = language?.split(/[-_]/)[0]?.toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : null;
}
