import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runExtract } from '../../lib/cli/extract';
import { PAGES_DIR } from './fixtures';
import { captureOutput } from '../shared/capture-output';

/** Runs the command and captures what it writes. */
const run = (args: string[]) => captureOutput(() => runExtract(args));

afterEach(() => vi.restoreAllMocks());

const FIELDS = ['isNews', 'reasons', 'title', 'byline', 'outlet', 'published', 'modified', 'lang', 'text'];

describe('sourcelens extract FILE.html', () => {
  it('prints the verdict and the article as one JSON object', async () => {
    const { code, stdout } = await run([join(PAGES_DIR, 'nytimes-1/source.html')]);
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(Object.keys(output)).toEqual(FIELDS);
    expect(output.isNews).toBe(true);
    expect(output.title).toBe('United States to Lift Sudan Sanctions');
    expect(output.text).toContain('LONDON — After nearly 20 years of hostile relations');
  });

  it('prints the dates, byline and outlet the page gives', async () => {
    const { stdout } = await run([join(PAGES_DIR, 'bbc-1/source.html')]);
    const output = JSON.parse(stdout);
    expect(output).toMatchObject({ published: '2015-07-24T05:36:09+01:00', byline: 'BBC News', outlet: 'BBC News' });
    expect(output).toHaveProperty('modified');
  });

  it('judges the page by --url when given', async () => {
    const { stdout } = await run([join(PAGES_DIR, 'bbc-1/source.html'), '--url', 'http://www.bbc.com/']);
    const output = JSON.parse(stdout);
    expect(output.isNews).toBe(false);
    expect(output.outlet).toBe('BBC News');
  });

  it('rejects bad arguments with usage and exit code 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--url'])).code).toBe(2);
    expect((await run(['a.html', '--bogus'])).code).toBe(2);
  });
});

describe('sourcelens extract --articles FILE.jsonl', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sourcelens-extract-'));
  const records = [
    {
      id: 'news',
      url: 'https://www.nytimes.com/2017/01/13/world/africa/sudan-sanctions.html',
      html: readFileSync(join(PAGES_DIR, 'nytimes-1/source.html'), 'utf8'),
    },
    {
      id: 'blog',
      url: 'https://medium.com/@johncwelch/samantha-and-the-great-big-lie-d146a92473a1',
      html: readFileSync(join(PAGES_DIR, 'medium-3/source.html'), 'utf8'),
    },
  ];
  const lines = records.map((record) => JSON.stringify(record));

  for (const [name, write] of [
    ['.jsonl', (path: string) => writeFileSync(path, `${lines.join('\n')}\n`)],
    ['.jsonl.gz', (path: string) => writeFileSync(path, gzipSync(`${lines.join('\n')}\n`))],
  ] as const) {
    it(`prints one JSON line per record, with its id (${name})`, async () => {
      const path = join(dir, `articles${name}`);
      write(path);
      const { code, stdout } = await run(['--articles', path]);
      expect(code).toBe(0);
      const outputs = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(outputs.map((output) => output.id)).toEqual(['news', 'blog']);
      expect(outputs.map((output) => output.isNews)).toEqual([true, false]);
      expect(Object.keys(outputs[0])).toEqual(['id', ...FIELDS]);
    });
  }

  it('reports bad lines with their number, processes the rest, and exits 1', async () => {
    const path = join(dir, 'mixed.jsonl');
    writeFileSync(path, ['{not json', JSON.stringify({ id: 'no-html', url: 'https://x.org/' }), lines[0]].join('\n'));
    const { code, stdout, stderr } = await run(['--articles', path]);
    expect(code).toBe(1);
    expect(stderr).toContain('mixed.jsonl:1: not valid JSON');
    expect(stderr).toContain('mixed.jsonl:2: record has no "html"');
    const outputs = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(outputs.map((output) => output.id)).toEqual(['news']);
  });
});
