import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readArticleDates, toIsoDate } from '../../lib/page/article-dates';
import { parseDateText } from '../../lib/page/date-text';
import { parseHtml } from '../../lib/page/dom-node';
import { extractArticle } from '../../lib/page/extract';
import { readJsonLd } from '../../lib/page/json-ld';
import { readMetaTags } from '../../lib/page/meta-tags';
import { dateFromUrl } from '../../lib/page/url-shape';
import { extractPageArticle } from '../../lib/reader/check-page';
import { loadDevSet, SHARED_FIXTURES } from '../../scripts/page-dev-set';

const ARTICLE_BODY = `<p>${'The ministry said on Monday that the talks would continue next week in the capital. '.repeat(6)}</p>`.repeat(4);

function page(head: string, body = `<h1>Talks to continue</h1>${ARTICLE_BODY}`): string {
  return `<!doctype html><html lang="en"><head><title>Talks to continue</title>${head}</head><body>${body}</body></html>`;
}

function datesOf(html: string, url = 'https://news.example.org/world/talks-to-continue') {
  const doc = parseHtml(html, url);
  return readArticleDates(doc, { meta: readMetaTags(doc), entities: readJsonLd(doc), url: new URL(url), lang: 'en', latest: Date.UTC(2030, 0, 1) });
}

const jsonLd = (value: unknown) => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;

describe('readArticleDates: structured data', () => {
  const article = { '@type': 'ReportageNewsArticle', headline: 'Talks', datePublished: '2021-11-15T09:30:00+01:00', dateModified: '2021-11-16T10:00:00+01:00' };
  it.each([
    ['a plain object', { '@context': 'https://schema.org', ...article }],
    ['an array', [{ '@type': 'WebSite', name: 'Example' }, article]],
    ['@graph', { '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage', datePublished: '2020-01-01' }, article] }],
    ['a type array', { ...article, '@type': ['NewsArticle', 'AnalysisNewsArticle'] }],
  ])('reads JSON-LD in %s, preferring the article to its WebPage', (_name, value) => {
    expect(datesOf(page(jsonLd(value)))).toEqual({ published: '2021-11-15T09:30:00+01:00', modified: '2021-11-16T10:00:00+01:00' });
  });

  it('reads microdata however its attributes are spelt (linkedom keeps itemProp; the browser lowercases it)', () => {
    const html = page(
      '',
      `<div itemScope itemType="http://schema.org/NewsArticle"><h1 itemProp="headline">Talks</h1><META itemProp="datePublished" CONTENT="2021-11-15">${ARTICLE_BODY}</div>`,
    );
    expect(datesOf(html).published).toBe('2021-11-15');
  });

  it.each([
    ['article:published_time', 'property'],
    ['og:article:published_time', 'property'],
    ['sailthru.date', 'name'],
    ['parsely-pub-date', 'name'],
    ['dc.date.issued', 'name'],
    ['pubdate', 'name'],
    ['date', 'name'],
  ])('reads <meta %s>', (key, attribute) => {
    expect(datesOf(page(`<meta ${attribute}="${key}" content="2021-11-15T08:00:00Z">`)).published).toBe('2021-11-15T08:00:00Z');
  });

  it('prefers the published date to the modified one, and never uses the modified one as published', () => {
    const both = page('<meta property="article:modified_time" content="2021-11-20"><meta property="article:published_time" content="2021-11-15">');
    expect(datesOf(both)).toEqual({ published: '2021-11-15', modified: '2021-11-20' });
    expect(datesOf(page('<meta property="article:modified_time" content="2021-11-20">'))).toEqual({ published: null, modified: '2021-11-20' });
  });

  it('refuses a future date or one before 1990', () => {
    expect(datesOf(page('<meta name="date" content="2031-01-01">')).published).toBeNull();
    expect(datesOf(page('<meta name="date" content="1970-01-01">')).published).toBeNull();
  });
});

describe('readArticleDates: the page itself', () => {
  it('takes a <time> of the header, not one in a related list, a comment or the sidebar', () => {
    const related = '<aside><ul><li><a href="/a">Older story</a> <time datetime="2019-01-01">1 Jan</time></li></ul></aside>';
    const comments = '<div class="comments"><p>Great piece</p><time datetime="2022-05-05">5 May</time></div>';
    const html = page(
      '',
      `${related}<article><h1>Talks</h1><p class="byline">By A. Writer <time datetime="2021-11-15T10:00:00Z">15 Nov</time></p>${ARTICLE_BODY}${comments}</article>`,
    );
    expect(datesOf(html).published).toBe('2021-11-15T10:00:00Z');
    const onlyOthers = page('', `${related}<article><h1>Talks</h1>${ARTICLE_BODY}${comments}</article>`);
    expect(datesOf(onlyOthers).published).toBeNull();
  });

  it('reads the dateline written in the page language', () => {
    const html = (lang: string, line: string) =>
      `<!doctype html><html lang="${lang}"><head><title>x</title></head><body><h1>Titel</h1><div class="meta">${line}</div>${ARTICLE_BODY}</body></html>`;
    const read = (lang: string, line: string) => {
      const doc = parseHtml(html(lang, line));
      return readArticleDates(doc, { meta: readMetaTags(doc), entities: [], url: undefined, lang }).published;
    };
    expect(read('de', 'Veröffentlicht am 15. November 2021, 10:12 Uhr')).toBe('2021-11-15');
    expect(read('ru', 'Опубликовано 15 ноября 2021 г.')).toBe('2021-11-15');
    expect(read('en', 'Updated 3 hours ago')).toBeNull();
  });

  it('takes a path date of the address when the page says nothing, and a month alone last', () => {
    expect(datesOf(page(''), 'https://news.example.org/2021/11/15/talks-to-continue.html').published).toBe('2021-11-15');
    expect(datesOf(page(''), 'https://news.example.org/2021/11/talks-to-continue').published).toBe('2021-11');
    // The page's own date is more precise than the address's month.
    expect(datesOf(page('<meta name="date" content="2021-11-15">'), 'https://news.example.org/2021/11/talks').published).toBe('2021-11-15');
  });
});

describe('the publication date reaches the engine', () => {
  it.each([
    ['an address alone', 'https://news.example.org/world/2021/11/15/talks-to-continue', '', '2021-11-15'],
    [
      'a <time> alone',
      'https://news.example.org/world/talks-to-continue',
      '<time datetime="2021-11-15T10:00:00Z">15 November 2021</time>',
      '2021-11-15T10:00:00Z',
    ],
  ])('dated by %s: extractArticle().published is the payload date the reader sends as findSources({article: {date}})', (_name, url, time, expected) => {
    const html = page('', `<article><h1>Talks to continue</h1>${time}${ARTICLE_BODY}</article>`);
    expect(extractArticle(parseHtml(html, url), url).published).toBe(expected);
    expect(extractPageArticle(parseHtml(html, url), url).payload.date).toBe(expected);
  });
});

describe('toIsoDate', () => {
  it.each([
    ['2017-03-10', '2017-03-10'],
    ['2021-11', '2021-11'],
    ['2023-09-19T10:33+04:00', '2023-09-19T10:33+04:00'],
    ['2020-11-11 12:00:00.000-0600', '2020-11-11T12:00:00.000-06:00'],
    ['2016/12/15 10:30', '2016-12-15T10:30'],
    ['20161215', '2016-12-15'],
    ['Tue, 03 Jan 2019 02:00:02 GMT', '2019-01-03T02:00:02.000Z'],
    ['Mon Aug 03 12:45:00 EDT 2015', '2015-08-03T16:45:00.000Z'],
    ['December 15, 2016', '2016-12-15'],
  ])('%s → %s', (input, expected) => {
    expect(toIsoDate(input)).toBe(expected);
  });

  it('rejects what is not a date', () => {
    expect(toIsoDate('yesterday-ish')).toBeNull();
    expect(toIsoDate('2021-02-30')).toBeNull();
    expect(toIsoDate('')).toBeNull();
  });
});

describe('parseDateText', () => {
  it.each([
    ['Published 15 November 2021, 10:00', 'en', '2021-11-15'],
    ['Nov. 15, 2021', 'en', '2021-11-15'],
    ['Updated: December 15th, 2016 at 3pm', null, '2016-12-15'],
    ['15. listopadu 2021', 'cs', '2021-11-15'],
    ['15 de noviembre de 2021', 'es', '2021-11-15'],
    ['1er mars 2021', 'fr', '2021-03-01'],
    ['15 listopada 2021', 'pl', '2021-11-15'],
    ['2021. november 15.', 'hu', '2021-11-15'],
    ['15 Kasım 2021', 'tr', '2021-11-15'],
    ['15 سبتمبر 2021', 'ar', '2021-09-15'],
    ['2021年11月15日 10:00', 'ja', '2021-11-15'],
    ['2021년 11월 15일', 'ko', '2021-11-15'],
    ['15.11.2021', 'de', '2021-11-15'],
    ['11/05/2021', 'en', '2021-11-05'],
    ['11/05/2021', 'fr', '2021-05-11'],
    ['25/05/2021', 'en', '2021-05-25'],
  ])('%s (%s) → %s', (text, language, expected) => {
    expect(parseDateText(text, language)).toBe(expected);
  });

  it('wants a whole date', () => {
    expect(parseDateText('WASHINGTON, March 3 (Reuters) -', 'en')).toBeNull();
    expect(parseDateText('© 2021 Example News', 'en')).toBeNull();
    expect(parseDateText('31/02/2021', 'en')).toBeNull();
  });
});

describe('dateFromUrl', () => {
  it.each([
    ['https://x.org/2021/11/15/slug.html', '2021-11-15'],
    ['https://x.org/news/2021/11/slug', '2021-11'],
    ['https://x.org/15/11/2021/slug', '2021-11-15'],
    ['https://x.org/2021-11-15-slug', '2021-11-15'],
    ['https://x.org/20211115/story', '2021-11-15'],
    ['https://x.org/story?date=2021-11-15', '2021-11-15'],
    ['https://x.org/story/12342021111599', null],
    ['https://x.org/2099/01/01/future', null],
  ])('%s → %s', (url, expected) => {
    expect(dateFromUrl(new URL(url), Date.UTC(2030, 0, 1))).toBe(expected);
  });
});

// Real pages of ../shared/fixtures/pages-more, with the dates their origins' tests state
// (adbar/htmldate's tests/comparison.py, postlight/parser's extractor tests).
describe.skipIf(!existsSync(`${SHARED_FIXTURES}/pages-more`))('dates of real pages', () => {
  const wanted: Record<string, string> = {
    'htmldate--brigitte_de_riverdale': '2019-06-20', // article:published_time
    'htmldate--eza_gv_at': '2018-07-03', // written in the page, German
    'htmldate--transgen_de_aktuell': '2018-01-18', // written in the page, German
    'postlight--www.cbc.ca': '2022-10-14', // <time> in a byline box inside a "withSidebar" layout
    'postlight--www.dmagazine.com': '2016-12-14', // "December 14, 2016" in the byline, address gives the month
    'postlight--news.nationalgeographic.com': '2015-08-03', // "Mon Aug 03 12:45:00 EDT 2015"
  };
  const pages = loadDevSet('pages-more').filter((page) => page.slug in wanted);
  for (const devPage of pages) {
    it(devPage.slug, () => {
      const article = extractArticle(parseHtml(devPage.html, devPage.url), devPage.url);
      const published = article.published ?? '';
      const utc = Date.parse(published) ? new Date(Date.parse(published)).toISOString().slice(0, 10) : '';
      expect([published.slice(0, 10), utc]).toContain(wanted[devPage.slug]);
    });
  }
});
