import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedError } from '../../lib/feeds/feed-error';
import { feedToRecords } from '../../lib/feeds/feed-records';
import { htmlToText } from '../../lib/feeds/html-text';
import { decodeBody } from '../../lib/feeds/fetch-feed';
import { parseFeed } from '../../lib/feeds/parse-feed';
import { FEEDS } from './helpers';

const read = (name: string) => readFileSync(join(FEEDS, name), 'utf8');

function feedError(body: string): FeedError {
  try {
    parseFeed(body);
  } catch (error) {
    if (error instanceof FeedError) return error;
    throw error;
  }
  throw new Error('parsed without error');
}

describe('RSS 2.0', () => {
  const feed = parseFeed(read('rss2.xml'));

  it('reads the channel and every item', () => {
    expect(feed).toMatchObject({ format: 'rss', title: 'Ministry of Examples — Press releases', lang: 'en-gb', link: 'https://ministry.example.gov/press' });
    expect(feed.items).toHaveLength(4);
    expect(feed.items[0]).toMatchObject({
      guid: 'press-2023-0917',
      link: 'https://ministry.example.gov/press/northern-bridge',
      date: '2023-09-19T06:33:00.000Z',
      author: 'Press Secretary Jane Roe',
      summary: 'The ministry opened the northern bridge & road.',
    });
    // content:encoded is the full text, paragraphs kept, entities decoded
    expect(feed.items[0]!.content).toBe(
      'The Ministry of Examples today opened the northern bridge to traffic, two months ahead of schedule.\n\n“This bridge connects three districts that waited a decade for it,” the minister said.',
    );
  });

  it('takes an entity-encoded HTML description as a summary, in plain text', () => {
    expect(feed.items[1]).toMatchObject({
      content: undefined,
      summary: 'The minister received a delegation led by the deputy foreign minister of the Republic of Samples.',
    });
  });

  it('keeps script and markup out of the text', () => {
    const text = feed.items[2]!.content!;
    expect(text).toBe('The ministry rejects the allegations in full.\n\nNo agreement was signed on that day.');
    expect(text).not.toMatch(/alert|steal|display|</);
  });

  it('turns items into statement records and rejects the javascript: link with a reason', () => {
    const { records, rejected } = feedToRecords(feed, { issuer: 'Ministry of Examples' });
    expect(records.map((record) => record.id)).toEqual(['press-2023-0917', 'https://ministry.example.gov/press/delegation-visit', 'press-2023-0915']);
    expect(records[0]).toMatchObject({
      issuer: 'Ministry of Examples',
      speaker: 'Press Secretary Jane Roe',
      url: 'https://ministry.example.gov/press/northern-bridge',
      lang: 'en-gb',
      date: '2023-09-19T06:33:00.000Z',
    });
    expect(rejected).toEqual([{ item: 'Hostile link', reason: 'its link uses "javascript:"; only http and https links are accepted' }]);
  });

  it('reads a windows-1251 feed declared in its XML prolog', () => {
    const body = decodeBody(new Uint8Array(readFileSync(join(FEEDS, 'rss2-windows-1251.xml'))), 'application/rss+xml');
    const parsed = parseFeed(body);
    expect(parsed.title).toBe('Министерство примеров');
    expect(parsed.items[0]!.summary).toBe('Министерство заявляет, что переговоры продолжатся на следующей неделе в Женеве.');
  });
});

describe('Atom 1.0', () => {
  const feed = parseFeed(read('atom.xml'));

  it('reads entries with html, xhtml and text content', () => {
    expect(feed).toMatchObject({
      format: 'atom',
      title: 'Office of the Spokesperson — Statements',
      lang: 'en',
      link: 'https://spokesperson.example.int/statements',
    });
    expect(feed.items).toHaveLength(4);
    expect(feed.items[0]).toMatchObject({
      guid: 'tag:spokesperson.example.int,2023:statement-101',
      link: 'https://spokesperson.example.int/statements/corridor',
      date: '2023-09-20T05:30:00.000Z',
      author: 'Office of the Spokesperson',
      content:
        'The Secretary-General welcomes the agreement to open a humanitarian corridor and calls on all parties to respect it.\n\nCivilians must be protected at all times.',
    });
    expect(feed.items[1]).toMatchObject({
      title: 'Readout of the call with the Prime Minister',
      author: 'Deputy Spokesperson',
      date: '2023-09-19T18:00:00.000Z',
    });
    expect(feed.items[1]!.content).toContain('The Secretary-General spoke with the Prime Minister about the situation in the region.');
    expect(feed.items[1]!.content).toContain('He stressed the importance of dialogue.');
    expect(feed.items[2]).toMatchObject({ content: undefined, summary: 'A summary only: the full note is on the page.' });
    // type="text" content that holds markup-looking text never keeps the markup
    expect(feed.items[3]!.content).toBe('The Secretary-General condemns the attack on the convoy in the strongest terms.');
  });
});

describe('JSON Feed 1.1', () => {
  const feed = parseFeed(read('feed.json'));

  it('reads items with content_html, content_text and summary', () => {
    expect(feed).toMatchObject({ format: 'json', title: 'Presidency of Examples — News', lang: 'az' });
    expect(feed.items[0]).toMatchObject({ guid: '5012', author: 'Press Service of the President', date: '2023-09-19T08:00:00.000Z' });
    expect(feed.items[0]!.content).toMatch(/^Prezident qonşu ölkənin nümayəndə heyətini qəbul edib/);
    expect(feed.items[1]).toMatchObject({
      lang: 'en',
      author: 'The President',
      content: 'Dear compatriots,\n\nToday we mark the anniversary of our independence.',
    });
    expect(feed.items[2]).toMatchObject({ content: undefined, summary: 'The President signed a decree; the decree is on the page.' });
    const { records } = feedToRecords(feed);
    expect(records.map((record) => record.lang)).toEqual(['az', 'en', 'az']);
  });
});

describe('what is not a feed', () => {
  it('says so for HTML served instead of a feed', () => {
    const error = feedError('<!DOCTYPE html>\n<html><head><title>Press</title></head><body><p>Hello</p></body></html>');
    expect(error.code).toBe('html-not-feed');
    expect(error.message).toMatch(/web page \(HTML\), not a feed/);
    expect(feedError('<html lang="en"><body>x</body></html>').code).toBe('html-not-feed');
  });

  it('gives the line of broken XML', () => {
    const error = feedError('<?xml version="1.0"?>\n<rss version="2.0"><channel>\n<title>Broken</title>\n<item><title>Unclosed</item></channel></rss>');
    expect(error.code).toBe('broken-xml');
    expect(error.message).toMatch(/not well-formed XML \(line \d+: .+\)/);
  });

  it('refuses other XML, other JSON and plain text', () => {
    expect(feedError('<?xml version="1.0"?><catalog><book/></catalog>').message).toMatch(/root element is <catalog>/);
    expect(feedError('{"items": []}').code).toBe('not-a-feed');
    expect(feedError('{"version": "https://jsonfeed.org/version/1.1", "items": [').code).toBe('broken-json');
    expect(feedError('hello').code).toBe('not-a-feed');
  });

  it('does not expand entities into markup or fetch external entities', () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY ext SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>x</title><item><title>t</title><description>&ext; safe</description></item></channel></rss>';
    let summary: string | undefined;
    try {
      summary = parseFeed(xxe).items[0]?.summary;
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
    }
    expect(summary ?? '').not.toMatch(/root:/);
  });
});

describe('htmlToText', () => {
  it('drops script, style and event handlers and keeps paragraphs', () => {
    expect(htmlToText('<div><p>One &amp; two</p><script>x()</script><p>Three<br>four</p></div>')).toBe('One & two\n\nThree\nfour');
  });
});
