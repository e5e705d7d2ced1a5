/**
 * `sourcelens match --corpus FILE --articles FILE [--out FILE]` (options: lib/cli/commands.ts)
 *
 * Reads statement records and article records (.jsonl or .jsonl.gz, see shared/notes/formats.md) and
 * writes one JSON object per article, in input order: {"id", "sources": [...]} where sources are the
 * SourceMatch objects the product would show (sorted by score; offsets are JS string indices into the
 * records' `text`). Bad lines are reported on stderr with their line number and skipped.
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { findSources, StatementIndex, contentHash, type ArticleInput, type StatementDoc } from '../engine/index.ts';
import * as v from 'valibot';
import { detectLanguage } from '../corpus/detect-language.ts';
import { TranslationSchema } from '../messaging/protocol.ts';
import { defineCommand, UsageError } from './command.ts';
import { matchSpec } from './commands.ts';
import { readInput, STDIN } from './files.ts';
import { installBundledLexicons } from './lexicons.ts';

function reportErrors(file: string, errors: LineError[]): void {
  for (const e of errors) process.stderr.write(`${file}:${e.line}: ${e.reason}\n`);
}

/** Loads a statement corpus file (or standard input, `-`) into an index and an id → statement map. */
export async function loadCorpus(path: string): Promise<{ index: StatementIndex; byId: Map<string, StatementDoc> }> {
  installBundledLexicons();
  const { records, errors } = parseJsonl(await readInput(path), path);
  const docs = toStatements(records, errors);
  reportErrors(path, errors);
  const index = new StatementIndex();
  index.add(docs);
  return { index, byId: new Map(docs.map((d) => [d.id, d])) };
}

export const runMatch = defineCommand(matchSpec, async ({ values }) => {
  const corpusPath = values.corpus as string;
  const articlesPath = values.articles as string;
  if (corpusPath === STDIN && articlesPath === STDIN) throw new UsageError('--corpus and --articles cannot both be standard input (-)');
  const { index, byId } = await loadCorpus(corpusPath);
  const load = async (ids: string[]) => ids.map((id) => byId.get(id)).filter((d): d is StatementDoc => !!d);
  const { records, errors } = parseJsonl(await readInput(articlesPath), articlesPath);
  reportErrors(articlesPath, errors);
  const outPath = values.out as string | undefined;
  const out = outPath ? createWriteStream(outPath) : undefined;
  const write = (line: string) => (out ? out.write(line + '\n') : process.stdout.write(line + '\n'));
  let failures = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    try {
      const article = await toArticle(r, i);
      const report = await findSources(article, index, load);
      write(JSON.stringify({ id: article.id, sources: report.sources }));
    } catch (e) {
      failures++;
      process.stderr.write(`${articlesPath}: record ${i + 1}: ${(e as Error).message}\n`);
      write(JSON.stringify({ id: typeof r.id === 'string' ? r.id : String(i + 1), sources: [], error: (e as Error).message }));
    }
  }
  if (out) await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return failures ? 1 : 0;
});

// ---- Reading records (Node-only helpers shared by check.ts, scripts/eval.ts and scripts/bench.ts) ----

export interface LineError {
  line: number;
  reason: string;
}

/** Parses a .jsonl / .jsonl.gz file; bad lines are reported, the others returned. */
export function readJsonl(path: string): { records: Record<string, unknown>[]; errors: LineError[] } {
  return parseJsonl(readFileSync(path), path);
}

/** Parses JSON Lines, gunzipped first when gzip (by its magic bytes, or a .gz name); bad lines are reported, the others returned. */
export function parseJsonl(raw: Buffer, name = ''): { records: Record<string, unknown>[]; errors: LineError[] } {
  const text = (name.endsWith('.gz') || (raw[0] === 0x1f && raw[1] === 0x8b) ? gunzipSync(raw) : raw).toString('utf8');
  const records: Record<string, unknown>[] = [];
  const errors: LineError[] = [];
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (!line) continue;
    try {
      const value = JSON.parse(line) as unknown;
      if (!value || typeof value !== 'object' || Array.isArray(value)) errors.push({ line: lineNo, reason: 'not a JSON object' });
      else records.push(value as Record<string, unknown>);
    } catch (e) {
      errors.push({ line: lineNo, reason: `invalid JSON: ${(e as Error).message}` });
    }
  }
  return { records, errors };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length ? v : undefined);

/** Statement records → StatementDoc (records without text are reported as errors). */
export function toStatements(records: Record<string, unknown>[], errors: LineError[] = []): StatementDoc[] {
  const out: StatementDoc[] = [];
  records.forEach((r, i) => {
    const text = str(r.text);
    if (!text) {
      errors.push({ line: i + 1, reason: 'statement has no text' });
      return;
    }
    const doc: StatementDoc = { id: str(r.id) ?? str(r.url) ?? `sha-${contentHash(text)}`, text };
    for (const k of ['title', 'date', 'issuer', 'speaker', 'url', 'lang'] as const) {
      const v = str(r[k]);
      if (v) doc[k] = v;
    }
    out.push(doc);
  });
  return out;
}

/** Article record → ArticleInput; `html` without `text` is extracted with lib/page. */
export async function toArticle(r: Record<string, unknown>, index: number): Promise<ArticleInput> {
  let text = str(r.text);
  let title = str(r.title);
  let page: ExtractedFields = {};
  if (!text && str(r.html)) {
    page = await extractFromHtml(str(r.html)!, str(r.url));
    text = page.text;
    title ??= page.title;
  }
  const a: ArticleInput = { id: str(r.id) ?? String(index + 1), text: text ?? '' };
  if (title) a.title = title;
  // The record's own fields win; the page's date, outlet and language fill in for those it lacks, as
  // the extension's reader sends them (without a language, no source in another language is sought).
  for (const k of ['date', 'outlet', 'url', 'lang'] as const) {
    const v = str(r[k]) ?? (k === 'url' ? undefined : page[k]);
    if (v) a[k] = v;
  }
  // Neither the record nor its page names a language: guessed, as the worker does (formats.md: "detect
  // it when absent"), so that sources in other languages are sought for it too.
  if (!a.lang) {
    const guess = detectLanguage(a.text);
    if (guess) a.lang = guess;
  }
  // A translation made elsewhere (by any local translator), in the shape the reader sends: sources in
  // its language are sought through it too. A malformed one is an error of the record, not ignored.
  if (r.translation !== undefined) {
    const parsed = v.safeParse(TranslationSchema, r.translation);
    if (!parsed.success) {
      throw new Error(
        `"translation" must be {lang, text, segments: [[translationStart, translationEnd, articleStart, articleEnd], ...]}: ${v.summarize(parsed.issues).split('\n')[0]}`,
      );
    }
    a.translation = parsed.output;
  }
  return a;
}

interface ExtractedFields {
  text?: string;
  title?: string;
  date?: string;
  outlet?: string;
  lang?: string;
}

/** Extracts an article's text from raw HTML through lib/page (Readability on linkedom). */
export async function extractFromHtml(html: string, url?: string): Promise<ExtractedFields & { text: string }> {
  let dom: typeof import('../page/dom-node.ts');
  let page: typeof import('../page/extract.ts');
  try {
    dom = await import('../page/dom-node.ts');
    page = await import('../page/extract.ts');
  } catch (e) {
    throw new Error(`html input needs lib/page extraction (${(e as Error).message})`);
  }
  const doc = dom.parseHtml(html, url);
  const extracted = page.extractArticle(doc, url ?? 'https://localhost/');
  const fields: ExtractedFields & { text: string } = { text: extracted.text };
  if (extracted.title) fields.title = extracted.title;
  if (extracted.published) fields.date = extracted.published;
  if (extracted.outlet) fields.outlet = extracted.outlet;
  if (extracted.lang) fields.lang = extracted.lang;
  return fields;
}
