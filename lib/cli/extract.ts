/**
 * `sourcelens extract`: the extension's news detection and extraction, run in Node on saved pages.
 *
 *   sourcelens extract FILE.html [--url URL]   → one JSON object
 *   sourcelens extract --articles FILE.jsonl   → one JSON object per record, as JSON Lines
 *
 * Article records are `{id, html, url}` (other fields ignored), in `.jsonl` or `.jsonl.gz`. A line
 * that is not JSON or has no `html` is reported on stderr with its line number; the others are
 * still processed, and the exit code is then 1.
 */
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createGunzip } from 'node:zlib';
import { detectNews } from '../page/detect';
import { decodeHtmlBytes, parseHtml } from '../page/dom-node';
import { extractArticle } from '../page/extract';
import { defineCommand, UsageError } from './command';
import { extractSpec } from './commands';
import { readInput, STDIN } from './files';
import { errorMessage } from '../shared/error-message';

/** The fields printed for each page, in this order. */
export interface ExtractOutput {
  isNews: boolean;
  reasons: string[];
  title: string | null;
  byline: string | null;
  /** The outlet: og:site_name, the JSON-LD publisher, or the address's host. */
  outlet: string | null;
  /** When the article was published (the date the engine's time rule reads), or null. */
  published: string | null;
  /** When the page says it was last modified, or null. */
  modified: string | null;
  lang: string | null;
  text: string;
}

export const runExtract = defineCommand(extractSpec, async ({ values, positionals }) => {
  const options = checkArguments({ file: positionals[0], url: values.url as string | undefined, articles: values.articles as string | undefined });
  if (options.articles) return extractArticlesFile(options.articles);
  const path = options.file as string;
  const html = decodeHtmlBytes(await readInput(path));
  const url = options.url ?? (path === STDIN ? 'about:blank' : pathToFileURL(resolve(path)).href);
  process.stdout.write(`${JSON.stringify(extractPage(html, url), null, 2)}\n`);
  return 0;
});

/** Detection and extraction of one page, as the CLI prints it. */
export function extractPage(html: string, url: string): ExtractOutput {
  const doc = parseHtml(html, url);
  const verdict = detectNews(doc, url);
  const article = extractArticle(doc, url);
  return {
    isNews: verdict.isNews,
    reasons: verdict.reasons,
    title: article.title,
    byline: article.byline,
    outlet: article.outlet,
    published: article.published,
    modified: article.modified,
    lang: article.lang,
    text: article.text,
  };
}

interface Options {
  file?: string;
  url?: string;
  articles?: string;
}

function checkArguments(options: Options): Options {
  if (!options.file && !options.articles) throw new UsageError('missing FILE.html or --articles FILE.jsonl');
  if (options.file && options.articles) throw new UsageError('give either FILE.html or --articles, not both');
  return options;
}

async function extractArticlesFile(path: string): Promise<number> {
  let failures = 0;
  let lineNumber = 0;
  for await (const line of readLines(path)) {
    lineNumber++;
    if (!line.trim()) continue;
    const problem = (reason: string): void => {
      failures++;
      process.stderr.write(`${path}:${lineNumber}: ${reason}\n`);
    };
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      problem(`not valid JSON (${errorMessage(error)})`);
      continue;
    }
    if (!record || typeof record !== 'object' || Array.isArray(record)) {
      problem('not a JSON object');
      continue;
    }
    const { id, html, url } = record as Record<string, unknown>;
    if (typeof html !== 'string' || !html) {
      problem('record has no "html"');
      continue;
    }
    const pageUrl = typeof url === 'string' && url ? url : 'about:blank';
    const output = extractPage(html, pageUrl);
    process.stdout.write(`${JSON.stringify({ id: id ?? null, ...output })}\n`);
  }
  return failures > 0 ? 1 : 0;
}

/** Lines of a `.jsonl` file (or standard input), gunzipped when it starts with the gzip magic bytes. */
async function* readLines(path: string): AsyncGenerator<string> {
  let head: Uint8Array;
  let raw: Readable;
  if (path === STDIN) {
    // Standard input cannot be peeked and read again: it is read whole (a file is streamed).
    const whole = await readInput(STDIN);
    head = whole;
    raw = Readable.from([whole]);
  } else {
    head = await readHead(path);
    raw = createReadStream(path);
  }
  const stream: Readable = head[0] === 0x1f && head[1] === 0x8b ? raw.pipe(createGunzip()) : raw;
  yield* createInterface({ input: stream, crlfDelay: Infinity });
}

async function readHead(path: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(path, { start: 0, end: 1 })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
