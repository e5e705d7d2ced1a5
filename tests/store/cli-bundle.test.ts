import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './built';

/**
 * The `sourcelens` executable as shipped: dist/cli.mjs, bundled by `npm run build` (and by `prepare`
 * on `npm ci`). It must run on plain Node, without the TypeScript loader the sources need.
 */

const DIST = join(ROOT, 'dist');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
const cli = (args: string[], input?: Buffer) =>
  execFileSync(process.execPath, [join(DIST, 'cli.mjs'), ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });

describe('dist/cli.mjs', () => {
  it("is the package's bin: an executable Node script", () => {
    expect(join(ROOT, pkg.bin.sourcelens!)).toBe(join(DIST, 'cli.mjs'));
    expect(readFileSync(join(DIST, 'cli.mjs'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(join(DIST, 'cli.mjs')).mode & 0o111).not.toBe(0);
  });

  it('imports no TypeScript loader and no TypeScript file', () => {
    for (const file of files(DIST)) {
      const code = readFileSync(file, 'utf8');
      // Import specifiers only: a bundled data file may name the script that made it ("…; scripts/build-common-words.ts").
      expect(code, file).not.toMatch(/from\s*["']tsx|import\(\s*["']tsx|(?:from|import)\s*\(?\s*["'][^"'\n]+\.tsx?["']|require\(\s*["'][^"'\n]+\.tsx?["']/);
    }
  });

  it('runs on plain Node: version, help and a check of a saved page against the bundled sample', () => {
    expect(cli(['--version'])).toBe(`sourcelens ${pkg.version}\n`);
    expect(cli(['import-check', '--help'])).toMatch(/^usage: sourcelens import-check /);
    const report = JSON.parse(cli(['check', '--json', '-'], readFileSync(join(ROOT, 'tests', 'e2e', 'site', 'a003-dna-news.html')))) as {
      sources: Array<{ statementId: string }>;
    };
    expect(report.sources[0]?.statementId).toBe('S01');
  });
});
