/**
 * What a page's headline, site name and declared section say about whether it is news: statement
 * and briefing words for, and against it the headlines of how-to guides, listicles, reviews and
 * shopping pieces, a headline that speaks to the reader or as "I", a site that calls itself a blog,
 * a lifestyle, feature or advice section, and blog software's pingback address. Part of the cheap
 * check (detect.ts): it reads the <title>, the meta tags and JSON-LD already parsed, and one
 * selector over <head>.
 */
import type { JsonLdEntity } from './json-ld';
import type { MetaTags } from './meta-tags';
import type { Signal } from './url-shape';

/** Title words of official statements, in English, Russian, Azerbaijani, French, German, Spanish. */
const STATEMENT_TITLE =
  /\b(press release|statement|briefing|communiqu[eé]|remarks by|news release|joint declaration)\b|заявлени|брифинг|пресс-релиз|bəyanat|brifinq|mətbuat|pressemitteilung|comunicado/i;
/**
 * Sections of lifestyle and service desks (the whole name), and of features, magazines, advice,
 * guides, reviews and shopping (a word of it: "TV & Movies Features", "Career Tips").
 */
const LIFESTYLE_SECTION =
  /^\s*(travel|food|recipes?|lifestyle|living|humou?r|make money|personal finance|home( & garden)?)\s*$|\b(features|magazine|advice|tips|guides?|reviews?|shopping|deals|recipes?)\b/i;
/** Title openings of how-to guides and listicles ("13 Ways to …"): editorial, but not news. */
const HOW_TO_TITLE = /^(how to|how i |how we |\d{1,3} (ways|things|reasons|tips|tricks|ideas|steps|signs|best|easy|simple)\b)/i;
/**
 * A review's headline: "Review: …", "… – Review", "… hands-on", "… im Test", and the review words of
 * Italian, Spanish, German, Japanese, Chinese and Korean ("実機チェック", "使ってみた", "评测").
 * "Review" or "test" inside a headline is news ("Pentagon orders review of …", "Covid test: …"), so
 * they count only as a label: opening the headline or a part of it, before a colon or a spaced dash.
 */
const REVIEW_TITLE =
  /(^|:\s*|\s[|–—-]\s+)(review|hands[- ]on|first look|test)(:|\s[|–—-]\s)|\bhands[- ]on( review)?\s*$|\bim test\b|\b(recensione|reseña|rezension)\b|レビュー|実機|使ってみた|試してみた|評測|评测|测评|开箱|리뷰/i;
/**
 * A shopping piece's headline: deals, gift guides, buying guides. A deal is news (an arms deal, "3
 * deals signed", "top deals of the year"); "deals" counts only after a shopping word ("These Amazon
 * Deals", "Best Deals", "Prime Day Deals").
 */
const SHOPPING_TITLE = /\b(best|these|today['’]s|holiday|amazon|black friday|cyber monday|prime day) deals\b|\b(gift|buying) guides?\b|\bgift ideas\b/i;
/**
 * An English headline that speaks to the reader or as "I" ("… Your Inbox Will Ever Need", "Lessons
 * from My Mother"): service pieces, advice and personal essays. News headlines rarely do, outside a
 * quotation (quoted words are set aside).
 */
const PERSONAL_TITLE = /\b(you|your|yours|yourself|you're|you've|you'll|you’re|you’ve|you’ll|my|me|I'm|I’m|I've|I’ve)\b/i;
const QUOTED = /"[^"]*"|“[^”]*”|‘[^’]*’|«[^»]*»/g;
/** Separators between a headline and the site name in <title>. */
const TITLE_SEPARATOR = /\s+[|–—:-]\s+|_/;

/**
 * The headline's wording, and whether the site calls itself a blog. Statement and briefing words
 * mark official texts (+1.5); how-to openings mark service pieces (−2); a site named "… blog"
 * (Mozilla Hacks – the Web developer blog, Android Developers Blog) is one (−2).
 */
export function scoreTitleAndSite(doc: Document, meta: MetaTags, entities: JsonLdEntity[]): Signal[] {
  const signals: Signal[] = [];
  const title = (doc.title || meta.get('og:title') || '').slice(0, 500).trim();
  if (STATEMENT_TITLE.test(title)) signals.push({ points: 1.5, reason: 'title names a statement or briefing' });
  const headline = meta.get('og:title') ?? title.split(TITLE_SEPARATOR)[0] ?? '';
  if (HOW_TO_TITLE.test(headline)) signals.push({ points: -2, reason: 'title is a how-to guide' });
  else if (REVIEW_TITLE.test(headline)) signals.push({ points: -2, reason: 'title is a review' });
  else if (SHOPPING_TITLE.test(headline)) signals.push({ points: -2, reason: 'title is a shopping guide' });
  else if (PERSONAL_TITLE.test(headline.slice(0, 300).replace(QUOTED, ''))) signals.push({ points: -1, reason: 'title speaks to the reader or as "I"' });

  // The section the page files itself under: lifestyle, service and feature desks publish no news.
  const section = declaredSections(meta, entities).find((name) => LIFESTYLE_SECTION.test(name));
  if (section) signals.push({ points: -1.5, reason: `section is ${section}` });

  const titleParts = title.split(TITLE_SEPARATOR);
  const siteNames = [
    meta.get('og:site_name'),
    meta.get('application-name'),
    titleParts.length > 1 ? titleParts[titleParts.length - 1] : undefined,
    ...entities.filter((entity) => entity.types.includes('WebSite')).map((entity) => entity.data['name']),
  ];
  if (siteNames.some((name) => typeof name === 'string' && /\b(web)?blog/i.test(name))) {
    signals.push({ points: -2, reason: 'site calls itself a blog' });
  }
  // The pingback address of blog software (WordPress prints it where a post takes pingbacks): news
  // sites on WordPress mostly turn pingbacks off. On the dev pages 16 of 161 not-news pages declare
  // one, 5 of 197 news pages (docs/PAGES.md); weak evidence, so −1.
  if (doc.head?.querySelector('link[rel~="pingback" i]')) signals.push({ points: -1, reason: 'takes blog pingbacks' });
  return signals;
}

/**
 * The sections a page says it is filed under: OpenGraph's `article:section`, Parse.ly's and plain
 * `section` tags, and JSON-LD's `articleSection`.
 */
function declaredSections(meta: MetaTags, entities: JsonLdEntity[]): string[] {
  const sections = [meta.get('article:section'), meta.get('og:article:section'), meta.get('parsely-section'), meta.get('section')];
  for (const entity of entities.slice(0, 20)) {
    const value = entity.data['articleSection'];
    sections.push(...(Array.isArray(value) ? value.slice(0, 5) : [value]).filter((item): item is string => typeof item === 'string'));
  }
  return sections.filter((name): name is string => typeof name === 'string').map((name) => name.slice(0, 80).trim());
}
