import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The team server lives in server/ and may use lib/; lib/ (which the extension bundles) never imports
 * server/, so no Node-only server code (pg, node:crypto, node:http) can reach the extension.
 */
const repo = new URL('..', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx|mjs)$/.test(name) ? [path] : [];
  });
}

describe('lib/ and server/', () => {
  it('lib/ imports nothing from server/', () => {
    const crossing = files(join(repo, 'lib')).flatMap((file) =>
      ts
        .preProcessFile(readFileSync(file, 'utf8'), true, true)
        .importedFiles.map((i) => i.fileName)
        .filter((specifier) => specifier.includes('/server/') || specifier.startsWith('../../server'))
        .map((specifier) => `${relative(repo, file)} → ${specifier}`),
    );
    expect(crossing).toEqual([]);
  });

  it('lib/team/ uses no Node module (it runs in the extension too)', () => {
    const nodeImports = files(join(repo, 'lib/team')).flatMap((file) =>
      ts
        .preProcessFile(readFileSync(file, 'utf8'), true, true)
        .importedFiles.map((i) => i.fileName)
        .filter((specifier) => specifier.startsWith('node:') || specifier === 'pg')
        .map((specifier) => `${relative(repo, file)} → ${specifier}`),
    );
    expect(nodeImports).toEqual([]);
    expect(files(join(repo, 'lib/team')).length).toBeGreaterThan(5);
  });
});
