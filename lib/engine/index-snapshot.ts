/**
 * The statement index's binary snapshot: one self-describing byte array, so a cold worker loads the
 * index as views on the stored bytes instead of objects to build. "SLIX", the format version, a small
 * JSON header (slot count, id encoding, language table, postings shapes), then the typed arrays (ids,
 * slot columns, postings, df sketch), each with its byte length and 4-byte aligned so a load can view
 * them without copying.
 */
import { SlotTable } from './slot-table.ts';
import { fromKeysAndSlots, type PostingsShape, type SortedPostings } from './sorted-postings.ts';

/** 3: packed postings (sorted-postings.ts). 2: keys and slots as two arrays, still read. */
const FORMAT_VERSION = 3;
const MAGIC = 0x58494c53; // "SLIX"

/** What a snapshot holds of a StatementIndex (compacted: every slot is live). */
export interface IndexSnapshot {
  slots: SlotTable;
  grams: SortedPostings;
  terms: SortedPostings;
  anchors: SortedPostings;
  /** The document-frequency sketch: one 16-bit counter per bucket. */
  termDf: Uint16Array<ArrayBuffer>;
}

export function encodeSnapshot(index: IndexSnapshot): Uint8Array {
  const { termDf } = index;
  // The df sketch is 2 MiB dense; small corpora touch few buckets, so store it as (bucket, count)
  // pairs when that is smaller (a 25-statement corpus: 2.1 MB → 60 kB).
  let nonZero = 0;
  for (let b = 0; b < termDf.length; b++) if (termDf[b]) nonZero++;
  const dfSparse = nonZero * 8 < termDf.byteLength;
  let dfArray: ArrayBufferView = termDf;
  if (dfSparse) {
    const pairs = new Uint32Array(nonZero * 2);
    let k = 0;
    for (let b = 0; b < termDf.length; b++) {
      if (!termDf[b]) continue;
      pairs[k++] = b;
      pairs[k++] = termDf[b]!;
    }
    dfArray = pairs;
  }
  const postingSets = [index.grams, index.terms, index.anchors];
  const shapes = postingSets.map(({ bucketBits, slotBits, keyBits }): PostingsShape => ({ bucketBits, slotBits, keyBits }));
  const { ids, langs, columns } = index.slots.toParts();
  const idEncoding = ids.units instanceof Uint8Array ? 'ascii' : 'utf16';
  const header = new TextEncoder().encode(JSON.stringify({ slotCount: ids.ends.length, idEncoding, langs, dfSparse, postings: shapes }));
  const arrays: ArrayBufferView[] = [
    ids.ends,
    ids.units,
    columns.hashHigh,
    columns.hashLow,
    columns.days,
    columns.tokens,
    columns.langCodes,
    ...postingSets.flatMap((p) => [p.directory, p.entries]),
    dfArray,
  ];
  const pad = (n: number) => (n + 3) & ~3;
  let total = 12 + pad(header.byteLength);
  for (const a of arrays) total += 4 + pad(a.byteLength);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(8, header.byteLength, true);
  out.set(header, 12);
  let at = 12 + pad(header.byteLength);
  for (const a of arrays) {
    view.setUint32(at, a.byteLength, true);
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at + 4);
    at += 4 + pad(a.byteLength);
  }
  return out;
}

/**
 * Reads encodeSnapshot() output (format 3, or format 2 of earlier versions); `dfBuckets`: the size of
 * the df sketch to rebuild from a sparse one. Throws on a foreign, newer or damaged format. The typed
 * arrays are views on `bytes`.
 */
export function decodeSnapshot(bytes: Uint8Array, dfBuckets: number): IndexSnapshot {
  // Views below need 4-byte alignment of the underlying buffer offset.
  const buf = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.byteLength < 12 || view.getUint32(0, true) !== MAGIC) throw new Error('not a SourceLens statement index');
  const version = view.getUint32(4, true);
  if (version !== FORMAT_VERSION && version !== 2) throw new Error(`unsupported statement index version ${version}`);
  const headerLen = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(buf.subarray(12, 12 + headerLen))) as {
    /** Format 3: slots, and how the ids' characters are stored. */
    slotCount?: number;
    idEncoding?: 'ascii' | 'utf16';
    /** Format 2: ids in the header. */
    ids?: string[];
    /** Format 3: language tags by code. Format 2: one tag per slot. */
    langs?: string[];
    /** Format 2 only. */
    hashes?: string[];
    dfSparse?: boolean;
    postings?: PostingsShape[];
  };
  const pad = (n: number) => (n + 3) & ~3;
  let at = 12 + pad(headerLen);
  const next = (): Uint8Array => {
    const len = view.getUint32(at, true);
    if (at + 4 + len > buf.byteLength) throw new Error('damaged statement index (truncated)');
    const part = buf.subarray(at + 4, at + 4 + len);
    at += 4 + pad(len);
    return part;
  };
  const u32 = (p: Uint8Array) => new Uint32Array(p.buffer, p.byteOffset, p.byteLength >>> 2);
  const i32 = (p: Uint8Array) => new Int32Array(p.buffer, p.byteOffset, p.byteLength >>> 2);
  const u16 = (p: Uint8Array) => new Uint16Array(p.buffer, p.byteOffset, p.byteLength >>> 1);
  const slotCount = header.slotCount ?? header.ids?.length ?? 0;
  let slots: SlotTable;
  if (version === 2) {
    const days = i32(next());
    const tokens = u32(next());
    const langs = header.langs ?? [];
    const table = new SlotTable(slotCount);
    for (let s = 0; s < slotCount; s++) {
      table.push({ id: header.ids![s]!, hash: header.hashes?.[s] ?? '', day: days[s]!, tokens: tokens[s]!, lang: langs[s] ?? '' });
    }
    slots = table;
  } else {
    const ends = u32(next());
    const units = header.idEncoding === 'ascii' ? next() : u16(next());
    const [hashHigh, hashLow, days, tokens, langCodes] = [u32(next()), u32(next()), i32(next()), u32(next()), u16(next())];
    if (ends.length !== slotCount) throw new Error('damaged statement index (slot count)');
    slots = SlotTable.fromParts({ units, ends }, header.langs ?? [''], { hashHigh, hashLow, days, tokens, langCodes });
  }
  const postings = (shape: PostingsShape | undefined): SortedPostings => {
    const [first, second] = [u32(next()), u32(next())];
    if (version === 2) return fromKeysAndSlots(first, second, slotCount);
    if (!shape || first.length !== (1 << shape.bucketBits) + 1 || first[first.length - 1] !== second.length) {
      throw new Error('damaged statement index (postings)');
    }
    return { ...shape, directory: first, entries: second };
  };
  const grams = postings(header.postings?.[0]);
  const terms = postings(header.postings?.[1]);
  const anchors = postings(header.postings?.[2]);
  const df = next();
  let termDf: Uint16Array<ArrayBuffer>;
  if (header.dfSparse) {
    termDf = new Uint16Array(dfBuckets);
    const pairs = u32(df);
    for (let k = 0; k < pairs.length; k += 2) termDf[pairs[k]!] = pairs[k + 1]!;
  } else {
    // Copied: the sketch is mutated by later add() calls and must not alias the caller's bytes.
    termDf = u16(df).slice();
  }
  return { slots, grams, terms, anchors, termDf };
}
