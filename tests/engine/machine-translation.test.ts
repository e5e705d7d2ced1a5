import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { articleSpanOf, usableTranslation } from '../../lib/engine/cross-language/machine-translation';
import { findSources } from '../../lib/engine/find-sources';
import { SHOW_THRESHOLD } from '../../lib/engine/score';
import { StatementIndex } from '../../lib/engine/statement-index';
import type { MachineTranslation, StatementDoc } from '../../lib/engine/types';
import { MESSAGE_LIMITS } from '../../lib/messaging/protocol';
import { onDeviceTranslator, translationModels } from '../../lib/reader/on-device-translator';
import { translateArticle } from '../../lib/reader/translate-article';
import { crossLanguageArticle, standInTranslator } from '../shared/helpers';

/**
 * Sources found through an on-device translation of the article. A017 (News.ru, Russian) translates
 * passages of S02 (Azerbaijan MoD briefing, English); its anchors alone score S02 just above the show
 * threshold and line up three of its six sentences. The translator is a stand-in (see
 * tests/fixtures/engine/cross-language/README.md).
 */

const here = dirname(fileURLToPath(import.meta.url));
const statements = (): StatementDoc[] =>
  readFileSync(join(here, '..', 'fixtures', 'engine', 'cross-language', 'statements.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as StatementDoc);

function corpus() {
  const docs = statements();
  const index = new StatementIndex();
  index.add(docs);
  const byId = new Map(docs.map((d) => [d.id, d]));
  return { index, byId, load: async (ids: string[]) => ids.flatMap((id) => byId.get(id) ?? []) };
}

async function a017Translation(): Promise<MachineTranslation> {
  const a017 = crossLanguageArticle('A017');
  return translateArticle(a017.text, 'ru', 'en', standInTranslator());
}

describe('translateArticle', () => {
  it('translates sentence by sentence and maps each rendering to the sentence it renders', async () => {
    const a017 = crossLanguageArticle('A017');
    const translator = standInTranslator();
    const translation = await translateArticle(a017.text, 'ru', 'en', translator);
    expect(translation.lang).toBe('en');
    expect(translation.segments).toHaveLength(6);
    expect(translator.calls).toHaveLength(6);
    for (const [ts, te, as, ae] of translation.segments) {
      // Each article span is exactly a sentence the translator was given, each translation span its answer.
      const sentence = a017.text.slice(as, ae);
      expect(translator.calls).toContain(sentence);
      expect(translation.text.slice(ts, te)).toBe(await translator.translate(sentence));
    }
    // Paragraphs stay paragraphs.
    expect(translation.text.split('\n\n')).toHaveLength(3);
  });

  it('translates only the first translatedChars characters', async () => {
    const sentence = 'Одно предложение статьи. ';
    const text = sentence.repeat(Math.ceil((MESSAGE_LIMITS.translatedChars * 2) / sentence.length));
    const translation = await translateArticle(text, 'ru', 'en', { translate: async () => 'One sentence of the article.' });
    const last = translation.segments.at(-1)!;
    expect(last[3]).toBeLessThanOrEqual(MESSAGE_LIMITS.translatedChars);
    expect(translation.text.length).toBeLessThanOrEqual(MESSAGE_LIMITS.translationChars);
  });

  it('stops when the page goes away, and leaves out the sentences the translator refuses', async () => {
    const a017 = crossLanguageArticle('A017');
    const controller = new AbortController();
    const translate = vi.fn(async (s: string) => {
      controller.abort();
      return s;
    });
    await expect(translateArticle(a017.text, 'ru', 'en', { translate }, controller.signal)).rejects.toThrow();
    expect(translate).toHaveBeenCalledTimes(1);
    // The stand-in knows A017's sentences only: a headline put before them is left out, the rest kept.
    const a017Headed = `Армия Азербайджана взяла под контроль более 90 боевых позиций Армении\n${a017.text}`;
    const headed = await translateArticle(a017Headed, 'ru', 'en', standInTranslator());
    expect(headed.segments).toHaveLength(6);
    expect(headed.segments[0]![2]).toBe(a017Headed.indexOf('\n') + 1);
    const nothing = await translateArticle('Не та статья.', 'ru', 'en', standInTranslator());
    expect(nothing.segments).toEqual([]);
  });

  it('keeps the day of a date with its month: one sentence for "am 20. September 2023, 13:00 Uhr, …" (dev A020, German)', async () => {
    const sentences: string[] = [];
    const text =
      'Das Verteidigungsministerium erklärt, dass am 20. September 2023, 13:00 Uhr, eine Einigung erzielt wurde. Am Abend des 10. Mai haben sie geschossen.';
    const translation = await translateArticle(text, 'de', 'en', {
      translate: async (sentence) => {
        sentences.push(sentence);
        return `[${sentence}]`;
      },
    });
    expect(sentences).toEqual([
      'Das Verteidigungsministerium erklärt, dass am 20. September 2023, 13:00 Uhr, eine Einigung erzielt wurde.',
      'Am Abend des 10. Mai haben sie geschossen.',
    ]);
    // Each segment still points at the sentence it renders.
    expect(translation.segments.map(([, , from, to]) => text.slice(from, to))).toEqual(sentences);
  });
});

describe('findSources through a translation', () => {
  it('finds S02 for A017 with more evidence than its anchors give, and marks the Russian sentences only the translation lines up', async () => {
    const { index, load, byId } = corpus();
    const a017 = crossLanguageArticle('A017');
    const article = { text: a017.text, lang: 'ru', date: a017.date };
    const direct = await findSources(article, index, load, { includeBelowThreshold: true });
    const byAnchors = direct.sources.find((s) => s.statementId === 'S02')!;
    // "По его словам … покидали свои позиции" renders "running out of ammunition, are leaving their
    // combat positions": no name or number in common, so no anchor lines it up.
    const ammunition = a017.text.indexOf('По его словам');
    const covers = (p: { article: [number, number] }) => p.article[0] <= ammunition && ammunition < p.article[1];
    expect(byAnchors.passages.some(covers)).toBe(false);

    const translation = await a017Translation();
    const report = await findSources({ ...article, translation }, index, load);
    const s02 = report.sources[0]!;
    expect(s02).toMatchObject({ statementId: 'S02', relation: 'translates', statementLang: 'en' });
    expect(s02.score).toBeGreaterThanOrEqual(SHOW_THRESHOLD);
    expect(s02.score).toBeGreaterThan(byAnchors.score);
    expect(s02.passages.some(covers)).toBe(true);
    const sentenceSpans = translation.segments.map(([, , as, ae]) => `${as}-${ae}`);
    const s02Text = byId.get('S02')!.text;
    for (const p of s02.passages) {
      expect(['translated_quote', 'translated_passage']).toContain(p.type);
      // Article spans are whole Russian sentences (or runs of them); statement spans are S02's text.
      expect(sentenceSpans.some((span) => span.startsWith(`${p.article[0]}-`))).toBe(true);
      expect(sentenceSpans.some((span) => span.endsWith(`-${p.article[1]}`))).toBe(true);
      expect(p.statement[1]).toBeLessThanOrEqual(s02Text.length);
      expect(p.diff).toBeUndefined();
    }
    // "more than 90 combat positions ... strategically important" is S02's third paragraph.
    const heights = a017.text.indexOf('Под контроль ВС');
    const passage = s02.passages.find((p) => p.article[0] <= heights && heights < p.article[1])!;
    expect(s02Text.slice(passage.statement[0], passage.statement[1])).toContain('strategically important high grounds');
    // No two marks on one sentence.
    const starts = s02.passages.map((p) => p.article[0]);
    expect(new Set(starts).size).toBe(starts.length);
    expect(s02.coverage).toBeGreaterThan(0.5);
  });

  it('ignores a translation that does not fit the article, and one in the article’s own language', async () => {
    const { index, load } = corpus();
    const a017 = crossLanguageArticle('A017');
    const article = { text: a017.text, lang: 'ru', date: a017.date };
    const translation = await a017Translation();
    const direct = await findSources(article, index, load);
    const beyond: MachineTranslation = { ...translation, segments: [[0, 10, 0, a017.text.length + 1]] };
    const backwards: MachineTranslation = { ...translation, segments: [[10, 5, 0, 10]] };
    const sameLanguage: MachineTranslation = { ...translation, lang: 'ru-RU' };
    for (const bad of [beyond, backwards, sameLanguage]) {
      expect(usableTranslation({ ...article, translation: bad })).toBeUndefined();
      const report = await findSources({ ...article, translation: bad }, index, load);
      expect(report.sources).toEqual(direct.sources);
    }
    // And crossLanguage: false turns the path off.
    const off = await findSources({ ...article, translation }, index, load, { crossLanguage: false });
    expect(off.sources.map((s) => s.statementId)).not.toContain('S02');
  });

  it('maps a span of the translation to the article sentences it overlaps', () => {
    const segments: MachineTranslation['segments'] = [
      [0, 10, 100, 150],
      [11, 20, 151, 190],
      [22, 30, 200, 260],
    ];
    expect(articleSpanOf([2, 5], segments)).toEqual([100, 150]);
    expect(articleSpanOf([5, 15], segments)).toEqual([100, 190]);
    expect(articleSpanOf([0, 30], segments)).toEqual([100, 260]);
    expect(articleSpanOf([20, 22], segments)).toBeUndefined();
  });
});

describe('onDeviceTranslator', () => {
  const pair = (availability: string) => {
    const create = vi.fn(async () => ({ translate: async (s: string) => `EN:${s}`, destroy: vi.fn() }));
    return { scope: { Translator: { availability: vi.fn(async () => availability), create } }, create };
  };

  it('uses the browser translator only when its model is already on the machine', async () => {
    const ready = pair('available');
    const translator = await onDeviceTranslator(ready.scope, 'ru-RU', 'en', undefined);
    expect(await translator!.translate('Привет')).toBe('EN:Привет');
    expect(ready.create).toHaveBeenCalledWith({ sourceLanguage: 'ru', targetLanguage: 'en', signal: undefined });
    for (const state of ['downloadable', 'downloading', 'unavailable']) {
      const other = pair(state);
      expect(await onDeviceTranslator(other.scope, 'ru', 'en')).toBeNull();
      // Never starts a model download on a page's behalf.
      expect(other.create).not.toHaveBeenCalled();
    }
  });

  it('is null without the API, for one language, and when the API throws', async () => {
    expect(await onDeviceTranslator({}, 'ru', 'en')).toBeNull();
    expect(await onDeviceTranslator(pair('available').scope, 'en-GB', 'en')).toBeNull();
    const throwing = { Translator: { availability: async () => Promise.reject(new Error('NotAllowedError')), create: vi.fn() } };
    expect(await onDeviceTranslator(throwing, 'ru', 'en')).toBeNull();
  });
});

describe('translationModels', () => {
  it('reports a pair’s model, and installs it with progress through the API’s monitor', async () => {
    const destroy = vi.fn();
    const create = vi.fn(async (options: { monitor?: (m: EventTarget) => void }) => {
      const monitor = new EventTarget();
      options.monitor?.(monitor);
      for (const loaded of [0, 0.5, 1]) monitor.dispatchEvent(Object.assign(new Event('downloadprogress'), { loaded }));
      return { translate: async (s: string) => s, destroy };
    });
    const availability = vi.fn(async () => 'downloadable');
    const models = translationModels({ Translator: { availability, create } })!;
    expect(await models.availability('ru-RU', 'en')).toBe('downloadable');
    expect(availability).toHaveBeenCalledWith({ sourceLanguage: 'ru', targetLanguage: 'en' });
    const seen: number[] = [];
    await models.install('ru', 'en', (share) => seen.push(share));
    expect(seen).toEqual([0, 0.5, 1]);
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ sourceLanguage: 'ru', targetLanguage: 'en' }));
    // The session made to install the model is not kept.
    expect(destroy).toHaveBeenCalledTimes(1);
  });

  it('is null without the API; an unknown or failing availability reads as unavailable', async () => {
    expect(translationModels({})).toBeNull();
    const odd = translationModels({ Translator: { availability: async () => 'readily', create: vi.fn() } })!;
    expect(await odd.availability('ru', 'en')).toBe('unavailable');
    const failing = translationModels({ Translator: { availability: async () => Promise.reject(new Error('x')), create: vi.fn() } })!;
    expect(await failing.availability('ru', 'en')).toBe('unavailable');
  });
});
