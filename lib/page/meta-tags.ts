/**
 * Reads a page's <meta> tags into one lookup table.
 *
 * Pages spell the key in `property` (OpenGraph), `name` (Dublin Core, Highwire, most others) or
 * `itemprop` (microdata), in any case. One pass over the <meta> elements, keyed by the lowercased
 * key, keeps later look-ups O(1) — this runs on every page the user visits.
 */

/** Longest content kept per tag: a hostile page can put megabytes in one attribute. */
const MAX_META_CONTENT_LENGTH = 2_000;

/** Lowercased meta key (e.g. `og:type`, `citation_title`, `dc.date`) → first non-empty content. */
export type MetaTags = ReadonlyMap<string, string>;

export function readMetaTags(doc: Document): MetaTags {
  const tags = new Map<string, string>();
  for (const meta of Array.from(doc.getElementsByTagName('meta'))) {
    // `value` instead of `content`: how Postlight's parser saves pages (its test fixtures, a third
    // of the dev pages), also written by a few CMSes; browsers keep the attribute as it is.
    const content = meta.getAttribute('content') ?? meta.getAttribute('value');
    if (!content) continue;
    const value = content.slice(0, MAX_META_CONTENT_LENGTH).trim();
    if (!value) continue;
    for (const attribute of ['property', 'name', 'itemprop']) {
      const keyList = meta.getAttribute(attribute);
      if (!keyList) continue;
      // RDFa allows several space-separated keys in one attribute ("og:title twitter:title").
      for (const key of keyList.slice(0, 200).toLowerCase().split(/\s+/)) {
        if (key && !tags.has(key)) tags.set(key, value);
      }
    }
    const httpEquiv = meta.getAttribute('http-equiv');
    if (httpEquiv && httpEquiv.toLowerCase() === 'content-language' && !tags.has('content-language')) {
      tags.set('content-language', value);
    }
  }
  return tags;
}

/** First present key among `keys`, in order of preference. */
export function firstMeta(tags: MetaTags, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = tags.get(key);
    if (value) return value;
  }
  return undefined;
}

/**
 * Keys under which pages declare when they were published, in order of trust: OpenGraph article
 * (and the `og:article:` spelling some sites use), schema.org microdata, Highwire (scholarly and
 * official documents), Dublin Core, then the home-grown names news CMSes use (Parse.ly, Sailthru,
 * Cxense, and the bare `publishdate`/`pubdate` of many Chinese and European portals). The list of
 * names follows adbar/htmldate's survey of real pages.
 */
export const PUBLISHED_DATE_KEYS = [
  'article:published_time',
  'og:article:published_time',
  'og:published_time',
  'article:published',
  'article.published',
  'og:article:published',
  'datepublished',
  'citation_publication_date',
  'citation_date',
  'citation_online_date',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date.created',
  'dc.date',
  'dc:date',
  'dcterms.date',
  'dcterms.created',
  'parsely-pub-date',
  'sailthru.date',
  'cxenseparse:recs:publishtime',
  'shareaholic:article_published_time',
  'article.created',
  'article_date_original',
  'originalpublicationdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'published-date',
  'published_date',
  'date_published',
  'pubdate',
  'og:pubdate',
  'publication_date',
  'displaydate',
  'rnews:datepublished',
  'date',
] as const;

/** Keys under which pages declare when they last changed the article. */
export const MODIFIED_DATE_KEYS = [
  'article:modified_time',
  'og:article:modified_time',
  'og:updated_time',
  'article:modified',
  'datemodified',
  'dcterms.modified',
  'dc.date.modified',
  'last-modified',
  'lastmod',
  'revision_date',
  'article.updated',
] as const;
