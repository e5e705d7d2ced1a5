import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParseBatch, ParseOptions } from '../../lib/corpus/parse-corpus';
import { toStatementRecord } from '../../lib/corpus/statement';
import { DEV_FIXTURE, SENATE_FIXTURE, collect, fixtureBytes, streamOf } from '../shared/helpers';

/**
 * Issue 7, fuzzing the import parser: random bytes, mutated real files (plain and gzip), gzip bombs and
 * 100 MB lines. Whatever comes in, the parser ends, never throws, holds at most one line in memory,
 * and every record it yields passes validation again; everything else is a rejection with a reason.
 */

/** The parser's whole output for `bytes`, checked for the invariants every input must keep. */
async function parseChecked(bytes: Uint8Array, options: Partial<ParseOptions> & { chunk?: number } = {}): Promise<ParseBatch[]> {
  const batches = await collect(streamOf(bytes, options.chunk ?? 997), { fileName: 'fuzz.jsonl', batchSize: 50, ...options });
  let lastLine = 0;
  for (const batch of batches) {
    for (const { line, record } of batch.records) {
      expect(line).toBeGreaterThan(lastLine);
      lastLine = line;
      // What the parser accepts is exactly what the background will accept again.
      expect(toStatementRecord(record).ok).toBe(true);
      expect(record.text.trim().length).toBeGreaterThan(0);
    }
    for (const rejected of batch.rejected) {
      expect(rejected.reason.length).toBeGreaterThan(0);
      expect(rejected.line).toBeGreaterThanOrEqual(0);
    }
  }
  return batches;
}

const count = (batches: ParseBatch[]) => ({
  records: batches.reduce((sum, b) => sum + b.records.length, 0),
  rejected: batches.reduce((sum, b) => sum + b.rejected.length, 0),
});

/** Flips, inserts and deletes bytes at random positions. */
const mutation = fc.array(fc.tuple(fc.constantFrom('flip', 'insert', 'delete', 'newline', 'quote'), fc.nat(), fc.integer({ min: 0, max: 255 })), {
  minLength: 1,
  maxLength: 40,
});

function mutate(bytes: Uint8Array, edits: Array<[string, number, number]>): Uint8Array {
  const out = [...bytes];
  for (const [kind, at, value] of edits) {
    const position = out.length === 0 ? 0 : at % out.length;
    if (kind === 'flip') out[position] = value;
    else if (kind === 'insert') out.splice(position, 0, value);
    else if (kind === 'delete') out.splice(position, 1 + (value % 16));
    else if (kind === 'newline') out.splice(position, 0, 0x0a);
    else out.splice(position, 0, 0x22);
  }
  return new Uint8Array(out);
}

describe('import parser under random and mutated input (fast-check)', () => {
  const dev = fixtureBytes(DEV_FIXTURE);
  const devGz = new Uint8Array(gzipSync(dev));
  const devLines = new TextDecoder()
    .decode(dev)
    .split('\n')
    .filter((l) => l.trim()).length;

  it('random bytes: ends, never throws, yields only valid records', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.integer({ min: 1, max: 512 }), async (bytes, chunk) => {
        await parseChecked(bytes, { chunk });
      }),
      { numRuns: 400 },
    );
  });

  it('random bytes behind a gzip magic number: reported as unreadable, never thrown', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (tail) => {
        const batches = await parseChecked(new Uint8Array([0x1f, 0x8b, ...tail]));
        expect(count(batches).records).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('mutated real JSON Lines: every surviving line is kept or rejected with a reason, none lost', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (edits) => {
        const bytes = mutate(dev, edits);
        const batches = await parseChecked(bytes);
        const nonBlank = new TextDecoder()
          .decode(bytes)
          .split('\n')
          .filter((l) => l.replace(/\r$/, '').trim()).length;
        const { records, rejected } = count(batches);
        expect(records + rejected).toBe(nonBlank);
      }),
      { numRuns: 300 },
    );
    expect(devLines).toBeGreaterThan(0);
  });

  it('mutated gzip: ends with what could be read and a clear reason for the rest', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (edits) => {
        const batches = await parseChecked(mutate(devGz, edits));
        expect(count(batches).records).toBeLessThanOrEqual(devLines + 40);
      }),
      { numRuns: 300 },
    );
  });
});

describe('import parser against resource attacks', () => {
  it('a gzip bomb (64 MB of zeros in 64 KB) stops at the decompression cap with a clear reason', async () => {
    const bomb = new Uint8Array(gzipSync(new Uint8Array(64 * 1024 * 1024), { level: 9 }));
    expect(bomb.byteLength).toBeLessThan(100 * 1024);
    const batches = await parseChecked(bomb, { maxDecompressedBytes: 16_000_000, chunk: 65536 });
    const reasons = batches.flatMap((b) => b.rejected.map((r) => r.reason)).join(' | ');
    expect(reasons).toMatch(/decompressed data exceeds 16 MB/);
    expect(count(batches).records).toBe(0);
  });

  it('a bomb of valid lines (the same record 200,000 times) is capped, and the lines before the cap are kept', async () => {
    const line = new TextEncoder().encode(`${JSON.stringify({ text: 'The same statement, again and again.' })}\n`);
    const repeated = new Uint8Array(line.byteLength * 200_000);
    for (let i = 0; i < 200_000; i++) repeated.set(line, i * line.byteLength);
    const bomb = new Uint8Array(gzipSync(repeated, { level: 9 }));
    const cap = 1_000_000;
    const batches = await parseChecked(bomb, { maxDecompressedBytes: cap, chunk: 65536, batchSize: 5000 });
    const { records } = count(batches);
    expect(records).toBeGreaterThan(0);
    expect(records).toBeLessThanOrEqual(Math.ceil(cap / line.byteLength));
    expect(
      batches
        .at(-1)!
        .rejected.map((r) => r.reason)
        .join(),
    ).toMatch(/exceeds 1 MB/);
  });

  /** 100 MB in 1 MB chunks, produced on demand: the test itself never holds the line. */
  function hugeLineStream(totalBytes: number, head: string, tail: string): ReadableStream<Uint8Array> {
    const chunk = new Uint8Array(1024 * 1024).fill(0x61);
    let sent = 0;
    let stage: 'head' | 'body' | 'tail' | 'done' = 'head';
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (stage === 'head') {
          controller.enqueue(new TextEncoder().encode(head));
          stage = 'body';
        } else if (stage === 'body') {
          controller.enqueue(chunk);
          sent += chunk.byteLength;
          if (sent >= totalBytes) stage = 'tail';
        } else if (stage === 'tail') {
          controller.enqueue(new TextEncoder().encode(tail));
          stage = 'done';
        } else controller.close();
      },
    });
  }

  it('a 100 MB line is rejected as too long, and the records around it are kept', async () => {
    const good = (id: string) => JSON.stringify({ id, text: `Statement ${id} of the ministry.` });
    const heapBefore = process.memoryUsage().heapUsed;
    const batches = await collect(hugeLineStream(100 * 1024 * 1024, `${good('a')}\n{"text":"`, `"}\n${good('b')}\n`), { fileName: 'huge.jsonl' });
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    expect(batches.flatMap((b) => b.records.map((r) => r.record.id))).toEqual(['a', 'b']);
    const rejected = batches.flatMap((b) => b.rejected);
    expect(rejected).toEqual([{ file: 'huge.jsonl', line: 2, reason: expect.stringMatching(/line is longer than \d+ characters/), code: 'line-too-long' }]);
    // The line was never held: far less than its 100 MB (200 MB as UTF-16) stayed on the heap.
    expect(heapGrowth).toBeLessThan(50 * 1024 * 1024);
  });

  it('a 100 MB seed (.txt) document is refused with a clear reason', async () => {
    const batches = await collect(hugeLineStream(100 * 1024 * 1024, '2023-09-19\nTitle\n', '\n'), { fileName: 'huge.txt' });
    expect(batches).toHaveLength(1);
    expect(batches[0]!.records).toEqual([]);
    expect(batches[0]!.rejected[0]!.reason).toMatch(/longer than/);
  });

  it('100,000 empty lines and a real file behind them: the real records are kept', async () => {
    const senate = fixtureBytes(SENATE_FIXTURE);
    const bytes = new Uint8Array(100_000 + senate.byteLength).fill(0x0a);
    bytes.set(senate, 100_000);
    const { records, rejected } = count(await parseChecked(bytes, { chunk: 65536 }));
    expect(records).toBe(100);
    expect(rejected).toBe(3);
  });
});
