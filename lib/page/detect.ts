/**
 * Is this page a news article (or an official statement)? The cheap check run on every page.
 *
 * No single signal can be trusted: front pages claim `og:type=article`, Medium marks every blog
 * post `NewsArticle`, and many Chinese and older news portals carry no structured metadata at all.
 * So each signal adds weighted evidence to one score, and the page is news when the score reaches
 * {@link NEWS_SCORE_THRESHOLD}. Every signal that counted is reported as a reason, with its
 * weight, so a wrong verdict can be explained and the weights revisited.
 *
 * Cost: this runs in the content script on every page. The metadata is read first (one pass over
 * <meta>, the JSON-LD scripts, the first `[itemtype]` elements). Each DOM-walking check — the
 * news-writing conventions of news-content.ts, then Readability's `isProbablyReaderable` — runs
 * only while it can still change the verdict; home pages, listings, blog platforms and clear
 * articles are settled by metadata and URL alone. Only Readability's small readerability module
 * is imported, not the 90 KB parser.
 */
import isProbablyReaderable from '@mozilla/readability/Readability-readerable.js';
import { bareType, readJsonLd, type JsonLdEntity } from './json-ld';
import { firstMeta, PUBLISHED_DATE_KEYS, readMetaTags, type MetaTags } from './meta-tags';
import { CONTENT_CHECKS } from './news-content';
import { scoreTitleAndSite } from './title-signals';
import { isOfficialHost, scoreUrlShape, type Signal } from './url-shape';

export interface NewsVerdict {
  isNews: boolean;
  /** Sum of the weighted evidence; the page is news when it reaches {@link NEWS_SCORE_THRESHOLD}. */
  score: number;
  /** Each signal that counted, with its weight, e.g. `structured data says NewsArticle (+3)`. */
  reasons: string[];
}

/**
 * Score at which a page counts as news.
 *
 * Chosen with `npm run measure:pages` over the dev pages: readability's 92 real pages and the 266
 * of pages-more (docs/PAGES.md has the sweep). News pages score from 3.5 up, most 6–10 (a news type
 * or og:type=article with a date, a dated or long URL); the not-news pages that claim to be
 * articles — Medium posts marked NewsArticle, corporate and personal blogs, how-to guides, a front
 * page with og:type=article — end at 3 or below once their platform, URL, type and readability count
 * against them, and recipes, shops, shopping guides and tutorials once their markup does
 * (news-content.ts), feature and advice sections, reviews and listicles once their address,
 * declared section or headline does. Recall comes first: a page wrongly taken for news costs one
 * local check that finds nothing, a news page missed shows the reader nothing. On both sets, at
 * 3.5: precision 0.88, recall 0.98 (pages-more alone 0.986; readability's pages 1.00 / 0.96); at 4:
 * 0.88 / 0.95; at 3: 0.87 / 0.98. What is still taken for news is mostly magazine features,
 * profiles, essays and company blogs, whose metadata, address and markup are a news story's, in the
 * same amounts: telling them apart needs the meaning of the text. Text measures tried on the
 * extracted article (first- and second-person rates, attribution verbs, headings per paragraph,
 * image counts) overlap with news on the dev pages; and weights fitted to the signals (a logistic
 * regression, docs/PAGES.md) reach 0.92 on the pages they are fitted to but fall below these
 * hand-set weights on the other set.
 */
export const NEWS_SCORE_THRESHOLD = 3.5;

/**
 * Readability's verdict: a readerable page gains a little; a page Readability would not even try
 * to read loses some, but never so much that it alone throws out a page with news metadata
 * (og:type=article with a date and a NewsArticle type score 5.5, 3.5 once found not readerable,
 * which a dated address or a dateline lifts back). Script-built pages and East Asian portals with
 * short paragraphs fail the check while being news: at −3, six Chinese and Japanese news pages of
 * pages-more were lost to it; −2 lost none of the not-news pages that −3 kept out.
 */
const READERABLE_POINTS = 1;
const NOT_READERABLE_POINTS = -2;

/** schema.org types that are news articles outright. */
const NEWS_TYPES = new Set([
  'NewsArticle',
  'ReportageNewsArticle',
  'AnalysisNewsArticle',
  'BackgroundNewsArticle',
  'OpinionNewsArticle',
  'ReviewNewsArticle',
  'AskPublicAffairsArticle',
  // News sites' live coverage; blogs do not use it.
  'LiveBlogPosting',
]);
/** Types that are articles when someone (an outlet, an agency) publishes them. */
const ARTICLE_TYPES = new Set(['Article', 'Report', 'ScholarlyArticle', 'SpecialAnnouncement']);
/** Personal or social posts: articles in form, rarely news. */
const POSTING_TYPES = new Set(['BlogPosting', 'SocialMediaPosting', 'DiscussionForumPosting', 'Blog']);
/** Pages whose main content is a recipe or instructions, whatever article type they also claim. */
const SERVICE_TYPES = new Set(['Recipe', 'HowTo']);
/** Pages that list or describe many things rather than being one article. */
const LISTING_TYPES = new Set(['CollectionPage', 'ItemList', 'SearchResultsPage', 'ProfilePage', 'Product']);

export interface DetectOptions {
  /**
   * Run every check even when the verdict is already settled. Only for measurement (threshold
   * sweeps need full scores); the verdict is the same either way.
   */
  exhaustive?: boolean;
}

/**
 * @param doc the page, read only
 * @param url the page's address; when it is not a web address (a saved file, `about:blank`), the
 *   address the page declares for itself is judged instead
 */
export function detectNews(doc: Document = document, url: URL | string = location.href, options: DetectOptions = {}): NewsVerdict {
  const signals: Signal[] = [];
  const meta = readMetaTags(doc);
  const entities = readJsonLd(doc);

  signals.push(...scoreAddress(doc, meta, entities, url));
  signals.push(...scoreStructuredData(entities, readMicrodataTypes(doc)));
  signals.push(...scoreMetaTags(meta));
  signals.push(...scoreTitleAndSite(doc, meta, entities));

  runDomChecks(doc, signals, options.exhaustive === true);
  const score = Math.round(sum(signals) * 100) / 100;
  return {
    isNews: score >= NEWS_SCORE_THRESHOLD,
    score,
    reasons: signals.map(({ points, reason }) => `${reason} (${points > 0 ? '+' : ''}${points})`),
  };
}

/**
 * The checks that walk the DOM, run only while they can still change the verdict. The score is a
 * sum, so the order is free: the cheap content checks go first, and Readability's
 * `isProbablyReaderable` (the costliest: it reads the text of every paragraph until it is
 * convinced) runs last, and only when its ±points would decide. On most pages — clear articles,
 * and pages without article signals — it never runs.
 */
function runDomChecks(doc: Document, signals: Signal[], exhaustive: boolean): void {
  let gains = CONTENT_CHECKS.reduce((total, check) => total + Math.max(0, check.points), 0);
  let losses = CONTENT_CHECKS.reduce((total, check) => total + Math.min(0, check.points), 0);
  const settled = (score: number): boolean =>
    score + losses + NOT_READERABLE_POINTS >= NEWS_SCORE_THRESHOLD || score + gains + READERABLE_POINTS < NEWS_SCORE_THRESHOLD;
  for (const check of CONTENT_CHECKS) {
    if (!exhaustive && settled(sum(signals))) break;
    if (check.points > 0) gains -= check.points;
    else losses -= check.points;
    if (check.test(doc)) signals.push({ points: check.points, reason: check.reason });
  }
  gains = losses = 0;
  if (!exhaustive && settled(sum(signals))) return;
  if (isProbablyReaderable(doc, readerableOptions(doc))) {
    signals.push({ points: READERABLE_POINTS, reason: 'readerable' });
  } else {
    signals.push({ points: NOT_READERABLE_POINTS, reason: 'not readerable' });
  }
}

/**
 * Readability counts a paragraph from 140 characters, which suits alphabetic text. Chinese, Japanese
 * and Korean say as much in about a third of the characters, so their news paragraphs fell short and
 * whole Chinese portals' stories were "not readerable"; for them the bar is 50 characters.
 */
function readerableOptions(doc: Document): { minContentLength?: number } {
  const lang = doc.documentElement?.getAttribute('lang') ?? '';
  const eastAsian =
    /^(zh|ja|ko)\b/i.test(lang) || (!lang && /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{4}/u.test(doc.title ?? ''));
  return eastAsian ? { minContentLength: 50 } : {};
}

function sum(signals: Signal[]): number {
  return signals.reduce((total, signal) => total + signal.points, 0);
}

/**
 * The URL's shape. The page's own address is judged when it is a web address. Otherwise (a saved
 * file, `about:blank`, the CLI without --url) the address the page declares for itself is judged,
 * except that a declared listing or section front does not count against the page: syndicating
 * portals often declare the section as the canonical address of every story they carry.
 */
function scoreAddress(doc: Document, meta: MetaTags, entities: JsonLdEntity[], url: URL | string): Signal[] {
  const given = toWebUrl(url);
  if (given) return scoreUrlShape(given);
  const article = entities.find((entity) => entity.types.some((type) => NEWS_TYPES.has(type) || ARTICLE_TYPES.has(type)));
  const declared = [
    doc.querySelector('link[rel~="canonical"]')?.getAttribute('href'),
    meta.get('og:url'),
    typeof article?.data['url'] === 'string' ? article.data['url'] : undefined,
    doc.querySelector('link[rel="alternate"][media]')?.getAttribute('href'),
  ];
  for (const candidate of declared) {
    const web = toWebUrl(candidate);
    if (!web) continue;
    return scoreUrlShape(web).filter((signal) => !/listing|section front/.test(signal.reason));
  }
  return [];
}

function toWebUrl(url: URL | string | null | undefined): URL | undefined {
  if (!url) return undefined;
  try {
    const parsed = typeof url === 'string' ? new URL(url.slice(0, 4_000).trim(), 'http://invalid.invalid') : url;
    if (!/^https?:$/.test(parsed.protocol) || parsed.hostname === 'invalid.invalid') return undefined;
    return parsed;
  } catch {
    return undefined;
  }
}

function readMicrodataTypes(doc: Document): string[] {
  const types: string[] = [];
  for (const element of Array.from(doc.querySelectorAll('[itemtype]')).slice(0, 200)) {
    for (const type of (element.getAttribute('itemtype') ?? '').slice(0, 500).split(/\s+/)) {
      if (type) types.push(bareType(type));
    }
  }
  return types;
}

/**
 * schema.org types, from JSON-LD and microdata. A news type is the strongest single claim (+3) but
 * never enough alone: Medium marks every post NewsArticle, which the platform signal (−5) cancels.
 * An Article counts +2 only with an outlet as publisher (Wikipedia's Article has one, but its
 * /wiki/ address costs −3), +1 without. Posting types lean against (−1.5, mild because WordPress
 * themes mark news posts BlogPosting too); a listing type without any article type is a front
 * page or index (−3).
 */
function scoreStructuredData(entities: JsonLdEntity[], microdataTypes: string[]): Signal[] {
  const signals: Signal[] = [];
  const jsonLdTypes = entities.flatMap((entity) => entity.types);
  const allTypes = [...jsonLdTypes, ...microdataTypes];
  const newsType = allTypes.find((type) => NEWS_TYPES.has(type));
  const publishedArticle = entities.find((entity) => entity.types.some((type) => ARTICLE_TYPES.has(type)) && hasOutletPublisher(entity.data));
  if (newsType) {
    signals.push({ points: 3, reason: `structured data says ${newsType}` });
  } else if (publishedArticle) {
    signals.push({ points: 2, reason: `structured data says ${publishedArticle.types.join('/')} with a publisher` });
  } else if (allTypes.some((type) => ARTICLE_TYPES.has(type))) {
    signals.push({ points: 1, reason: 'structured data says Article' });
  }
  // Only −1.5: WordPress themes mark every post BlogPosting, news sites on WordPress included.
  const postingType = allTypes.find((type) => POSTING_TYPES.has(type));
  if (postingType && !newsType) signals.push({ points: -1.5, reason: `structured data says ${postingType}` });
  const selfPublished = entities.find((entity) => entity.types.some((type) => ARTICLE_TYPES.has(type) || NEWS_TYPES.has(type)) && isSelfPublished(entity.data));
  if (selfPublished) signals.push({ points: -2, reason: 'publisher is the author (a personal site)' });
  const hasArticleType = newsType || allTypes.some((type) => ARTICLE_TYPES.has(type) || POSTING_TYPES.has(type));
  // A recipe published as a NewsArticle (a newspaper's food section) is still a recipe.
  const serviceType = allTypes.find((type) => SERVICE_TYPES.has(type));
  if (serviceType) signals.push({ points: -3, reason: `structured data says ${serviceType}` });
  const listingType = jsonLdTypes.find((type) => LISTING_TYPES.has(type));
  if (listingType && !hasArticleType) signals.push({ points: -3, reason: `structured data says ${listingType}` });
  return signals;
}

/** Whether an article names an outlet (not a person) as its publisher. */
function hasOutletPublisher(data: Record<string, unknown>): boolean {
  const publisher = first(data['publisher'] ?? data['sourceOrganization']);
  if (typeof publisher === 'string') return publisher.trim().length > 0;
  if (!publisher || typeof publisher !== 'object') return false;
  return (publisher as Record<string, unknown>)['@type'] !== 'Person' && !isSelfPublished(data);
}

/**
 * A personal site: the "publisher" organisation has the author's own name. An author that is itself
 * an organisation (BBC News Burmese credits "BBC News မြန်မာ" for both) is an outlet's staff credit.
 */
function isSelfPublished(data: Record<string, unknown>): boolean {
  const author = first(data['author']);
  if (author && typeof author === 'object' && /Organization$/.test(String((author as Record<string, unknown>)['@type'] ?? ''))) return false;
  const publisherName = nameOf(first(data['publisher']));
  const authorName = nameOf(author);
  return publisherName !== '' && publisherName === authorName;
}

function nameOf(value: unknown): string {
  if (typeof value === 'string') return value.trim().toLowerCase();
  if (value && typeof value === 'object') {
    const name = (value as Record<string, unknown>)['name'];
    if (typeof name === 'string') return name.trim().toLowerCase();
  }
  return '';
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * OpenGraph, dates, Google News, Highwire and Dublin Core. og:type=article alone is weak (+1:
 * blogs, how-to sites and front pages send it); with article:published_time it describes a dated
 * article (+1.5 more). Any other declared publication date counts +1 (the bare `publishdate` of
 * Chinese portals carrying no OpenGraph at all). `news_keywords` is Google News' own tag (+1.5).
 * og:types other than article and website (product, profile, video, a Tumblr entry) count −1.
 */
function scoreMetaTags(meta: MetaTags): Signal[] {
  const signals: Signal[] = [];
  const ogType = meta.get('og:type')?.toLowerCase();
  const publishedTime = meta.get('article:published_time') ?? meta.get('og:published_time');
  if (ogType === 'article') {
    signals.push({ points: 1, reason: 'og:type is article' });
    if (publishedTime) signals.push({ points: 1.5, reason: 'article:published_time is set' });
  } else if (ogType && ogType !== 'website') {
    signals.push({ points: -1, reason: `og:type is ${ogType.slice(0, 40)}` });
  }
  if (!(ogType === 'article' && publishedTime) && firstMeta(meta, PUBLISHED_DATE_KEYS)) {
    signals.push({ points: 1, reason: 'a publication date is declared' });
  }
  // Google News' own tag: only sites that submit to Google News bother with it.
  if (meta.has('news_keywords')) signals.push({ points: 1.5, reason: 'news_keywords is set' });
  // Google Scholar's tags: a scholarly paper or preprint, not a news story.
  if (meta.has('citation_title') && (meta.has('citation_publication_date') || meta.has('citation_date'))) {
    signals.push({ points: -2, reason: 'scholarly citation metadata (a paper)' });
  }
  if (/text|article|news|press/i.test(meta.get('dc.type') ?? meta.get('dcterms.type') ?? '')) {
    signals.push({ points: 1, reason: 'Dublin Core type is text' });
  }
  const publisher = firstMeta(meta, ['dc.publisher', 'dcterms.publisher', 'citation_publisher', 'article:publisher']);
  if (publisher && isOfficialPublisher(publisher)) signals.push({ points: 1.5, reason: 'published by an official body' });
  return signals;
}

function isOfficialPublisher(publisher: string): boolean {
  if (/\b(ministry|government|embassy|department of|office of the|president|parliament|senate)\b/i.test(publisher)) {
    return true;
  }
  try {
    return isOfficialHost(new URL(publisher).hostname);
  } catch {
    return false;
  }
}
