// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toReportView } from '../../lib/background/report-view';
import { findSources } from '../../lib/engine/find-sources';
import { StatementIndex } from '../../lib/engine/statement-index';
import type { StatementDoc } from '../../lib/engine/types';
import type { ReportView } from '../../lib/messaging/protocol';
import type { PageArticle } from '../../lib/reader/check-page';
import { HintsController } from '../../lib/reader/hints-controller';
import { crossLanguageArticle, standInTranslator } from '../shared/helpers';

/**
 * The reader's optional second step in a live page (happy-dom): the first report says the corpus is in
 * English, the page is Russian (A017, News.ru), so the reader translates the article with the browser's
 * on-device translator (here the stand-in of tests/fixtures/engine/cross-language/) and asks again; the
 * marks are redrawn with the source found through the translation (S02). The background is the real
 * engine over the cross-language fixture statements, behind a function as the protocol would be.
 */

const here = dirname(fileURLToPath(import.meta.url));
const statements: StatementDoc[] = readFileSync(join(here, '..', 'fixtures', 'engine', 'cross-language', 'statements.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as StatementDoc);

function background() {
  const index = new StatementIndex();
  index.add(statements);
  const byId = new Map(statements.map((s) => [s.id, s]));
  const asked: Array<PageArticle['payload']> = [];
  const ask = async (article: PageArticle['payload']): Promise<ReportView & { hintsVisible: boolean }> => {
    asked.push(article);
    const input = { text: article.text, lang: article.lang ?? undefined, date: article.date ?? undefined, translation: article.translation };
    const report = await findSources(input, index, async (ids) => ids.flatMap((id) => byId.get(id) ?? []));
    const texts = new Map(statements.map((s) => [s.id, s.text]));
    const view = toReportView(report, article.text, texts, statements.length, 0);
    return { ...view, articleLang: input.lang, translateTo: input.lang === 'en' ? undefined : 'en', hintsVisible: true };
  };
  return { ask, asked };
}

function a017Page(): Document {
  const a017 = crossLanguageArticle('A017');
  document.documentElement.lang = 'ru';
  document.body.innerHTML = '<main><article></article></main>';
  const article = document.querySelector('article')!;
  for (const paragraph of a017.text.split('\n')) {
    const p = document.createElement('p');
    p.textContent = paragraph;
    article.append(p);
  }
  return document;
}

/** A017's second sentence shares no name or number with S02: only the translation lines it up. */
const ONLY_THROUGH_TRANSLATION = 'По его словам';
const markedS02 = (controller: HintsController) => controller.current.order.filter((p) => p.source.statementId === 'S02').map((p) => p.passage.articleText);

const controllers: HintsController[] = [];
afterEach(() => {
  for (const c of controllers.splice(0)) c.destroy();
});

function reader(ask: ReturnType<typeof background>['ask'], translatorFor?: ConstructorParameters<typeof HintsController>[0]['translatorFor']) {
  const controller = new HintsController({
    doc: a017Page(),
    url: () => 'https://news.example/a017',
    css: '',
    signal: new AbortController().signal,
    findSources: ask,
    translatorFor,
    onChange: () => undefined,
  });
  controllers.push(controller);
  return controller;
}

describe('the reader, through an on-device translation', () => {
  it('asks again with the translation and marks the Russian sentences that render S02', async () => {
    const { ask, asked } = background();
    const translator = { ...standInTranslator(), destroy: vi.fn() };
    const translatorFor = vi.fn(async () => translator);
    const controller = reader(ask, translatorFor);
    await controller.check();
    expect(translatorFor).toHaveBeenCalledWith('ru', 'en', expect.anything());
    expect(asked).toHaveLength(2);
    expect(asked[0]!.translation).toBeUndefined();
    expect(asked[1]!.translation).toMatchObject({ lang: 'en' });
    const state = controller.current;
    expect(state.phase).toBe('done');
    expect(state.report!.sources[0]!.statementId).toBe('S02');
    const marked = markedS02(controller);
    expect(marked.some((text) => text.startsWith('Под контроль ВС Азербайджана передано более 90 боевых позиций'))).toBe(true);
    expect(marked.some((text) => text.startsWith(ONLY_THROUGH_TRANSLATION))).toBe(true);
    expect(translator.destroy).toHaveBeenCalledTimes(1);
  });

  it('keeps the first report when there is no translator or it fails', async () => {
    const { ask, asked } = background();
    const none = reader(ask, async () => null);
    await none.check();
    expect(asked).toHaveLength(1);
    const first = none.current.report!.sources.map((s) => s.statementId);
    expect(markedS02(none).some((text) => text.startsWith(ONLY_THROUGH_TRANSLATION))).toBe(false);

    // A translator that refuses every sentence: nothing to ask again with.
    const failing = { translate: vi.fn(async () => Promise.reject(new Error('model crashed'))), destroy: vi.fn() };
    const broken = reader(ask, async () => failing);
    await broken.check();
    expect(failing.translate).toHaveBeenCalled();
    expect(asked).toHaveLength(2);
    expect(broken.current.phase).toBe('done');
    expect(broken.current.report!.sources.map((s) => s.statementId)).toEqual(first);
    expect(markedS02(broken)).toEqual(markedS02(none));
    expect(failing.destroy).toHaveBeenCalledTimes(1);
  });
});
