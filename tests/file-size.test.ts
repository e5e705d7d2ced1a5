import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A long module is usually several concerns in one file, and the hardest to change. One over
 * MAX_LINES says why at its top, in its opening comment, with the words "over 400 lines".
 */
const MAX_LINES = 400;
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/** The comment lines before the first line of code. */
function openingComment(text: string): string {
  const lines = text.split('\n');
  const end = lines.findIndex((line) => line.trim() !== '' && !/^\s*(\/\/|\/\*|\*)/.test(line));
  return lines.slice(0, end < 0 ? lines.length : end).join('\n');
}

describe('lib/ file sizes', () => {
  it(`no file is over ${MAX_LINES} lines without a reason at its top`, () => {
    const files = sourceFiles(join(repo, 'lib'));
    expect(files.length).toBeGreaterThan(50);
    const unexplained = files
      .map((file) => ({ file, text: readFileSync(file, 'utf8') }))
      .filter(({ text }) => lineCount(text) > MAX_LINES && !/over 400 lines/i.test(openingComment(text)))
      .map(({ file, text }) => `${relative(repo, file)} (${lineCount(text)} lines)`);
    expect(unexplained).toEqual([]);
  });
});
