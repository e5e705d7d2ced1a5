import { describe, expect, it } from 'vitest';
import { contentHash } from '../../lib/engine/normalize';
import {
  RECORD_LIMITS,
  deriveStatementId,
  isHttpUrl,
  issuerKey,
  toInterchange,
  toStatementRecord,
  toStoredStatement,
  type StatementRecord,
} from '../../lib/corpus/statement';
import { devStatements } from '../shared/helpers';

function ok(value: unknown): StatementRecord {
  const result = toStatementRecord(value);
  if (!result.ok) throw new Error(`expected a valid record, got: ${result.reason}`);
  return result.record;
}

function reason(value: unknown): string {
  const result = toStatementRecord(value);
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.record).slice(0, 200)}`);
  return result.reason;
}

const [S01, S02, S07, S08, S11] = devStatements() as [
  Record<string, unknown>,
  Record<string, unknown>,
  Record<string, unknown>,
  Record<string, unknown>,
  Record<string, unknown>,
];

describe('toStatementRecord', () => {
  it('accepts a real statement record and keeps its known fields', () => {
    const record = ok(S02);
    expect(record.id).toBe('S02');
    expect(record.text).toBe(S02.text);
    expect(record.title).toBe(S02.title);
    expect(record.date).toBe('2023-09-20');
    expect(record.issuer).toBe('Ministry of Defense of the Republic of Azerbaijan');
    expect(record.speaker).toBe('Colonel Anar Eyvazov, Chief of the Press Service');
    expect(record.url).toBe(S02.url);
    expect(record.lang).toBe('en');
  });

  it('treats null fields as absent', () => {
    expect(S01.speaker).toBeNull();
    const record = ok(S01);
    expect('speaker' in record).toBe(false);
    const bare = ok({ text: 'The ministry said the talks will go on.', title: null, issuer: null, date: null, url: null, lang: null, id: null });
    expect(Object.keys(bare).sort()).toEqual(['id', 'lang', 'text']);
    expect(bare.id).toBe(`sha:${contentHash(bare.text)}`);
  });

  it('keeps unknown fields in extra, dropping only null ones', () => {
    const record = ok(S01);
    expect(record.extra).toBeDefined();
    expect(record.extra!.kind).toBe('statement');
    expect(record.extra!.text_source).toBe('verbatim_mirror');
    expect(record.extra!.text_source_url).toBe(S01.text_source_url);
    expect(record.extra!.text_chars).toBe(S01.text_chars);
    for (const known of ['id', 'text', 'title', 'date', 'issuer', 'speaker', 'url', 'lang']) {
      expect(record.extra).not.toHaveProperty(known);
    }
    const nested = ok({ text: 'A short official statement about the talks.', meta: { tags: ['a', 'b'] }, gone: null });
    expect(nested.extra).toEqual({ meta: { tags: ['a', 'b'] } });
    expect(ok({ text: 'No extras here, only the text of the statement.' }).extra).toBeUndefined();
  });

  it('derives the id from the url, then from a hash of the text', () => {
    const url = 'https://mod.gov.az/en/news/statement-49350.html';
    expect(ok({ text: 'Statement text', url }).id).toBe(url);
    expect(ok({ text: 'Statement text', url, id: '' }).id).toBe(url);
    expect(ok({ text: 'Statement text', url, id: '  ' }).id).toBe(url);
    expect(ok({ text: 'Statement text', url, id: ' X1 ' }).id).toBe('X1');
    expect(ok({ text: 'Statement text', id: 42 }).id).toBe('42');
    const hashed = ok({ text: 'Statement text' }).id;
    expect(hashed).toBe(`sha:${contentHash('Statement text')}`);
    expect(hashed).not.toBe(ok({ text: 'Another statement text' }).id);
    // same normalised text → same derived id
    expect(ok({ text: '  STATEMENT   text ' }).id).toBe(hashed);
    expect(deriveStatementId(undefined, undefined, 'x')).toMatch(/^sha:[0-9a-f]{16}$/);
  });

  it('rejects missing, empty and non-string text', () => {
    expect(reason({ id: 'a' })).toMatch(/^text is missing/);
    expect(reason({ id: 'a', text: null })).toMatch(/^text is missing/);
    expect(reason({ id: 'a', text: 12 })).toBe('text is missing or not a string');
    expect(reason({ id: 'a', text: '' })).toBe('text is empty');
    expect(reason({ id: 'a', text: ' \n\t ' })).toBe('text is empty');
  });

  it('rejects values that are not objects', () => {
    for (const value of [null, 1, 'text', true, ['text'], undefined]) expect(reason(value)).toBe('not a JSON object');
  });

  it('rejects fields of the wrong type with a reason naming the field', () => {
    expect(reason({ text: 'x y z', title: 5 })).toMatch(/title must be a string/);
    expect(reason({ text: 'x y z', issuer: ['a'] })).toMatch(/issuer must be a string/);
    expect(reason({ text: 'x y z', speaker: {} })).toMatch(/speaker must be a string/);
    expect(reason({ text: 'x y z', url: 1 })).toMatch(/url must be a string/);
    expect(reason({ text: 'x y z', lang: 1 })).toMatch(/lang must be a string/);
    // A fractional id is refused (the reason comes from valibot's integer check and does not name the field).
    expect(reason({ text: 'x y z', id: 1.5 })).toMatch(/integer/);
    expect(reason({ text: 'x y z', id: { a: 1 } })).toMatch(/id must be a string or an integer/);
    expect(reason({ text: 'x y z', lang: 'english language' })).toMatch(/BCP 47/);
  });

  it('rejects fields over the size limits', () => {
    expect(reason({ text: 'x y z', title: 'a'.repeat(RECORD_LIMITS.fieldChars + 1) })).toMatch(/title is longer/);
    expect(ok({ text: 'x y z', title: 'a'.repeat(RECORD_LIMITS.fieldChars) }).title).toHaveLength(RECORD_LIMITS.fieldChars);
    expect(reason({ text: 'a'.repeat(RECORD_LIMITS.textChars + 1) })).toMatch(/text is longer/);
  });

  it('refuses javascript:, data: and relative urls', () => {
    expect(reason({ text: 'x y z', url: 'javascript:alert(1)' })).toBe('url must be an http or https address');
    expect(reason({ text: 'x y z', url: 'JavaScript:alert(1)' })).toBe('url must be an http or https address');
    expect(reason({ text: 'x y z', url: 'data:text/html,<script>alert(1)</script>' })).toBe('url must be an http or https address');
    expect(reason({ text: 'x y z', url: '/en/news/1.html' })).toBe('url must be an http or https address');
    expect(reason({ text: 'x y z', url: 'ftp://example.org/x' })).toBe('url must be an http or https address');
    expect(isHttpUrl('http://example.org/')).toBe(true);
    expect(isHttpUrl('https://example.org/a?b=c')).toBe(true);
  });

  it('accepts ISO 8601 dates of any precision and date-times with zones, without a warning', () => {
    for (const date of ['2023', '2023-09', '2023-09-19', '2023-09-19T10:33+04:00', '2023-09-19T10:33:05Z']) {
      const result = toStatementRecord({ ...S01, date });
      expect(result).toMatchObject({ ok: true, record: { date } });
      expect(result.ok && result.warnings).toBeUndefined();
    }
  });

  it('keeps a statement whose date is annotated, with the date part it starts with, and warns', () => {
    const result = toStatementRecord({ ...S01, date: '2024-07 (first days of July)' });
    if (!result.ok) throw new Error(`the statement was rejected: ${result.reason}`);
    expect(result.record).toMatchObject({ id: 'S01', text: S01.text, title: S01.title, date: '2024-07' });
    expect(result.warnings).toEqual([{ field: 'date', value: '2024-07 (first days of July)', kept: '2024-07' }]);
    // The valid part is as precise as the value is valid: a month out of range leaves the year.
    expect(ok({ ...S01, date: '2024-13 (sic)' }).date).toBe('2024');
    expect(ok({ ...S01, date: '2023-09-19 around noon' }).date).toBe('2023-09-19');
  });

  it('keeps a statement whose date cannot be read at all, without a date, and warns', () => {
    for (const date of ['19/09/2023', 'September 19, 2023', '20230919', 20230919, { year: 2023 }]) {
      const result = toStatementRecord({ ...S01, date });
      if (!result.ok) throw new Error(`${JSON.stringify(date)}: the statement was rejected: ${result.reason}`);
      expect(result.record.id).toBe('S01');
      expect(result.record).not.toHaveProperty('date');
      expect(result.warnings).toEqual([{ field: 'date', value: typeof date === 'string' ? date : JSON.stringify(date) }]);
    }
    const long = toStatementRecord({ ...S01, date: 'x'.repeat(5000) });
    expect(long.ok && long.warnings?.[0]?.value.length).toBe(200);
  });

  it('detects lang when absent and keeps a given one', () => {
    const { lang: _lang, ...withoutLang } = S07;
    expect(ok(withoutLang).lang).toBe('en');
    const { lang: _zh, ...zhWithoutLang } = S08;
    expect(ok(zhWithoutLang).lang).toBe('zh');
    const { lang: _ur, ...urWithoutLang } = S11;
    expect(ok(urWithoutLang).lang).toBe('ur');
    expect(ok({ ...withoutLang, lang: 'en-GB' }).lang).toBe('en-GB');
    // too little evidence: no tag rather than a wrong one
    expect('lang' in ok({ text: '12345 67890' })).toBe(false);
  });

  it('normalises CRLF in text and trims metadata', () => {
    const record = ok({ text: 'First paragraph.\r\n\r\nSecond paragraph.\rThird.', issuer: '  Ministry  ', title: '   ' });
    expect(record.text).toBe('First paragraph.\n\nSecond paragraph.\nThird.');
    expect(record.issuer).toBe('Ministry');
    expect('title' in record).toBe(false);
  });
});

describe('toInterchange', () => {
  it('round-trips every real dev statement', () => {
    for (const raw of devStatements()) {
      const record = ok(raw);
      const again = ok(JSON.parse(JSON.stringify(toInterchange(record))));
      expect(again).toEqual(record);
    }
  });

  it('writes known fields first, then unknown ones, and never lets extra override a known field', () => {
    const record: StatementRecord = { id: 'a', text: 'b c d', issuer: 'X', extra: { id: 'evil', zz: 1 } };
    const out = toInterchange(record);
    expect(out).toEqual({ id: 'a', text: 'b c d', issuer: 'X', zz: 1 });
    expect(Object.keys(out)).toEqual(['id', 'text', 'issuer', 'zz']);
  });

  it('drops stored-only keys', () => {
    const stored = toStoredStatement(ok(S02), 'file.jsonl', 5);
    expect(stored.hash).toBe(contentHash(stored.text));
    expect(stored.origins).toEqual(['file.jsonl']);
    expect(stored.addedAt).toBe(5);
    const out = toInterchange(stored);
    for (const key of ['hash', 'issuerKey', 'origins', 'addedAt', 'extra']) expect(out).not.toHaveProperty(key);
  });
});

describe('issuerKey', () => {
  it('folds case and spacing, and maps absent to empty', () => {
    expect(issuerKey('Ministry  of Defense ')).toBe(issuerKey('MINISTRY OF DEFENSE'));
    expect(issuerKey(undefined)).toBe('');
    expect(issuerKey('A')).not.toBe(issuerKey('B'));
  });
});
