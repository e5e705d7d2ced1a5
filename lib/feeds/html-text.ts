import { Parser } from 'htmlparser2';

/**
 * Feed items carry HTML (RSS description, Atom content type="html", JSON Feed content_html). The
 * service worker has no DOM, and statement text must be plain text anyway (it is matched, and shown
 * only as text), so the HTML is tokenised with htmlparser2 (a streaming tokenizer, no DOM, no
 * execution) and reduced to its text: script, style and similar elements are dropped with their
 * content, block elements become line breaks, and entities are decoded. Nothing here ever becomes
 * markup again.
 */

/** Elements whose content is never text a reader sees. */
const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'head', 'title', 'select', 'button']);

/** Elements that end a paragraph: their boundaries become blank lines in the text. */
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'main',
  'blockquote',
  'pre',
  'figure',
  'figcaption',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'tr',
  'td',
  'th',
  'hr',
  'address',
]);

/** Plain text of an HTML fragment: paragraphs separated by blank lines, spaces collapsed. */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  let dropDepth = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (DROPPED.has(name)) dropDepth++;
        else if (name === 'br') parts.push('\n');
        else if (BLOCKS.has(name)) parts.push('\n\n');
      },
      onclosetag(name, isImplied) {
        if (DROPPED.has(name)) dropDepth = Math.max(0, dropDepth - 1);
        else if (BLOCKS.has(name) && !isImplied) parts.push('\n\n');
      },
      ontext(text) {
        if (dropDepth === 0) parts.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return tidyText(parts.join(''));
}

/** Collapses runs of spaces within lines and of blank lines between paragraphs. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .split(/\n[ \n]*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .join('\n'),
    )
    .filter(Boolean)
    .join('\n\n');
}

/** True when a string holds markup (so it must go through htmlToText, not be taken as text). */
export function looksLikeHtml(value: string): boolean {
  return /<\/?[a-z][\s\S]*?>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i.test(value);
}
