// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NewsVerdict } from '../../lib/page/detect';
import { watchForNews } from '../../lib/reader/page-watch';

/**
 * watchForNews on happy-dom's document with vitest's fake timers. Pages: the e2e site's real A003
 * article (DNA News) and its hand-written "account settings" page (tests/e2e/site/README.md).
 */

const SITE = join(dirname(fileURLToPath(import.meta.url)), '..', 'e2e', 'site');
const site = (name: string) => readFileSync(join(SITE, name), 'utf8');
const NOT_NEWS_HTML = site('not-news.html');
const A003_HTML = site('a003-dna-news.html');

/** The <article> of A003 with its JSON-LD, as a single-page app would render it after load. */
function lateArticle(): string {
  const head = /<script type="application\/ld\+json">[\s\S]*?<\/script>/.exec(A003_HTML)![0];
  const article = /<article>[\s\S]*<\/article>/.exec(A003_HTML)![0];
  return head + article;
}

function loadPage(html: string): void {
  document.open();
  document.write(html);
  document.close();
}

let url = 'https://account.example.com/settings';
let verdicts: Array<{ isNews: boolean; url: string }> = [];
let controller: AbortController;

function start(options: { watchMs?: number; settleMs?: number } = {}) {
  return watchForNews({
    doc: document,
    url: () => url,
    onVerdict: (verdict: NewsVerdict, at: string) => verdicts.push({ isNews: verdict.isNews, url: at }),
    signal: controller.signal,
    ...options,
  });
}

/** Lets MutationObserver callbacks (microtasks) run, then moves the fake clock. */
async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(0);
  await vi.advanceTimersByTimeAsync(ms);
}

beforeEach(() => {
  vi.useFakeTimers();
  url = 'https://account.example.com/settings';
  verdicts = [];
  controller = new AbortController();
});

afterEach(() => {
  controller.abort();
  vi.useRealTimers();
});

describe('watchForNews', () => {
  it('detects once on start: a news page is reported as news, and nothing more happens', async () => {
    url = 'https://dnanews.com.pk/azerbaijans-ministry-of-defense-armenian-forces-continue-acts-of-terrorism-in-karabakh-region/';
    loadPage(A003_HTML);
    start();
    expect(verdicts).toEqual([{ isNews: true, url }]);
    document.body.insertAdjacentHTML('beforeend', `<p>${'More text. '.repeat(300)}</p>`);
    await advance(20_000);
    expect(verdicts).toHaveLength(1);
  });

  it('detects once on start on a page that is not news', async () => {
    loadPage(NOT_NEWS_HTML);
    start();
    expect(verdicts).toEqual([{ isNews: false, url }]);
    await advance(20_000);
    expect(verdicts).toHaveLength(1);
  });

  it('reports again after navigated(), once the new route has settled', async () => {
    loadPage(NOT_NEWS_HTML);
    const watch = start({ settleMs: 800 });
    expect(verdicts).toHaveLength(1);
    url = 'https://account.example.com/settings/privacy';
    watch.navigated();
    await advance(799);
    expect(verdicts).toHaveLength(1);
    await advance(1);
    // a navigation is always reported, even with the same verdict
    expect(verdicts).toEqual([
      { isNews: false, url: 'https://account.example.com/settings' },
      { isNews: false, url: 'https://account.example.com/settings/privacy' },
    ]);
  });

  it('re-detects when a late article adds more than 1500 characters, not for small changes', async () => {
    loadPage(NOT_NEWS_HTML);
    start({ settleMs: 800, watchMs: 15_000 });
    expect(verdicts).toEqual([{ isNews: false, url }]);

    // a small change is not an article
    document.body.insertAdjacentHTML('beforeend', '<p>Saved.</p>');
    await advance(1000);
    expect(verdicts).toHaveLength(1);

    const before = document.body.textContent!.length;
    document.body.insertAdjacentHTML('beforeend', lateArticle());
    expect(document.body.textContent!.length - before).toBeGreaterThan(1500);
    await advance(1000);
    expect(verdicts).toEqual([
      { isNews: false, url },
      { isNews: true, url },
    ]);
  });

  it('stops observing after watchMs', async () => {
    loadPage(NOT_NEWS_HTML);
    start({ settleMs: 800, watchMs: 5000 });
    await advance(5001);
    document.body.insertAdjacentHTML('beforeend', lateArticle());
    await advance(5000);
    expect(verdicts).toEqual([{ isNews: false, url }]);
  });

  it('abort stops watching and navigations report nothing', async () => {
    loadPage(NOT_NEWS_HTML);
    const watch = start({ settleMs: 800, watchMs: 15_000 });
    controller.abort();
    document.body.insertAdjacentHTML('beforeend', lateArticle());
    await advance(2000);
    watch.navigated();
    await advance(2000);
    expect(verdicts).toEqual([{ isNews: false, url }]);
  });
});
