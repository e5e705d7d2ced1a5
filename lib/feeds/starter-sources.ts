/**
 * The starter list: official feeds the user can follow with one click in the options page. Nothing
 * here is fetched until the user enables an entry.
 *
 * These addresses could not be fetched from the development machines (no internet). Each one appears
 * in several public feed lists, and some in a survey of official feeds that fetched and parsed them
 * (2026-09); a feed that moves shows its error in words in the options page, like any other feed.
 * Review the list before each release. `note` records what is known to be odd about an entry.
 */
export interface StarterSource {
  /** Stable id (kept on the subscription, so the list can show what is enabled). */
  id: string;
  issuer: string;
  /** ISO 3166 country, or "INT" for international organisations. */
  country: string;
  /** BCP 47 language of the statements. */
  lang: string;
  url: string;
  note?: string;
}

export const STARTER_SOURCES: readonly StarterSource[] = [
  { id: 'un-sg', issuer: 'United Nations Secretary-General', country: 'INT', lang: 'en', url: 'https://www.un.org/sg/en/rss.xml' },
  { id: 'un-press', issuer: 'United Nations Meetings Coverage and Press Releases', country: 'INT', lang: 'en', url: 'https://press.un.org/en/rss.xml' },
  { id: 'un-news', issuer: 'UN News', country: 'INT', lang: 'en', url: 'https://news.un.org/feed/subscribe/en/news/all/rss.xml' },
  { id: 'nato', issuer: 'NATO', country: 'INT', lang: 'en', url: 'https://www.nato.int/cps/rss/en/natohq/rssFeed.xsl/rssFeed.xml' },
  { id: 'eu-commission', issuer: 'European Commission', country: 'INT', lang: 'en', url: 'https://ec.europa.eu/commission/presscorner/api/rss?language=en' },
  { id: 'us-state', issuer: 'U.S. Department of State', country: 'US', lang: 'en', url: 'https://www.state.gov/rss-feed/press-releases/feed/' },
  {
    id: 'us-defense',
    issuer: 'U.S. Department of Defense',
    country: 'US',
    lang: 'en',
    url: 'https://www.war.gov/DesktopModules/ArticleCS/RSS.ashx?ContentType=1&Site=945&max=10',
    note: 'served from war.gov since the department was renamed the Department of War in 2025',
  },
  { id: 'uk-mod', issuer: 'UK Ministry of Defence', country: 'GB', lang: 'en', url: 'https://www.gov.uk/government/organisations/ministry-of-defence.atom' },
  {
    id: 'uk-fcdo',
    issuer: 'UK Foreign, Commonwealth & Development Office',
    country: 'GB',
    lang: 'en',
    url: 'https://www.gov.uk/government/organisations/foreign-commonwealth-development-office.atom',
  },
  {
    id: 'uk-pm',
    issuer: "UK Prime Minister's Office, 10 Downing Street",
    country: 'GB',
    lang: 'en',
    url: 'https://www.gov.uk/government/organisations/prime-ministers-office-10-downing-street.atom',
  },
  {
    id: 'ru-president-en',
    issuer: 'President of Russia',
    country: 'RU',
    lang: 'en',
    url: 'http://en.kremlin.ru/events/president/news/feed',
    note: 'plain http: the https address has been seen to time out',
  },
  {
    id: 'ru-president-ru',
    issuer: 'Президент России',
    country: 'RU',
    lang: 'ru',
    url: 'http://kremlin.ru/events/president/news/feed',
    note: 'plain http, as above',
  },
  {
    id: 'az-mod',
    issuer: 'Ministry of Defense of the Republic of Azerbaijan',
    country: 'AZ',
    lang: 'az',
    url: 'https://mod.gov.az/az/rss/',
    note: 'about 1 MB per fetch and no ETag: kept at a 2-hour interval',
  },
];

/** Refresh interval for a starter source (minutes): heavy feeds without validators less often. */
export function starterInterval(source: StarterSource): number {
  return source.id === 'az-mod' ? 120 : 60;
}
