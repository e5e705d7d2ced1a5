// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import english from '../../public/_locales/en/messages.json';
import { translatorFromTable } from '../../components/i18n';
import { PassageCard } from '../../components/PassageCard';
import { SourceList } from '../../components/SourceList';
import { toReportView } from '../../lib/background/report-view';
import { findSources } from '../../lib/engine/find-sources';
import { StatementIndex } from '../../lib/engine/statement-index';
import type { ArticleInput, StatementDoc } from '../../lib/engine/types';

const t = translatorFromTable(english);
afterEach(cleanup);

// Real dev-set records (see tests/fixtures/engine/cross-language/README.md): A035, a Spanish
// article that translates S06, the Armenian MFA's English statement.
// happy-dom gives this module a non-file URL: the fixture path is taken from the project root.
const dir = resolve(process.cwd(), 'tests/fixtures/engine/cross-language') + '/';
const jsonl = <T,>(name: string): T[] =>
  readFileSync(dir + name, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

async function translatedReport() {
  const statements = jsonl<StatementDoc>('statements.jsonl');
  const article = jsonl<ArticleInput & { id: string }>('articles.jsonl').find((a) => a.id === 'A035')!;
  const index = new StatementIndex();
  index.add(statements);
  const byId = new Map(statements.map((s) => [s.id, s]));
  const report = await findSources(article, index, async (ids) => ids.map((id) => byId.get(id)!));
  const view = toReportView(report, article.text!, new Map(statements.map((s) => [s.id, s.text])), statements.length, 0);
  return { view, article, statement: byId.get('S06')! };
}

describe('a source in another language', () => {
  it('is listed as a translation, with translated passages shown side by side with the official text', async () => {
    const { view, article, statement } = await translatedReport();
    const source = view.sources[0]!;
    expect(source.statementId).toBe('S06');
    render(<SourceList sources={view.sources} articleDate={article.date} t={t} />);
    expect(screen.getByText('Translates it')).toBeTruthy();
    const groups = [...document.querySelectorAll('.passage-group')].map((g) => g.getAttribute('data-type'));
    expect(groups.every((g) => g === 'translated_quote' || g === 'translated_passage')).toBe(true);
    fireEvent.click(document.querySelector('.passage-group .passage-button')!);
    const side = screen.getByTestId('side-by-side');
    const [articleQuote, officialQuote] = [...side.querySelectorAll('blockquote')];
    const first = source.passages.find((p) => p.type === groups[0])!;
    expect(articleQuote!.textContent).toBe(article.text!.slice(first.article[0], first.article[1]));
    expect(officialQuote!.textContent!.trim()).toBe(statement.text.slice(first.statement[0], first.statement[1]));
    // The official text carries its own language, so fonts and direction follow it.
    expect(officialQuote!.getAttribute('lang')).toBe('en');
  });

  it('shows both texts in the in-page card', async () => {
    const { view } = await translatedReport();
    const source = view.sources[0]!;
    render(<PassageCard source={source} passage={source.passages[0]!} t={t} />);
    expect(screen.getByTestId('passage-card').getAttribute('data-kind')).toMatch(/^translated_/);
    const side = screen.getByTestId('side-by-side');
    expect(side.querySelectorAll('blockquote')).toHaveLength(2);
    expect(side.textContent).toContain(source.passages[0]!.statementText.slice(0, 40));
  });
});
