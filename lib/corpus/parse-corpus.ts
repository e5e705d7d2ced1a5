import { concatBytes } from '../shared/bytes';
import { errorMessage } from '../shared/error-message';
import { IMPORT_LIMITS } from './import-limits';
import { readAllText, readLines } from './read-lines';
import { looksLikeSeedDocument, parseSeedDocument } from './seed-format';
import { RECORD_LIMITS, toStatementRecord, type RecordResult, type RecordWarning, type Rejection, type StatementRecord } from './statement';

/**
 * Streaming corpus parser shared by the options page (import) and the CLI (`import-check`).
 * It reads `.jsonl`, `.jsonl.gz` and the plain-text seed format, sniffing gzip by its magic bytes
 * rather than trusting the file name, and yields records in batches so that the caller can store
 * each batch in one transaction and report progress between them.
 */

/** A line refused, with its reason (statement.ts Rejection: English words, and the code the UI words). */
export interface RejectedLine extends Rejection {
  file: string;
  /** 1-based line number in the (decompressed) file; 0 when the whole file was refused. */
  line: number;
}

/** A line that was imported, but not quite as written (a malformed date kept in part or dropped). */
export interface ImportWarning extends RecordWarning {
  file: string;
  /** 1-based line number in the (decompressed) file. */
  line: number;
  /** The id the statement is stored under. */
  id: string;
}

export interface ParsedRecord {
  line: number;
  record: StatementRecord;
}

export interface ParseBatch {
  records: ParsedRecord[];
  rejected: RejectedLine[];
  warnings: ImportWarning[];
}

export interface ParseOptions {
  /** The file's name: used in reports and as a hint for the format. */
  fileName: string;
  /** Records per batch (default DEFAULT_BATCH). */
  batchSize?: number;
  /** Characters of JSON lines after which a batch ends early (default DEFAULT_BATCH_CHARS). */
  batchChars?: number;
  /** Longest accepted line (UTF-16 units). A record is at most 2 M chars of text plus metadata. */
  maxLineChars?: number;
  /** Decompressed bytes after which a gzip file is refused (guards against gzip bombs). */
  maxDecompressedBytes?: number;
  /** Called with the number of raw (possibly compressed) bytes read so far. */
  onProgress?: (rawBytes: number) => void;
}

/**
 * Records per batch. 500, not 250: each batch costs the worker a transaction, a message and a few
 * requests whatever its size, and at 250 the worker sat idle 17 % of an import waiting on them; 500
 * imported 20,000 Senate releases at 1,840-1,847/s against 1,621-1,705/s (real Chromium, alternating
 * builds), and all 72,607 at 1,884/s against 1,589/s with the options page's longest pause 132 ms
 * against 126-143 ms (the end-to-end Senate import). The page's parsing yields every YIELD_EVERY
 * lines either way.
 */
export const DEFAULT_BATCH = 500;
/**
 * A batch also ends once its lines hold this many characters: a quarter of what one importBatch message
 * may carry (IMPORT_LIMITS.batchChars), so 500 long statements (transcripts of 100,000
 * characters each) go as several messages instead of one the worker refuses.
 */
export const DEFAULT_BATCH_CHARS = IMPORT_LIMITS.batchChars / 4;
const DEFAULT_MAX_LINE = RECORD_LIMITS.textChars + 64 * 1024;
/** 1 GiB: four times the largest real corpus we know of (the Senate file is 240 MB unpacked). */
const DEFAULT_MAX_DECOMPRESSED = 1024 ** 3;
const GZIP_MAGIC = [0x1f, 0x8b];
/** Lines parsed between two turns of the event loop (a 3 KB statement parses and validates in ~0.1 ms). */
const YIELD_EVERY = 100;

export async function* parseCorpus(source: ReadableStream<Uint8Array>, options: ParseOptions): AsyncGenerator<ParseBatch> {
  const file = options.fileName;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const batchChars = options.batchChars ?? DEFAULT_BATCH_CHARS;
  const maxLineChars = options.maxLineChars ?? DEFAULT_MAX_LINE;

  const counted = options.onProgress ? source.pipeThrough(countBytes(options.onProgress)) : source;
  const { head, stream: raw } = await peek(counted, 2);
  const isGzip = head.length >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  const text = isGzip
    ? raw
        .pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>)
        .pipeThrough(limitBytes(options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED))
    : raw;

  const innerName = file.replace(/\.gz$/i, '');
  let peeked: { head: Uint8Array; stream: ReadableStream<Uint8Array> };
  try {
    peeked = await peek(text, 64);
  } catch (error) {
    // A broken gzip header fails here, before any line: report it for this file and let the next files import.
    yield { records: [], rejected: [{ file, line: 0, reason: `file could not be read: ${errorMessage(error)}`, code: 'unreadable' }], warnings: [] };
    return;
  }
  const { head: textHead, stream: body } = peeked;
  const startsLikeSeed = looksLikeSeedDocument(new TextDecoder().decode(textHead));
  if (/\.txt$/i.test(innerName) || startsLikeSeed) {
    yield await parseSeedFile(body, file, maxLineChars);
    return;
  }

  let batch: ParseBatch = { records: [], rejected: [], warnings: [] };
  let chars = 0;
  try {
    for await (const line of readLines(body, { maxLineChars })) {
      if (line.oversized) {
        batch.rejected.push({ file, line: line.number, reason: `line is longer than ${maxLineChars} characters`, code: 'line-too-long' });
      } else if (line.text.trim() !== '') {
        const parsed = parseJsonLine(line.text);
        if (parsed.ok) {
          batch.records.push({ line: line.number, record: parsed.record });
          batch.warnings.push(...lineWarnings(parsed, file, line.number));
          chars += line.text.length;
        } else {
          const { ok: _, ...rejection } = parsed;
          batch.rejected.push({ file, line: line.number, ...rejection });
        }
      }
      if (batch.records.length >= batchSize || batch.rejected.length >= batchSize || chars >= batchChars) {
        yield batch;
        batch = { records: [], rejected: [], warnings: [] };
        chars = 0;
      }
      // Decompression and parsing resolve as microtasks, which never let the page paint or handle
      // input: give the event loop a real turn every YIELD_EVERY lines (~15 ms of parsing).
      if (line.number % YIELD_EVERY === 0) await yieldToEventLoop();
    }
  } catch (error) {
    // A broken gzip stream or a read error ends the file, but what was parsed before it still counts.
    batch.rejected.push({ file, line: 0, reason: `file could not be read to the end: ${errorMessage(error)}`, code: 'unreadable' });
  }
  if (batch.records.length > 0 || batch.rejected.length > 0) yield batch;
}

function lineWarnings(parsed: RecordResult & { ok: true }, file: string, line: number): ImportWarning[] {
  return (parsed.warnings ?? []).map((warning) => ({ file, line, id: parsed.record.id, ...warning }));
}

function parseJsonLine(text: string): RecordResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${errorMessage(error)})`, code: 'not-json' };
  }
  return toStatementRecord(value);
}

async function parseSeedFile(body: ReadableStream<Uint8Array>, file: string, maxChars: number): Promise<ParseBatch> {
  try {
    const parsed = parseSeedDocument(await readAllText(body, maxChars));
    return parsed.ok
      ? { records: [{ line: 1, record: parsed.record }], rejected: [], warnings: lineWarnings(parsed, file, 1) }
      : { records: [], rejected: [{ file, line: 1, reason: parsed.reason }], warnings: [] };
  } catch (error) {
    return { records: [], rejected: [{ file, line: 0, reason: errorMessage(error) }], warnings: [] };
  }
}

/** One macrotask turn: `scheduler.yield()` where the browser has it, else a zero-delay timeout. */
function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Reads at least `bytes` bytes (or to the end) and returns them with a stream that still yields everything. */
async function peek(stream: ReadableStream<Uint8Array>, bytes: number): Promise<{ head: Uint8Array; stream: ReadableStream<Uint8Array> }> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let ended = false;
  while (length < bytes) {
    const { done, value } = await reader.read();
    if (done) {
      ended = true;
      break;
    }
    chunks.push(value);
    length += value.byteLength;
  }
  const head = concatBytes(chunks);
  const replay = new ReadableStream<Uint8Array>({
    start(controller) {
      if (head.byteLength > 0) controller.enqueue(head);
      if (ended) controller.close();
    },
    async pull(controller) {
      if (ended) return;
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(error);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { head, stream: replay };
}

function countBytes(onProgress: (bytes: number) => void): TransformStream<Uint8Array, Uint8Array> {
  let total = 0;
  return new TransformStream({
    transform(chunk, controller) {
      total += chunk.byteLength;
      onProgress(total);
      controller.enqueue(chunk);
    },
  });
}

function limitBytes(max: number): TransformStream<Uint8Array, Uint8Array> {
  let total = 0;
  return new TransformStream({
    transform(chunk, controller) {
      total += chunk.byteLength;
      if (total > max) controller.error(new Error(`decompressed data exceeds ${Math.round(max / 1e6)} MB`));
      else controller.enqueue(chunk);
    },
  });
}
