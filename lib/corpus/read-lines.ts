/**
 * Splits a byte stream into numbered text lines without ever holding more than one line (plus one
 * chunk) in memory, so a 70 MB corpus or a hostile 100 MB line cannot exhaust the page.
 */

export interface TextLine {
  /** 1-based line number, as editors show it. */
  number: number;
  text: string;
  /** True when the line was longer than the limit: `text` is then empty and the line must be rejected. */
  oversized: boolean;
}

export interface ReadLinesOptions {
  /** Longest line kept, in UTF-16 code units; longer lines are reported as oversized. */
  maxLineChars: number;
  /** Called with the number of bytes consumed from the stream so far. */
  onBytes?: (bytes: number) => void;
}

export async function* readLines(stream: ReadableStream<Uint8Array>, { maxLineChars, onBytes }: ReadLinesOptions): AsyncGenerator<TextLine> {
  const reader = stream.getReader();
  // fatal: false turns invalid UTF-8 into U+FFFD instead of aborting the whole file.
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  let pending = '';
  let oversized = false;
  let number = 0;
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const chunk = done ? decoder.decode() : decoder.decode(value, { stream: true });
      if (!done) {
        bytes += value.byteLength;
        onBytes?.(bytes);
      }
      let start = 0;
      for (let newline = chunk.indexOf('\n'); newline !== -1; newline = chunk.indexOf('\n', start)) {
        const piece = chunk.slice(start, newline);
        start = newline + 1;
        number++;
        if (oversized || pending.length + piece.length > maxLineChars) {
          yield { number, text: '', oversized: true };
        } else {
          yield { number, text: stripCarriageReturn(pending + piece), oversized: false };
        }
        pending = '';
        oversized = false;
      }
      const rest = chunk.slice(start);
      if (!oversized) {
        if (pending.length + rest.length > maxLineChars) {
          // Drop what we have and remember that this line is too long; keep skipping to its end.
          oversized = true;
          pending = '';
        } else {
          pending += rest;
        }
      }
      if (done) break;
    }
    if (oversized || pending.length > 0) {
      number++;
      yield oversized ? { number, text: '', oversized: true } : { number, text: stripCarriageReturn(pending), oversized: false };
    }
  } finally {
    reader.releaseLock();
  }
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** Reads a whole (bounded) stream as text; used for single-document formats like the seed format. */
export async function readAllText(stream: ReadableStream<Uint8Array>, maxChars: number): Promise<string> {
  let text = '';
  for await (const line of readLines(stream, { maxLineChars: maxChars })) {
    if (line.oversized || text.length + line.text.length > maxChars) throw new Error(`file is longer than ${maxChars} characters`);
    text += (line.number > 1 ? '\n' : '') + line.text;
  }
  return text;
}
