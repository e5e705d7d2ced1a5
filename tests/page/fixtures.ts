/** Loading the saved real pages of tests/fixtures/pages, and live (Range-capable) documents. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Window } from 'happy-dom';

export { tokenF1 } from '../../scripts/shared/token-f1';

export const PAGES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/pages');

export interface PageFixture {
  slug: string;
  html: string;
  /** A `file:` URL, as the CLI gives a saved page. */
  url: string;
  isNews: boolean;
  expectedText: string;
  expectedMetadata: { title: string | null; byline: string | null; lang: string | null; siteName: string | null; publishedTime: string | null };
}

export function loadPage(slug: string): PageFixture {
  const dir = join(PAGES_DIR, slug);
  const label = JSON.parse(readFileSync(join(dir, 'label.json'), 'utf8')) as { is_news_article: boolean };
  return {
    slug,
    html: readFileSync(join(dir, 'source.html'), 'utf8'),
    url: pathToFileURL(join(dir, 'source.html')).href,
    isNews: label.is_news_article,
    expectedText: readFileSync(join(dir, 'expected.txt'), 'utf8'),
    expectedMetadata: JSON.parse(readFileSync(join(dir, 'expected-metadata.json'), 'utf8')),
  };
}

export interface OfficialStatement {
  id: string;
  title: string;
  date: string;
  issuer: string;
  url: string;
  lang: string;
  text: string;
}

export function loadOfficialStatements(): OfficialStatement[] {
  return JSON.parse(readFileSync(join(PAGES_DIR, 'official-statements.json'), 'utf8'));
}

/**
 * A document with working Ranges, standing in for the live page. happy-dom implements Range only
 * on a window's own document (not on DOMParser output), and linkedom not at all.
 */
export function liveDocument(html: string, url = 'https://example.org/article'): Document {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
  window.document.write(html);
  return window.document as unknown as Document;
}
