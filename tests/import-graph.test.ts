import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rules of docs/ARCHITECTURE.md, read from the source itself: every import, type-only
 * ones included (a type import still says which module knows about which), through the TypeScript
 * compiler's own import scanner.
 */

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const lib = join(repo, 'lib');
const engine = join(lib, 'engine');
const engineIndex = join(engine, 'index.ts');
/** The domain: what the protocol carries. Messaging imports these, never the reverse. */
const DOMAIN_FOLDERS = ['engine', 'corpus', 'feeds', 'page', 'highlight'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The files a module imports (relative specifiers only: packages are not part of the graph). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => {
      const base = resolve(dirname(file), specifier.replace(/\?.*$/, ''));
      const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
      if (!found) throw new Error(`${relative(repo, file)} imports ${specifier}, which does not resolve`);
      return found;
    })
    .filter((path) => /\.(ts|tsx|mjs)$/.test(path));
}

const libGraph = new Map(sourceFiles(lib).map((file) => [file, importsOf(file)]));
const folderOf = (file: string) => relative(lib, file).split(sep)[0]!;
const show = (file: string) => relative(repo, file);

/** Folder → folder, with one import that makes each edge (for the failure message). */
function folderEdges(): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const [file, imports] of libGraph) {
    for (const target of imports) {
      const [from, to] = [folderOf(file), folderOf(target)];
      if (from === to || !target.startsWith(lib + sep)) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, `${show(file)} → ${show(target)}`);
    }
  }
  return edges;
}

/** The first cycle found in a graph, as its nodes in order (the first repeated at the end), or null. */
function findCycle<T>(nodes: Iterable<T>, next: (node: T) => Iterable<T>): T[] | null {
  const state = new Map<T, 'open' | 'done'>();
  const path: T[] = [];
  const visit = (node: T): T[] | null => {
    state.set(node, 'open');
    path.push(node);
    for (const target of next(node)) {
      if (state.get(target) === 'open') return [...path.slice(path.indexOf(target)), target];
      if (!state.has(target)) {
        const found = visit(target);
        if (found) return found;
      }
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of nodes) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return null;
}

describe('the import graph of lib/', () => {
  it('sees every folder and resolves every import (the rules below check something)', () => {
    const folders = new Set([...libGraph.keys()].map(folderOf));
    for (const folder of ['background', 'cli', 'corpus', 'engine', 'feeds', 'highlight', 'messaging', 'page', 'reader']) expect(folders).toContain(folder);
    expect([...libGraph.values()].flat().length).toBeGreaterThan(200);
  });

  it('has no cycle between folders: no folder depends on one that depends on it', () => {
    const edges = folderEdges();
    const cycle = findCycle(edges.keys(), (folder) => edges.get(folder)?.keys() ?? []);
    const because = cycle?.slice(1).map((to, i) => edges.get(cycle[i]!)!.get(to)!);
    expect(because ?? [], `lib/ folders in a cycle: ${cycle?.join(' → ')}`).toEqual([]);
  });

  it('has no cycle between modules', () => {
    const cycle = findCycle(libGraph.keys(), (file) => libGraph.get(file) ?? []);
    expect(cycle?.map(show) ?? []).toEqual([]);
  });

  it('messaging imports the domain, never the reverse', () => {
    const reverse = [...libGraph].flatMap(([file, imports]) =>
      DOMAIN_FOLDERS.includes(folderOf(file))
        ? imports.filter((target) => folderOf(target) === 'messaging').map((target) => `${show(file)} → ${show(target)}`)
        : [],
    );
    expect(reverse).toEqual([]);
  });
});

describe('lib/engine from outside', () => {
  /**
   * build-lexicon.mjs writes concept-lexicon.json, which the index loads (cross-language/concepts.ts and
   * number-lists.ts): it must run with that file absent or stale, so it loads the tokeniser's module alone.
   */
  const EXEMPT = new Set(['scripts/build-lexicon.mjs → lib/engine/normalize.ts']);

  it('is imported only through lib/engine/index.ts (lib/, entry points, components, scripts)', () => {
    const users = ['lib', 'entrypoints', 'components', 'scripts']
      .flatMap((dir) => sourceFiles(join(repo, dir)))
      .filter((file) => !file.startsWith(engine + sep));
    const inside = users.flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith(engine + sep) && target !== engineIndex && !EXEMPT.has(`${show(file)} → ${show(target)}`))
        .map((target) => `${show(file)} → ${show(target)}`),
    );
    expect(users.some((file) => importsOf(file).includes(engineIndex))).toBe(true);
    expect(inside).toEqual([]);
  });

  // lib/engine/package.json declares the engine free of module side effects ("sideEffects": false),
  // so that a bundle keeps only the engine modules it uses through the index: the reader, injected
  // into news pages, uses one small function of it. That promise holds only while every top-level
  // statement of the engine is a declaration.
  it('has no module-level side effects, as its package.json tells bundlers', () => {
    const allowed = new Set([
      ts.SyntaxKind.ImportDeclaration,
      ts.SyntaxKind.ExportDeclaration,
      ts.SyntaxKind.FunctionDeclaration,
      ts.SyntaxKind.ClassDeclaration,
      ts.SyntaxKind.InterfaceDeclaration,
      ts.SyntaxKind.TypeAliasDeclaration,
      ts.SyntaxKind.EnumDeclaration,
      ts.SyntaxKind.VariableStatement,
    ]);
    const statements = sourceFiles(engine).flatMap((file) =>
      ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest).statements.map((statement) => ({ file, statement })),
    );
    expect(statements.length).toBeGreaterThan(100);
    const effects = statements
      .filter(({ statement }) => !allowed.has(statement.kind))
      .map(({ file, statement }) => `${show(file)}: ${ts.SyntaxKind[statement.kind]}`);
    expect(effects).toEqual([]);
    expect(JSON.parse(readFileSync(join(engine, 'package.json'), 'utf8'))).toEqual({ type: 'module', sideEffects: false });
  });

  it('a bundle that uses one engine function through the index carries that function’s module alone', async () => {
    const result = await build({
      entryPoints: [join(lib, 'reader/on-device-translator.ts')],
      bundle: true,
      minify: true,
      format: 'esm',
      write: false,
      metafile: true,
    });
    const output = Object.values(result.metafile.outputs)[0]!;
    const engineModules = Object.entries(output.inputs)
      .filter(([path, input]) => path.startsWith('lib/engine/') && input.bytesInOutput > 0)
      .map(([path]) => path);
    expect(engineModules).toEqual(['lib/engine/language-tag.ts']);
  });
});
