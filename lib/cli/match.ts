/**
 * `sourcelens match --corpus FILE --articles FILE [--out FILE]`
 *
 * Reads statement records and article records (.jsonl or .jsonl.gz, see shared/notes/formats.md) and
 * writes one JSON object per article, in input order: {"id", "sources": [...]} where sources are the
 * SourceMatch objects the product would show (sorted by score; offsets are JS string indices into the
 * records' `text`). Bad lines are reported on stderr with their line number and skipped.
 */
import { createWriteStream } from 'node:fs';
import { findSources, StatementIndex, type StatementDoc } from '../engine/index.ts';
import { readJsonl, toArticle, toStatements, type LineError } from './records.ts';

export interface ParsedArgs {
  flags: Map<string, string>;
  positional: string[];
}

/** `--name value` pairs and positional arguments. */
export function parseArgs(args: string[]): ParsedArgs {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
      else if (i + 1 < args.length && !args[i + 1]!.startsWith('--')) flags.set(a.slice(2), args[++i]!);
      else flags.set(a.slice(2), 'true');
    } else positional.push(a);
  }
  return { flags, positional };
}

function reportErrors(file: string, errors: LineError[]): void {
  for (const e of errors) process.stderr.write(`${file}:${e.line}: ${e.reason}\n`);
}

/** Loads a statement corpus file into an index and an id → statement map. */
export function loadCorpus(path: string): { index: StatementIndex; byId: Map<string, StatementDoc> } {
  const { records, errors } = readJsonl(path);
  const docs = toStatements(records, errors);
  reportErrors(path, errors);
  const index = new StatementIndex();
  index.add(docs);
  return { index, byId: new Map(docs.map((d) => [d.id, d])) };
}

export async function runMatch(args: string[]): Promise<number> {
  const { flags } = parseArgs(args);
  const corpusPath = flags.get('corpus');
  const articlesPath = flags.get('articles');
  if (!corpusPath || !articlesPath) {
    process.stderr.write('usage: sourcelens match --corpus FILE --articles FILE [--out FILE]\n');
    return 2;
  }
  const { index, byId } = loadCorpus(corpusPath);
  const load = async (ids: string[]) => ids.map((id) => byId.get(id)).filter((d): d is StatementDoc => !!d);
  const { records, errors } = readJsonl(articlesPath);
  reportErrors(articlesPath, errors);
  const outPath = flags.get('out');
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
}
