/**
 * `sourcelens feed FILE|URL`: parses a feed (RSS 2.0, Atom 1.0, JSON Feed) with the extension's own
 * code and prints the statement records it would import, as JSON Lines (shared/notes/formats.md), so
 * researchers can build corpora in batch. Skipped items and their reasons go to stderr.
 *
 *   --issuer NAME   issuer of every statement (feeds rarely name it; default: the feed's title)
 *   --lang TAG      language when the feed declares none
 *   --pages         fetch the page of each summary-only item and extract the statement from it
 *                   (the same extraction as the extension, over linkedom)
 */
import { toInterchange } from '../corpus/statement';
import { decodeBody, fetchText } from '../feeds/fetch-feed';
import { parseFeed } from '../feeds/parse-feed';
import { itemsToRecords } from '../feeds/refresh';
import { defineCommand } from './command';
import { feedSpec } from './commands';
import { readInput } from './files';

export const runFeed = defineCommand(feedSpec, async ({ values, positionals }) => {
  const source = positionals[0]!;
  const issuer = values.issuer as string | undefined;
  const lang = values.lang as string | undefined;
  const pages = values.pages === true;
  const fetch = (url: string, init: RequestInit) => globalThis.fetch(url, init);
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(source) && !source.startsWith('file:');
  let body: string;
  if (isUrl) {
    const fetched = await fetchText(source, { fetch });
    if (fetched.status !== 'ok') throw new Error('the server answered "not modified" to an unconditional request');
    body = fetched.body;
  } else {
    body = decodeBody(new Uint8Array(await readInput(source)), '');
  }
  const parsed = parseFeed(body);
  const extractPage = pages
    ? async (html: string, url: string) => {
        const [{ parseHtml }, { extractPageStatement }] = await Promise.all([import('../page/dom-node'), import('../page/page-statement')]);
        return extractPageStatement(parseHtml(html, url), url);
      }
    : undefined;
  const { records, skipped } = await itemsToRecords(
    parsed.items,
    parsed,
    { issuer: issuer ?? parsed.title, lang: lang ?? parsed.lang },
    {
      fetch,
      extractPage,
      maxPageFetches: Number.POSITIVE_INFINITY,
    },
  );
  for (const record of records) process.stdout.write(JSON.stringify(toInterchange(record)) + '\n');
  for (const reason of skipped) process.stderr.write(`sourcelens feed: ${reason}\n`);
  process.stderr.write(`sourcelens feed: ${records.length} statements from ${parsed.items.length} items (${parsed.format})\n`);
  return 0;
});
