/**
 * When an article was published, and when it was last modified.
 *
 * The publication date is what the engine's time rule needs (a statement issued after the article
 * cannot be its source), so a wrong date is worse than none. The sources are tried from the most
 * deliberate to the most guessed, in the order adbar/htmldate found reliable (its ideas, not its
 * code):
 *
 * 1. structured data the publisher wrote for machines: JSON-LD (`datePublished` of the article,
 *    wherever it sits: arrays, `@graph`, `mainEntity`), microdata (`itemprop=datePublished`), and
 *    the meta tags of OpenGraph, Dublin Core, Highwire, Parse.ly, Sailthru and home-grown CMSes;
 * 2. a date in the address path (`/2021/11/15/slug`, `/2021-11-15-slug`), which CMSes set once, at
 *    publication;
 * 3. a `<time datetime>` in the article's header;
 * 4. a date written in the dateline or byline, in the page's language (date-text.ts);
 * 5. a compact date in the address (`-20211115.html`, `?date=`), then a month alone (`/2021/11/`).
 *
 * Readability's own guess comes last. Dates inside comments, related-links lists, sidebars and
 * footers are never read: they date other texts. A published date never falls back to the modified
 * one, and a date after tomorrow, or before 1990, is refused as no publication date.
 */
import { calendarDay, parseDateText } from './date-text';
import type { JsonLdEntity } from './json-ld';
import { firstMeta, MODIFIED_DATE_KEYS, PUBLISHED_DATE_KEYS, type MetaTags } from './meta-tags';
import { leadingText } from './news-content';
import { inOtherText } from './other-text';
import { dateFromUrl } from './url-shape';

export interface ArticleDates {
  /** ISO 8601 date or date-time as the page gives it (offset kept), or `YYYY-MM` from an address. */
  published: string | null;
  modified: string | null;
}

/** schema.org types whose `datePublished` dates the page's own text. */
const ARTICLE_TYPE = /Article$|^Report$|Posting$|^(WebPage|ItemPage|AboutPage|SpecialAnnouncement|Event|Claim|Review|Recipe)$/;
/** Pages older than this are no news to a reader, and earlier "dates" are ids or placeholders. */
const EARLIEST = Date.UTC(1990, 0, 1);
/** Time and date-marked elements read at most: the header is near the top of the page. */
const MAX_TIME_ELEMENTS = 40;
const MAX_DATED_ELEMENTS = 60;
/** Class, id or itemprop words of elements that hold the article's date or byline. */
const DATE_MARK = /date|time|publish|posted|byline|dateline|meta|stamp|author|info/i;
const MODIFIED_MARK = /updat|modif|edit|revis/i;

export interface DateSources {
  meta: MetaTags;
  entities: JsonLdEntity[];
  /** The page's address (for a saved page, the address it declares). */
  url: URL | undefined;
  lang: string | null;
  /** Readability's `publishedTime`, the last resort. */
  guess?: string | null | undefined;
  /** Upper bound for a publication date (ms since the epoch); tomorrow by default. */
  latest?: number;
}

export function readArticleDates(doc: Document, sources: DateSources): ArticleDates {
  const latest = sources.latest ?? Date.now() + 86_400_000;
  const plausible = (value: string | null | undefined): string | null => {
    const date = toIsoDate(value);
    if (!date) return null;
    const time = Date.parse(date.length === 7 ? `${date}-01` : date.slice(0, 10));
    return time >= EARLIEST && time <= latest ? date : null;
  };
  const dated = sources.entities.filter((entity) => entity.types.some((type) => ARTICLE_TYPE.test(type)));
  // An article type before a WebPage: the WebPage's date is the page's, often the same, sometimes a redesign's.
  dated.sort((a, b) => webPageRank(a) - webPageRank(b));
  const fromJsonLd = (key: string): string | null => {
    for (const entity of dated) {
      const date = plausible(stringOf(entity.data[key]));
      if (date) return date;
    }
    return null;
  };
  const urlDate = sources.url ? dateFromUrl(sources.url, latest) : null;
  const pathDate = sources.url && urlDate && urlDate.length === 10 && isPathDate(sources.url) ? urlDate : null;

  const published =
    fromJsonLd('datePublished') ??
    plausible(firstMeta(sources.meta, PUBLISHED_DATE_KEYS)) ??
    plausible(parselyDate(sources.meta)) ??
    plausible(microdataDate(doc, 'datePublished')) ??
    fromJsonLd('dateCreated') ??
    pathDate ??
    plausible(headerTimeDate(doc)) ??
    plausible(writtenDate(doc, sources.lang)) ??
    (urlDate && urlDate.length === 10 ? urlDate : null) ??
    plausible(sources.guess) ??
    urlDate;
  const modified = fromJsonLd('dateModified') ?? plausible(firstMeta(sources.meta, MODIFIED_DATE_KEYS)) ?? plausible(microdataDate(doc, 'dateModified'));
  return { published, modified };
}

/** The article's headline: the first <h1>. */
function headlineOf(doc: Document): Element | undefined {
  return doc.getElementsByTagName('h1')[0];
}

function webPageRank(entity: JsonLdEntity): number {
  return entity.types.some((type) => /Article$|^Report$|Posting$/.test(type)) ? 0 : 1;
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return stringOf(value[0]);
  if (value && typeof value === 'object') return stringOf((value as Record<string, unknown>)['@value']);
  return undefined;
}

/** Whether the address's date is a path date (`/2021/11/15/`, `/2021-11-15-slug`), not a compact number. */
function isPathDate(url: URL): boolean {
  return /\/(19|20)\d\d\/\d\d?\/\d\d?(\/|$)|\/\d\d?\/\d\d?\/(19|20)\d\d(\/|$)|(19|20)\d\d[-_]\d\d[-_]\d\d/.test(url.pathname);
}

/** Parse.ly's `parsely-page` meta tag: a JSON object with `pub_date`. */
function parselyDate(meta: MetaTags): string | undefined {
  const page = meta.get('parsely-page');
  if (!page) return undefined;
  try {
    const data = JSON.parse(page) as Record<string, unknown>;
    return typeof data['pub_date'] === 'string' ? data['pub_date'] : undefined;
  } catch {
    return undefined;
  }
}

/** Microdata on an element other than <meta> (those are in the meta tags): `<time itemprop=datePublished>`, `<span itemprop=…>`. */
function microdataDate(doc: Document, property: string): string | undefined {
  for (const element of Array.from(doc.querySelectorAll(`[itemprop~="${property}"]`)).slice(0, 10)) {
    if (element.tagName.toUpperCase() === 'META' || inOtherTextThan(element, headlineOf(doc))) continue;
    const value = element.getAttribute('content') ?? element.getAttribute('datetime') ?? leadingText(element, 100);
    if (value.trim()) return value;
  }
  return undefined;
}

/**
 * The first `<time>` of the article's header: one marked as the publication time (`pubdate`, a
 * publish/posted class) if any, else the first one outside comments, related lists and sidebars,
 * unless it is marked as an update.
 */
function headerTimeDate(doc: Document): string | undefined {
  const times = Array.from(doc.getElementsByTagName('time')).slice(0, MAX_TIME_ELEMENTS);
  const headline = headlineOf(doc);
  let first: string | undefined;
  for (const time of times) {
    const value = time.getAttribute('datetime') || leadingText(time, 100);
    if (!value.trim() || inOtherTextThan(time, headline)) continue;
    const marks = `${time.className} ${time.parentElement?.className ?? ''} ${time.getAttribute('itemprop') ?? ''}`;
    if (time.hasAttribute('pubdate') || /publish|posted|created/i.test(marks)) return value;
    if (!first && !MODIFIED_MARK.test(marks)) first = value;
  }
  return first;
}

/**
 * A date written out in the byline or dateline: in the elements after the headline, then in
 * elements whose class, id or itemprop marks a date, a byline or the article's meta line. An
 * element marked as an update is skipped, since "Updated 3 May" is not when the article appeared.
 */
function writtenDate(doc: Document, lang: string | null): string | null {
  const candidates: Element[] = [];
  const headline = headlineOf(doc);
  if (headline) {
    let visited = 0;
    for (let ancestor: Element | null = headline; ancestor && visited < 8; ancestor = ancestor.parentElement) {
      for (let sibling = ancestor.nextElementSibling; sibling && visited < 8; sibling = sibling.nextElementSibling) {
        visited++;
        candidates.push(sibling);
      }
    }
  }
  const marked = doc.querySelectorAll('[class], [id], [itemprop]');
  let count = 0;
  for (let index = 0; index < marked.length && count < MAX_DATED_ELEMENTS; index++) {
    const element = marked[index] as Element;
    const marks = `${element.getAttribute('class') ?? ''} ${element.id} ${element.getAttribute('itemprop') ?? ''}`;
    if (!DATE_MARK.test(marks)) continue;
    count++;
    candidates.push(element);
  }
  for (const element of candidates) {
    const marks = `${element.getAttribute('class') ?? ''} ${element.id}`;
    if (MODIFIED_MARK.test(marks) || inOtherTextThan(element, headline)) continue;
    const date = parseDateText(leadingText(element, 300), lang);
    if (date) return date;
  }
  return null;
}

/** In a comment, a related list, a sidebar: below the container that holds the headline (other-text.ts). */
function inOtherTextThan(element: Element, headline: Element | undefined): boolean {
  return inOtherText(element, (ancestor) => headline !== undefined && ancestor.contains(headline));
}

/**
 * An ISO 8601 date or date-time. Values already in ISO form are kept as written (a date stays a
 * date, an offset stays an offset); `2021/11/15 10:00` and `20211115` become ISO as written, with no
 * time zone invented; a date-time with an explicit zone in another form (`Tue, 03 Jan 2019 02:00:02
 * GMT`) becomes UTC; a date written in words ("December 15, 2016") becomes its day.
 */
export function toIsoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim().slice(0, 100);
  const isoLike = trimmed.replace(/^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})/, '$1T$2').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (/^\d{4}-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?$/.test(isoLike)) {
    const [year, month, day] = isoLike.slice(0, 10).split('-').map(Number);
    if (day !== undefined && !calendarDay(year ?? 0, month ?? 0, day)) return null;
    return Number.isNaN(Date.parse(isoLike)) ? null : isoLike;
  }
  const numeric = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(trimmed);
  if (numeric) {
    const [, year, month, day, hour, minute, second] = numeric;
    const date = calendarDay(Number(year), Number(month), Number(day));
    if (!date) return null;
    return hour ? `${date}T${hour.padStart(2, '0')}:${minute}${second ? `:${second}` : ''}` : date;
  }
  const compact = /^((?:19|20)\d\d)(\d\d)(\d\d)$/.exec(trimmed);
  if (compact) return calendarDay(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  if (/\b(GMT|UTC|Z|[ECMP][SD]T)\b|[+-]\d{2}:?\d{2}\s*$/.test(trimmed)) {
    const parsed = Date.parse(trimmed);
    if (!Number.isNaN(parsed)) return new Date(parsed).toISOString();
  }
  if (/^\d{9,13}$/.test(trimmed)) {
    // A Unix time in seconds or milliseconds, as some CMSes write it.
    const time = Number(trimmed) * (trimmed.length <= 10 ? 1000 : 1);
    return new Date(time).toISOString();
  }
  return parseDateText(trimmed, 'en');
}
