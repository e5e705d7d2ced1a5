import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BATCH_CHARS, type ParseBatch } from '../../lib/corpus/parse-corpus';
import { MESSAGE_LIMITS } from '../../lib/messaging/protocol';
import { readLines } from '../../lib/corpus/read-lines';
import { parseSeedDocument } from '../../lib/corpus/seed-format';
import { toStatementRecord } from '../../lib/corpus/statement';
import { SEED_FIXTURE, SENATE_BAD_LINES, SENATE_FIXTURE, bytesOf, collect, devStatements, fixtureBytes, fixtureLines, streamOf } from '../shared/helpers';

const senateBytes = fixtureBytes(SENATE_FIXTURE);
const senateLines = readFileSync(SENATE_FIXTURE, 'utf8').split('\n').slice(0, -1);

function flatten(batches: ParseBatch[]) {
  return {
    records: batches.flatMap((batch) => batch.records),
    rejected: batches.flatMap((batch) => batch.rejected),
  };
}

/** The good lines of the fixture, by line number, parsed independently of the streaming parser. */
const expectedGood = senateLines
  .map((text, index) => ({ line: index + 1, text }))
  .filter(({ line }) => !(SENATE_BAD_LINES as readonly number[]).includes(line))
  .map(({ line, text }) => {
    const result = toStatementRecord(JSON.parse(text));
    if (!result.ok) throw new Error(`fixture line ${line} should be valid: ${result.reason}`);
    return { line, record: result.record };
  });

function expectSenateResult(batches: ParseBatch[], file: string) {
  const { records, rejected } = flatten(batches);
  expect(records).toHaveLength(100);
  expect(records).toEqual(expectedGood);
  expect(rejected.map((r) => r.line)).toEqual([11, 52, 103]);
  expect(rejected.every((r) => r.file === file)).toBe(true);
  expect(rejected[0]!.reason).toMatch(/^not valid JSON/);
  expect(rejected[1]!.reason).toMatch(/^text is missing/);
  expect(rejected[2]!.reason).toBe('not a JSON object');
}

describe('parseCorpus: JSON Lines', () => {
  it('fixture with 100 good records and 3 malformed lines yields the 100 and names the 3 lines', async () => {
    expect(senateLines).toHaveLength(103);
    expectSenateResult(await collect(streamOf(senateBytes), { fileName: 'senate.jsonl' }), 'senate.jsonl');
  });

  it('keeps real ids and metadata of the Senate records', async () => {
    const { records } = flatten(await collect(streamOf(senateBytes), { fileName: 'senate.jsonl' }));
    const first = records[0]!.record;
    expect(first.id).toBe((JSON.parse(senateLines[0]!) as { id: string }).id);
    expect(first.issuer).toMatch(/^U\.S\. Senator \(.+\) press office$/);
    expect(first.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(first.lang).toBe('en');
    expect(first.extra!.kind).toBe('statement');
    expect(first.extra!.origin).toMatchObject({ repo: 'lintool/GrimmerSenatePressReleases' });
    expect('title' in first).toBe(false);
  });

  it('gives the same result whatever the chunk size (multi-byte characters split across chunks)', async () => {
    for (const chunk of [1, 7, 333, 1 << 20]) {
      expectSenateResult(await collect(streamOf(senateBytes, chunk), { fileName: 'senate.jsonl' }), 'senate.jsonl');
    }
  });

  it('yields batches of at most batchSize records, in order', async () => {
    const batches = await collect(streamOf(senateBytes), { fileName: 'senate.jsonl', batchSize: 30 });
    expect(batches.map((b) => b.records.length)).toEqual([30, 30, 30, 10]);
    const lines = batches.flatMap((b) => b.records.map((r) => r.line));
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expectSenateResult(batches, 'senate.jsonl');
  });

  it('ends a batch early once its lines hold DEFAULT_BATCH_CHARS characters, so no importBatch message is refused for its size', async () => {
    // 40 records of ~1 M characters each: the text of a real Senate release repeated (a transcript-sized
    // statement), under the record limit. At 500 records a batch, one message would carry 40 M characters,
    // more than the worker accepts (MESSAGE_LIMITS.importBatchChars).
    const release = JSON.parse(senateLines[0]!) as { id: string; text: string };
    const text = `${release.text} `.repeat(Math.ceil(1_000_000 / (release.text.length + 1))).trim();
    const lines = Array.from({ length: 40 }, (_, i) => JSON.stringify({ ...release, id: `${release.id}-long-${i}`, text })).join('\n');
    const batches = await collect(streamOf(new TextEncoder().encode(lines), 1 << 20), { fileName: 'long.jsonl' });
    expect(batches.flatMap((b) => b.records).length).toBe(40);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) {
      const chars = batch.records.reduce((sum, r) => sum + JSON.stringify(r.record).length, 0);
      // The line that crosses the budget closes the batch: at most one record over it.
      expect(chars).toBeLessThan(DEFAULT_BATCH_CHARS + 1_100_000);
      expect(chars).toBeLessThan(MESSAGE_LIMITS.importBatchChars);
    }
  });

  it('reads CRLF line endings', async () => {
    const crlf = bytesOf(senateLines.join('\r\n') + '\r\n');
    expectSenateResult(await collect(streamOf(crlf, 100), { fileName: 'senate.jsonl' }), 'senate.jsonl');
  });

  it('reads a file starting with a byte order mark', async () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...senateBytes]);
    expectSenateResult(await collect(streamOf(withBom), { fileName: 'senate.jsonl' }), 'senate.jsonl');
  });

  it('reads a last line without a trailing newline, and skips blank lines while counting them', async () => {
    const text = '\n{"text":"First statement of the ministry."}\n   \n{"text":"Second statement of the ministry."}';
    const { records, rejected } = flatten(await collect(streamOf(bytesOf(text)), { fileName: 'a.jsonl' }));
    expect(rejected).toEqual([]);
    expect(records.map((r) => [r.line, r.record.text])).toEqual([
      [2, 'First statement of the ministry.'],
      [4, 'Second statement of the ministry.'],
    ]);
  });

  it('rejects an oversized line without crashing and goes on with the next lines', async () => {
    const long = JSON.stringify({ id: 'huge', text: 'word '.repeat(2000) });
    const text = [senateLines[0], long, senateLines[1], 'x'.repeat(50_000), senateLines[2]].join('\n') + '\n';
    const { records, rejected } = flatten(await collect(streamOf(bytesOf(text), 1000), { fileName: 'big.jsonl', maxLineChars: 5000 }));
    expect(records.map((r) => r.line)).toEqual([1, 3, 5]);
    expect(rejected).toEqual([
      { file: 'big.jsonl', line: 2, reason: 'line is longer than 5000 characters', code: 'line-too-long' },
      { file: 'big.jsonl', line: 4, reason: 'line is longer than 5000 characters', code: 'line-too-long' },
    ]);
  });

  it('rejects an oversized last line that has no newline', async () => {
    const text = senateLines[0] + '\n' + 'y'.repeat(20_000);
    const { records, rejected } = flatten(await collect(streamOf(bytesOf(text), 512), { fileName: 'b.jsonl', maxLineChars: 5000 }));
    expect(records.map((r) => r.line)).toEqual([1]);
    expect(rejected.map((r) => r.line)).toEqual([2]);
  });

  it('reports bytes read through onProgress, ending at the file size', async () => {
    const seen: number[] = [];
    await collect(streamOf(senateBytes, 10_000), { fileName: 'senate.jsonl', onProgress: (bytes) => seen.push(bytes) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(senateBytes.byteLength);
  });
});

describe('parseCorpus: annotated and malformed dates', () => {
  it('keeps the statements, with the valid date part or none, and reports line, id and value as warnings', async () => {
    // Real statements (shared/data/dev) with the kinds of dates real corpora carry.
    const [s01, s02, s07] = devStatements();
    const lines = [
      JSON.stringify({ ...s01, date: '2024-07 (first days of July)' }),
      JSON.stringify(s02),
      '',
      JSON.stringify({ ...s07, date: 'early May 2023' }),
    ];
    const batches = await collect(streamOf(bytesOf(lines.join('\n') + '\n')), { fileName: 'dated.jsonl' });
    const records = batches.flatMap((batch) => batch.records);
    expect(batches.flatMap((batch) => batch.rejected)).toEqual([]);
    expect(records.map(({ line, record }) => [line, record.id, record.date])).toEqual([
      [1, 'S01', '2024-07'],
      [2, 'S02', s02!.date],
      [4, 'S07', undefined],
    ]);
    expect(batches.flatMap((batch) => batch.warnings)).toEqual([
      { file: 'dated.jsonl', line: 1, id: 'S01', field: 'date', value: '2024-07 (first days of July)', kept: '2024-07' },
      { file: 'dated.jsonl', line: 4, id: 'S07', field: 'date', value: 'early May 2023' },
    ]);
  });
});

describe('parseCorpus: gzip', () => {
  const gz = new Uint8Array(gzipSync(senateBytes));

  it('reads .jsonl.gz', async () => {
    expectSenateResult(await collect(streamOf(gz, 1000), { fileName: 'senate.jsonl.gz' }), 'senate.jsonl.gz');
  });

  it('sniffs gzip by its magic bytes, not the file name', async () => {
    expectSenateResult(await collect(streamOf(gz), { fileName: 'senate.jsonl' }), 'senate.jsonl');
  });

  it('keeps the records before a truncation and reports that the file ended early', async () => {
    const truncated = gz.slice(0, Math.floor(gz.byteLength * 0.6));
    const { records, rejected } = flatten(await collect(streamOf(truncated, 1000), { fileName: 'cut.jsonl.gz' }));
    expect(records.length).toBeGreaterThan(10);
    expect(records.length).toBeLessThan(100);
    // every record kept is complete: exactly the record of that line in the intact file
    expect(records).toEqual(expectedGood.slice(0, records.length));
    const last = rejected.at(-1)!;
    expect(last.line).toBe(0);
    expect(last.reason).toMatch(/^file could not be read to the end/);
  });

  it('reports corrupt compressed data as an error, keeping earlier records', async () => {
    const corrupt = gz.slice();
    const at = Math.floor(gz.byteLength * 0.5);
    for (let i = at; i < at + 64; i++) corrupt[i] = corrupt[i]! ^ 0x5a;
    const { records, rejected } = flatten(await collect(streamOf(corrupt, 1000), { fileName: 'bad.jsonl.gz' }));
    expect(records.length).toBeGreaterThan(10);
    expect(records.slice(0, 10)).toEqual(expectedGood.slice(0, 10));
    expect(rejected.some((r) => r.line === 0 && /could not be read/.test(r.reason))).toBe(true);
  });

  it('reports a broken gzip header as an error of that file instead of throwing', async () => {
    const broken = new Uint8Array([0x1f, 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    const { records, rejected } = flatten(await collect(streamOf(broken), { fileName: 'broken.jsonl.gz' }));
    expect(records).toEqual([]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ file: 'broken.jsonl.gz', line: 0 });
    expect(rejected[0]!.reason).toMatch(/^file could not be read/);
  });

  it('refuses to decompress past maxDecompressedBytes', async () => {
    const { records, rejected } = flatten(await collect(streamOf(gz, 1000), { fileName: 'bomb.jsonl.gz', maxDecompressedBytes: 20_000 }));
    expect(records.length).toBeLessThan(30);
    expect(rejected.at(-1)!.line).toBe(0);
    expect(rejected.at(-1)!.reason).toMatch(/exceeds/);
  });
});

describe('parseCorpus: seed format', () => {
  const seedText = readFileSync(SEED_FIXTURE, 'utf8');

  it('reads the real seed document as one record', async () => {
    const { records, rejected } = flatten(await collect(streamOf(fixtureBytes(SEED_FIXTURE), 100), { fileName: 'seed.txt' }));
    expect(rejected).toEqual([]);
    expect(records).toHaveLength(1);
    const record = records[0]!.record;
    expect(record.date).toBe('2023-09-19');
    expect(record.title).toBe(
      'Local anti-terror measures implemented in full accordance with legislation of Azerbaijan, as well as norms and principles of international law, Defense Ministry',
    );
    expect(record.text.startsWith('Azerbaijan’s Ministry of Defense has today held a second media briefing')).toBe(true);
    expect(record.text).not.toMatch(/^date /);
    expect(record.text).toContain('Colonel Anar Eyvazov');
    expect(record.text.endsWith('\n')).toBe(false);
    expect(record.lang).toBe('en');
    expect(record.id).toMatch(/^sha:/);
    expect(record).toEqual((parseSeedDocument(seedText) as { ok: true; record: unknown }).record);
  });

  it('detects a seed document even under a .jsonl name', async () => {
    const { records } = flatten(await collect(streamOf(fixtureBytes(SEED_FIXTURE)), { fileName: 'seed.jsonl' }));
    expect(records).toHaveLength(1);
    expect(records[0]!.record.date).toBe('2023-09-19');
  });

  it('reads a gzip-compressed seed document', async () => {
    const gz = new Uint8Array(gzipSync(fixtureBytes(SEED_FIXTURE)));
    const { records } = flatten(await collect(streamOf(gz), { fileName: 'seed.txt.gz' }));
    expect(records).toHaveLength(1);
    expect(records[0]!.record.title).toMatch(/^Local anti-terror measures/);
  });

  it('rejects a .txt file without the date header, at line 1', async () => {
    const { records, rejected } = flatten(await collect(streamOf(bytesOf('Just some notes.\n\nMore notes.')), { fileName: 'notes.txt' }));
    expect(records).toEqual([]);
    expect(rejected).toEqual([{ file: 'notes.txt', line: 1, reason: 'first line is not "date YYYY-MM-DD <title>"' }]);
  });

  it('reads a seed document with CRLF line endings and a BOM', async () => {
    const crlf = '\uFEFF' + seedText.replace(/\n/g, '\r\n');
    const { records } = flatten(await collect(streamOf(bytesOf(crlf), 50), { fileName: 'seed.txt' }));
    expect(records).toHaveLength(1);
    expect(records[0]!.record.text).not.toContain('\r');
    expect(records[0]!.record.date).toBe('2023-09-19');
  });
});

describe('readLines', () => {
  it('numbers lines from 1 and strips CR', async () => {
    const lines: Array<[number, string]> = [];
    for await (const line of readLines(streamOf(bytesOf('a\r\nb\n\nc'), 1), { maxLineChars: 10 })) lines.push([line.number, line.text]);
    expect(lines).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, ''],
      [4, 'c'],
    ]);
  });

  it('agrees with a plain split on the real fixture', async () => {
    const texts: string[] = [];
    for await (const line of readLines(streamOf(senateBytes, 997), { maxLineChars: 1e6 })) texts.push(line.text);
    expect(texts).toEqual(fixtureLines(SENATE_FIXTURE));
  });
});
