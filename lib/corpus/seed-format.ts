import type { RecordResult } from './statement';
import { toStatementRecord } from './statement';

/**
 * The plain-text seed format (shared/notes/formats.md): the first line is `date YYYY-MM-DD <title>`,
 * then a blank line, then the body. Leading white space before `date` is tolerated because the
 * project's first document came with one.
 */
const HEADER = /^\s*date\s+(\d{4}-\d{2}-\d{2})\s*(.*)$/;

/** True when the text starts like a seed document. */
export function looksLikeSeedDocument(text: string): boolean {
  const firstLine = text.slice(0, 2000).split('\n', 1)[0] ?? '';
  return HEADER.test(firstLine);
}

/** Parses one seed document into a statement record (validated like any JSONL record). */
export function parseSeedDocument(text: string): RecordResult {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const newline = normalized.indexOf('\n');
  const headerLine = newline === -1 ? normalized : normalized.slice(0, newline);
  const header = HEADER.exec(headerLine);
  if (!header) return { ok: false, reason: 'first line is not "date YYYY-MM-DD <title>"' };
  const body =
    newline === -1
      ? ''
      : normalized
          .slice(newline + 1)
          .replace(/^\n+/, '')
          .replace(/\s+$/, '');
  return toStatementRecord({ date: header[1], title: header[2]?.trim() || undefined, text: body });
}
