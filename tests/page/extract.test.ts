import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../lib/page/dom-node';
import { resolveElementPath } from '../../lib/page/element-path';
import { collectParagraphs, extractArticle } from '../../lib/page/extract';
import { normalizedText } from '../../lib/page/text-map';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPage, PAGES_DIR, tokenF1 } from './fixtures';

const NEWS_SLUGS = ['nytimes-1', 'bbc-1', 'aktualne', 'folha', 'qq', 'webmd-1', 'iab-1'];

describe('extractArticle text', () => {
  for (const slug of NEWS_SLUGS) {
    it(`${slug}: matches expected.txt with token F1 ≥ 0.95`, () => {
      const page = loadPage(slug);
      const article = extractArticle(parseHtml(page.html, page.url), page.url);
      expect(tokenF1(article.text, page.expectedText)).toBeGreaterThanOrEqual(0.95);
    });
  }

  it('reads inline text split at character references as the browser does (linkedom splits the text node there)', () => {
    // A list item holding a sublist: its own text is a run of inline pieces beside a block child.
    const doc = parseHtml('<ul><li>BB&amp;T said she&#39;s <b>sure</b>&#39;s the word, <i>a</i> b<ul><li>A sub-point.</li></ul></li></ul>');
    const item = doc.querySelector('li') as Element;
    expect(item.childNodes.length).toBeGreaterThan(5); // linkedom: "BB", "&", "T said she", "'", "s ", …
    const texts = collectParagraphs(doc.querySelector('ul') as Element).map((block) => block.text);
    expect(texts).toEqual(["BB&T said she's sure's the word, a b", 'A sub-point.']);
  });

  it('sees microdata and meta content whatever the case of their attribute names', () => {
    const html = `<!doctype html><html><head><META NAME="author" CONTENT="Jane Doe"></head><body><div itemScope itemType="https://schema.org/NewsArticle"><h1 itemProp="headline">Bank results</h1><p>${'The bank reported strong results on Monday. '.repeat(10)}</p></div></body></html>`;
    const doc = parseHtml(html, 'https://news.example.org/a');
    expect(doc.querySelector('[itemtype]')?.getAttribute('itemtype')).toBe('https://schema.org/NewsArticle');
    expect(extractArticle(doc, 'https://news.example.org/a').byline).toBe('Jane Doe');
  });

  it('reads the marked article body when Readability takes a longer boilerplate block for the article (japan.zdnet.com)', () => {
    const dir = join(PAGES_DIR, '../pages-more/japan.zdnet.com');
    const url = 'https://japan.zdnet.com/article/35136396/';
    const article = extractArticle(parseHtml(readFileSync(join(dir, 'source.html'), 'utf8'), url), url);
    expect(article.text.startsWith('2017年にリリース予定の低価格ポケットサイズコンピュータは')).toBe(true);
    expect(article.text).not.toContain('Copyright (c) CBS Interactive');
  });

  it('does not take comments marked entry-content (hAtom) for the article body', () => {
    const story = Array.from(
      { length: 6 },
      (_, index) => `<p>Paragraph ${index} of the story tells what the council decided on Monday about the new bridge and its cost.</p>`,
    ).join('');
    const comments = Array.from(
      { length: 3 },
      (_, index) =>
        `<li class="comment"><blockquote class="entry-content"><p>Comment ${index}: a reader's long reply about something else entirely, with many words in it.</p></blockquote></li>`,
    ).join('');
    const doc = parseHtml(`<html><body><div id="main">${story}</div><ol class="commentlist">${comments}</ol></body></html>`, 'https://news.example.org/a');
    const article = extractArticle(doc, 'https://news.example.org/a');
    expect(article.text).toContain('Paragraph 0 of the story');
    expect(article.text).not.toContain('Comment 0');
  });

  it('joins the paragraphs with blank lines, and maps each one to its range of the text', () => {
    const page = loadPage('nytimes-1');
    const article = extractArticle(parseHtml(page.html, page.url), page.url);
    expect(article.paragraphs.length).toBeGreaterThan(10);
    expect(article.text).toBe(article.paragraphs.join('\n\n'));
    expect(article.offsetMap.text).toBe(article.text);
    article.offsetMap.paragraphs.forEach((source, index) => {
      expect(article.text.slice(source.start, source.end)).toBe(article.paragraphs[index]);
    });
  });

  it("records each paragraph's source element in the original document", () => {
    const page = loadPage('bbc-1');
    const doc = parseHtml(page.html, page.url);
    const article = extractArticle(doc, page.url);
    const withPath = article.offsetMap.paragraphs.filter((source) => source.path !== null);
    expect(withPath.length).toBe(article.paragraphs.length);
    for (const source of withPath) {
      const element = resolveElementPath(doc, source.path as string);
      expect(element).not.toBeNull();
      expect(normalizedText(element as Element)).toContain(article.text.slice(source.start, source.end));
    }
  });
});

describe('extractArticle metadata', () => {
  it('reads title, byline, outlet, date and language (nytimes-1)', () => {
    const page = loadPage('nytimes-1');
    const article = extractArticle(parseHtml(page.html, page.url), page.url);
    expect(article.title).toBe(page.expectedMetadata.title);
    expect(article.byline).toBe('Jeffrey Gettleman');
    expect(article.outlet).toBe('nytimes.com');
    expect(article.published).toBe('2017-01-13T00:00:04-05:00');
    expect(article.lang).toBe('en');
  });

  it('reads the outlet from og:site_name and the language from <html lang> (folha)', () => {
    const page = loadPage('folha');
    const article = extractArticle(parseHtml(page.html, page.url), page.url);
    expect(article.title).toBe(page.expectedMetadata.title);
    expect(article.outlet).toBe('Folha de S.Paulo');
    expect(article.lang).toBe('pt-BR');
    expect(article.published).toMatch(/^2018-12-21/);
  });

  it('falls back to the hostname for the outlet and to JSON-LD and meta tags for the rest', () => {
    const html = `<html><head><meta name="content-language" content="de_DE">
      <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-02-03","author":[{"name":"A. Writer"},{"name":"B. Writer"}]}</script>
      </head><body><h1>Title</h1>${'<p>Ein ganz normaler Absatz mit genug Text, um gelesen zu werden, und noch etwas mehr Text.</p>'.repeat(8)}</body></html>`;
    const article = extractArticle(parseHtml(html), 'https://www.example.de/2024/02/03/title');
    expect(article.outlet).toBe('example.de');
    expect(article.lang).toBe('de-DE');
    expect(article.published).toBe('2024-02-03');
    expect(article.byline).toBe('A. Writer, B. Writer');
  });

  it('gives empty text, not a throw, for a page with no text', () => {
    const article = extractArticle(parseHtml('<html><head></head><body><img src="x.png"></body></html>'), 'about:blank');
    expect(article.paragraphs).toEqual([]);
    expect(article.text).toBe('');
    expect(article.offsetMap.paragraphs).toEqual([]);
  });
});

describe('extractArticle leaves the live document alone', () => {
  for (const slug of ['bbc-1', 'qq']) {
    it(`${slug}: the document is unchanged after extraction`, () => {
      const page = loadPage(slug);
      const doc = parseHtml(page.html, page.url);
      const before = doc.documentElement.outerHTML;
      const article = extractArticle(doc, page.url);
      expect(article.text.length).toBeGreaterThan(500);
      expect(doc.documentElement.outerHTML).toBe(before);
      expect(doc.querySelector('[data-sourcelens-source]')).toBeNull();
    });
  }
});

describe('extractArticle on hostile input gives a result, never a throw', () => {
  const page = loadPage('bbc-1');
  const hostile: Record<string, string> = {
    'zero-width characters everywhere': page.html.replace(/(\w)(\w)/g, '$1\u200b$2'),
    'a 1 MB attribute': page.html.replace('<body', `<body data-x="${'a'.repeat(1_000_000)}"`),
    'broken JSON-LD': page.html.replace('</head>', '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": </script></head>'),
    'elements nested 3,000 deep': `<html><body>${'<div>'.repeat(3000)}<p>${'Deep text. '.repeat(40)}</p>${'</div>'.repeat(3000)}</body></html>`,
  };
  for (const [name, html] of Object.entries(hostile)) {
    it(name, () => {
      const article = extractArticle(parseHtml(html), 'https://example.org/story');
      expect(typeof article.text).toBe('string');
      expect(article.text).toBe(article.paragraphs.join('\n\n'));
    });
  }

  it('reads a page nested deeper than Readability can afford paragraph by paragraph', () => {
    const article = extractArticle(parseHtml(hostile['elements nested 3,000 deep'] as string), 'https://example.org/story');
    expect(article.paragraphs).toHaveLength(1);
    expect(article.text).toMatch(/^Deep text\. Deep text\./);
    expect(article.offsetMap.paragraphs[0]?.path).toMatch(/ > p:nth-child\(1\)$/);
  });

  it('reads a page with more elements than Readability can afford paragraph by paragraph', () => {
    const grid = `<div>${'<span>·</span>'.repeat(99)}</div>`.repeat(600);
    const html = page.html.replace('</body>', `<div class="grid">${grid}</div></body>`);
    const article = extractArticle(parseHtml(html), 'https://example.org/story');
    expect(article.text).toContain('President Barack Obama has admitted');
    expect(article.text).not.toContain('···');
  });

  it('drops zero-width characters from the text', () => {
    const article = extractArticle(parseHtml(hostile['zero-width characters everywhere'] as string), 'https://example.org/story');
    expect(article.text.length).toBeGreaterThan(500);
    expect(article.text).not.toMatch(/\u200b/);
    expect(article.text).toContain('President Barack Obama has admitted');
  });
});
