import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FeedError } from './feed-error';
import { htmlToText, looksLikeHtml, tidyText } from './html-text';
import { errorMessage } from '../shared/error-message';

/**
 * Parses RSS 2.0, Atom 1.0 (RFC 4287) and JSON Feed 1.x into one plain shape. No DOM: fast-xml-parser
 * runs in the service worker and in Node (the CLI), so both read a feed with exactly this code.
 *
 * Item text is plain text (see html-text.ts). `content` is the item's full text when the feed carries
 * it (RSS content:encoded, Atom <content>, JSON Feed content_html/content_text); `summary` is the short
 * form (RSS <description>, Atom <summary>, JSON Feed summary). An item with a summary only is a
 * candidate for fetching its page (refresh.ts).
 */

export type FeedFormat = 'rss' | 'atom' | 'json';

export interface FeedItem {
  /** guid (RSS), id (Atom, JSON Feed). */
  guid?: string;
  title?: string;
  /** The item's link exactly as written (validated later: only http/https are kept). */
  link?: string;
  /** ISO 8601, when the feed gives a parseable date. */
  date?: string;
  author?: string;
  summary?: string;
  content?: string;
  lang?: string;
}

export interface ParsedFeed {
  format: FeedFormat;
  title?: string;
  /** The site the feed belongs to. */
  link?: string;
  lang?: string;
  items: FeedItem[];
}

/** Beyond this many items a feed is cut: feeds list recent items, and a huge list is a broken feed. */
export const MAX_FEED_ITEMS = 2000;

export function parseFeed(body: string): ParsedFeed {
  const text = body.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('{')) return parseJsonFeed(text);
  if (!text.startsWith('<')) throw new FeedError('not-a-feed', 'the address did not return a feed (neither XML nor JSON)');
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<!doctype html|^(?:<!--[\s\S]*?-->\s*)*<html[\s>]/i.test(text)) {
    throw new FeedError('html-not-feed', "the address returned a web page (HTML), not a feed; look for the site's RSS or Atom link");
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new FeedError('broken-xml', `the feed is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    // Keep tag values as written: numbers-looking titles and ids stay strings.
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    cdataPropName: false,
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => ['item', 'entry', 'link', 'category', 'author'].includes(name),
  });
  const doc = parser.parse(text) as Record<string, unknown>;
  if (doc.rss && typeof doc.rss === 'object') return fromRss(doc.rss as XmlNode);
  if (doc.feed && typeof doc.feed === 'object') return fromAtom(doc.feed as XmlNode);
  if (doc['rdf:RDF'] && typeof doc['rdf:RDF'] === 'object') return fromRdf(doc['rdf:RDF'] as XmlNode);
  if (doc.html) throw new FeedError('html-not-feed', "the address returned a web page (HTML), not a feed; look for the site's RSS or Atom link");
  const root = Object.keys(doc).find((key) => !key.startsWith('?')) ?? 'nothing';
  throw new FeedError('not-a-feed', `the XML is not an RSS or Atom feed (its root element is <${root.slice(0, 40)}>)`);
}

type XmlNode = Record<string, unknown>;

/** The text of an element that may be a string, a node with #text, or absent. */
function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'object') return textOf((value as XmlNode)['#text']);
  return undefined;
}

/** Plain text of a value that may hold HTML (RSS allows entity-encoded HTML in most text elements). */
function plain(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const result = looksLikeHtml(value) ? htmlToText(value) : tidyText(value);
  return result || undefined;
}

function toIsoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value.trim());
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}

function fromRss(rss: XmlNode): ParsedFeed {
  const channel = (Array.isArray(rss.channel) ? rss.channel[0] : rss.channel) as XmlNode | undefined;
  if (!channel) throw new FeedError('not-a-feed', 'the RSS document has no <channel>');
  const items = ((channel.item as XmlNode[] | undefined) ?? (rss.item as XmlNode[] | undefined) ?? []).slice(0, MAX_FEED_ITEMS);
  return {
    format: 'rss',
    title: plain(textOf(channel.title)),
    link: textOf(channel.link)?.trim(),
    lang: textOf(channel.language)?.trim() || textOf(channel['dc:language'])?.trim(),
    items: items.map((item) => ({
      guid: textOf(item.guid)?.trim(),
      title: plain(textOf(item.title)),
      link: textOf(item.link)?.trim(),
      date: toIsoDate(textOf(item.pubDate) ?? textOf(item['dc:date'])),
      author: plain(textOf(item['dc:creator']) ?? textOf(item.author)),
      summary: plain(textOf(item.description)),
      content: plain(textOf(item['content:encoded'])),
    })),
  };
}

/** RSS 1.0 (RDF): items are siblings of the channel. Rare for official sources but cheap to read. */
function fromRdf(rdf: XmlNode): ParsedFeed {
  const channel = (rdf.channel ?? {}) as XmlNode;
  const items = ((rdf.item as XmlNode[] | undefined) ?? []).slice(0, MAX_FEED_ITEMS);
  return {
    format: 'rss',
    title: plain(textOf(channel.title)),
    link: textOf(channel.link)?.trim(),
    lang: textOf(channel['dc:language'])?.trim(),
    items: items.map((item) => ({
      guid: textOf(item['@_rdf:about'])?.trim(),
      title: plain(textOf(item.title)),
      link: textOf(item.link)?.trim(),
      date: toIsoDate(textOf(item['dc:date'])),
      author: plain(textOf(item['dc:creator'])),
      summary: plain(textOf(item.description)),
      content: plain(textOf(item['content:encoded'])),
    })),
  };
}

/** Atom text constructs (RFC 4287 §3.1): type text, html, or xhtml (inline markup, already parsed). */
function atomText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return plain(value);
  const node = value as XmlNode;
  const type = textOf(node['@_type']) ?? 'text';
  if (type === 'xhtml') return plain(collectText(node));
  const raw = textOf(node);
  if (raw === undefined) return undefined;
  return type === 'html' || looksLikeHtml(raw) ? plain(raw) : tidyText(raw) || undefined;
}

/** All text under an already-parsed XML node (Atom type="xhtml" content), in document order. */
function collectText(node: unknown): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(collectText).join(' ');
  if (!node || typeof node !== 'object') return '';
  return Object.entries(node as XmlNode)
    .filter(([key]) => !key.startsWith('@_') && !['script', 'style', 'xhtml:script', 'xhtml:style'].includes(key))
    .map(([key, value]) => {
      const text = collectText(value);
      return /^(?:xhtml:)?(?:p|div|li|h[1-6]|blockquote)$/.test(key) ? `\n\n${text}\n\n` : text;
    })
    .join(' ');
}

function atomLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  const nodes = links as XmlNode[];
  const alternate = nodes.find((link) => (textOf(link['@_rel']) ?? 'alternate') === 'alternate') ?? nodes[0];
  return textOf(alternate?.['@_href'])?.trim();
}

function fromAtom(feed: XmlNode): ParsedFeed {
  const entries = ((feed.entry as XmlNode[] | undefined) ?? []).slice(0, MAX_FEED_ITEMS);
  const feedAuthor = textOf((feed.author as XmlNode[] | undefined)?.[0]?.name);
  return {
    format: 'atom',
    title: atomText(feed.title),
    link: atomLink(feed.link),
    lang: textOf(feed['@_xml:lang'])?.trim(),
    items: entries.map((entry) => {
      const content = entry.content as XmlNode | string | undefined;
      // <content src="..."> points elsewhere: the entry has no inline content (RFC 4287 §4.1.3.2).
      const inline = typeof content === 'object' && content !== null && content['@_src'] ? undefined : atomText(content);
      return {
        guid: textOf(entry.id)?.trim(),
        title: atomText(entry.title),
        link: atomLink(entry.link),
        date: toIsoDate(textOf(entry.published) ?? textOf(entry.updated)),
        author: plain(textOf((entry.author as XmlNode[] | undefined)?.[0]?.name) ?? feedAuthor),
        summary: atomText(entry.summary),
        content: inline,
        lang: textOf(entry['@_xml:lang'])?.trim(),
      };
    }),
  };
}

function parseJsonFeed(text: string): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new FeedError('broken-json', `the feed is not valid JSON (${errorMessage(error)})`);
  }
  const feed = doc as XmlNode;
  const version = typeof feed?.version === 'string' ? feed.version : '';
  if (!version.startsWith('https://jsonfeed.org/version/') || !Array.isArray(feed.items)) {
    throw new FeedError('not-a-feed', 'the JSON is not a JSON Feed (it needs "version": "https://jsonfeed.org/version/1.1" and "items")');
  }
  const str = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);
  const authorName = (item: XmlNode) => {
    const authors = Array.isArray(item.authors) ? item.authors : item.author ? [item.author] : [];
    return str((authors[0] as XmlNode | undefined)?.name);
  };
  return {
    format: 'json',
    title: plain(str(feed.title)),
    link: str(feed.home_page_url),
    lang: str(feed.language),
    items: (feed.items as unknown[]).slice(0, MAX_FEED_ITEMS).flatMap((raw) => {
      if (!raw || typeof raw !== 'object') return [];
      const item = raw as XmlNode;
      const contentHtml = str(item.content_html);
      const contentText = str(item.content_text);
      return [
        {
          guid: str(item.id),
          title: plain(str(item.title)),
          link: str(item.url)?.trim(),
          date: toIsoDate(str(item.date_published) ?? str(item.date_modified)),
          author: plain(authorName(item) ?? authorName(feed)),
          summary: plain(str(item.summary)),
          // content_text is plain text by definition; markup found in it anyway is reduced to its text too.
          content: plain(contentHtml ?? contentText),
          lang: str(item.language),
        },
      ];
    }),
  };
}
