import { describe, expect, it } from 'vitest';
import { detectNews, NEWS_SCORE_THRESHOLD } from '../../lib/page/detect';
import { parseHtml } from '../../lib/page/dom-node';
import { loadOfficialStatements, loadPage } from './fixtures';

function detectFixture(slug: string, url?: string) {
  const page = loadPage(slug);
  return detectNews(parseHtml(page.html, page.url), url ?? page.url);
}

/** A real page with its structured data and OpenGraph removed, for building metadata variants. */
function withoutMetadata(html: string): string {
  return html.replace(/<script[^>]*application\/ld\+json[^>]*>[\s\S]*?<\/script>/gi, '').replace(/<meta[^>]+(property|name)="(og:|article:)[^>]*>/gi, '');
}

function withHeadMarkup(html: string, markup: string): string {
  return html.replace(/<\/head>/i, `${markup}</head>`);
}

describe('detectNews on saved real pages', () => {
  const slugs = [
    'nytimes-1',
    'bbc-1',
    'aktualne',
    'folha',
    'qq',
    'webmd-1',
    'iab-1',
    'medium-3',
    'nytimes-5',
    'lifehacker-working',
    'gitlab-blog',
    'toc-missing',
    'wikipedia',
    'mozilla-2',
  ];
  for (const slug of slugs) {
    const expected = loadPage(slug).isNews;
    it(`${slug} is ${expected ? '' : 'not '}news`, () => {
      const verdict = detectFixture(slug);
      expect(verdict.isNews).toBe(expected);
      expect(verdict.isNews).toBe(verdict.score >= NEWS_SCORE_THRESHOLD);
    });
  }

  it('explains its verdict with weighted reasons', () => {
    const verdict = detectFixture('nytimes-1');
    expect(verdict.reasons).toContain('structured data says NewsArticle (+3)');
    expect(verdict.reasons.every((reason) => /\([+-]\d+(\.\d+)?\)$/.test(reason))).toBe(true);
  });

  it('finds news in a page without structured metadata by its editor credit', () => {
    const verdict = detectFixture('qq');
    expect(verdict.reasons).toContain('has an editor or wire credit (+2)');
    expect(verdict.isNews).toBe(true);
  });
});

describe('detectNews: signals learnt on pages-more', () => {
  const page = loadPage('aktualne');
  const bare = withoutMetadata(page.html);
  const withJsonLd = (value: unknown) =>
    detectNews(parseHtml(withHeadMarkup(bare, `<script type="application/ld+json">${JSON.stringify(value)}</script>`), page.url), page.url);

  it('counts a recipe against whatever article type it also claims', () => {
    const verdict = withJsonLd([
      { '@type': 'NewsArticle', headline: 'Noodles' },
      { '@type': 'Recipe', name: 'Noodles' },
    ]);
    expect(verdict.reasons).toContain('structured data says Recipe (-3)');
  });

  it('counts markup of other kinds of page against: an ingredient list, price or rating markup, shop links, code blocks', () => {
    const page = loadPage('aktualne');
    const withBody = (markup: string) =>
      detectNews(parseHtml(page.html.replace(/<\/body>/i, `${markup}</body>`), page.url), page.url, { exhaustive: true }).reasons;
    expect(withBody('<h2>Zutaten für 4 Personen</h2><ul><li>Mehl</li></ul>')).toContain('lists ingredients (a recipe) (-3)');
    expect(withBody('<h3>材料（2人分）</h3>')).toContain('lists ingredients (a recipe) (-3)');
    expect(withBody('<h2>Ingredients of a good debate</h2>')).not.toContain('lists ingredients (a recipe) (-3)');
    expect(withBody('<h3>Ingredients</h3>')).toContain('lists ingredients (a recipe) (-3)');
    expect(withBody('<span itemprop="price">19.99</span>')).toContain('has price or rating markup (a shop or review) (-2)');
    const shop = Array.from({ length: 5 }, (_, index) => `<a href="https://www.amazon.com/dp/B0${index}">Buy</a>`).join('');
    expect(withBody(shop)).toContain('links to shops (a shopping guide) (-2)');
    expect(withBody('<pre>npm install</pre><pre>npm test</pre>')).toContain('has code blocks (a tutorial or docs) (-1.5)');
    expect(withBody('')).not.toEqual(expect.arrayContaining([expect.stringMatching(/recipe|shop|code blocks/)]));
  });

  it('counts scholarly citation metadata against (a paper, not a story)', () => {
    const verdict = detectNews(
      parseHtml(withHeadMarkup(bare, '<meta name="citation_title" content="A study"><meta name="citation_publication_date" content="2019/07/08">'), page.url),
      page.url,
    );
    expect(verdict.reasons).toContain('scholarly citation metadata (a paper) (-2)');
  });

  it('does not take an organisation credited as author for a personal site', () => {
    const publisher = { '@type': 'Organization', name: 'BBC News Burmese' };
    const staff = withJsonLd({ '@type': 'NewsArticle', author: { '@type': 'Organization', name: 'BBC News Burmese' }, publisher });
    expect(staff.reasons).not.toContain('publisher is the author (a personal site) (-2)');
    const personal = withJsonLd({
      '@type': 'Article',
      author: { '@type': 'Person', name: 'Jane Doe' },
      publisher: { '@type': 'Organization', name: 'Jane Doe' },
    });
    expect(personal.reasons).toContain('publisher is the author (a personal site) (-2)');
  });

  it('reads East Asian paragraphs as readerable at their own length', () => {
    const paragraph =
      '记者从国家统计局获悉，今年前三季度全国规模以上工业增加值同比增长百分之四，经济运行持续恢复向好。专家表示，消费和投资仍是拉动增长的主要力量。';
    const html = (lang: string) =>
      `<!doctype html><html lang="${lang}"><head><title>统计局发布数据</title></head><body>${`<p>${paragraph}</p>`.repeat(12)}</body></html>`;
    const reasons = (lang: string) => detectNews(parseHtml(html(lang)), 'https://example.cn/a', { exhaustive: true }).reasons;
    expect(reasons('zh-CN')).toContain('readerable (+1)');
    expect(reasons('en')).toContain('not readerable (-2)');
  });

  it('counts a lifestyle or service desk against', () => {
    const html = withHeadMarkup(bare, '<meta property="article:section" content="Travel">');
    expect(detectNews(parseHtml(html, page.url), page.url).reasons).toContain('section is Travel (-1.5)');
    const news = withHeadMarkup(bare, '<meta property="article:section" content="Politics">');
    expect(detectNews(parseHtml(news, page.url), page.url).reasons.some((reason) => reason.startsWith('section is'))).toBe(false);
  });

  it('counts a headline that speaks to the reader or as "I" against, unless the words are quoted', () => {
    const page = loadPage('aktualne');
    const titled = (title: string) =>
      detectNews(
        parseHtml(page.html.replace(/<meta[^>]+og:title[^>]*>/gi, '').replace(/<title>[\s\S]*?<\/title>/i, `<title>${title}</title>`), page.url),
        page.url,
      ).reasons;
    expect(titled('The Only Five Email Folders Your Inbox Will Ever Need')).toContain('title speaks to the reader or as "I" (-1)');
    expect(titled('Lessons from My Mother')).toContain('title speaks to the reader or as "I" (-1)');
    expect(titled('Trump to rival: “You are fired”')).not.toContain('title speaks to the reader or as "I" (-1)');
    expect(titled('Council approves the new bridge')).not.toContain('title speaks to the reader or as "I" (-1)');
  });

  it('counts listicle titles like how-to guides', () => {
    const html = withHeadMarkup(bare, '<meta property="og:title" content="13 Ways to Compliment Women">');
    expect(detectNews(parseHtml(html, page.url), page.url).reasons).toContain('title is a how-to guide (-2)');
  });

  it('counts review and shopping headlines against, in several languages, but not news of a review or a deal', () => {
    const titled = (title: string) => detectNews(parseHtml(withHeadMarkup(bare, `<meta property="og:title" content="${title}">`), page.url), page.url).reasons;
    // pages-more: weekly.ascii.jp's hands-on review, Mental Floss's shopping piece.
    expect(titled('普通に使える手のひらサイズの超小型スマホ「Palm Phone」の実機チェック')).toContain('title is a review (-2)');
    expect(titled('Review: The Pixel 3 is the best Android phone')).toContain('title is a review (-2)');
    expect(titled('iPhone XS hands-on')).toContain('title is a review (-2)');
    expect(titled("It's Not Too Late to Holiday Shop With These Amazon Deals")).toContain('title is a shopping guide (-2)');
    // Headlines of the held-out dev articles and of news in the dev pages.
    expect(titled('Pentagon orders review of Afghanistan withdrawal')).not.toContain('title is a review (-2)');
    expect(titled('Yerevan Rejects Baku’s Opposition to Arms Deal with France')).not.toContain('title is a shopping guide (-2)');
    expect(titled('Trade deals stall as talks resume')).not.toContain('title is a shopping guide (-2)');
    expect(titled('China and Brazil sign 3 deals; plea bargains rise')).not.toContain('title is a shopping guide (-2)');
    expect(titled('Covid-test: what we know')).not.toContain('title is a review (-2)');
    expect(titled('Test-tube baby pioneer dies at 87')).not.toContain('title is a review (-2)');
    expect(titled('Das iPhone 15 im Test')).toContain('title is a review (-2)');
  });

  it('reads the section from Parse.ly, plain section tags and JSON-LD, and counts feature, advice and shopping desks against', () => {
    const reasons = (markup: string) => detectNews(parseHtml(withHeadMarkup(bare, markup), page.url), page.url).reasons;
    expect(reasons('<meta name="parsely-section" content="TV &amp; Movies Features">')).toContain('section is TV & Movies Features (-1.5)');
    expect(reasons('<meta property="article:section" content="Magazine">')).toContain('section is Magazine (-1.5)');
    expect(reasons('<script type="application/ld+json">{"@type":"NewsArticle","articleSection":["Career Tips"]}</script>')).toContain(
      'section is Career Tips (-1.5)',
    );
    expect(reasons('<meta name="section" content="Politics">').some((reason) => reason.startsWith('section is'))).toBe(false);
  });

  it('counts a blog pingback address against', () => {
    const html = withHeadMarkup(bare, '<link rel="pingback" href="https://example.com/xmlrpc.php">');
    expect(detectNews(parseHtml(html, page.url), page.url).reasons).toContain('takes blog pingbacks (-1)');
    expect(detectNews(parseHtml(bare, page.url), page.url).reasons).not.toContain('takes blog pingbacks (-1)');
  });
});

describe('detectNews reads JSON-LD wherever pages put it', () => {
  const page = loadPage('aktualne');
  const bare = withoutMetadata(page.html);
  const article = { '@type': 'NewsArticle', headline: 'West Ham', publisher: { '@type': 'Organization', name: 'Aktuálně.cz' } };
  const variants: Record<string, unknown> = {
    'a plain object': { '@context': 'https://schema.org', ...article },
    'an array': [
      { '@type': 'WebSite', name: 'Aktuálně.cz' },
      { '@context': 'https://schema.org', ...article },
    ],
    '@graph': { '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage' }, article] },
    'a WebPage mainEntity': { '@context': 'https://schema.org', '@type': 'WebPage', mainEntity: article },
    'a full type URL': { ...article, '@type': 'http://schema.org/NewsArticle' },
    'a type array': { ...article, '@type': ['NewsArticle', 'Article'] },
  };
  const baseline = detectNews(parseHtml(bare, page.url), page.url);

  it('the stripped page has no structured-data signal', () => {
    expect(baseline.reasons.some((reason) => reason.startsWith('structured data'))).toBe(false);
  });
  for (const [name, jsonLd] of Object.entries(variants)) {
    it(`in ${name}`, () => {
      const html = withHeadMarkup(bare, `<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>`);
      const verdict = detectNews(parseHtml(html, page.url), page.url);
      expect(verdict.reasons).toContain('structured data says NewsArticle (+3)');
    });
  }

  it('does not count the NewsArticles listed by a front page ItemList', () => {
    const list = { '@type': 'ItemList', itemListElement: [{ '@type': 'ListItem', item: article }] };
    const html = withHeadMarkup(bare, `<script type="application/ld+json">${JSON.stringify(list)}</script>`);
    const verdict = detectNews(parseHtml(html, page.url), page.url);
    expect(verdict.reasons).not.toContain('structured data says NewsArticle (+3)');
    expect(verdict.reasons).toContain('structured data says ItemList (-3)');
  });

  it('counts an Article only with a publisher', () => {
    const withPublisher = { '@type': 'Article', publisher: { '@type': 'Organization', name: 'Aktuálně.cz' } };
    const withoutPublisher = { '@type': 'Article' };
    const reasonsFor = (jsonLd: unknown) =>
      detectNews(parseHtml(withHeadMarkup(bare, `<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>`)), page.url).reasons;
    expect(reasonsFor(withPublisher)).toContain('structured data says Article with a publisher (+2)');
    expect(reasonsFor(withoutPublisher)).toContain('structured data says Article (+1)');
  });
});

describe('detectNews combines signals when metadata lies', () => {
  it('a front page claiming og:type=article is not news', () => {
    const verdict = detectFixture('nytimes-5');
    expect(verdict.reasons).toContain('og:type is article (+1)');
    expect(verdict.isNews).toBe(false);
  });

  it('a Medium blog post claiming NewsArticle is not news', () => {
    const verdict = detectFixture('medium-3');
    expect(verdict.reasons).toContain('structured data says NewsArticle (+3)');
    expect(verdict.isNews).toBe(false);
  });

  it("a real article's metadata served at a site's home page is not news", () => {
    expect(detectFixture('bbc-1', 'http://www.bbc.com/news/world-us-canada-33646704').isNews).toBe(true);
    const verdict = detectFixture('bbc-1', 'http://www.bbc.com/');
    expect(verdict.reasons).toContain('url is a home page (-4)');
    expect(verdict.isNews).toBe(false);
  });

  it("a real article's metadata on a search page is not news", () => {
    const verdict = detectFixture('bbc-1', 'http://www.bbc.com/search?q=obama');
    expect(verdict.isNews).toBe(false);
  });

  it('a section front declared as canonical does not count against a story', () => {
    const page = loadPage('nytimes-1');
    const html = page.html.replace(/<link rel="canonical"[^>]*>/i, '<link rel="canonical" href="https://www.nytimes.com/section/world">');
    expect(html).not.toBe(page.html);
    const verdict = detectNews(parseHtml(html), page.url);
    expect(verdict.reasons.some((reason) => reason.includes('section front'))).toBe(false);
    expect(verdict.isNews).toBe(true);
  });

  it('a personal blog with an Article whose publisher is its author is not news', () => {
    const verdict = detectFixture('toc-missing');
    expect(verdict.reasons).toContain('publisher is the author (a personal site) (-2)');
    expect(verdict.isNews).toBe(false);
  });
});

describe('detectNews counts official statements as articles', () => {
  for (const statement of loadOfficialStatements()) {
    const paragraphs = statement.text
      .split(/\n\s*\n/)
      .map((paragraph) => `<p>${paragraph}</p>`)
      .join('\n');
    const html = `<!DOCTYPE html><html lang="${statement.lang}"><head><title>${statement.title}</title></head><body><h1>${statement.title}</h1><div class="content">${paragraphs}</div></body></html>`;

    it(`${statement.id} at its official address`, () => {
      const verdict = detectNews(parseHtml(html, statement.url), statement.url);
      expect(verdict.reasons).toContain('url is on an official host (+2)');
      expect(verdict.isNews).toBe(true);
    });
  }
});

describe('detectNews stays cheap on pages settled by metadata', () => {
  it('does not walk the DOM for a home page without article metadata', () => {
    const page = loadPage('mozilla-2');
    const verdict = detectNews(parseHtml(page.html), 'https://www.mozilla.org/');
    expect(verdict.isNews).toBe(false);
    expect(verdict.reasons.some((reason) => reason.includes('readerable'))).toBe(false);
  });

  it('does not walk the DOM for a page whose metadata is conclusive', () => {
    const verdict = detectFixture('nytimes-1');
    expect(verdict.reasons.some((reason) => reason.includes('readerable'))).toBe(false);
    expect(verdict.isNews).toBe(true);
  });

  it('runs every check on request, with the same verdict', () => {
    const page = loadPage('nytimes-1');
    const doc = parseHtml(page.html);
    const full = detectNews(doc, page.url, { exhaustive: true });
    expect(full.reasons).toContain('readerable (+1)');
    expect(full.isNews).toBe(detectNews(doc, page.url).isNews);
  });
});

describe('detectNews on hostile input gives a verdict, never a throw', () => {
  const article = loadPage('bbc-1');
  const hostile: Record<string, () => string> = {
    'truncated JSON-LD': () => withHeadMarkup(article.html, '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "x</script>'),
    'JSON-LD with trailing commas and comments': () =>
      withHeadMarkup(article.html, '<script type="application/ld+json"><!-- {"@type": "NewsArticle", "a": [1,2,],} --></script>'),
    'JSON-LD that is not an object': () =>
      withHeadMarkup(article.html, '<script type="application/ld+json">null</script><script type="application/ld+json">"x"</script>'),
    'deeply nested JSON-LD': () => withHeadMarkup(article.html, `<script type="application/ld+json">${'['.repeat(5000)}${']'.repeat(5000)}</script>`),
    'a 3 MB meta attribute': () => withHeadMarkup(article.html, `<meta property="og:type" content="${'a'.repeat(3_000_000)}">`),
    'a 1 MB class attribute': () => article.html.replace('<body', `<body class="${'date time '.repeat(100_000)}"`),
    'zero-width characters everywhere': () => article.html.replace(/(\w)(\w)/g, '$1\u200b$2'),
    'elements nested 3,000 deep': () => `<html><body>${'<div>'.repeat(3000)}<p>x</p>${'</div>'.repeat(3000)}</body></html>`,
    'an empty string': () => '',
    'binary garbage': () => String.fromCharCode(...Array.from({ length: 5000 }, (_, index) => (index * 7919) % 65536)),
  };
  for (const [name, build] of Object.entries(hostile)) {
    it(name, () => {
      const html = build();
      if (html.length > 100_000) expect(html).not.toBe(article.html);
      const verdict = detectNews(parseHtml(html), 'https://example.org/2024/01/02/some-story');
      expect(typeof verdict.isNews).toBe('boolean');
      expect(Number.isFinite(verdict.score)).toBe(true);
    });
  }

  it('recovers the type from JSON-LD that cannot be parsed', () => {
    const html = withHeadMarkup(
      withoutMetadata(article.html),
      '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "unterminated</script>',
    );
    expect(detectNews(parseHtml(html), article.url).reasons).toContain('structured data says NewsArticle (+3)');
  });

  it('accepts URLs that are not web addresses', () => {
    for (const url of ['not a url', 'about:blank', 'javascript:alert(1)', '', 'http://[::1']) {
      expect(() => detectNews(parseHtml(article.html), url)).not.toThrow();
    }
  });
});
