// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import axe from 'axe-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import english from '../../public/_locales/en/messages.json';
import { translatorFromTable } from '../../components/i18n';
import { formatBytes } from '../../components/format';
import { OptionsApp } from '../../entrypoints/options/OptionsApp';
import { PopupApp } from '../../entrypoints/popup/PopupApp';
import { createBackgroundService, type BackgroundDeps } from '../../lib/background/handlers';
import type { SourceLensDb } from '../../lib/corpus/db';
import type { FetchFn } from '../../lib/feeds/fetch-feed';
import { STARTER_SOURCES } from '../../lib/feeds/starter-sources';
import { createRpcClient, createRpcServer, type ContentClient, type RpcClient } from '../../lib/messaging/rpc';
import { freshDb } from '../shared/helpers';
import { FEEDS } from './helpers';

const t = translatorFromTable(english);
const opened: SourceLensDb[] = [];
afterEach(async () => {
  cleanup();
  for (const db of opened.splice(0)) await db.delete();
});

/** The real background over fake-indexeddb behind the real RPC server, with a fake network. */
function backend(deps: Partial<BackgroundDeps> = {}) {
  const db = freshDb('feeds-ui');
  opened.push(db);
  const requested: string[] = [];
  const fetch: FetchFn = async (url) => {
    requested.push(url);
    if (url.endsWith('/rss.xml')) return new Response(readFileSync(join(FEEDS, 'rss2.xml')), { headers: { 'content-type': 'application/rss+xml' } });
    if (url.endsWith('.atom')) return new Response(readFileSync(join(FEEDS, 'atom.xml')));
    return new Response('no', { status: 404 });
  };
  const service = createBackgroundService({ db, fetch, ...deps });
  const server = createRpcServer(service.handlers, { isTrustedSender: (sender) => sender.extensionId === 'own' });
  const call: RpcClient = createRpcClient(async (message) => server(structuredClone(message), { extensionId: 'own' }));
  return { db, call, requested };
}

async function seriousViolations(container: Element): Promise<string[]> {
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

const type = (input: Element, value: string) => fireEvent.input(input, { target: { value } });

describe('options page: feeds', () => {
  it("subscribes, fetches at once and shows item count, last success and a failing feed's error in words", async () => {
    const { call, db, requested } = backend();
    const { container } = render(<OptionsApp call={call} t={t} />);
    await waitFor(() => screen.getByTestId('feeds'));
    expect(requested).toEqual([]); // nothing is fetched before the user subscribes

    type(container.querySelector('#feed-url')!, 'https://ministry.example.gov/rss.xml');
    type(container.querySelector('#feed-issuer')!, 'Ministry of Examples');
    fireEvent.submit(container.querySelector('.feed-form')!);
    const row = () => container.querySelector<HTMLElement>('[data-url="https://ministry.example.gov/rss.xml"]');
    await waitFor(() => expect(row()?.dataset.state).toBe('ok'));
    expect(row()!.querySelector<HTMLElement>('[data-testid="feed-items"]')!.dataset.count).toBe('4');
    expect(row()!.textContent).toMatch(/Last updated .+4 items in the feed, 3 statements stored from it/);
    expect(row()!.textContent).toContain('Skipped items: 1');
    await waitFor(() => expect(screen.getByTestId('corpus-count').textContent).toBe('3'));
    expect((await db.statements.toArray()).every((statement) => statement.issuer === 'Ministry of Examples')).toBe(true);

    type(container.querySelector('#feed-url')!, 'https://ministry.example.gov/missing.xml');
    fireEvent.submit(container.querySelector('.feed-form')!);
    const bad = () => container.querySelector<HTMLElement>('[data-url="https://ministry.example.gov/missing.xml"]');
    await waitFor(() => expect(bad()?.dataset.state).toBe('error'));
    expect(bad()!.querySelector('[data-testid="feed-error"]')!.textContent).toMatch(/Last error \(.+\): the feed address was not found \(HTTP 404\)/);
    expect(screen.getByTestId('corpus-count').textContent).toBe('3');
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('refuses an address that is not http(s) without calling the background', async () => {
    const { call, requested } = backend();
    const { container } = render(<OptionsApp call={call} t={t} />);
    await waitFor(() => screen.getByTestId('feeds'));
    type(container.querySelector('#feed-url')!, 'javascript:alert(1)');
    fireEvent.submit(container.querySelector('.feed-form')!);
    await waitFor(() => screen.getByText('Enter an address that starts with http:// or https://'));
    expect(requested).toEqual([]);
  });

  it('enables a starter source with one click: only then is it fetched, with its issuer and language', async () => {
    const { call, db, requested } = backend();
    const { container } = render(<OptionsApp call={call} t={t} />);
    await waitFor(() => screen.getByTestId('starter-sources'));
    expect(container.querySelectorAll('[data-starter]').length).toBe(STARTER_SOURCES.length);
    const source = STARTER_SOURCES.find((entry) => entry.id === 'uk-mod')!;
    fireEvent.click(screen.getByRole('button', { name: `Enable the feed of ${source.issuer}` }));
    await waitFor(() => expect(container.querySelector<HTMLElement>(`[data-url="${source.url}"]`)?.dataset.state).toBe('ok'));
    expect(requested).toEqual([source.url]);
    expect(await db.feeds.get(source.url)).toMatchObject({ issuer: source.issuer, lang: source.lang, starterId: 'uk-mod' });
    expect(container.querySelector(`[data-starter="uk-mod"]`)!.textContent).toContain('Subscribed');
    expect(await seriousViolations(container)).toEqual([]);
  });
});

describe('options page: storage', () => {
  it('asks for persistent storage and shows usage against the quota', async () => {
    const { call } = backend();
    let persistAsked = 0;
    const storage = {
      estimate: async () => ({ usage: 3 * 1024 * 1024, quota: 2 * 1024 * 1024 * 1024 }),
      persisted: async () => persistAsked > 0,
      persist: async () => {
        persistAsked++;
        return true;
      },
    };
    render(<OptionsApp call={call} t={t} storage={storage} />);
    await waitFor(() => expect(screen.getByTestId('storage-persisted').textContent).toMatch(/^Persistent/));
    expect(persistAsked).toBe(1);
    // SI units, as labelled: 3 MiB is 3.1 MB, 2 GiB is 2.1 GB.
    expect(screen.getByTestId('storage-usage').textContent).toBe('3.1 MB used of 2.1 GB the browser allows');
    expect(formatBytes(3_000_000, 'en')).toBe('3 MB');
    expect(formatBytes(1500, 'en')).toBe('1.5 kB');
    expect(formatBytes(1536, 'en')).toBe('1.5 kB');
    expect(formatBytes(999, 'en')).toBe('999 byte');
    expect(formatBytes(1_500_000, 'ru')).toBe('1,5 МБ');
  });
});

describe('popup: add this page', () => {
  const page = {
    text: 'The Ministry of Examples announces that the water treaty was signed today by both governments.',
    title: 'Water treaty',
    date: '2023-09-19',
    lang: 'en',
    url: 'https://ministry.example.gov/press/water-treaty',
  };
  const noTab = (() => (async () => ({})) as unknown as ContentClient) as (tabId: number) => ContentClient;

  it('asks for the issuer when the page names none, then stores the statement with it', async () => {
    const { call, db } = backend({ extractTab: async () => ({ ...page, issuer: null }) });
    const { container } = render(<PopupApp call={call} callTab={noTab} t={t} currentTab={async () => ({ id: 4, url: page.url })} openOptions={() => {}} />);
    await waitFor(() => container.querySelector('#add-page'));
    fireEvent.click(container.querySelector('#add-page')!);
    await waitFor(() => expect(screen.getByTestId('add-page').dataset.state).toBe('needs-issuer'));
    expect(await db.statements.count()).toBe(0);
    expect(await seriousViolations(container)).toEqual([]);
    type(container.querySelector('#add-page-issuer')!, 'Ministry of Examples');
    fireEvent.submit(container.querySelector('#add-page-issuer')!.closest('form')!);
    await waitFor(() => expect(screen.getByTestId('add-page').dataset.state).toBe('added'));
    expect(screen.getByTestId('add-page').textContent).toContain('Added as a statement of Ministry of Examples');
    const [stored] = await db.statements.toArray();
    expect(stored).toMatchObject({ id: page.url, issuer: 'Ministry of Examples', title: 'Water treaty', origins: [`page:${page.url}`] });
  });

  it('uses the issuer the page names, and says when the page is already in the corpus', async () => {
    const { call, db } = backend({ extractTab: async () => ({ ...page, issuer: 'Ministry of Examples' }) });
    const { container } = render(<PopupApp call={call} callTab={noTab} t={t} currentTab={async () => ({ id: 4, url: page.url })} openOptions={() => {}} />);
    await waitFor(() => container.querySelector('#add-page'));
    fireEvent.click(container.querySelector('#add-page')!);
    await waitFor(() => expect(screen.getByTestId('add-page').dataset.state).toBe('added'));
    fireEvent.click(container.querySelector('#add-page')!);
    await waitFor(() => expect(screen.getByTestId('add-page').dataset.state).toBe('already'));
    expect(await db.statements.count()).toBe(1);
  });

  it('says so when the page has no text to store', async () => {
    const { call } = backend({ extractTab: async () => null });
    const { container } = render(<PopupApp call={call} callTab={noTab} t={t} currentTab={async () => ({ id: 4, url: page.url })} openOptions={() => {}} />);
    await waitFor(() => container.querySelector('#add-page'));
    fireEvent.click(container.querySelector('#add-page')!);
    await waitFor(() => expect(screen.getByTestId('add-page').textContent).toContain('no statement text could be found on this page'));
  });
});
