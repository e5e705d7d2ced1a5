/**
 * Node-only: parse an HTML string into a Document, for the CLI, scripts and tests.
 *
 * Never imported by the extension (the browser has its own DOM). linkedom was chosen over jsdom
 * and happy-dom: on the 92 real saved pages Readability extracts text with mean token F1 0.999
 * through linkedom against 0.988 through happy-dom (which loses one CNET page entirely), it parses
 * several times faster than either, and it is already a dependency. Its one gap — no
 * `Range.setStart` — only matters to anchoring, which runs on the live browser page; anchoring
 * tests use happy-dom.
 */
import { parseHTML } from 'linkedom';

export function parseHtml(html: string, url?: string): Document {
  // linkedom treats markup without <html> as a bare fragment (its <title> is lost), where a browser
  // supplies the missing <html>: a page that starts at <head> gets the <html> tag, and a fragment the
  // whole document shape.
  const head = html.slice(0, 5_000);
  const source = /<html[\s>]/i.test(head)
    ? html
    : /<(head|body)[\s>]/i.test(head)
      ? html.replace(/^(\s*<!doctype[^>]*>)?/i, '$1<html>')
      : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(source) as unknown as { document: Document };
  lowercaseAttributeNames(document);
  if (url) {
    // linkedom has no notion of a document address; Readability reads these to resolve links.
    for (const property of ['URL', 'documentURI', 'baseURI']) {
      Object.defineProperty(document, property, { value: url, configurable: true });
    }
  }
  return document;
}

/**
 * Browsers lowercase attribute names when they parse HTML (`itemType=` becomes `itemtype`); linkedom
 * keeps them as written, so `[itemtype]` and `getAttribute('content')` missed what the browser finds
 * (microdata written `itemType`, `<META CONTENT=…>`), and the CLI judged such pages differently from
 * the extension. Renaming them once after parsing makes the CLI see the browser's document. (The
 * browser then restores the case of a few SVG attributes, `viewBox`; nothing here reads those.)
 */
function lowercaseAttributeNames(document: Document): void {
  for (const element of Array.from(document.querySelectorAll('*'))) {
    const attributes = element.attributes;
    for (let index = attributes.length - 1; index >= 0; index--) {
      const name = attributes[index]?.name;
      if (!name || name === name.toLowerCase()) continue;
      const value = element.getAttribute(name) ?? '';
      element.removeAttribute(name);
      // The lowercase spelling wins when both were written, as the browser keeps the first of duplicates.
      if (!element.hasAttribute(name.toLowerCase())) element.setAttribute(name.toLowerCase(), value);
    }
  }
}

/**
 * Decodes a saved page's bytes. UTF-8 is tried first and strictly, because saved pages are often
 * re-encoded to UTF-8 while keeping their original `<meta charset=gb2312>`; only when the bytes are
 * not valid UTF-8 is the declared charset believed.
 */
export function decodeHtmlBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4_096));
    const declared = /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1];
    try {
      return new TextDecoder(declared ?? 'windows-1252').decode(bytes);
    } catch {
      return new TextDecoder('windows-1252').decode(bytes);
    }
  }
}
