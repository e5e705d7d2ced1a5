// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
import type { ComponentProps } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import english from '../../public/_locales/en/messages.json';
import russian from '../../public/_locales/ru/messages.json';
import { translatorFromTable } from '../../components/i18n';
import { OptionsApp } from '../../entrypoints/options/OptionsApp';
import { PopupApp } from '../../entrypoints/popup/PopupApp';
import { DEFAULT_BATCH } from '../../lib/corpus/parse-corpus';
import { MAX_IN_FLIGHT } from '../../lib/corpus/import-files';
import type { ContentClient, RpcClient } from '../../lib/messaging/rpc';
import type { ModelAvailability } from '../../lib/reader/on-device-translator';
import { DEV_FIXTURE, SENATE_FIXTURE, allDevStatements, articlePayload, crossLanguageArticle, devArticle, devStatements } from '../shared/helpers';
import { backend as appBackend, closeBackends, seriousViolations } from './app-harness';

const t = translatorFromTable(english);

afterEach(async () => {
  cleanup();
  await closeBackends();
});

const backend = () => appBackend('apps');

function fixtureFile(path: string, name: string): File {
  return new File([readFileSync(path)], name, { type: 'application/x-ndjson' });
}

function chooseFiles(input: HTMLInputElement, files: File[]) {
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  fireEvent.change(input);
}

describe('OptionsApp', () => {
  it('imports a File through the file input and shows the summary with the 3 bad lines', async () => {
    const { db, call } = backend();
    const { container } = render(<OptionsApp call={call} t={t} />);
    await waitFor(() => expect(screen.getByTestId('corpus-count').textContent).toBe('0'));
    expect(await screen.findByText(t('issuersNone'))).toBeTruthy();

    chooseFiles(container.querySelector('#import-file') as HTMLInputElement, [fixtureFile(SENATE_FIXTURE, 'senate.jsonl')]);
    const summary = await waitFor(() => screen.getByTestId('import-summary'), { timeout: 20_000 });
    expect(summary.dataset).toMatchObject({ imported: '100', updated: '0', duplicates: '0', rejected: '3' });
    const items = [...screen.getByTestId('rejected-lines').querySelectorAll('li')];
    expect(items.map((li) => li.dataset.line)).toEqual(['11', '52', '103']);
    expect(items[0]!.textContent).toMatch(/^senate\.jsonl, line 11: not valid JSON/);
    expect(items[1]!.textContent).toMatch(/^senate\.jsonl, line 52: text is missing/);
    expect(items[2]!.textContent).toBe('senate.jsonl, line 103: not a JSON object');
    expect(screen.queryByTestId('import-progress')).toBeNull();
    expect(await db.statements.count()).toBe(100);
    await waitFor(() => expect(screen.getByTestId('corpus-count').textContent).toBe('100'));
    expect((await screen.findByTestId('issuer-list')).querySelectorAll('tr').length).toBeGreaterThan(1);
  });

  it('re-importing the same file adds nothing and says so', async () => {
    const { db, call } = backend();
    const { container } = render(<OptionsApp call={call} t={t} />);
    await waitFor(() => screen.getByTestId('corpus-count'));
    const input = container.querySelector('#import-file') as HTMLInputElement;
    chooseFiles(input, [fixtureFile(DEV_FIXTURE, 'dev.jsonl')]);
    await waitFor(() => expect(screen.getByTestId('import-summary').dataset.imported).toBe('6'));
    chooseFiles(input, [fixtureFile(DEV_FIXTURE, 'dev.jsonl')]);
    await waitFor(() => expect(screen.getByTestId('import-summary').dataset.duplicates).toBe('6'));
    expect(screen.getByTestId('import-summary').dataset.imported).toBe('0');
    expect(await db.statements.count()).toBe(6);
  });

  it('a file that is not a backup is refused in the UI language, and nothing is restored', async () => {
    const { db, call } = backend();
    const ru = translatorFromTable(russian, 'ru');
    const { container } = render(<OptionsApp call={call} t={ru} />);
    await waitFor(() => screen.getByTestId('corpus-count'));
    // A statements file, as a user might pick by mistake.
    chooseFiles(container.querySelector('#restore-file') as HTMLInputElement, [fixtureFile(DEV_FIXTURE, 'dev.jsonl')]);
    await waitFor(() => expect(screen.getByTestId('options-error').textContent).toContain(russian.restoreNotBackup.message));
    expect(await db.statements.count()).toBe(0);
  });

  it('deletes an issuer, and deletes all only after confirming', async () => {
    const { db, call } = backend();
    await call('importBatch', { file: 'dev.jsonl', records: devStatements() });
    const { container } = render(<OptionsApp call={call} t={t} />);
    await waitFor(() => expect(screen.getByTestId('corpus-count').textContent).toBe('6'));
    fireEvent.click(await screen.findByLabelText('Delete all statements of Ministry of Defense of the Republic of Azerbaijan'));
    await waitFor(() => expect(screen.getByTestId('corpus-count').textContent).toBe('4'));
    expect(await db.statements.count()).toBe(4);
    fireEvent.click(container.querySelector('#delete-all')!);
    expect(await db.statements.count()).toBe(4);
    fireEvent.click(container.querySelector('#delete-all-confirm')!);
    await waitFor(() => expect(screen.getByTestId('corpus-count').textContent).toBe('0'));
    expect(await db.statements.count()).toBe(0);
  });

  it('exports everything as JSON Lines through a download link', async () => {
    const { call } = backend();
    await call('importBatch', { file: 'dev.jsonl', records: devStatements() });
    const blobs: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:sourcelens/export-1';
    });
    try {
      const { container } = render(<OptionsApp call={call} t={t} />);
      await waitFor(() => expect(screen.getByTestId('corpus-count').textContent).toBe('6'));
      fireEvent.click(container.querySelector('#export')!);
      const link = await waitFor(() => {
        const found = container.querySelector('#export-link');
        if (!found) throw new Error('no export link yet');
        return found as HTMLAnchorElement;
      });
      expect(link.getAttribute('href')).toBe('blob:sourcelens/export-1');
      expect(link.getAttribute('download')).toMatch(/^sourcelens-corpus-\d{4}-\d{2}-\d{2}\.jsonl$/);
      expect(link.dataset.count).toBe('6');
      expect(blobs).toHaveLength(1);
      const lines = (await blobs[0]!.text()).trim().split('\n');
      expect(lines.map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(['S01', 'S02', 'S07', 'S08', 'S11', 'S13']);
      const expected = (await call('exportPage', { afterId: null, limit: 100 })).jsonl;
      expect(await blobs[0]!.text()).toBe(expected);
    } finally {
      create.mockRestore();
    }
  });

  it('Stop import interrupts between batches and reports what was stored', async () => {
    const { db, call } = backend();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let batches = 0;
    const gated: RpcClient = async (method, input) => {
      if (method === 'importBatch') {
        batches++;
        if (batches === 1) await gate;
      }
      return call(method, input);
    };
    const { container } = render(<OptionsApp call={gated} t={t} />);
    await waitFor(() => screen.getByTestId('corpus-count'));
    // 7 copies of the fixture: 700 good records, so the import needs more than one batch.
    const seven = new File(
      Array.from({ length: 7 }, () => readFileSync(SENATE_FIXTURE)),
      'seven.jsonl',
    );
    chooseFiles(container.querySelector('#import-file') as HTMLInputElement, [seven]);
    // The page sends up to MAX_IN_FLIGHT batches before the first is answered.
    await waitFor(() => expect(batches).toBe(MAX_IN_FLIGHT));
    expect(screen.getByTestId('import-progress')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Stop import' }));
    release();
    const summary = await waitFor(() => screen.getByTestId('import-summary'), { timeout: 20_000 });
    expect(screen.getByText('Import stopped')).toBeTruthy();
    // The first batch holds the 100 distinct records, then copies of them: only the batches already
    // sent were stored, and the summary counts them all.
    expect(DEFAULT_BATCH * MAX_IN_FLIGHT).toBeLessThan(700);
    expect(summary.dataset).toMatchObject({ imported: '100', duplicates: String(DEFAULT_BATCH * MAX_IN_FLIGHT - 100) });
    expect(batches).toBe(MAX_IN_FLIGHT);
    expect(await db.statements.count()).toBe(100);
  });

  it('shows an error when the background fails', async () => {
    const call = (async () => {
      throw new Error('the background did not respond');
    }) as RpcClient;
    render(<OptionsApp call={call} t={t} />);
    await waitFor(() => expect(screen.getByTestId('options-error').textContent).toBe('Something went wrong: the background did not respond'));
  });

  it('has no serious or critical axe violations (empty and after an import)', async () => {
    const { call } = backend();
    const { container } = render(<OptionsApp call={call} t={t} />);
    await waitFor(() => screen.getByTestId('corpus-count'));
    expect(await seriousViolations(container)).toEqual([]);
    chooseFiles(container.querySelector('#import-file') as HTMLInputElement, [fixtureFile(SENATE_FIXTURE, 'senate.jsonl')]);
    await waitFor(() => screen.getByTestId('rejected-lines'), { timeout: 20_000 });
    await waitFor(() => screen.getByTestId('issuer-list'));
    expect(await seriousViolations(container)).toEqual([]);
    fireEvent.click(container.querySelector('#delete-all')!);
    expect(await seriousViolations(container)).toEqual([]);
  });
});

describe('PopupApp', () => {
  /** A callTab that records what the popup asks of the tab's content script. */
  function fakeTabs() {
    const sent: Array<{ tabId: number; method: string; input: unknown }> = [];
    const callTab = ((tabId: number) =>
      (async (method: string, input: unknown) => {
        sent.push({ tabId, method, input });
        return { found: true };
      }) as ContentClient) as (tabId: number) => ContentClient;
    return { sent, callTab };
  }

  it("shows the corpus size and this tab's status, and offers to check a page not detected as news", async () => {
    const { call, service, calls } = backend();
    const { callTab } = fakeTabs();
    await call('importBatch', { file: 'dev.jsonl', records: devStatements() });
    await service.handlers.pageLoaded({ url: 'https://news.example/a', title: 'A story' }, { tabId: 9 });
    render(<PopupApp call={call} callTab={callTab} t={t} currentTab={async () => ({ id: 9, url: 'https://news.example/a' })} openOptions={() => {}} />);
    await waitFor(() => expect(screen.getByTestId('corpus-count').textContent).toBe('6'));
    await waitFor(() => expect(screen.getByTestId('page-report').dataset.state).toBe('not-news'));
    expect(screen.getByText(t('stateNotNews'))).toBeTruthy();
    expect(screen.queryByTestId('corpus-empty')).toBeNull();
    const checkAnyway = screen.getByRole('button', { name: t('checkAnyway') }) as HTMLButtonElement;
    expect(checkAnyway.disabled).toBe(false);
    fireEvent.click(checkAnyway);
    await waitFor(() => expect(calls).toContain('checkPageAnyway'));
    // no reader can be injected in this test (no injectReader): the tab stays "checking"
    await waitFor(() => expect(screen.getByTestId('page-report').dataset.state).toBe('checking'));
  });

  it('says the corpus is empty and the page is unsupported on browser pages', async () => {
    const { call, calls } = backend();
    const { callTab } = fakeTabs();
    let opened = 0;
    render(<PopupApp call={call} callTab={callTab} t={t} currentTab={async () => ({ id: 1, url: 'chrome://extensions/' })} openOptions={() => opened++} />);
    await waitFor(() => expect(screen.getByTestId('tab-status').dataset.state).toBe('unsupported'));
    expect(screen.getByTestId('page-report').dataset.state).toBe('unsupported');
    await waitFor(() => screen.getByTestId('corpus-empty'));
    expect(calls).not.toContain('getTabStatus');
    const manage = screen.getAllByRole('button', { name: 'Manage corpus' });
    // one in the "corpus is empty" card, one in the corpus summary
    expect(manage).toHaveLength(2);
    for (const button of manage) fireEvent.click(button);
    expect(opened).toBe(2);
  });

  it('asks for the status of a web page the content script has not reported yet', async () => {
    const { call, calls } = backend();
    const { callTab } = fakeTabs();
    render(<PopupApp call={call} callTab={callTab} t={t} currentTab={async () => ({ id: 2, url: 'https://news.example/b' })} openOptions={() => {}} />);
    await waitFor(() => expect(calls).toContain('getTabStatus'));
    await waitFor(() => screen.getByTestId('corpus-empty'));
    expect(screen.getByTestId('tab-status').dataset.state).toBe('unknown');
  });

  it('lists the sources of the checked article; "show in page" asks the tab to reveal the passage', async () => {
    const { call, service } = backend();
    const { callTab, sent } = fakeTabs();
    await call('importBatch', { file: 'dev.jsonl', records: allDevStatements() });
    const a003 = devArticle('A003');
    await service.handlers.pageLoaded({ url: a003.url, title: a003.title, verdict: { isNews: true, score: 0.9, reasons: [] } }, { tabId: 9 });
    await service.handlers.findSources({ article: articlePayload(a003) }, { tabId: 9 });
    const { container } = render(<PopupApp call={call} callTab={callTab} t={t} currentTab={async () => ({ id: 9, url: a003.url })} openOptions={() => {}} />);
    await waitFor(() => expect(screen.getByTestId('page-report').dataset.state).toBe('done'));
    const sources = screen.getAllByTestId('source');
    expect(sources[0]!.dataset.statementId).toBe('S01');
    expect(sources[0]!.dataset.rank).toBe('1');
    expect(sources[0]!.querySelector('[data-type="unattributed_copy"]')).not.toBeNull();
    expect(await seriousViolations(container)).toEqual([]);

    const passage = sources[0]!.querySelector('.passage-button') as HTMLButtonElement;
    expect(passage.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(passage);
    expect(passage.getAttribute('aria-expanded')).toBe('true');
    expect(await seriousViolations(container)).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: t('showInPage') }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ tabId: 9, method: 'revealPassage', input: { statementId: 'S01' } });
  });

  describe('on-device translation', () => {
    /** A Russian page (A017, News.ru) checked against the English dev corpus. */
    async function russianPage() {
      const { call, service } = backend();
      const { callTab, sent } = fakeTabs();
      await call('importBatch', { file: 'dev.jsonl', records: allDevStatements() });
      const a017 = crossLanguageArticle('A017');
      const url = 'https://news.example/a017';
      await service.handlers.pageLoaded({ url, title: a017.title, verdict: { isNews: true, score: 0.9, reasons: [] } }, { tabId: 9 });
      await service.handlers.findSources({ article: { text: a017.text, title: null, date: a017.date, outlet: null, url, lang: 'ru' } }, { tabId: 9 });
      return { call, callTab, sent, url };
    }
    /** The popup of that page's tab, with `models` as the browser's translation models. */
    function renderPopup({ call, callTab, url }: Awaited<ReturnType<typeof russianPage>>, models: ComponentProps<typeof PopupApp>['translationModels']) {
      return render(
        <PopupApp
          call={call}
          callTab={callTab}
          t={t}
          currentTab={async () => ({ id: 9, url })}
          openOptions={() => {}}
          translationModels={models}
          uiLanguage="en"
        />,
      );
    }
    function fakeModels(
      availability: ModelAvailability,
      install = vi.fn(async (_from: string, _to: string, onProgress: (share: number) => void) => onProgress(0.5)),
    ) {
      return { models: { availability: vi.fn(async () => availability), install }, install };
    }

    it('offers to install the model for the page’s language pair, installs it on a click and has the page checked again', async () => {
      const page = await russianPage();
      const { sent } = page;
      let finish: () => void = () => undefined;
      const { models, install } = fakeModels(
        'downloadable',
        vi.fn(async (_from: string, _to: string, onProgress: (share: number) => void) => {
          onProgress(0.42);
          await new Promise<void>((resolve) => (finish = resolve));
        }),
      );
      const { container } = renderPopup(page, models);
      const offer = await waitFor(() => screen.getByTestId('translation-offer'));
      expect(models.availability).toHaveBeenCalledWith('ru', 'en');
      expect(offer.textContent).toContain('This page is in Russian and most of your statements are in English');
      expect(await seriousViolations(container)).toEqual([]);
      fireEvent.click(screen.getByRole('button', { name: t('translationOfferInstall', 'Russian', 'English') }));
      await waitFor(() => expect(screen.getByTestId('translation-offer').dataset.phase).toBe('installing'));
      expect(install).toHaveBeenCalledWith('ru', 'en', expect.any(Function));
      await waitFor(() => expect(screen.getByText(t('translationInstallingShare', '42%'))).toBeTruthy());
      finish();
      await waitFor(() => expect(sent).toContainEqual({ tabId: 9, method: 'checkNow', input: {} }));
      expect(screen.getByTestId('translation-offer').dataset.phase).toBe('installed');
    });

    it('says so when the browser refuses the model', async () => {
      const page = await russianPage();
      const { sent } = page;
      const { models } = fakeModels(
        'downloadable',
        vi.fn(async () => Promise.reject(new Error('NotAllowedError: not enough disk space'))),
      );
      renderPopup(page, models);
      fireEvent.click(await waitFor(() => screen.getByRole('button', { name: t('translationOfferInstall', 'Russian', 'English') })));
      await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('not enough disk space'));
      expect(sent).toEqual([]);
    });

    it('offers nothing when the model is there already, cannot be had, or the browser has no translator', async () => {
      for (const models of [fakeModels('available').models, fakeModels('unavailable').models, null]) {
        renderPopup(await russianPage(), models);
        await waitFor(() => expect(screen.getByTestId('page-report').dataset.state).toBe('done'));
        if (models) await waitFor(() => expect(models.availability).toHaveBeenCalled());
        expect(screen.queryByTestId('translation-offer')).toBeNull();
        cleanup();
      }
    });
  });

  it('has no serious or critical axe violations', async () => {
    const { call, service } = backend();
    const { callTab } = fakeTabs();
    await service.handlers.pageLoaded({ url: 'https://news.example/a', title: 'A story' }, { tabId: 9 });
    const { container } = render(
      <PopupApp call={call} callTab={callTab} t={t} currentTab={async () => ({ id: 9, url: 'https://news.example/a' })} openOptions={() => {}} />,
    );
    await waitFor(() => expect(screen.getByTestId('page-report').dataset.state).toBe('not-news'));
    await waitFor(() => screen.getByTestId('corpus-count'));
    expect(await seriousViolations(container)).toEqual([]);
  });
});

describe('axe-core under happy-dom', () => {
  it('really runs: it flags known serious violations', async () => {
    const { container } = render(
      <main>
        {/* biome-ignore lint/a11y/useAltText: a violation axe must flag */}
        <img src="/icon/32.png" />
        <button type="button" />
        <input type="text" />
      </main>,
    );
    const ids = (await seriousViolations(container)).map((line) => line.split(':')[0]);
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'button-name', 'label']));
  });
});

describe('OptionsApp site rules', () => {
  it('loads the settings, saves an added rule through saveSettings and shows it; removing saves again', async () => {
    const { call, calls, service } = backend();
    await call('saveSettings', { settings: { hintsVisible: false, siteRules: [{ host: 'kept.example', rule: 'allow' }] } });
    const { container } = render(<OptionsApp call={call} t={t} />);
    await waitFor(() => expect(calls).toContain('getSettings'));
    await waitFor(() => expect(container.querySelector('[data-host="kept.example"]')).not.toBeNull());
    const input = container.querySelector('#site-rule-host') as HTMLInputElement;
    fireEvent.input(input, { target: { value: 'https://Shop.Example.com/path' } });
    fireEvent.submit(input.closest('form')!);
    await waitFor(() => expect(container.querySelector('[data-host="shop.example.com"]')).not.toBeNull());
    expect(calls).toContain('saveSettings');
    // stored in the background, and the other setting is kept
    expect(await service.handlers.getSettings({}, {})).toEqual({
      hintsVisible: false,
      siteRules: [
        { host: 'kept.example', rule: 'allow' },
        { host: 'shop.example.com', rule: 'deny' },
      ],
    });
    expect(await seriousViolations(container)).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: t('siteRuleRemove', 'kept.example') }));
    await waitFor(() => expect(container.querySelector('[data-host="kept.example"]')).toBeNull());
    expect((await service.handlers.getSettings({}, {})).siteRules).toEqual([{ host: 'shop.example.com', rule: 'deny' }]);
  });
});
