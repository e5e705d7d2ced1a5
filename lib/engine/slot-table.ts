/**
 * The per-statement facts the index keeps beside its postings, one row per slot: id, content hash,
 * day, token count and language.
 *
 * Why typed columns rather than arrays of strings and numbers: a cold service worker reads the whole
 * index snapshot before its first check, and a JSON header of ids, hex hashes and language tags took
 * 50-100 ms to decode and parse (72,607 statements in Node; 100,000 in the worker), creating 200,000+
 * strings of which a check reads a handful. So hashes are two 32-bit halves, days and token counts
 * plain numbers, languages a code into a short table, and ids one run of characters with end offsets;
 * after a load all of them are views on the snapshot's bytes (no copy, no parse), and an id becomes a
 * string only when asked for.
 */
import { hash64 } from './normalize.ts';

/** One statement's row: what the index keeps of it besides its postings. */
export interface SlotRow {
  id: string;
  /** 16 hex digits (hash64); any other string is hashed to that form when stored. */
  hash: string;
  day: number;
  tokens: number;
  /** Language tag, '' when unknown. */
  lang: string;
}

/** The columns as stored in a snapshot (each a typed array, read back as a view). */
export interface SlotColumns {
  hashHigh: Uint32Array;
  hashLow: Uint32Array;
  days: Int32Array;
  tokens: Uint32Array;
  langCodes: Uint16Array;
}

const HEX16 = /^[0-9a-f]{16}$/;
const COLUMN_NAMES = ['hashHigh', 'hashLow', 'days', 'tokens', 'langCodes'] as const satisfies readonly (keyof SlotColumns)[];

/** Ids as one run of characters (UTF-16 code units; one byte each when all are ASCII) and end offsets. */
export interface StoredIds {
  units: Uint8Array | Uint16Array;
  ends: Uint32Array;
}

/** Rows chained by hash (SlotTable.byHash): chain c runs head[c], next[head[c]], … until −1. */
interface HashChains {
  /** Rows when built. */
  count: number;
  mask: number;
  head: Int32Array;
  next: Int32Array;
}

export class SlotTable {
  /** Ids of rows loaded from a snapshot (rows 0 .. storedCount − 1), read on demand. */
  private storedIds: StoredIds | null = null;
  private storedCount = 0;
  /** Ids of the other rows (row storedCount + i). */
  private ids: string[] = [];
  private columns: SlotColumns;
  /** Language tags by code; code 0 is '' (unknown). */
  private langTable: string[] = [''];
  private langCode = new Map<string, number>([['', 0]]);
  private hashChains: HashChains | undefined;

  constructor(capacity = 16) {
    this.columns = emptyColumns(capacity);
  }

  get length(): number {
    return this.storedCount + this.ids.length;
  }

  push(row: SlotRow): number {
    const slot = this.length;
    if (slot >= this.columns.days.length) this.columns = grownColumns(this.columns, Math.max(16, slot * 2), slot);
    const hex = HEX16.test(row.hash) ? row.hash : hash64(row.hash);
    const c = this.columns;
    c.hashHigh[slot] = Number.parseInt(hex.slice(0, 8), 16);
    c.hashLow[slot] = Number.parseInt(hex.slice(8), 16);
    c.days[slot] = row.day;
    c.tokens[slot] = row.tokens;
    c.langCodes[slot] = this.codeOf(row.lang);
    this.ids.push(row.id);
    return slot;
  }

  id(slot: number): string {
    if (slot >= this.storedCount) return this.ids[slot - this.storedCount]!;
    const { units, ends } = this.storedIds!;
    const part = units.subarray(slot === 0 ? 0 : ends[slot - 1]!, ends[slot]!);
    return String.fromCharCode.apply(null, part as unknown as number[]);
  }

  hash(slot: number): string {
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    return hex(this.columns.hashHigh[slot]!) + hex(this.columns.hashLow[slot]!);
  }

  day(slot: number): number {
    return this.columns.days[slot]!;
  }

  tokens(slot: number): number {
    return this.columns.tokens[slot]!;
  }

  lang(slot: number): string {
    return this.langTable[this.columns.langCodes[slot]!] ?? '';
  }

  /**
   * How many rows for which `include` holds carry each language tag ('' = unknown), the tags in the
   * order of their first such row.
   */
  languageCounts(include: (slot: number) => boolean): Map<string, number> {
    const codes = this.columns.langCodes;
    const count = new Uint32Array(this.langTable.length);
    const order: number[] = [];
    for (let s = 0; s < this.length; s++) if (include(s) && count[codes[s]!]!++ === 0) order.push(codes[s]!);
    const out = new Map<string, number>();
    for (const code of order) {
      const tag = this.langTable[code] ?? '';
      out.set(tag, (out.get(tag) ?? 0) + count[code]!);
    }
    return out;
  }

  /**
   * For each slot, the other slots with the same content hash for which `include` holds, in
   * ascending order: a check asks it for every source it shows (a long document shows 10-30). The rows are chained by the low bits of their hash (byHash), so a query reads the few rows
   * of its chain. A scan of the hash columns per check instead cost 0.3 ms at 72,607 rows, 2-3 % of a
   * 1,500-word article's check; a Map from hash to slots, ~30 ms and ~10 MB to build on a cold
   * worker's first check.
   */
  sameHashOfEach(slots: readonly number[], include: (slot: number) => boolean): number[][] {
    const { head, next, mask } = this.byHash();
    const { hashHigh, hashLow } = this.columns;
    return slots.map((slot) => {
      const out: number[] = [];
      for (let s = head[hashLow[slot]! & mask]!; s >= 0; s = next[s]!) {
        if (hashLow[s] === hashLow[slot] && hashHigh[s] === hashHigh[slot] && s !== slot && include(s)) out.push(s);
      }
      return out;
    });
  }

  /**
   * The rows chained by the low bits of their hash's low half (about two rows a chain, 6 bytes a row), each chain in
   * ascending order: one pass over the rows, as long as a scan of the hash columns, made again after
   * rows are added (a compaction makes a new table). Rows are only ever appended, so their number
   * tells the chains' age.
   */
  private byHash(): HashChains {
    const n = this.length;
    if (this.hashChains?.count === n) return this.hashChains;
    let size = 16;
    while (size * 2 < n) size *= 2;
    const mask = size - 1;
    const low = this.columns.hashLow;
    const head = new Int32Array(size).fill(-1);
    const next = new Int32Array(n);
    for (let s = n - 1; s >= 0; s--) {
      const chain = low[s]! & mask;
      next[s] = head[chain]!;
      head[chain] = s;
    }
    this.hashChains = { count: n, mask, head, next };
    return this.hashChains;
  }

  /** The rows whose remap is ≥ 0, renumbered (new slot = remap[old]). */
  compacted(remap: Int32Array, count: number): SlotTable {
    const next = new SlotTable(Math.max(16, count));
    next.langTable = [...this.langTable];
    next.langCode = new Map(this.langCode);
    for (const name of COLUMN_NAMES) {
      const from = this.columns[name];
      const to = next.columns[name];
      for (let s = 0; s < this.length; s++) if (remap[s]! >= 0) to[remap[s]!] = from[s]!;
    }
    for (let s = 0; s < this.length; s++) if (remap[s]! >= 0) next.ids[remap[s]!] = this.id(s);
    return next;
  }

  /** What a snapshot stores: the ids, the language table, and the columns trimmed to length. */
  toParts(): { ids: StoredIds; langs: string[]; columns: SlotColumns } {
    const n = this.length;
    const c = this.columns;
    const all = Array.from({ length: n }, (_, s) => this.id(s));
    const ends = new Uint32Array(n);
    let total = 0;
    let ascii = true;
    for (let s = 0; s < n; s++) {
      const id = all[s]!;
      for (let i = 0; i < id.length && ascii; i++) if (id.charCodeAt(i) > 0x7f) ascii = false;
      total += id.length;
      ends[s] = total;
    }
    const units = ascii ? new Uint8Array(total) : new Uint16Array(total);
    let at = 0;
    for (const id of all) for (let i = 0; i < id.length; i++) units[at++] = id.charCodeAt(i);
    const columns: SlotColumns = {
      hashHigh: c.hashHigh.subarray(0, n),
      hashLow: c.hashLow.subarray(0, n),
      days: c.days.subarray(0, n),
      tokens: c.tokens.subarray(0, n),
      langCodes: c.langCodes.subarray(0, n),
    };
    return { ids: { units, ends }, langs: this.langTable, columns };
  }

  /** A table over stored columns (views, not copies: a later push copies them into new arrays first). */
  static fromParts(ids: StoredIds, langs: string[], columns: SlotColumns): SlotTable {
    const n = ids.ends.length;
    for (const column of Object.values(columns) as ArrayLike<number>[]) {
      if (column.length !== n) throw new Error('damaged statement index (slot columns)');
    }
    if ((n > 0 ? ids.ends[n - 1] : 0) !== ids.units.length) throw new Error('damaged statement index (ids)');
    if (langs[0] !== '') throw new Error('damaged statement index (language table)');
    const table = new SlotTable(0);
    table.storedIds = ids;
    table.storedCount = n;
    table.columns = columns;
    table.langTable = langs;
    table.langCode = new Map(langs.map((tag, code) => [tag, code]));
    return table;
  }

  private codeOf(lang: string): number {
    let code = this.langCode.get(lang);
    if (code === undefined) {
      if (this.langTable.length > 0xffff) return 0; // more than 65,535 distinct tags: treat as unknown
      code = this.langTable.length;
      this.langTable.push(lang);
      this.langCode.set(lang, code);
    }
    return code;
  }
}

function emptyColumns(capacity: number): SlotColumns {
  return {
    hashHigh: new Uint32Array(capacity),
    hashLow: new Uint32Array(capacity),
    days: new Int32Array(capacity),
    tokens: new Uint32Array(capacity),
    langCodes: new Uint16Array(capacity),
  };
}

function grownColumns(c: SlotColumns, capacity: number, used: number): SlotColumns {
  const next = emptyColumns(capacity);
  for (const name of COLUMN_NAMES) next[name].set(c[name].subarray(0, used));
  return next;
}
