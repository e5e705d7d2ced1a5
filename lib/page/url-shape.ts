/**
 * What a URL's shape says about whether it addresses one article.
 *
 * News CMSes give articles long, specific addresses: a date (`/2015/03/18/`), a section such as
 * `/news/`, a slug of many words, a numeric story id. Pages that are not single articles have
 * short or generic ones: the home page, search, tag, category and author listings. Blogging and
 * wiki platforms have recognisable shapes too. The weights are added to the detector's score;
 * see detect.ts for how they were chosen.
 */

/** One piece of evidence: its weight, and why it counted. */
export interface Signal {
  points: number;
  reason: string;
}

/** A list, not an article: home, search, tag, category, author and pagination pages. */
const LISTING_SEGMENT = /^(search|tags?|topics?|category|categories|section|sections|authors?|archives?|page|latest|home)$/i;
/** An index file that is the whole path (`/index.html`) is a home page; after a slug it is a story. */
const INDEX_FILE = /^(index|default|home)\.\w{2,5}$/i;
/** Sections that hold news stories, in the languages of our users and of the test pages. */
const NEWS_SEGMENT =
  /^(news|article|articles|story|stories|meldung|meldungen|nachrichten|aktuell|aktuelles|noticias?|noticia|notizie|nieuws|nyheter|nyheder|uutiset|wiadomosci|zpravy|zinas|actualites?|actualidad|novosti|xeberler|haber|haberler|politics|world|business|economy|press|mediacenter|media-centre|newsroom)$/i;
/**
 * Sections that publish no news, in the languages of the test pages: service and lifestyle desks
 * (recipes, food, travel, humour, reviews, deals), feature sections, advice columns and guides, and
 * the "insights" of company sites (content marketing). Not `/magazine/`: a magazine's own site files
 * its reporting there too (Prospect's news pages in pages-more); a page's declared section
 * "Magazine" counts in detect.ts.
 */
const SERVICE_SEGMENT =
  /^(recipes?|rezepte?|recettes?|recetas?|receitas?|ricette?|recepten|food|travel|lifestyle|living|humou?r|reviews?|deals|shopping|gift-guides?|horoscopes?|quiz(zes)?|lyrics|features|advice|tips|guides?|insights)$|^(receita|receta|ricetta|rezept|recette)[-_]|[-_](recipe|receita|receta|ricetta|rezept|recette)$/i;
/**
 * A folder (not the story's own slug: `review-finds-…` is news) that starts with an advice, review or
 * guide word: `/advice-for-actors/`, `/reviews-and-ratings/`, `/tips-and-tricks/`.
 */
const SERVICE_FOLDER = /^(reviews?|advice|tips|guides?)[-_]/i;
/**
 * A listicle's slug, `13-ways-to-…`, `10-best-…`, also after a numeric id (`194709-13-ways-to-…`): the
 * same openings as a listicle headline (detect.ts).
 */
const LISTICLE_SLUG = /(^|[-_])\d{1,3}[-_](ways|things|reasons|tips|tricks|ideas|steps|signs|best|easy|simple)[-_]/i;
/** Personal publishing: blogs, diaries, user handles (`/@name`), wikis, fiction and forums. */
const PERSONAL_OR_REFERENCE_SEGMENT = /^(blog|blogs|diary|wiki|fiction|chapter|forum|forums|thread|threads|docs|documentation|manual)$/i;
/** Hosts of self-publishing platforms: their posts claim `NewsArticle` but are blog posts. */
const SELF_PUBLISHING_HOST =
  /(^|\.)(medium\.com|substack\.com|blogspot\.[a-z.]+|wordpress\.com|tumblr\.com|livejournal\.com|ghost\.io|dev\.to|hashnode\.dev)$/i;
/** Press-release and briefing paths on official sites. */
const STATEMENT_PATH =
  /(press[-_ ]?releases?|news[-_ ]?releases?|media[-_ ]?releases?|statements?|briefings?|speeches|remarks|communiques?|pressemitteilung\w*|press-?service|press-?center|press-?centre|pressroom)/i;
/**
 * Hosts of governments and official bodies: `.gov`, `.gov.uk`, `.gouv.fr`, `.go.jp`, `.mil`, `.int`,
 * EU institutions, and ministries and presidencies on their own country domain (`mfa.am`,
 * `mid.ru`, `president.az`).
 */
const OFFICIAL_HOST =
  /(^|\.)((gov|gob|gouv|govt|mil)(\.[a-z]{2})?|go\.(jp|kr|id|th|ke|tz|ug)|gv\.at|admin\.ch|int|europa\.eu|(mfa|mod|mofa|mid|mil|president|kremlin|government|parliament|ministry)\.[a-z]{2})$/i;

/**
 * `/2015/03/18/`, `/2015/03/`, day first `/14/07/2020/`, and the month-then-day folders of Chinese
 * portals: `/202311/17/`, `/2023-11/17/`, and a month alone, `/201903/`.
 */
const DATED_PATH =
  /(^|\/)(19|20)\d\d\/(0?[1-9]|1[0-2])(\/|$)|(^|\/)(19|20)\d\d\/[^/]+\/(0?[1-9]|1[0-2])\/(0?[1-9]|[12]\d|3[01])\/|(^|\/)(0?[1-9]|[12]\d|3[01])\/(0?[1-9]|1[0-2])\/(19|20)\d\d(\/|$)|(^|\/)(19|20)\d\d-?(0[1-9]|1[0-2])(\/|$)/;
/** `20170309` in a path or query: a story's date in many CMS ids. */
const COMPACT_DATE = /(^|[^\d])(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])([^\d]|$)/;

/**
 * Weights: a home page (−4) outweighs any metadata a front page can claim short of a full article
 * set; a listing (−3) or section front (−2) nearly so. A date in the path (+2) is the strongest
 * positive — blogs use it too, but with a `/blog/` segment (−3) or on a platform host (−5, the
 * counterweight to Medium's NewsArticle claim). A news section, a long slug (+1 each) and a
 * numeric id (+0.5) add up for CMSes without dates. An official host (+2) and a press-release
 * path (+1.5) carry government statements, which often have no article metadata at all.
 */
export function scoreUrlShape(url: URL): Signal[] {
  const signals: Signal[] = [];
  const add = (points: number, reason: string): void => {
    signals.push({ points, reason });
  };
  const segments = url.pathname.split('/').filter(Boolean).map(safeDecode);
  const host = url.hostname.toLowerCase();

  const atRoot = segments.length === 0 || (segments.length === 1 && INDEX_FILE.test(segments[0] ?? ''));
  // `/?utm_source=…` is still the home page; `/?p=123` (WordPress) or `/?id=…` is a story.
  // forEach, not [...keys()]: in Firefox content scripts the URLSearchParams iterator is not iterable
  // across the Xray boundary ("keys() is not iterable").
  const queryKeys: string[] = [];
  url.searchParams.forEach((_value, key) => queryKeys.push(key));
  const onlyTrackingQuery = queryKeys.every((key) => /^(utm_\w+|ref|fbclid|gclid|from|src|s?share)$/i.test(key));
  if (atRoot && onlyTrackingQuery) {
    add(-4, 'url is a home page');
    return signals;
  }
  const last = segments[segments.length - 1] ?? '';
  const slugWords = last
    .replace(/\.\w{2,5}$/, '')
    .split(/[-_+]+/)
    .filter((word) => /\p{L}/u.test(word));
  const hasDate = DATED_PATH.test(url.pathname) || COMPACT_DATE.test(url.pathname + url.search);
  // Five words, or three long ones: German and Dutch compounds say in three words what English says in five.
  const longSlug = slugWords.length >= 5 || (slugWords.length >= 3 && slugWords.join('').replace(/[^\p{L}]/gu, '').length >= 30);
  const inNewsSection = segments.slice(0, -1).some((segment) => NEWS_SEGMENT.test(segment));
  // `/archives/news/<long slug>` is a story filed under a listing, not the listing itself.
  const endsInStory = hasDate || longSlug || /\d{5,}/.test(last);
  // `?page=2` paginates a listing; `?page=news_item&px=…` (a CMS's router) names an article.
  if (!endsInStory && (segments.some((segment) => LISTING_SEGMENT.test(segment)) || /[?&](q|s|query|search|tag)=|[?&]page=\d/i.test(url.search))) {
    add(-3, 'url is a listing (search, tag, category, author)');
  } else if (segments.length === 1 && NEWS_SEGMENT.test(last)) {
    add(-2, 'url is a section front');
  }

  if (hasDate) add(2, 'url has a date');
  if (inNewsSection) add(1, 'url is in a news section');
  if (longSlug) add(1, 'url has a long slug');
  // `/123456789-slug`, and in a news section a shorter id alone: `/articles/38282.html`.
  if (/\d{6,}/.test(url.pathname) || (inNewsSection && /^\d{4,}(\.\w{2,5})?$/.test(last))) add(0.5, 'url has a numeric id');
  // `/story?id=44233864`, `/article.html?oid=8976`: a story addressed by its id in the query; and a
  // CMS router's query naming the story (`scan.php?page=news_item&px=…`).
  const storyQuery = /[?&]\w*id=\d{3,}/i.test(url.search) && NEWS_SEGMENT.test(last.replace(/\.\w{2,5}$/, ''));
  if (storyQuery || /[?&]\w+=(news|article|story)[-_]?(item|detail|view)?&\w+=[^&]{3,}/i.test(url.search)) add(1.5, 'url is a story id');
  // `/about`, `/pricing`, `/contact-us`: site pages. (Many small news sites put stories at the
  // root too, but with longer slugs.)
  if (segments.length === 1 && slugWords.length <= 2 && !/\d/.test(last) && !url.search && !NEWS_SEGMENT.test(last)) {
    add(-1, 'url is a short top-level page');
  }

  if (SELF_PUBLISHING_HOST.test(host) || segments.some((segment) => segment.startsWith('@'))) {
    add(-5, 'url is on a self-publishing platform');
  } else if (segments.some((segment) => PERSONAL_OR_REFERENCE_SEGMENT.test(segment)) || /^(blog|blogs|wiki|docs)\./.test(host)) {
    add(-3, 'url is a blog, wiki, fiction or docs page');
  }
  // `how-to-…`, eHow's `how_2042752_…`; not a story's `how-la-la-land-resurrected-…`.
  if (/^how[-_](to[-_]|\d)/i.test(last)) add(-2, 'url is a how-to guide');
  else if (LISTICLE_SLUG.test(last)) add(-2, 'url is a listicle');
  if (segments.some((segment) => SERVICE_SEGMENT.test(segment)) || segments.slice(0, -1).some((segment) => SERVICE_FOLDER.test(segment)))
    add(-2, 'url is a lifestyle, feature, advice or shopping page');
  if (OFFICIAL_HOST.test(host)) add(2, 'url is on an official host');
  if (STATEMENT_PATH.test(url.pathname)) add(1.5, 'url is a press release or statement');
  return signals;
}

/** True for hosts of governments and official bodies. */
export function isOfficialHost(hostname: string): boolean {
  return OFFICIAL_HOST.test(hostname.toLowerCase());
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** `/2021/11/15/`, `/2021/11/`, `/15/11/2021/` as whole path segments. */
const PATH_DATE =
  /\/((?:19|20)\d\d)\/(0?[1-9]|1[0-2])(?:\/(0?[1-9]|[12]\d|3[01]))?(?=\/|$)|\/(0?[1-9]|[12]\d|3[01])\/(0?[1-9]|1[0-2])\/((?:19|20)\d\d)(?=\/|$)/;
/** `2021-11-15` or `2021_11_15` inside a segment (`/2021-11-15-slug`, `/news-2021-11-15.html`). */
const SEPARATED_DATE = /(?<!\d)((?:19|20)\d\d)[-_](0[1-9]|1[0-2])[-_](0[1-9]|[12]\d|3[01])(?!\d)/;
/** `20211115` standing alone between non-digits (`/20211115/`, `-20211115.html`, `?id=20211115…`). */
const COMPACT_DAY = /(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)/;
/** `/202311/17/`, `/2023-11/17/`, and the month alone, `/201903/`: Chinese and Japanese portals' folders. */
const MONTH_DAY_FOLDERS = /\/((?:19|20)\d\d)-?(0[1-9]|1[0-2])(?:\/(0[1-9]|[12]\d|3[01]))?(?=\/|$)/;
/** Query parameters that carry the article's date (`?date=2021-11-15`, `&pubdate=20211115`). */
const DATE_PARAMETER = /^(date|pubdate|published|publish_date|pd|dt|day)$/i;

/**
 * The date an address gives its article, as `YYYY-MM-DD`, or `YYYY-MM` when it names only the
 * month (`/2021/11/slug`), or null. A date after `latest` (tomorrow in any time zone) is no
 * publication date: it is an event, or an id that looks like one.
 */
export function dateFromUrl(url: URL, latest = Date.now() + 86_400_000): string | null {
  const path = safeDecode(url.pathname);
  const pathDate = PATH_DATE.exec(path);
  let found: string | null = null;
  if (pathDate) {
    found = pathDate[1]
      ? pathDate[3]
        ? day(pathDate[1], pathDate[2], pathDate[3])
        : `${pathDate[1]}-${pathDate[2]?.padStart(2, '0')}`
      : day(pathDate[6], pathDate[5], pathDate[4]);
  }
  const folders = MONTH_DAY_FOLDERS.exec(path);
  if (!found && folders) found = folders[3] ? day(folders[1], folders[2], folders[3]) : `${folders[1]}-${folders[2]}`;
  if (!found || found.length === 7) {
    const separated = SEPARATED_DATE.exec(path) ?? COMPACT_DAY.exec(path);
    if (separated) found = day(separated[1], separated[2], separated[3]) ?? found;
  }
  if (!found) {
    url.searchParams.forEach((value, key) => {
      if (found) return;
      const match = DATE_PARAMETER.test(key) ? (SEPARATED_DATE.exec(value) ?? COMPACT_DAY.exec(value)) : null;
      if (match) found = day(match[1], match[2], match[3]);
    });
  }
  if (!found) return null;
  return Date.parse(found.length === 7 ? `${found}-01` : found) <= latest ? found : null;
}

function day(year: string | undefined, month: string | undefined, dayOfMonth: string | undefined): string | null {
  const y = Number(year);
  const m = Number(month);
  const d = Number(dayOfMonth);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (!year || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
