import { describe, expect, it } from 'vitest';
import { anchorPassage } from '../../lib/page/anchor';
import { extractArticle, type ExtractedArticle } from '../../lib/page/extract';
import { normalizeString } from '../../lib/page/text-map';
import { liveDocument, loadPage } from './fixtures';

/** What a Range shows, compared as the extracted text is written: whitespace collapsed. */
function rangeText(range: Range | null): string | null {
  return range ? normalizeString(range.toString()) : null;
}

/** The passage as the page shows it: paragraph breaks read as spaces. */
function passage(article: ExtractedArticle, start: number, end: number): string {
  return normalizeString(article.text.slice(start, end));
}

function extractLive(slug: string): { doc: Document; article: ExtractedArticle } {
  const page = loadPage(slug);
  const doc = liveDocument(page.html);
  return { doc, article: extractArticle(doc, 'https://example.org/article') };
}

describe('anchorPassage on the unchanged page', () => {
  for (const slug of ['bbc-1', 'nytimes-1', 'qq']) {
    it(`${slug}: every paragraph's passages map back to the same text`, () => {
      const { doc, article } = extractLive(slug);
      expect(article.offsetMap.paragraphs.length).toBeGreaterThan(5);
      for (const paragraph of article.offsetMap.paragraphs) {
        const start = paragraph.start + Math.floor((paragraph.end - paragraph.start) / 4);
        const end = Math.min(paragraph.end, start + 40);
        if (end - start < 2) continue;
        expect(rangeText(anchorPassage(doc, article.offsetMap, start, end))).toBe(passage(article, start, end));
        // Whole paragraphs too.
        expect(rangeText(anchorPassage(doc, article.offsetMap, paragraph.start, paragraph.end))).toBe(passage(article, paragraph.start, paragraph.end));
      }
    });
  }

  it('maps a passage spanning several paragraphs', () => {
    const { doc, article } = extractLive('bbc-1');
    const second = article.offsetMap.paragraphs[1];
    const fourth = article.offsetMap.paragraphs[3];
    if (!second || !fourth) throw new Error('bbc-1 has fewer than four paragraphs');
    const start = second.start + 5;
    const end = fourth.end - 5;
    const range = anchorPassage(doc, article.offsetMap, start, end);
    // Range.toString() does not separate block elements ("killings".He), so compare without spaces.
    const withoutSpaces = (text: string | null) => text?.replace(/\s+/g, '');
    expect(withoutSpaces(rangeText(range))).toBe(withoutSpaces(passage(article, start, end)));
    expect(range?.startContainer.parentElement).not.toBe(range?.endContainer.parentElement);
  });

  it('returns null for empty or out-of-range offsets', () => {
    const { doc, article } = extractLive('bbc-1');
    expect(anchorPassage(doc, article.offsetMap, 10, 10)).toBeNull();
    expect(anchorPassage(doc, article.offsetMap, 20, 10)).toBeNull();
    expect(anchorPassage(doc, article.offsetMap, -5, 3)).toBeNull();
    expect(anchorPassage(doc, article.offsetMap, article.text.length + 10, article.text.length + 20)).toBeNull();
  });
});

describe('anchorPassage after the page changed', () => {
  it('finds the passage by fuzzy search when the structure shifted', () => {
    const page = loadPage('bbc-1');
    const original = liveDocument(page.html);
    const article = extractArticle(original, 'https://example.org/article');
    const target = article.offsetMap.paragraphs[5];
    if (!target) throw new Error('bbc-1 has fewer than six paragraphs');

    // The page re-rendered: a banner was inserted before everything, shifting every path.
    const changed = liveDocument(page.html);
    const banner = changed.createElement('div');
    banner.textContent = 'Subscribe to our newsletter';
    changed.body.insertBefore(banner, changed.body.firstChild);
    const wrapper = changed.createElement('div');
    while (changed.body.children.length > 1) wrapper.appendChild(changed.body.children[1] as Element);
    changed.body.appendChild(wrapper);

    const range = anchorPassage(changed, article.offsetMap, target.start, target.end);
    expect(rangeText(range)).toBe(passage(article, target.start, target.end));
  });

  it('tolerates a small edit in the passage (fuzzy match)', () => {
    const page = loadPage('bbc-1');
    const article = extractArticle(liveDocument(page.html), 'https://example.org/article');
    const target = article.offsetMap.paragraphs[2];
    if (!target) throw new Error('bbc-1 has fewer than three paragraphs');
    const paragraphText = article.text.slice(target.start, target.end);
    // Change one word of that paragraph in the live page.
    const edited = page.html.replace('frustration', 'frustrations');
    const doc = liveDocument(edited);
    // Break the structural path so that only the fuzzy search can find it.
    const map = { ...article.offsetMap, paragraphs: article.offsetMap.paragraphs.map((paragraph) => ({ ...paragraph, path: null })) };
    const range = anchorPassage(doc, map, target.start, target.end);
    expect(range).not.toBeNull();
    const found = rangeText(range) as string;
    expect(found.length).toBeGreaterThan(paragraphText.length * 0.9);
    expect(found.slice(0, 20)).toBe(paragraphText.slice(0, 20));
  });

  it('returns null when the passage is gone from the page', () => {
    const { article } = extractLive('bbc-1');
    const target = article.offsetMap.paragraphs[3];
    if (!target) throw new Error('bbc-1 has fewer than four paragraphs');
    const other = liveDocument('<html><body><p>Nothing of the article is left on this page.</p></body></html>');
    expect(anchorPassage(other, article.offsetMap, target.start, target.end)).toBeNull();
  });
});

describe('anchorPassage at whitespace edges', () => {
  it('maps passages that start or end on a collapsed space', () => {
    const html =
      '<html><head></head><body><article><p>First   words\n of <b>the</b>  paragraph here.</p><p>Second paragraph with more words in it.</p></article></body></html>';
    const doc = liveDocument(html);
    const map = {
      text: 'First words of the paragraph here.',
      paragraphs: [{ start: 0, end: 34, path: 'html > body:nth-child(2) > article:nth-child(1) > p:nth-child(1)' }],
    };
    // "words " ends on a space; " of the" starts on one.
    expect(normalizeString(anchorPassage(doc, map, 6, 12)?.toString() ?? '')).toBe('words');
    expect(normalizeString(anchorPassage(doc, map, 11, 18)?.toString() ?? '')).toBe('of the');
    expect(anchorPassage(doc, map, 15, 28)?.toString().replace(/\s+/g, ' ')).toBe('the paragraph');
  });
});
