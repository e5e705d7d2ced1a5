import { describe, expect, it } from 'vitest';
import { LruCache } from '../../lib/background/lru-cache';
import { ReportCache } from '../../lib/background/report-cache';
import { PASSAGE_TEXT_LIMIT, toReportView } from '../../lib/background/report-view';
import { siteRuleFor } from '../../lib/background/site-rules';
import type { SourceReport } from '../../lib/engine/types';
import type { ReportView } from '../../lib/messaging/protocol';
import { allDevStatements, devArticle } from '../shared/helpers';

describe('siteRuleFor', () => {
  const rules = [
    { host: 'example.com', rule: 'allow' as const },
    { host: 'shop.example.com', rule: 'deny' as const },
    { host: 'www.news.example', rule: 'deny' as const },
  ];

  it('matches the host and its subdomains, not look-alike hosts', () => {
    expect(siteRuleFor('https://example.com/a', rules)).toBe('allow');
    expect(siteRuleFor('https://blog.example.com/a', rules)).toBe('allow');
    expect(siteRuleFor('https://a.b.example.com/a', rules)).toBe('allow');
    expect(siteRuleFor('https://notexample.com/a', rules)).toBeUndefined();
    expect(siteRuleFor('https://example.com.evil.net/a', rules)).toBeUndefined();
    expect(siteRuleFor('https://other.org/', rules)).toBeUndefined();
  });

  it('the most specific rule wins', () => {
    expect(siteRuleFor('https://shop.example.com/cart', rules)).toBe('deny');
    expect(siteRuleFor('https://eu.shop.example.com/cart', rules)).toBe('deny');
    // order of the rules does not matter
    expect(siteRuleFor('https://shop.example.com/cart', [...rules].reverse())).toBe('deny');
    expect(siteRuleFor('https://blog.example.com/', [...rules].reverse())).toBe('allow');
  });

  it('ignores www. on the page and on the rule, and letter case of the page host', () => {
    expect(siteRuleFor('https://www.example.com/', rules)).toBe('allow');
    expect(siteRuleFor('https://news.example/story', rules)).toBe('deny');
    expect(siteRuleFor('https://WWW.News.Example/story', rules)).toBe('deny');
    expect(siteRuleFor('https://live.news.example/story', rules)).toBe('deny');
  });

  it('deny wins a tie between rules for the same host; no rules or a bad URL give no rule', () => {
    const tie = [
      { host: 'example.net', rule: 'allow' as const },
      { host: 'www.example.net', rule: 'deny' as const },
    ];
    expect(siteRuleFor('https://example.net/', tie)).toBe('deny');
    expect(siteRuleFor('https://example.net/', [])).toBeUndefined();
    expect(siteRuleFor('not a url', rules)).toBeUndefined();
  });
});

function view(label: string): ReportView {
  return { sources: [], articleChars: label.length, checkedAt: 0, corpusSize: 1 };
}

describe('ReportCache', () => {
  it('answers by address, language and text', () => {
    const cache = new ReportCache();
    const report = view('a');
    cache.set({ url: 'https://a.example/1', text: 'The text of the article.' }, report);
    expect(cache.get({ url: 'https://a.example/1', text: 'The text of the article.' })).toBe(report);
    expect(cache.get({ url: 'https://a.example/2', text: 'The text of the article.' })).toBeUndefined();
    expect(cache.get({ url: 'https://a.example/1', text: 'Another text.' })).toBeUndefined();
    expect(cache.get({ url: 'https://a.example/1', text: 'The text of the article.', lang: 'fr' })).toBeUndefined();
    cache.clear();
    expect(cache.get({ url: 'https://a.example/1', text: 'The text of the article.' })).toBeUndefined();
  });

  it('evicts the least recently used report beyond its capacity', () => {
    const cache = new ReportCache(2);
    const [a, b, c] = [{ text: 'article a' }, { text: 'article b' }, { text: 'article c' }];
    cache.set(a, view('a'));
    cache.set(b, view('b'));
    // reading a makes b the least recently used
    expect(cache.get(a)).toBeDefined();
    cache.set(c, view('c'));
    expect(cache.get(b)).toBeUndefined();
    expect(cache.get(a)?.articleChars).toBe(1);
    expect(cache.get(c)).toBeDefined();
    // without a read, the oldest goes
    cache.set(b, view('bb'));
    expect(cache.get(a)).toBeUndefined();
    expect(cache.get(c)).toBeDefined();
    expect(cache.get(b)?.articleChars).toBe(2);
  });
});

describe('LruCache', () => {
  it('keeps its weight within the budget, evicting the least recently used first', () => {
    const cache = new LruCache<string, string>(10, (text) => text.length);
    cache.set('a', 'aaaa');
    cache.set('b', 'bbbb');
    expect(cache.get('a')).toBe('aaaa'); // b is now the least recently used
    cache.set('c', 'ccc'); // 11 > 10: b goes
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c')]).toEqual(['aaaa', 'ccc']);
    // replacing a key re-weighs it
    cache.set('a', 'a');
    cache.set('d', 'dddddd'); // 1 + 3 + 6 = 10: all fit
    expect(cache.size).toBe(3);
  });

  it('does not keep a value heavier than the whole budget, and keeps what it had', () => {
    const cache = new LruCache<string, string>(5, (text) => text.length);
    cache.set('small', 'xx');
    cache.set('huge', 'x'.repeat(6));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('small')).toBe('xx');
    cache.clear();
    expect(cache.size).toBe(0);
  });
});

describe('toReportView', () => {
  it('attaches the article and statement texts of each passage, sliced by their offsets', () => {
    const article = devArticle('A003').text;
    const s01 = String(allDevStatements().find((s) => s.id === 'S01')!.text);
    const report: SourceReport = {
      articleChars: article.length,
      elapsedMs: 12,
      sources: [
        {
          statementId: 'S01',
          score: 0.9,
          relation: 'copies',
          coverage: 0.5,
          passages: [
            { type: 'unattributed_copy', article: [10, 60], statement: [0, 50] },
            { type: 'paraphrase', article: [100, 140], statement: [200, 230] },
          ],
        },
        { statementId: 'missing', score: 0.5, relation: 'quotes', coverage: 0.1, passages: [{ type: 'verbatim_quote', article: [0, 5], statement: [0, 5] }] },
      ],
    };
    const result = toReportView(report, article, new Map([['S01', s01]]), 25, 1234);
    expect(result).toMatchObject({ articleChars: article.length, elapsedMs: 12, checkedAt: 1234, corpusSize: 25 });
    const [first, second] = result.sources[0]!.passages;
    expect(first).toMatchObject({ type: 'unattributed_copy', article: [10, 60], articleText: article.slice(10, 60), statementText: s01.slice(0, 50) });
    expect(second).toMatchObject({ articleText: article.slice(100, 140), statementText: s01.slice(200, 230) });
    expect(result.sources[0]).toMatchObject({ statementId: 'S01', score: 0.9, relation: 'copies', coverage: 0.5 });
    // a statement whose text is unknown gets an empty statement text, not a crash
    expect(result.sources[1]!.passages[0]).toMatchObject({ articleText: article.slice(0, 5), statementText: '' });
  });

  it('caps passage texts at PASSAGE_TEXT_LIMIT characters', () => {
    const long = 'word '.repeat(PASSAGE_TEXT_LIMIT);
    const report: SourceReport = {
      articleChars: long.length,
      sources: [
        {
          statementId: 'x',
          score: 1,
          relation: 'copies',
          coverage: 1,
          passages: [{ type: 'unattributed_copy', article: [0, long.length], statement: [3, long.length] }],
        },
      ],
    };
    const passage = toReportView(report, long, new Map([['x', long]]), 1, 0).sources[0]!.passages[0]!;
    expect(passage.articleText).toHaveLength(PASSAGE_TEXT_LIMIT);
    expect(passage.articleText).toBe(long.slice(0, PASSAGE_TEXT_LIMIT));
    expect(passage.statementText).toBe(long.slice(3, 3 + PASSAGE_TEXT_LIMIT));
    // the offsets still describe the whole passage
    expect(passage.article).toEqual([0, long.length]);
  });
});
