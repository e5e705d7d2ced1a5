import * as v from 'valibot';
import { contentHash, type StatementDoc } from '../engine/index';
import { detectLanguage } from './detect-language';

/**
 * A statement record as it crosses the import boundary (shared/notes/formats.md): the engine's view of a
 * statement (id, text and the optional metadata) plus the input's unknown fields. Only `text` is
 * required on input; `null` counts as absent because real corpora (the Senate file) write it.
 */
export interface StatementRecord extends Omit<StatementDoc, 'hash'> {
  /** Unknown fields of the input record, kept so that an export gives them back. */
  extra?: Record<string, unknown>;
}

/** A statement as stored: the record plus the keys the database indexes. */
export interface StoredStatement extends StatementRecord {
  /** contentHash(text): equal for texts that differ only in typography, case or spacing. */
  hash: string;
  /** Case-folded issuer, '' when unknown: groups "Ministry of X" and "MINISTRY OF X" together. */
  issuerKey: string;
  /** Where the statement came from (file names, later feed URLs); every origin is kept. */
  origins: string[];
  /** Milliseconds since epoch when first stored. */
  addedAt: number;
  /** Corpus sequence number of the write that last changed this statement (schema v3). */
  seq?: number;
}

/** Hard limits that keep one hostile record from exhausting memory or the UI. */
export const RECORD_LIMITS = {
  textChars: 2_000_000,
  fieldChars: 2_000,
  urlChars: 4_000,
} as const;

const KNOWN_FIELDS = new Set(['id', 'text', 'title', 'date', 'issuer', 'speaker', 'url', 'lang']);

/**
 * ISO 8601 calendar date, possibly of reduced precision (2010, 2010-05), with an optional time and
 * zone: 2023-09-19, 2023-09-19T10:33+04:00. Real statement pages often give only a month.
 */
const ISO_DATE = /^\d{4}(?:-\d{2}(?:-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/**
 * The calendar date a malformed date value starts with, at the precision it gives: "2024-07 (first
 * days of July)" → 2024-07, "2023-09-19 10h" → 2023-09-19. Months and days must be in range, and the
 * date must not run on into more digits ("20230919" is not the year 2023).
 */
const LEADING_CALENDAR_DATE = /^\s*(\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?)(?!\d)/;

/** A bad value is quoted in a warning up to this many characters. */
const WARNING_VALUE_CHARS = 200;

/** BCP 47 language tag, loosely: "en", "az-Latn", "zh-Hans-CN". */
const LANG_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

const optionalText = (max: number, what: string) =>
  v.optional(v.nullable(v.pipe(v.string(`${what} must be a string`), v.maxLength(max, `${what} is longer than ${max} characters`))));

/** The schema of one input line. Errors carry a message a user can act on. */
export const StatementInputSchema = v.object({
  id: v.optional(
    v.nullable(
      v.union(
        [v.pipe(v.string(), v.maxLength(RECORD_LIMITS.fieldChars)), v.pipe(v.number(), v.integer('id must be a string or an integer'))],
        'id must be a string or an integer',
      ),
    ),
  ),
  text: v.pipe(
    v.string('text is missing or not a string'),
    v.maxLength(RECORD_LIMITS.textChars, `text is longer than ${RECORD_LIMITS.textChars} characters`),
    v.check((text) => text.trim().length > 0, 'text is empty'),
  ),
  title: optionalText(RECORD_LIMITS.fieldChars, 'title'),
  issuer: optionalText(RECORD_LIMITS.fieldChars, 'issuer'),
  speaker: optionalText(RECORD_LIMITS.fieldChars, 'speaker'),
  // Checked by readDate: a bad date costs the statement its date, never the statement itself.
  date: v.optional(v.unknown()),
  url: v.optional(
    v.nullable(
      v.pipe(
        v.string('url must be a string'),
        v.maxLength(RECORD_LIMITS.urlChars, 'url is too long'),
        v.check(isHttpUrl, 'url must be an http or https address'),
      ),
    ),
  ),
  lang: v.optional(v.nullable(v.pipe(v.string('lang must be a string'), v.regex(LANG_TAG, 'lang is not a BCP 47 tag')))),
});

/** True for absolute http: and https: URLs; everything else (javascript:, data:, relative) is refused. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * A field of a kept record that could not be read as given. Only dates so far: an annotated date
 * ("2024-07 (first days of July)") keeps its valid part (`kept`), an unreadable one is dropped.
 */
export interface RecordWarning {
  field: 'date';
  /** The value as given (quoted, shortened to WARNING_VALUE_CHARS). */
  value: string;
  /** What was stored instead; absent when the field was dropped. */
  kept?: string;
}

/**
 * Why a line was rejected, as a stable code the options page words in the user's language (the reason
 * stays English, with its detail). A field's code comes with the field's name (`field`), and a length
 * limit with the limit (`limit`).
 */
export type RejectCode =
  | 'unreadable'
  | 'line-too-long'
  | 'not-json'
  | 'not-object'
  | 'text-missing'
  | 'text-empty'
  | 'field-not-text'
  | 'field-too-long'
  | 'url-not-web'
  | 'lang-not-tag'
  | 'id-invalid';

/** A rejected record's reason: English words with their detail, and the code the UI words them by. */
export interface Rejection {
  reason: string;
  code?: RejectCode;
  /** The field at fault (`title`, `url`…), for the field codes. */
  field?: string;
  /** The length limit a field is over (`field-too-long`). */
  limit?: number;
}

export type RecordResult = { ok: true; record: StatementRecord; warnings?: RecordWarning[] } | ({ ok: false } & Rejection);

/**
 * Reads a record's date. A statement with a malformed date is still a statement: what it says does
 * not depend on how its date was written, and rejecting it would lose it from the corpus. Its valid
 * leading part is kept, or no date (the time veto then treats it as undated), and the caller reports it.
 */
function readDate(value: unknown): { date?: string; warning?: RecordWarning } {
  if (value === undefined || value === null) return {};
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '') return {};
    if (ISO_DATE.test(trimmed)) return { date: trimmed };
    const quoted = clip(value, WARNING_VALUE_CHARS);
    const leading = LEADING_CALENDAR_DATE.exec(trimmed)?.[1];
    return leading ? { date: leading, warning: { field: 'date', value: quoted, kept: leading } } : { warning: { field: 'date', value: quoted } };
  }
  return { warning: { field: 'date', value: clip(JSON.stringify(value) ?? String(value), WARNING_VALUE_CHARS) } };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Validates one parsed JSON value as a statement record, fills the derived fields (id, lang) and keeps
 * unknown fields in `extra`. Never throws: a bad record yields a reason for the import summary.
 */
export function toStatementRecord(value: unknown): RecordResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'not a JSON object', code: 'not-object' };
  }
  // valibot reports a missing key as "Invalid key"; say it in the words of the format instead.
  if (!('text' in value) || (value as { text?: unknown }).text == null) return { ok: false, reason: 'text is missing', code: 'text-missing' };
  const parsed = v.safeParse(StatementInputSchema, value);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    return { ok: false, reason: issue.message, ...fieldRejection(issue) };
  }
  const input = parsed.output;
  const text = input.text.replace(/\r\n?/g, '\n');
  const record: StatementRecord = { id: '', text };
  const { date, warning } = readDate(input.date);
  for (const key of ['title', 'issuer', 'speaker', 'date', 'url', 'lang'] as const) {
    const fieldValue = key === 'date' ? date : input[key]?.trim();
    if (fieldValue) record[key] = fieldValue;
  }
  record.id = deriveStatementId(input.id, record.url, text);
  record.lang ??= detectLanguage(text);
  if (!record.lang) delete record.lang;
  const extra: Record<string, unknown> = {};
  for (const [key, fieldValue] of Object.entries(value)) {
    if (!KNOWN_FIELDS.has(key) && fieldValue !== null && fieldValue !== undefined) extra[key] = fieldValue;
  }
  if (Object.keys(extra).length > 0) record.extra = extra;
  return warning ? { ok: true, record, warnings: [warning] } : { ok: true, record };
}

/**
 * The code of a field that failed StatementInputSchema, from valibot's issue: the field is the first
 * key of its path, the kind its type. An issue of no known kind keeps its English message only.
 */
function fieldRejection(issue: v.BaseIssue<unknown>): Omit<Rejection, 'reason'> {
  const field = issue.path?.[0]?.key;
  if (typeof field !== 'string') return {};
  switch (issue.type) {
    case 'string':
      return { code: 'field-not-text', field };
    case 'max_length':
      return { code: 'field-too-long', field, limit: Number(issue.requirement) };
    case 'check':
      if (field === 'text') return { code: 'text-empty', field };
      return field === 'url' ? { code: 'url-not-web', field } : {};
    case 'regex':
      return field === 'lang' ? { code: 'lang-not-tag', field } : {};
    case 'union':
    case 'integer':
      return field === 'id' ? { code: 'id-invalid', field } : {};
    default:
      return {};
  }
}

/** formats.md: "when absent, derive one from url, else from a hash of the text". */
export function deriveStatementId(id: string | number | null | undefined, url: string | undefined, text: string): string {
  if (typeof id === 'number') return String(id);
  if (id?.trim()) return id.trim();
  if (url) return url;
  return `sha:${contentHash(text)}`;
}

/**
 * True when a record read back from the database has what matching and export need. A record can be
 * damaged by an old bug, a disk error or another program writing to the profile; such a record is
 * skipped and counted, never allowed to make a check or an export fail.
 */
export function isUsableStatement(value: unknown): value is StoredStatement {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<Record<keyof StoredStatement, unknown>>;
  if (typeof s.id !== 'string' || s.id === '') return false;
  if (typeof s.text !== 'string' || s.text.trim() === '' || s.text.length > RECORD_LIMITS.textChars) return false;
  if (typeof s.hash !== 'string' || !Array.isArray(s.origins)) return false;
  for (const key of ['title', 'date', 'issuer', 'speaker', 'url', 'lang'] as const) {
    if (s[key] !== undefined && typeof s[key] !== 'string') return false;
  }
  return true;
}

/** Adds the stored-only keys to a validated record. */
export function toStoredStatement(record: StatementRecord, origin: string, now = Date.now()): StoredStatement {
  return {
    ...record,
    hash: contentHash(record.text),
    issuerKey: issuerKey(record.issuer),
    origins: [origin],
    addedAt: now,
  };
}

/** Grouping key for issuers: case and spacing folded, so trivial spelling variants share a row. */
export function issuerKey(issuer: string | undefined): string {
  return (issuer ?? '').normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The record in its interchange form (formats.md), as written by export: known fields first, then the
 * unknown fields that came in with it. Importing this gives back an equal stored statement.
 */
export function toInterchange(statement: StatementRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { id: statement.id, text: statement.text };
  for (const key of ['title', 'date', 'issuer', 'speaker', 'url', 'lang'] as const) {
    if (statement[key] !== undefined) out[key] = statement[key];
  }
  if (statement.extra) {
    for (const [key, value] of Object.entries(statement.extra)) if (!(key in out)) out[key] = value;
  }
  return out;
}
