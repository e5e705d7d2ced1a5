import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../lib/page/dom-node';
import { bareType, readJsonLd } from '../../lib/page/json-ld';

const page = (...blocks: string[]) =>
  parseHtml(`<html><head>${blocks.map((block) => `<script type="application/ld+json">${block}</script>`).join('')}</head><body></body></html>`);
const typesIn = (...blocks: string[]) => readJsonLd(page(...blocks)).flatMap((entity) => entity.types);

describe('readJsonLd', () => {
  it('reads objects, arrays, @graph and mainEntity', () => {
    expect(typesIn('{"@type":"NewsArticle"}')).toEqual(['NewsArticle']);
    expect(typesIn('[{"@type":"WebSite"},{"@type":"NewsArticle"}]')).toEqual(['WebSite', 'NewsArticle']);
    expect(typesIn('{"@graph":[{"@type":"WebPage"},{"@type":["Article","NewsArticle"]}]}')).toEqual(['WebPage', 'Article', 'NewsArticle']);
    expect(typesIn('{"@type":"WebPage","mainEntity":{"@type":"ReportageNewsArticle"}}')).toEqual(['WebPage', 'ReportageNewsArticle']);
  });

  it('does not collect list members', () => {
    expect(typesIn('{"@type":"ItemList","itemListElement":[{"@type":"NewsArticle"}]}')).toEqual(['ItemList']);
  });

  it('tolerates CDATA, comments, trailing commas and raw newlines in strings', () => {
    expect(typesIn('//<![CDATA[\n{"@type":"NewsArticle","a":[1,2,],}\n//]]>')).toEqual(['NewsArticle']);
    expect(typesIn('<!-- {"@type":"NewsArticle","headline":"two\nlines"} -->')).toEqual(['NewsArticle']);
  });

  it('recovers types by pattern when the JSON is beyond repair', () => {
    expect(typesIn('{"@type": "NewsArticle", "headline": "unterminated')).toEqual(['NewsArticle']);
  });

  it('keeps the data for parsed entities and none for recovered ones', () => {
    const [parsed] = readJsonLd(page('{"@type":"NewsArticle","headline":"H"}'));
    expect(parsed?.data['headline']).toBe('H');
    const [recovered] = readJsonLd(page('{"@type":"NewsArticle",'));
    expect(recovered?.data).toEqual({});
  });

  it('strips vocabulary prefixes from types', () => {
    expect(bareType('http://schema.org/NewsArticle')).toBe('NewsArticle');
    expect(bareType('schema:Article')).toBe('Article');
    expect(bareType('NewsArticle')).toBe('NewsArticle');
  });
});
