import { extractArticle } from './extract';

/**
 * An official page read as a statement record: what "Add this page to my corpus" stores and what a
 * feed item's page gives when the feed carried only a summary. Same extraction as news pages
 * (extract.ts: Readability on a clone, the page is never modified); DOM in, data out.
 */
export interface PageStatementData {
  text: string;
  title: string | null;
  date: string | null;
  lang: string | null;
  url: string;
  /**
   * The issuer the page names (og:site_name, JSON-LD publisher, application-name), or null when it
   * names none: a bare host name is not an issuer, so the user is asked instead.
   */
  issuer: string | null;
}

/** A host name such as "mod.gov.az": what the metadata reader falls back to when a page names no outlet. */
const HOST_NAME = /^[\w-]+(?:\.[\w-]+)+$/;

export function extractPageStatement(doc: Document, url: string): PageStatementData | null {
  const article = extractArticle(doc, url);
  if (!article.text.trim()) return null;
  const outlet = article.outlet?.trim() || null;
  return {
    text: article.text,
    title: article.title,
    date: article.published,
    lang: article.lang,
    url,
    issuer: outlet && !HOST_NAME.test(outlet) ? outlet : null,
  };
}
