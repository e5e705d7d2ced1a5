/**
 * The development pages for detection and extraction, and how each page's output is scored. Shared by
 * scripts/measure-pages.ts (the figures in docs/PAGES.md) and tests/page/dev-pages.test.ts (the same
 * figures held to their targets), so both score alike.
 *
 * Two sets under ../shared/fixtures: `pages` (readability's test pages, with `expected.txt` and
 * `expected-metadata.json`; the synthetic unit-test pages are left out) and `pages-more` (other
 * projects' test pages; `label.json` carries the expected text, full or only its opening words, and
 * the metadata the origin's tests state). A page of pages-more is judged at the address it was saved
 * from (`label.url`), as the browser would see it; readability's pages carry no address and are given
 * a `file:` URL, so the detector judges the address they declare (canonical, og:url).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { detectNews } from '../lib/page/detect';
import { decodeHtmlBytes, parseHtml } from '../lib/page/dom-node';
import { extractArticle, type ExtractedArticle } from '../lib/page/extract';
import { tokenF1, tokens } from './shared/token-f1';

export const SHARED_FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/fixtures');
export const DEV_SETS = ['pages', 'pages-more'] as const;
export type DevSetName = (typeof DEV_SETS)[number];

export interface DevPage {
  set: DevSetName;
  slug: string;
  category: string;
  isNews: boolean;
  confidence: string;
  /** The repository whose test suite the page comes from (`mozilla/readability` for `pages`). */
  origin: string;
  url: string;
  html: string;
  bytes: number;
  expected: {
    title: string | null;
    byline: string | null;
    /** The publication date the page's origin states (ISO 8601). */
    published: string | null;
    text: string | null;
    /** `full`: the whole main text; `prefix`: its opening words only. */
    textKind: 'full' | 'prefix' | null;
  };
}

interface PagesMoreLabel {
  url?: string;
  is_news_article: boolean;
  category: string;
  label_confidence: string;
  body_text: string;
  body_text_kind: 'full' | 'prefix' | 'none';
  origin?: { repo?: string };
  expected_metadata?: {
    title?: string;
    author?: string | null;
    authors?: string[];
    date_published?: string | null;
    publish_date?: string | null;
  };
}

interface PagesLabel {
  is_news_article: boolean;
  category: string;
  confidence: string;
  synthetic: boolean;
}

/** Every page of one set, sorted by slug; the set is missing (empty) when ../shared is not there. */
export function loadDevSet(set: DevSetName, root = SHARED_FIXTURES): DevPage[] {
  const dir = join(root, set);
  if (!existsSync(dir)) return [];
  const pages: DevPage[] = [];
  for (const slug of readdirSync(dir).sort()) {
    const pageDir = join(dir, slug);
    if (!existsSync(join(pageDir, 'label.json')) || !existsSync(join(pageDir, 'source.html'))) continue;
    const raw = readFileSync(join(pageDir, 'source.html'));
    const html = decodeHtmlBytes(raw);
    const fileUrl = pathToFileURL(join(pageDir, 'source.html')).href;
    if (set === 'pages') {
      const label = JSON.parse(readFileSync(join(pageDir, 'label.json'), 'utf8')) as PagesLabel;
      if (label.synthetic) continue;
      const metadata = JSON.parse(readFileSync(join(pageDir, 'expected-metadata.json'), 'utf8')) as Record<string, string | null>;
      pages.push({
        set,
        slug,
        category: label.category,
        isNews: label.is_news_article,
        confidence: label.confidence,
        origin: 'mozilla/readability',
        url: fileUrl,
        html,
        bytes: raw.length,
        expected: {
          title: metadata['title'] || null,
          byline: metadata['byline'] || null,
          published: metadata['publishedTime'] || null,
          text: readFileSync(join(pageDir, 'expected.txt'), 'utf8'),
          textKind: 'full',
        },
      });
    } else {
      const label = JSON.parse(readFileSync(join(pageDir, 'label.json'), 'utf8')) as PagesMoreLabel;
      const metadata = label.expected_metadata ?? {};
      const author = metadata.author || metadata.authors?.join(', ') || null;
      pages.push({
        set,
        slug,
        category: label.category,
        isNews: label.is_news_article,
        confidence: label.label_confidence,
        origin: label.origin?.repo ?? 'unknown',
        url: label.url && /^https?:/.test(label.url) ? label.url : fileUrl,
        html,
        bytes: raw.length,
        expected: {
          title: metadata.title || null,
          byline: author,
          published: metadata.date_published || metadata.publish_date || null,
          text: label.body_text_kind === 'none' ? null : label.body_text,
          textKind: label.body_text_kind === 'none' ? null : label.body_text_kind,
        },
      });
    }
  }
  return pages;
}

export interface PageScore {
  page: DevPage;
  isNews: boolean;
  score: number;
  reasons: string[];
  article: ExtractedArticle;
  /** Token F1 against a full expected text; null without one. */
  f1: number | null;
  /** Whether the expected opening words occur in the extracted text; null without them. */
  prefixFound: boolean | null;
  /** Null when the page's date is not known. */
  date: 'exact' | 'month' | 'wrong' | 'missing' | null;
  title: boolean | null;
  byline: boolean | null;
}

/** Detection and extraction of one page, scored against what its labels expect. */
export function scorePage(page: DevPage): PageScore {
  // One document for both, as in the browser: detection only reads it, extraction reads a clone.
  const doc = parseHtml(page.html, page.url);
  const verdict = detectNews(doc, page.url);
  const article = extractArticle(doc, page.url);
  const { expected } = page;
  return {
    page,
    isNews: verdict.isNews,
    score: verdict.score,
    reasons: verdict.reasons,
    article,
    f1: expected.text !== null && expected.textKind === 'full' ? tokenF1(article.text, expected.text) : null,
    prefixFound: expected.text !== null && expected.textKind === 'prefix' ? containsTokens(article.text, expected.text) : null,
    date: expected.published ? compareDates(article.published, expected.published) : null,
    title: expected.title ? sameTitle(article.title, expected.title) : null,
    byline: expected.byline ? sameByline(article.byline, expected.byline) : null,
  };
}

export { tokenF1, tokens };

/**
 * Whether the expected opening words are in the extracted text: the longest stretch of them found
 * together, in order, covers at least half of their letters and digits. Compared without spaces and
 * punctuation, because the origins' expected texts glue neighbouring elements ("186 cmAvailable
 * Lengths", "cards.jpgCash") and Japanese has no spaces. The origins cut their openings mid-word
 * (a short last word is not compared) and kept what their own parsers read before the story, which an
 * extraction that drops it rightly lacks: a photo credit ("REUTERS/Brendan McDermid", "Photo by
 * Steve Pope/Getty Images"), a caption, the date line. A text that is another one, or that starts
 * elsewhere in the story, shares no such stretch.
 */
export function containsTokens(text: string, needle: string): boolean {
  const letters = (value: string): string =>
    value
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '');
  const trimmed = needle.trim();
  const cut = /\s\S{1,12}$/.test(trimmed) ? trimmed.replace(/\s+\S*$/, '') : trimmed;
  const wanted = letters(cut);
  if (wanted.length === 0) return false;
  const haystack = letters(text);
  // The longest substring of `wanted` in the text: for each start, the longest end that is found
  // (found is monotone in the end, so a binary search finds it).
  let best = 0;
  for (let start = 0; start < wanted.length && wanted.length - start > best; start++) {
    let low = start + best;
    let high = wanted.length;
    if (!haystack.includes(wanted.slice(start, low + 1))) continue;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (haystack.includes(wanted.slice(start, middle))) low = middle;
      else high = middle - 1;
    }
    best = Math.max(best, low - start);
  }
  return best >= Math.ceil(wanted.length * 0.5);
}

/**
 * The day a page gives against the instant its origin states. Origins state instants in UTC
 * (`2019-04-01T15:00:00.000Z` for a page dated 2 April in Tokyo), without the page's time zone, so
 * the day counts as exact when it is the day of that instant in some time zone (UTC−12 to UTC+14).
 * A month alone (`2015-08`, from an address) is no exact day, and is wrong only when it is another
 * month.
 */
export function compareDates(found: string | null, expected: string): 'exact' | 'month' | 'wrong' | 'missing' {
  if (!found) return 'missing';
  const instant = Date.parse(expected);
  if (Number.isNaN(instant)) return found.slice(0, 10) === expected.slice(0, 10) ? 'exact' : 'wrong';
  const days = new Set([expected.slice(0, 10)]);
  for (let hours = -12; hours <= 14; hours++) days.add(new Date(instant + hours * 3_600_000).toISOString().slice(0, 10));
  if (found.length === 7) return [...days].some((day) => day.startsWith(found)) ? 'month' : 'wrong';
  return days.has(found.slice(0, 10)) || (found.length > 10 && utcDay(found) === utcDay(expected)) ? 'exact' : 'wrong';
}

function utcDay(date: string): string | null {
  const time = Date.parse(date);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

function comparable(text: string): string {
  return tokens(text).join(' ');
}

/**
 * Titles match when equal, or when one is the other followed by the site's or section's name
 * ("How to Build a Terrarium | eHow", "…_科技_腾讯网"): readability's expected titles are its own
 * reading of <title>, which keeps them, while the headline printed on the page has none.
 */
function sameTitle(found: string | null, expected: string): boolean {
  if (found === null) return false;
  const [a, b] = [comparable(found), comparable(expected)].sort((x, y) => x.length - y.length) as [string, string];
  return a === b || (a.length >= 10 && b.startsWith(`${a} `));
}

/** A byline matches when every expected author's name appears in it (credits and roles around them are fine). */
function sameByline(found: string | null, expected: string): boolean {
  if (!found) return false;
  const have = ` ${comparable(found)} `;
  const names = expected
    .split(/,| and | & /)
    .map(comparable)
    .filter(Boolean);
  return names.length > 0 && names.every((name) => have.includes(` ${name.replace(/^by /, '')} `));
}
