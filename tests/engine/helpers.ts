import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ArticleInput, StatementDoc } from '../../lib/engine/index.ts';

const dir = fileURLToPath(new URL('../fixtures/engine/', import.meta.url));

export function fixtureText(name: string): string {
  return readFileSync(dir + name, 'utf8');
}

function jsonl<T>(name: string): T[] {
  return fixtureText(name)
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export type LabelledArticle = ArticleInput & { id: string; label: string; gold_source_ids: string[]; reuse_class: string };

export const statements = (): StatementDoc[] => jsonl<StatementDoc>('statements.jsonl');
export const articles = (): LabelledArticle[] => jsonl<LabelledArticle>('articles.jsonl');
export const article = (id: string): LabelledArticle => articles().find((a) => a.id === id)!;
export const seedBody = (): string => fixtureText('news-az-2023-09-19-mod-briefing.txt').split('\n').slice(2).join('\n');
