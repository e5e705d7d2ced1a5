/**
 * The article's headline as the reader sees it.
 *
 * Readability takes the document's <title>, which carries the site's name ("… – D Magazine", "… |
 * WIRED.jp", "…：朝日新聞デジタル") and is often a search-engine headline different from the one
 * printed on the page. The page's own <h1> is the printed headline, unless it is the site's banner
 * (a logo in an <h1>: "てくろぐ", "高木浩光＠自宅の日記"). So the first <h1> with a headline's length
 * wins when it is not the site's name and not the site part of the <title>; otherwise the <title>
 * is used without the segment naming the site.
 */
import { normalizedText } from './text-map';

/** Separators between a headline and the site's name in a <title>. */
const TITLE_SEPARATOR = /\s+[|–—:\-·»/]\s+|\s*[｜：]\s*|\s+-\s*|\s*\|\s*/;

const TRAILING_SEPARATOR = /(\s+[|–—:\-·»/]|\s*[｜：|_]|\s+-)\s*$/;
const LEADING_SEPARATOR = /^\s*([|–—:\-·»/｜：_])\s*/;

/**
 * @param fallback the page's title as Readability reads it (or `<title>`)
 * @param siteName the outlet's name, when the page gives one
 */
export function readHeadline(doc: Document, fallback: string | null, siteName: string | null): string | null {
  const documentTitle = (fallback ?? doc.title ?? '').replace(/\s+/g, ' ').trim();
  const segments = documentTitle
    .split(TITLE_SEPARATOR)
    .map((segment) => segment.trim())
    .filter(Boolean);
  const site = comparable(siteName ?? '');
  const isSiteName = (text: string): boolean => {
    const key = comparable(text);
    if (!key) return true;
    if (site && (key === site || site.includes(key) || key.includes(site))) return true;
    // A segment of the <title> other than its longest one names the site or the section.
    const longest = segments.reduce((best, segment) => (segment.length > best.length ? segment : best), '');
    return segments.length > 1 && segments.some((segment) => comparable(segment) === key) && comparable(longest) !== key;
  };
  const titleWords = new Set(words(`${documentTitle} ${ogTitle(doc)}`));
  for (const heading of Array.from(doc.getElementsByTagName('h1')).slice(0, 5)) {
    const text = normalizedText(heading);
    if (!isHeadlineLength(text) || isSiteName(text)) continue;
    // A section's or a widget's <h1> ("Allergies Health Center", "Good Morning America") shares
    // little with the page's title; the article's headline shares most of its words with it.
    const headingWords = words(text);
    const shared = headingWords.filter((word) => titleWords.has(word)).length;
    if (titleWords.size > 0 && shared < headingWords.length * 0.6) continue;
    return text;
  }
  // No printed headline: the <title> without its first or last segment when that names the site.
  const first = segments[0] ?? '';
  const last = segments[segments.length - 1] ?? '';
  if (segments.length > 1 && site && comparable(last) === site) {
    return documentTitle.slice(0, documentTitle.lastIndexOf(last)).replace(TRAILING_SEPARATOR, '').trim() || documentTitle;
  }
  if (segments.length > 1 && site && comparable(first) === site) {
    return documentTitle.slice(first.length).replace(LEADING_SEPARATOR, '').trim() || documentTitle;
  }
  return documentTitle || null;
}

function ogTitle(doc: Document): string {
  return doc.querySelector('meta[property="og:title"], meta[name="og:title"]')?.getAttribute('content') ?? '';
}

/** Words, and each Han or kana character alone (those scripts do not space words). */
function words(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+/gu) ?? []
  );
}

/** A headline has a few words (or, without spaces, a few characters) and is no paragraph. */
function isHeadlineLength(text: string): boolean {
  if (text.length > 300) return false;
  return /\s\S+\s\S+/.test(text) || /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{6}/u.test(text);
}

function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
