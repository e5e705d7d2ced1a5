import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { CorpusIndex } from '../../lib/background/corpus-index';
import { createBackgroundService } from '../../lib/background/handlers';
import { lexiconLoader } from '../../lib/background/lexicons';
import { SourceLensDb } from '../../lib/corpus/db';
import type { ImportSource } from '../../lib/corpus/import-files';
import { parseCorpus, type ParseBatch, type ParseOptions } from '../../lib/corpus/parse-corpus';

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(here, '..', 'fixtures', 'corpus');
export const SENATE_FIXTURE = join(FIXTURES, 'senate-100-good-3-bad.jsonl');
export const DEV_FIXTURE = join(FIXTURES, 'dev-statements.jsonl');
export const SEED_FIXTURE = join(FIXTURES, 'news-az-2023-09-19-mod-briefing.txt');
/** The malformed lines written into SENATE_FIXTURE (see tests/fixtures/corpus/README.md). */
export const SENATE_BAD_LINES = [11, 52, 103] as const;

export function fixtureBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

export function fixtureLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

export function devStatements(): Record<string, unknown>[] {
  return fixtureLines(DEV_FIXTURE).map((line) => JSON.parse(line) as Record<string, unknown>);
}

export function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** A stream that hands out `bytes` in chunks of `chunkSize` (to exercise chunk boundaries). */
export function streamOf(bytes: Uint8Array, chunkSize = 4096): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

export function sourceOf(name: string, bytes: Uint8Array, chunkSize?: number): ImportSource {
  return { name, size: bytes.byteLength, stream: () => streamOf(bytes, chunkSize) };
}

export async function collect(stream: ReadableStream<Uint8Array>, options: ParseOptions): Promise<ParseBatch[]> {
  const batches: ParseBatch[] = [];
  for await (const batch of parseCorpus(stream, options)) batches.push(batch);
  return batches;
}

let dbCounter = 0;
/** A fresh, uniquely named database over fake-indexeddb. */
export function freshDb(prefix = 'test'): SourceLensDb {
  dbCounter++;
  return new SourceLensDb(`${prefix}-${dbCounter}-${Math.random().toString(36).slice(2)}`, { indexedDB, IDBKeyRange });
}

/** All 25 statements of shared/data/dev (see tests/fixtures/corpus/README.md). */
export const DEV_ALL_FIXTURE = join(FIXTURES, 'dev-statements-all.jsonl');
/** Articles A002, A003 and N011 of shared/data/dev. */
export const DEV_ARTICLES_FIXTURE = join(FIXTURES, 'dev-articles.jsonl');

export function allDevStatements(): Record<string, unknown>[] {
  return fixtureLines(DEV_ALL_FIXTURE).map((line) => JSON.parse(line) as Record<string, unknown>);
}

export interface DevArticle {
  id: string;
  text: string;
  title: string;
  date: string;
  outlet: string;
  url: string;
  lang: string;
  label: string;
  gold_source_ids: string[];
}

export function devArticle(id: 'A002' | 'A003' | 'N011'): DevArticle {
  const found = fixtureLines(DEV_ARTICLES_FIXTURE)
    .map((line) => JSON.parse(line) as DevArticle)
    .find((article) => article.id === id);
  if (!found) throw new Error(`no article ${id} in ${DEV_ARTICLES_FIXTURE}`);
  return found;
}

/** The article as the reader sends it to findSources. */
export function articlePayload(article: DevArticle) {
  return { text: article.text, title: article.title, date: article.date, outlet: article.outlet, url: article.url, lang: article.lang };
}

/** An article of the cross-language engine fixtures (tests/fixtures/engine/cross-language/: A035, A039...). */
export function crossLanguageArticle(id: string): DevArticle {
  const found = fixtureLines(join(here, '..', 'fixtures', 'engine', 'cross-language', 'articles.jsonl'))
    .map((line) => JSON.parse(line) as DevArticle)
    .find((article) => article.id === id);
  if (!found) throw new Error(`no article ${id} in the cross-language fixtures`);
  return found;
}

/** The Chinese lexicon as the worker fetches it (public/lexicon/zh-en.json). */
export function chineseLexiconFile(): unknown {
  return JSON.parse(readFileSync(join(here, '..', '..', 'public', 'lexicon', 'zh-en.json'), 'utf8'));
}

/**
 * The background service over `db` as the worker wires it for lexicons: its CorpusIndex and handlers
 * install them through `fetchChinese`. The snapshot timer never fires by itself.
 */
export function lexiconWorker(db: SourceLensDb, fetchChinese: () => Promise<unknown>, log?: (message: string) => void) {
  const ensureLexicons = lexiconLoader(fetchChinese, log);
  const index = new CorpusIndex(db, { setTimer: () => 0, clearTimer: () => undefined, ensureLexicons });
  return { index, h: createBackgroundService({ db, index, ensureLexicons, now: () => 1_700_000_000_000 }).handlers };
}

/**
 * The on-device translator's stand-in (tests/fixtures/engine/cross-language/a017-translation.json):
 * renders each Russian sentence of A017 by its English sentence, and fails on any other text.
 */
export function standInTranslator(): { translate: (text: string) => Promise<string>; calls: string[] } {
  const file = JSON.parse(readFileSync(join(here, '..', 'fixtures', 'engine', 'cross-language', 'a017-translation.json'), 'utf8')) as {
    sentences: Record<string, string>;
  };
  const calls: string[] = [];
  return {
    calls,
    translate: async (text) => {
      calls.push(text);
      const rendered = file.sentences[text];
      if (rendered === undefined) throw new Error(`the stand-in translator has no rendering for: ${text.slice(0, 60)}`);
      return rendered;
    },
  };
}
