import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { runImportCheck } from '../../lib/cli/import-check';
import { fileSource } from '../../lib/cli/files';
import { importFiles } from '../../lib/corpus/import-files';
import { formatSummary } from '../../lib/corpus/import-summary';
import { MemoryCorpus } from '../../lib/corpus/memory-store';
import { DEV_FIXTURE, SEED_FIXTURE, SENATE_FIXTURE, devStatements, fixtureBytes } from '../shared/helpers';
import { captureOutput } from '../shared/capture-output';

const capture = (args: string[]) => captureOutput(() => runImportCheck(args));

const temp: string[] = [];
afterEach(() => {
  for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('sourcelens import-check', () => {
  it('prints the summary with the 3 bad line numbers and exits 1', async () => {
    const { code, stdout } = await capture([SENATE_FIXTURE]);
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual(['files: senate-100-good-3-bad.jsonl', 'imported: 100', 'updated: 0', 'duplicates skipped: 0', 'rejected lines: 3']);
    expect(lines[5]).toMatch(/^ {2}senate-100-good-3-bad\.jsonl:11: not valid JSON/);
    expect(lines[6]).toMatch(/^ {2}senate-100-good-3-bad\.jsonl:52: text is missing/);
    expect(lines[7]).toBe('  senate-100-good-3-bad.jsonl:103: not a JSON object');
    expect(lines.slice(8)).toEqual(['warnings (imported, not as written): 0', '']);
  });

  it('prints exactly what the options page summary would say for the same file', async () => {
    const corpus = new MemoryCorpus();
    const summary = await importFiles([await fileSource(SENATE_FIXTURE)], { store: async (file, records) => corpus.store(file, records) });
    const { stdout } = await capture([SENATE_FIXTURE]);
    expect(stdout).toBe(formatSummary(summary) + '\n');
  });

  it('exits 0 for a clean file and a clean gzip file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-check-'));
    temp.push(dir);
    const gz = join(dir, 'dev.jsonl.gz');
    writeFileSync(gz, gzipSync(fixtureBytes(DEV_FIXTURE)));
    const plain = await capture([DEV_FIXTURE]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('imported: 6\n');
    expect(plain.stdout).toContain('rejected lines: 0\n');
    const packed = await capture([gz]);
    expect(packed.code).toBe(0);
    expect(packed.stdout).toContain('files: dev.jsonl.gz\n');
    expect(packed.stdout).toContain('imported: 6\n');
  });

  it('checks every corpus file of a folder, counting duplicates across files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-check-'));
    temp.push(dir);
    writeFileSync(join(dir, 'a.jsonl'), fixtureBytes(DEV_FIXTURE));
    writeFileSync(join(dir, 'b.jsonl'), fixtureBytes(DEV_FIXTURE));
    writeFileSync(join(dir, 'seed.txt'), fixtureBytes(SEED_FIXTURE));
    writeFileSync(join(dir, 'ignored.csv'), 'a,b\n');
    const { code, stdout } = await capture([dir]);
    expect(code).toBe(0);
    expect(stdout).toContain('files: a.jsonl, b.jsonl, seed.txt\n');
    expect(stdout).toContain('imported: 7\n');
    expect(stdout).toContain('duplicates skipped: 6\n');
  });

  it('--json prints the summary object', async () => {
    const { code, stdout } = await capture([SENATE_FIXTURE, '--json']);
    expect(code).toBe(1);
    const summary = JSON.parse(stdout) as { imported: number; rejected: Array<{ line: number }> };
    expect(summary.imported).toBe(100);
    expect(summary.rejected.map((r) => r.line)).toEqual([11, 52, 103]);
  });

  it('lists a line whose date is annotated as a warning, not a rejection, and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-check-'));
    temp.push(dir);
    const [s01, s02] = devStatements();
    const file = join(dir, 'dated.jsonl');
    writeFileSync(file, [JSON.stringify(s02), JSON.stringify({ ...s01, date: '2024-07 (first days of July)' })].join('\n') + '\n');
    const { code, stdout } = await capture([file]);
    expect(code).toBe(0);
    expect(stdout).toContain('imported: 2\n');
    expect(stdout).toContain('rejected lines: 0\n');
    expect(stdout).toContain(
      'warnings (imported, not as written): 1\n  dated.jsonl:2 (id S01): date "2024-07 (first days of July)" is not an ISO 8601 date; kept 2024-07\n',
    );
    const json = await capture([file, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      rejectedCount: 0,
      warningCount: 1,
      warnings: [{ file: 'dated.jsonl', line: 2, id: 'S01', field: 'date', value: '2024-07 (first days of July)', kept: '2024-07' }],
    });
  });

  it('exits 2 with usage when given no file', async () => {
    const { code, stdout, stderr } = await capture([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^sourcelens import-check: missing FILE\nusage: sourcelens import-check/);
  });
});
