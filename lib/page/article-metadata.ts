/**
 * An article's outlet, language, publication date and author, read from the page's metadata.
 *
 * Each field has an ordered list of sources, most deliberate first; Readability's own guesses are
 * passed in as the last resort for the fields it also reads.
 */
import { readArticleDates } from './article-dates';
import { readJsonLd, type JsonLdEntity } from './json-ld';
import { readMetaTags, type MetaTags } from './meta-tags';

export { toIsoDate } from './article-dates';

export interface ArticleMetadata {
  outlet: string | null;
  lang: string | null;
  /** When the article was published (article-dates.ts): what the engine's time rule reads. */
  published: string | null;
  /** When it was last modified, when the page says. */
  modified: string | null;
  byline: string | null;
}

/** What Readability found, used when the page's metadata says nothing. */
export interface ReadabilityGuesses {
  siteName?: string | null | undefined;
  lang?: string | null | undefined;
  publishedTime?: string | null | undefined;
  byline?: string | null | undefined;
}

const ARTICLE_TYPE = /Article$|^Report$|Posting$/;

/**
 * @param text the extracted article text: when the page declares no language, a script used only
 *   by one language (Han without kana → zh, kana → ja, Hangul → ko, Greek, Hebrew, Armenian,
 *   Georgian, Thai) still tells it.
 */
export function readArticleMetadata(doc: Document, url: URL | undefined, guesses: ReadabilityGuesses = {}, text = ''): ArticleMetadata {
  const meta = readMetaTags(doc);
  const entities = readJsonLd(doc);
  const article = entities.find((entity) => entity.types.some((type) => ARTICLE_TYPE.test(type)));
  const lang = readLanguage(doc, meta, article, guesses) ?? languageFromScript(text);
  const dates = readArticleDates(doc, { meta, entities, url: pageAddress(doc, meta, url), lang, guess: guesses.publishedTime });
  return {
    outlet: readOutlet(doc, meta, article, url, guesses),
    lang,
    published: dates.published,
    modified: dates.modified,
    byline: readByline(meta, article, guesses),
  };
}

function readOutlet(doc: Document, meta: MetaTags, article: JsonLdEntity | undefined, url: URL | undefined, guesses: ReadabilityGuesses): string | null {
  const publisher = nameOf(first(article?.data['publisher']));
  const named = meta.get('og:site_name') ?? (publisher || undefined) ?? guesses.siteName ?? meta.get('application-name');
  if (named) return clean(named);
  const address = pageAddress(doc, meta, url);
  return address ? address.hostname.replace(/^www\d?\./, '') : null;
}

/** The page's address; for a saved page (file: URL), the address it declares as its canonical one. */
function pageAddress(doc: Document, meta: MetaTags, url: URL | undefined): URL | undefined {
  return url && /^https?:$/.test(url.protocol) ? url : declaredAddress(doc, meta);
}

function declaredAddress(doc: Document, meta: MetaTags): URL | undefined {
  const declared = doc.querySelector('link[rel~="canonical"]')?.getAttribute('href') ?? meta.get('og:url');
  if (!declared) return undefined;
  try {
    const parsed = new URL(declared);
    return /^https?:$/.test(parsed.protocol) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function readLanguage(doc: Document, meta: MetaTags, article: JsonLdEntity | undefined, guesses: ReadabilityGuesses): string | null {
  const inLanguage = article?.data['inLanguage'];
  const candidates = [
    doc.documentElement?.getAttribute('lang'),
    doc.documentElement?.getAttribute('xml:lang'),
    meta.get('content-language'),
    meta.get('og:locale'),
    typeof inLanguage === 'string' ? inLanguage : nameOf(inLanguage),
    guesses.lang,
  ];
  for (const candidate of candidates) {
    const tag = toLanguageTag(candidate);
    if (tag) return tag;
  }
  return null;
}

/** Scripts that identify one language, checked on a sample of the text. */
const SINGLE_LANGUAGE_SCRIPTS: readonly [RegExp, string][] = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/gu, 'ja'],
  [/\p{Script=Hangul}/gu, 'ko'],
  [/\p{Script=Han}/gu, 'zh'],
  [/\p{Script=Greek}/gu, 'el'],
  [/\p{Script=Hebrew}/gu, 'he'],
  [/\p{Script=Armenian}/gu, 'hy'],
  [/\p{Script=Georgian}/gu, 'ka'],
  [/\p{Script=Thai}/gu, 'th'],
];

/** The language of a script that dominates the text's letters (Japanese before Chinese: kanji are Han). */
export function languageFromScript(text: string): string | null {
  const sample = text.slice(0, 2_000);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 20) return null;
  for (const [script, language] of SINGLE_LANGUAGE_SCRIPTS) {
    const count = sample.match(script)?.length ?? 0;
    // Japanese mixes kana with Han, so any substantial kana share means Japanese.
    const share = language === 'ja' ? 0.1 : 0.5;
    if (count / letters >= share) return language;
  }
  return null;
}

/** `en_US` → `en-US`; `en-us, fr` → `en-US`; junk → null. */
export function toLanguageTag(value: string | null | undefined): string | null {
  if (!value) return null;
  const firstTag = value.split(/[,;]/)[0]?.trim().replace(/_/g, '-') ?? '';
  const match = /^([a-zA-Z]{2,3})(-[a-zA-Z0-9]{2,8})*$/.exec(firstTag);
  if (!match) return null;
  const [language, ...subtags] = firstTag.split('-');
  return [
    (language ?? '').toLowerCase(),
    ...subtags.map((subtag) =>
      subtag.length === 2 ? subtag.toUpperCase() : subtag.length === 4 ? subtag[0]?.toUpperCase() + subtag.slice(1).toLowerCase() : subtag,
    ),
  ].join('-');
}

function readByline(meta: MetaTags, article: JsonLdEntity | undefined, guesses: ReadabilityGuesses): string | null {
  const authors = article?.data['author'];
  const fromJsonLd = (Array.isArray(authors) ? authors : [authors]).map(nameOf).filter(Boolean).join(', ');
  const candidate = guesses.byline || fromJsonLd || meta.get('author') || meta.get('citation_author') || meta.get('dc.creator');
  return candidate ? clean(candidate) : null;
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function nameOf(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (value && typeof value === 'object') {
    const name = (value as Record<string, unknown>)['name'];
    if (typeof name === 'string') return name.trim();
  }
  return '';
}

function clean(value: string): string {
  return value.replace(/\s+/g, ' ').trim().slice(0, 300);
}
