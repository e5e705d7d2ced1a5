// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CorpusSummary } from '../../components/CorpusSummary';
import { feedErrorText } from '../../components/feed-error-text';
import { formatBytes, percent } from '../../components/format';
import { HintsBar } from '../../components/HintsBar';
import { ImportSummaryView } from '../../components/ImportSummaryView';
import { translatorFromTable, type Translate } from '../../components/i18n';
import { refreshFeed } from '../../lib/feeds/refresh';
import { newSubscription } from '../../lib/feeds/subscription';

type Table = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const LOCALES_DIR = resolve('public/_locales');
const table = (lang: string) => JSON.parse(readFileSync(resolve(LOCALES_DIR, lang, 'messages.json'), 'utf8')) as Table;
const LANGS = readdirSync(LOCALES_DIR);
const translators: Record<string, Translate> = Object.fromEntries(LANGS.map((lang) => [lang, translatorFromTable(table(lang), lang)]));
const { en, ru, az } = translators as Record<'en' | 'ru' | 'az', Translate>;

afterEach(cleanup);

/** The plural families of the English table: `<base>_other` keys. */
const pluralBases = Object.keys(table('en'))
  .filter((key) => key.endsWith('_other'))
  .map((key) => key.slice(0, -'_other'.length));

describe('locales', () => {
  it('every locale has every English message, with the same placeholders', () => {
    const english = table('en');
    for (const lang of LANGS) {
      const messages = table(lang);
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const [key, entry] of Object.entries(english)) {
        const base = pluralBases.find((b) => key.startsWith(`${b}_`));
        // A plural form English has but this language does not use (English "one" in a language without it) may be missing.
        if (base && !(categories as string[]).includes(key.slice(base.length + 1))) continue;
        expect(messages[key], `${lang}: ${key}`).toBeDefined();
        expect(Object.keys(messages[key]!.placeholders ?? {}).sort(), `${lang}: ${key}`).toEqual(Object.keys(entry.placeholders ?? {}).sort());
      }
    }
  });

  it('every plural family has a message for each CLDR plural category of each locale', () => {
    expect(pluralBases.length).toBeGreaterThan(5);
    for (const lang of LANGS) {
      const messages = table(lang);
      for (const category of new Intl.PluralRules(lang).resolvedOptions().pluralCategories) {
        for (const base of pluralBases) expect(messages[`${base}_${category}`], `${lang}: ${base}_${category}`).toBeDefined();
      }
    }
  });
});

describe('plural rules and number formats', () => {
  it('says "1 passage from 1 official source", never "1 passages from 1 official sources"', () => {
    render(<HintsBar passages={1} sources={1} position={0} onPrevious={() => {}} onNext={() => {}} onHide={() => {}} t={en} />);
    expect(document.body.textContent).toContain('1 passage from 1 official source');
    cleanup();
    render(<HintsBar passages={12} sources={2} position={0} onPrevious={() => {}} onNext={() => {}} onHide={() => {}} t={en} />);
    expect(document.body.textContent).toContain('12 passages from 2 official sources');
  });

  it('Russian takes its three forms (1, 2–4, 5–20, 21…) and Azerbaijani its word order', () => {
    const phrase = (t: Translate, n: number) => t('hintsSummary', t.plural('passagesCount', n), t.plural('officialSourcesFrom', 1));
    expect([1, 3, 5, 11, 21, 22, 25].map((n) => ru.plural('passagesCount', n))).toEqual([
      '1 фрагмент',
      '3 фрагмента',
      '5 фрагментов',
      '11 фрагментов',
      '21 фрагмент',
      '22 фрагмента',
      '25 фрагментов',
    ]);
    expect(phrase(ru, 2)).toBe('2 фрагмента из 1 официального источника');
    expect(az('hintsSummary', az.plural('passagesCount', 2), az.plural('officialSourcesFrom', 3))).toBe('3 rəsmi mənbədən 2 fraqment');
    expect(ru.plural('statementsCount', 1234)).toBe(`${new Intl.NumberFormat('ru').format(1234)} заявления`);
  });

  it('counts in sentences follow the rules: delete, restore, damaged records', () => {
    {
      expect(en.plural('deleteAllConfirm', 1)).toBe('Delete the 1 statement? This cannot be undone.');
      expect(en.plural('deleteAllConfirm', 1234)).toBe('Delete all 1,234 statements? This cannot be undone.');
      expect(ru.plural('deleteAllConfirm', 5)).toBe('Удалить все 5 заявлений? Это нельзя отменить.');
      cleanup();
      render(<CorpusSummary stats={{ statements: 72607, issuers: 1, damaged: 1 } as never} t={en} />);
      expect(document.body.textContent).toContain('1 damaged record was skipped');
      expect(document.querySelector('[data-testid="corpus-count"]')!.textContent).toBe('72,607');
      cleanup();
      render(<CorpusSummary stats={{ statements: 72607, issuers: 1, damaged: 3 } as never} t={ru} />);
      expect(document.body.textContent).toContain('Пропущены 3 повреждённые записи');
      expect(document.querySelector('[data-testid="corpus-count"]')!.textContent).toBe(new Intl.NumberFormat('ru').format(72607));
    }
  });

  it("numbers, percentages and sizes in the locale's way; sizes in SI steps, as their labels say", () => {
    expect(percent(0.42, 'en')).toBe('42%');
    expect(percent(0.42, 'ru')).toBe(new Intl.NumberFormat('ru', { style: 'percent' }).format(0.42));
    expect(percent(0.999, 'en')).toBe('100%');
    expect(formatBytes(1_000, 'en')).toBe('1 kB');
    expect(formatBytes(1_024, 'en')).toBe('1 kB');
    expect(formatBytes(5_000_000, 'en')).toBe('5 MB');
    expect(formatBytes(5 * 1024 * 1024, 'en')).toBe('5.2 MB');
    expect(formatBytes(1_500_000, 'ru')).toBe('1,5 МБ');
    expect(en('summaryMoreRejected', 1234)).toBe('…and 1,234 more');
  });

  it('the restore summary names statements and feeds with their plural forms', () => {
    expect(en('restoreDone', en.plural('statementsCount', 1), 0, 2, en.plural('feedsCount', 1))).toBe(
      'Restored 1 statement (0 already present, 2 rejected) and 1 feed.',
    );
  });
});

describe("errors from lib/ in the user's language", () => {
  const refreshWith = async (response: () => Response, limits?: { maxBytes: number; timeoutMs: number }) => {
    const feed = newSubscription({ url: 'https://mod.example/feed.xml' }, 0);
    const store = async () => ({ imported: 0, updated: 0, duplicates: 0 });
    return (await refreshFeed(feed, { fetch: async () => response(), store, now: () => 1, limits })).feed;
  };

  it('a feed error keeps its code and figure, and the options page says it in Russian and Azerbaijani', async () => {
    const missing = await refreshWith(() => new Response('no', { status: 404 }));
    expect(missing).toMatchObject({ lastErrorCode: 'http', lastErrorValue: 404 });
    expect(feedErrorText(missing, ru).text).toBe('адрес ленты не найден (HTTP 404); проверьте адрес');
    expect(feedErrorText(missing, az).text).toBe('lentin ünvanı tapılmadı (HTTP 404); ünvanı yoxlayın');
    expect(feedErrorText(missing, en).detail).toContain('HTTP 404');

    const failing = await refreshWith(() => new Response('down', { status: 503 }));
    expect(feedErrorText(failing, ru).text).toBe('сервер ответил HTTP 503 вместо ленты');

    const huge = await refreshWith(() => new Response('x'.repeat(2000), { headers: { 'content-length': '2000' } }), { maxBytes: 1000, timeoutMs: 5000 });
    expect(huge.lastErrorCode).toBe('too-large');
    expect(feedErrorText(huge, ru).text).toBe(`лента больше ${formatBytes(1000, 'ru')}; SourceLens прекратил её чтение`);

    const page = await refreshWith(() => new Response('<!doctype html><html><body>Hi</body></html>', { headers: { 'content-type': 'text/html' } }));
    expect(feedErrorText(page, az).text).toBe('ünvan lent deyil, veb səhifə (HTML) qaytardı');

    // A success clears the code with the words.
    const ok = await refreshFeed(huge, {
      fetch: async () => new Response('<rss version="2.0"><channel><title>T</title></channel></rss>', { headers: { 'content-type': 'application/rss+xml' } }),
      store: async () => ({ imported: 0, updated: 0, duplicates: 0 }),
      now: () => 2,
    });
    expect(ok.feed.lastErrorCode).toBeUndefined();
    expect(ok.feed.lastErrorValue).toBeUndefined();
  });

  it('an error of no known kind is shown as lib/ wrote it', () => {
    expect(feedErrorText({ lastError: 'something odd' }, ru)).toEqual({ text: 'something odd' });
  });
});

describe("rejected import lines in the user's language", () => {
  it("a line rejected with a code is worded from the locale, lib/'s English reason kept as the detail", async () => {
    const { parseCorpus } = await import('../../lib/corpus/parse-corpus');
    const text = ['{"id":"a","text":"A statement."}', '{"id":', '[1,2]', '{"id":"b"}'].join('\n') + '\n';
    const rejected = [];
    for await (const batch of parseCorpus(new Blob([text]).stream(), { fileName: 'mixed.jsonl' })) rejected.push(...batch.rejected);
    expect(rejected.map((r) => [r.line, r.code])).toEqual([
      [2, 'not-json'],
      [3, 'not-object'],
      [4, 'text-missing'],
    ]);
    const summary = {
      files: ['mixed.jsonl'],
      imported: 1,
      updated: 0,
      duplicates: 0,
      rejected,
      rejectedCount: 3,
      warnings: [],
      warningCount: 0,
      interrupted: false,
    };
    render(<ImportSummaryView summary={summary} t={ru} />);
    const items = [...document.querySelectorAll('[data-testid="rejected-lines"] li')];
    expect(items.map((li) => li.textContent)).toEqual([
      'mixed.jsonl, строка 2: не корректный JSON',
      'mixed.jsonl, строка 3: не объект JSON',
      'mixed.jsonl, строка 4: нет поля text',
    ]);
    expect(items[0]!.getAttribute('title')).toMatch(/^Подробности \(по-английски\): not valid JSON \(/);
  });

  it('a field that fails validation is worded from the locale too, naming the field as the file does', async () => {
    const { parseCorpus } = await import('../../lib/corpus/parse-corpus');
    const long = 'x'.repeat(2001);
    const lines = [
      { text: ' \n ' },
      { text: 'A statement.', title: 5 },
      { text: 'A statement.', issuer: long },
      { text: 'A statement.', url: 'javascript:alert(1)' },
      { text: 'A statement.', lang: 'english language' },
      { text: 'A statement.', id: 1.5 },
    ];
    const rejected = [];
    const file = new Blob([lines.map((line) => JSON.stringify(line)).join('\n') + '\n']);
    for await (const batch of parseCorpus(file.stream(), { fileName: 'fields.jsonl' })) rejected.push(...batch.rejected);
    expect(rejected.map(({ line, code, field, limit }) => ({ line, code, field, limit }))).toEqual([
      { line: 1, code: 'text-empty', field: 'text', limit: undefined },
      { line: 2, code: 'field-not-text', field: 'title', limit: undefined },
      { line: 3, code: 'field-too-long', field: 'issuer', limit: 2000 },
      { line: 4, code: 'url-not-web', field: 'url', limit: undefined },
      { line: 5, code: 'lang-not-tag', field: 'lang', limit: undefined },
      { line: 6, code: 'id-invalid', field: 'id', limit: undefined },
    ]);
    const summary = {
      files: ['fields.jsonl'],
      imported: 0,
      updated: 0,
      duplicates: 0,
      rejected,
      rejectedCount: rejected.length,
      warnings: [],
      warningCount: 0,
      interrupted: false,
    };
    for (const [translate, expected] of [
      [
        ru,
        [
          'поле text пустое',
          'поле title — не текст',
          `поле issuer длиннее ${(2000).toLocaleString('ru')} символов`,
          'url — не адрес http или https',
          'lang — не языковой тег (BCP 47, например "en" или "az-Latn")',
          'id — не текст и не целое число',
        ],
      ],
      [
        az,
        [
          'text sahəsi boşdur',
          'title sahəsi mətn deyil',
          `issuer sahəsi ${(2000).toLocaleString('az')} simvoldan uzundur`,
          'url http və ya https ünvanı deyil',
          'lang dil teqi deyil (BCP 47, məsələn "en" və ya "az-Latn")',
          'id nə mətn, nə də tam ədəddir',
        ],
      ],
    ] as const) {
      render(<ImportSummaryView summary={summary} t={translate} />);
      const items = [...document.querySelectorAll('[data-testid="rejected-lines"] li')];
      expect(items.map((li) => li.textContent?.replace(/^fields\.jsonl, \S+ \d+: /, ''))).toEqual(expected);
      // lib/'s English words stay at hand, as the detail.
      expect(items[3]!.getAttribute('title')).toContain('url must be an http or https address');
      cleanup();
    }
  });
});
