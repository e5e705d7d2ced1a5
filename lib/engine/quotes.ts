/**
 * Quoted spans in a text, including quotes that run over several paragraphs.
 *
 * Recognised pairs: “…” „…“ „…” «…» ‹…› "…" ‘…’ '…' 「…」 『…』. Only top-level quotes are returned
 * (a quote inside a quote belongs to its outer quote).
 *
 * Multi-paragraph quotes follow the newspaper convention: a paragraph that opens a quote without
 * closing it continues into the next paragraph when that paragraph opens with a quotation mark.
 * Outlets do not always follow it (the seed article closes a three-paragraph quote whose middle
 * paragraph has no opening mark), so an unclosed quote also extends to a later closing mark that has
 * no opener of its own, if one appears within {@link MAX_QUOTE_PARAGRAPHS} paragraphs.
 *
 * The marks are read on the canonical text (canonical-text.ts): full-width ＂, the ornamental ❝ ❞,
 * the CJK double primes 〝 〞 and other look-alikes count as the marks they look like, a thin or
 * no-break space next to a mark as a space, and a zero-width character next to one as nothing.
 */
import { canonicalText, toOriginal, type CanonicalText } from './canonical-text.ts';

export interface QuoteSpan {
  /** Offset just after the opening mark. */
  start: number;
  /** Offset of the closing mark (or the end of the last paragraph if never closed). */
  end: number;
  /** Offset of the opening mark. */
  open: number;
  /** Offset just after the closing mark (== end when unclosed). */
  close: number;
  /** Number of paragraphs the quote spans. */
  paragraphs: number;
}

/** Longest run of paragraphs one quote may span before an unclosed quote is given up. */
export const MAX_QUOTE_PARAGRAPHS = 6;

const CLOSERS: Record<string, string> = {
  '\u201C': '\u201D\u201C"', // “ closes with ” (English), “ (German „…“ started elsewhere) or a stray straight mark
  '\u201E': '\u201C\u201D', // „ closes with “ or ”
  '\u00AB': '\u00BB',
  '\u00BB': '\u00AB', // »…« (Danish/German reversed guillemets)
  '\u2039': '\u203A',
  '"': '"\u201D', // CMSs mix straight and curly marks: "…” is common
  '\u2018': '\u2019',
  "'": "'",
  '\u201A': '\u2018\u2019',
  '\u300C': '\u300D',
  '\u300E': '\u300F',
};
const OPENERS = new Set(Object.keys(CLOSERS));
const LETTER = /[\p{L}\p{N}]/u;

interface Paragraph {
  start: number;
  end: number;
}

/** Paragraphs: maximal runs of text between line breaks, trimmed. */
export function paragraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /[^\r\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let s = m.index;
    let e = m.index + m[0].length;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e });
  }
  return out;
}

/** Whether the mark at `i` can open a quote (not an apostrophe or a closing mark in context). */
function canOpen(text: string, i: number): boolean {
  const c = text[i]!;
  if (!OPENERS.has(c)) return false;
  const prev = i > 0 ? text[i - 1]! : ' ';
  const next = i + 1 < text.length ? text[i + 1]! : ' ';
  if (/\s/.test(next)) return c === '\u00AB' || c === '\u00BB';
  if (c === '"' || c === "'" || c === '\u2019' || c === '\u00BB') {
    // Straight marks are ambiguous: they open only at a word start.
    return !LETTER.test(prev) && !/[.,;:!?]/.test(prev);
  }
  if (c === '\u2018') return !LETTER.test(prev);
  return true;
}

/** Whether the mark at `i` can close a quote opened by `opener`. */
function canClose(text: string, i: number, opener: string): boolean {
  const c = text[i]!;
  if (!(CLOSERS[opener] ?? '').includes(c)) return false;
  const next = i + 1 < text.length ? text[i + 1]! : ' ';
  if (c === "'" || c === '\u2019') {
    // An apostrophe inside a word ("Azerbaijan's") is not a closing mark.
    const prev = i > 0 ? text[i - 1]! : ' ';
    if (LETTER.test(prev) && LETTER.test(next)) return false;
  }
  return true;
}

/** Finds the first closing mark for `opener` in [from, to), skipping nested quotes of other styles. */
function findClose(text: string, from: number, to: number, opener: string): number {
  const closers = CLOSER_CODES.get(opener) ?? [];
  for (let i = from; i < to; i++) {
    if (closers.includes(text.charCodeAt(i)) && canClose(text, i, opener)) return i;
  }
  return -1;
}

/** CLOSERS as code units per opener, for findClose's scan (as findOpen's, one test per character). */
const CLOSER_CODES = new Map(Object.entries(CLOSERS).map(([opener, closers]) => [opener, [...closers].map((c) => c.charCodeAt(0))]));

/** OPENERS as UTF-16 code units (each is one), tested per character without making a one-character string. */
const OPENER_CODES = new Set([...OPENERS].map((c) => c.charCodeAt(0)));
const STRAIGHT_DOUBLE = 34;
const STRAIGHT_SINGLE = 39;

/**
 * First index in [from, to) of a mark that can open a quote. Code units, not characters: every
 * candidate's text is scanned whole (a 5,000-word release is 30,000 characters), and a string and a
 * Set lookup per character were most of a check's quote reading.
 */
function findOpen(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c === STRAIGHT_DOUBLE || c === STRAIGHT_SINGLE || (c > 127 && OPENER_CODES.has(c))) && canOpen(text, i)) return i;
  }
  return -1;
}

/** The top-level quoted spans of `text`, in order, as offsets into `text`. */
export function extractQuotes(text: string, canonical: CanonicalText = canonicalText(text)): QuoteSpan[] {
  return toOriginalSpans(quotesOf(canonical.text), canonical);
}

/** Quote spans of a canonical text as offsets into its original. */
export function toOriginalSpans(spans: QuoteSpan[], canonical: CanonicalText): QuoteSpan[] {
  if (!canonical.origin) return spans;
  return spans.map((q) => ({
    start: toOriginal(canonical, q.start),
    end: toOriginal(canonical, q.end),
    open: toOriginal(canonical, q.open),
    close: toOriginal(canonical, q.close),
    paragraphs: q.paragraphs,
  }));
}

/** The top-level quoted spans of a canonical text (canonical-text.ts), as offsets into it. */
export function quotesOf(text: string): QuoteSpan[] {
  const paras = paragraphs(text);
  const quotes: QuoteSpan[] = [];
  let p = 0;
  let pos = paras[0]?.start ?? 0;
  while (p < paras.length) {
    const para = paras[p]!;
    if (pos < para.start) pos = para.start;
    const open = findOpen(text, pos, para.end);
    if (open < 0) {
      p++;
      continue;
    }
    const opener = text[open]!;
    const closeAt = findClose(text, open + 1, para.end, opener);
    if (closeAt >= 0) {
      if (closeAt > open + 1) quotes.push({ start: open + 1, end: closeAt, open, close: closeAt + 1, paragraphs: 1 });
      pos = closeAt + 1;
      continue;
    }
    // Unclosed at paragraph end: follow the continuation conventions.
    let endPara = p;
    let end = para.end;
    let close = para.end;
    let q = p + 1;
    while (q < paras.length && q - p < MAX_QUOTE_PARAGRAPHS) {
      const next = paras[q]!;
      const first = text[next.start]!;
      const reopens = OPENERS.has(first) && canOpen(text, next.start);
      const c = findClose(text, reopens ? next.start + 1 : next.start, next.end, opener);
      const o = findOpen(text, reopens ? next.start + 1 : next.start, next.end);
      if (reopens) {
        endPara = q;
        if (c >= 0) {
          end = c;
          close = c + 1;
          break;
        }
        end = next.end;
        close = next.end;
        q++;
        continue;
      }
      // Not reopened: accept only an orphan closing mark (one with no opener before it), possibly a
      // few paragraphs later; a paragraph that opens a new quote first ends the search.
      if (o >= 0 && (c < 0 || o <= c)) break;
      if (c >= 0) {
        endPara = q;
        end = c;
        close = c + 1;
        break;
      }
      q++;
    }
    // If never closed, the quote ends with the last paragraph of its reopening chain (or its own).
    quotes.push({ start: open + 1, end, open, close, paragraphs: endPara - p + 1 });
    p = endPara;
    pos = close;
    if (pos >= paras[p]!.end) p++;
  }
  return quotes;
}

/** Index of the quote containing offset `at`, or -1. Quotes must be sorted (as returned). */
export function quoteAt(quotes: readonly QuoteSpan[], at: number): number {
  let lo = 0;
  let hi = quotes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const q = quotes[mid]!;
    if (at < q.open) hi = mid - 1;
    else if (at >= q.close) lo = mid + 1;
    else return mid;
  }
  return -1;
}
