/**
 * Node-only helpers of the CLI: read JSON Lines (.jsonl or .jsonl.gz) records, and turn article
 * records (text or html) into engine inputs.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { ArticleInput, StatementDoc } from '../engine/index.ts';
import { contentHash } from '../engine/normalize.ts';

export interface LineError {
  line: number;
  reason: string;
}

/** Parses a .jsonl / .jsonl.gz file; bad lines are reported, the others returned. */
export function readJsonl(path: string): { records: Record<string, unknown>[]; errors: LineError[] } {
  const raw = readFileSync(path);
  const text = (path.endsWith('.gz') || (raw[0] === 0x1f && raw[1] === 0x8b) ? gunzipSync(raw) : raw).toString('utf8');
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
  if (!text && str(r.html)) {
    const extracted = await extractFromHtml(str(r.html)!, str(r.url));
    text = extracted.text;
    title ??= extracted.title;
  }
  const a: ArticleInput = { id: str(r.id) ?? String(index + 1), text: text ?? '' };
  if (title) a.title = title;
  for (const k of ['date', 'outlet', 'url', 'lang'] as const) {
    const v = str(r[k]);
    if (v) a[k] = v;
  }
  return a;
}

/** Extracts an article's text from raw HTML through lib/page (Readability on linkedom). */
export async function extractFromHtml(html: string, url?: string): Promise<{ text: string; title?: string }> {
  let dom: typeof import('../page/dom-node.ts');
  let page: typeof import('../page/extract.ts');
  try {
    dom = await import('../page/dom-node.ts');
    page = await import('../page/extract.ts');
  } catch (e) {
    throw new Error(`html input needs lib/page extraction (${(e as Error).message})`);
  }
  const doc = dom.parseHtml(html, url);
  const extracted = page.extractArticle(doc, url ?? 'https://localhost/') as unknown as { text: string; title?: string };
  return { text: extracted.text, title: extracted.title };
}
