import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMAND_SPECS } from '../../lib/cli/commands';
import { extractPage } from '../../lib/cli/extract';
import { main } from '../../lib/cli/main';
import { DEV_FIXTURE } from '../shared/helpers';
import { captureOutput } from '../shared/capture-output';

/** The `sourcelens` command line: argument parsing, help, version, standard input and closed pipes. */

const ROOT = join(import.meta.dirname, '..', '..');
const A003_PAGE = join(ROOT, 'tests', 'e2e', 'site', 'a003-dna-news.html');
const PACKAGE_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Runs `sourcelens ARGS` in this process and captures what it writes. */
const run = (args: string[]) => captureOutput(() => main(args));

/**
 * Runs the real executable from its sources (scripts/sourcelens.ts, through tsx as in development; the
 * bundled dist/cli.mjs is tested on the build in tests/store/cli-bundle.test.ts) with `input` on its
 * standard input. `onStdout` may close the pipe early, as `head` does.
 */
function spawnCli(args: string[], input?: Buffer | string, onStdout?: (chunk: Buffer, child: ReturnType<typeof spawn>) => void) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'sourcelens.ts'), ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      onStdout?.(chunk, child);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

const temp = mkdtempSync(join(tmpdir(), 'sl-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('sourcelens: the command line is parsed strictly (node:util parseArgs)', () => {
  it('check --json FILE takes FILE as the article, not as the value of --json', async () => {
    const { code, stdout, stderr } = await run(['check', '--json', A003_PAGE]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { sources: Array<{ statementId: string }> };
    // A003 (DNA News) copies S01, one of the bundled sample statements.
    expect(report.sources[0]?.statementId).toBe('S01');
    // The option after the file means the same.
    const after = await run(['check', A003_PAGE, '--json']);
    expect(JSON.parse(after.stdout).sources).toEqual(report.sources);
  });

  it.each(COMMAND_SPECS.map((spec) => spec.name))('%s: an unknown option is an error, with the usage on stderr and exit 2', async (name) => {
    const { code, stdout, stderr } = await run([name, '--bogus', 'x']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^sourcelens ${name}: Unknown option '--bogus'`));
    expect(stderr).toContain(`usage: sourcelens ${name} `);
  });

  it('a missing value, a missing required option and a stray argument are errors too', async () => {
    const missingValue = await run(['match', '--corpus']);
    expect(missingValue.code).toBe(2);
    expect(missingValue.stderr).toMatch(/^sourcelens match: Option '--corpus <value>' argument missing/);
    const missingOption = await run(['match', '--corpus', DEV_FIXTURE]);
    expect(missingOption.code).toBe(2);
    expect(missingOption.stderr).toMatch(/^sourcelens match: --articles is required\n/);
    const stray = await run(['check', A003_PAGE, 'second.html']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/^sourcelens check: unexpected argument "second.html"/);
    const none = await run(['check']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^sourcelens check: missing FILE\nusage: sourcelens check/);
  });

  it('an unknown command, an unknown global option and no command at all print the usage on stderr and exit 2', async () => {
    for (const args of [['nope'], ['--bogus'], []]) {
      const { code, stdout, stderr } = await run(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('usage: sourcelens <command>');
    }
  });
});

describe('sourcelens: help and version', () => {
  it.each(COMMAND_SPECS.map((spec) => spec.name))("%s --help prints the command's help on stdout and exits 0, without touching a file", async (name) => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout, stderr } = await run([name, flag]);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toMatch(new RegExp(`^usage: sourcelens ${name} `));
      expect(stdout).toContain('-h, --help');
      // Every option of the command is explained.
      for (const option of Object.keys(COMMAND_SPECS.find((spec) => spec.name === name)!.options)) expect(stdout).toContain(`--${option}`);
    }
    expect((await run(['help', name])).stdout).toBe((await run([name, '--help'])).stdout);
  });

  it('sourcelens --help lists every command on stdout', async () => {
    const { code, stdout, stderr } = await run(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const spec of COMMAND_SPECS) expect(stdout).toContain(`  ${spec.name} `);
  });

  it('sourcelens --version prints the package version', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `sourcelens ${PACKAGE_VERSION}\n`, stderr: '' });
  });

  it('a file that does not exist is named in one line, exit 1', async () => {
    const { code, stderr } = await run(['import-check', join(temp, 'missing.jsonl')]);
    expect(code).toBe(1);
    expect(stderr).toBe(`sourcelens import-check: cannot read ${join(temp, 'missing.jsonl')}: no such file\n`);
  });
});

describe('sourcelens: - reads standard input', () => {
  it('import-check -', async () => {
    const { code, stdout } = await spawnCli(['import-check', '-'], readFileSync(DEV_FIXTURE));
    expect(code).toBe(0);
    expect(stdout).toContain('files: stdin\nimported: 6\n');
  });

  it('check - (a saved page) gives the same report as check FILE', async () => {
    const piped = await spawnCli(['check', '--json', '-'], readFileSync(A003_PAGE));
    expect(piped.code).toBe(0);
    const fromFile = await run(['check', '--json', A003_PAGE]);
    const sources = (output: string) => (JSON.parse(output) as { sources: unknown[] }).sources;
    expect(sources(piped.stdout)).toEqual(sources(fromFile.stdout));
  });

  it('match --articles - and extract -', async () => {
    const article = { id: 'A003', html: readFileSync(A003_PAGE, 'utf8'), url: 'https://en.dnanews.com.pk/a003' };
    const matched = await spawnCli(['match', '--corpus', join(ROOT, 'public', 'corpus', 'starter.jsonl'), '--articles', '-'], JSON.stringify(article) + '\n');
    expect(matched.code).toBe(0);
    expect(JSON.parse(matched.stdout)).toMatchObject({ id: 'A003', sources: [{ statementId: 'S01' }] });
    const extracted = await spawnCli(['extract', '--url', article.url, '-'], article.html);
    expect(extracted.code).toBe(0);
    expect(JSON.parse(extracted.stdout)).toMatchObject({ isNews: true });
  });
});

describe('sourcelens: a reader that stops early', () => {
  it('ends quietly when its output pipe is closed (| head), exit 0 and nothing on stderr', async () => {
    // 400 pages of JSON output (≈ 1 MB): far more than a pipe holds, so writes go on after it closes.
    const html = readFileSync(A003_PAGE, 'utf8');
    const url = 'https://en.dnanews.com.pk/a';
    const count = 400;
    const pages = join(temp, 'pages.jsonl');
    writeFileSync(pages, Array.from({ length: count }, (_, i) => JSON.stringify({ id: `p${i}`, html, url })).join('\n') + '\n');
    const wholeOutput = count * (JSON.stringify({ id: 'p100', ...extractPage(html, url) }).length + 1);
    expect(wholeOutput).toBeGreaterThan(512 * 1024);
    let closed = false;
    const { code, stdout, stderr } = await spawnCli(['extract', '--articles', pages], undefined, (_chunk, child) => {
      if (closed) return;
      closed = true;
      child.stdout!.destroy();
    });
    expect(stdout.length).toBeGreaterThan(0);
    expect(stdout.length).toBeLessThan(wholeOutput);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
