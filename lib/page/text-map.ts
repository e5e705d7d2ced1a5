/**
 * The visible text of a DOM subtree, normalised, with each character mapped back to its text node.
 *
 * Extraction and anchoring must agree character for character on what an element's text is, or
 * offsets computed on the extracted copy will not land on the live page. Both therefore go through
 * this one function. Normalisation:
 * - runs of whitespace (including no-break spaces and newlines) become one space; the result is
 *   trimmed;
 * - `<br>` and the edges of block elements count as whitespace, so `a<br>b` and `<p>a</p><p>b</p>`
 *   read as `a b`, not `ab`;
 * - zero-width characters and soft hyphens are dropped: they are invisible, and left in they
 *   would break word matching;
 * - script, style, template and noscript text is not page text.
 */

/** Characters that render as nothing: zero-width space/joiners, BOM, soft hyphen, word joiner. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/;
const WHITESPACE = /\s/;
const SKIPPED_ELEMENTS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'SVG']);
const BLOCK_ELEMENTS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const DOCUMENT_NODE = 9;
const FRAGMENT_NODE = 11;

export interface TextMap {
  /** The normalised text. */
  text: string;
  /** The text nodes the characters came from. */
  nodes: Text[];
  /** For each character of `text`: index into `nodes` of its source node. */
  nodeIndex: Int32Array;
  /** For each character of `text`: its offset inside that node's data. */
  nodeOffset: Int32Array;
}

/** The normalised text of `root` only, without the map (for extraction). */
export function normalizedText(root: Node): string {
  return buildTextMap(root).text;
}

export function buildTextMap(root: Node): TextMap {
  const characters: string[] = [];
  const nodes: Text[] = [];
  const nodeIndexes: number[] = [];
  const nodeOffsets: number[] = [];
  // A pending space is emitted only before the next visible character, which collapses runs and trims.
  let pendingSpace = false;
  let lastNode = -1;
  let lastOffset = 0;

  const pushSpaceBoundary = (): void => {
    if (characters.length > 0) pendingSpace = true;
  };

  const visitText = (node: Text): void => {
    const data = node.data;
    let index = -1;
    for (let offset = 0; offset < data.length; offset++) {
      const character = data[offset] as string;
      if (WHITESPACE.test(character)) {
        pushSpaceBoundary();
        continue;
      }
      if (INVISIBLE.test(character)) continue;
      if (index < 0) {
        index = nodes.length;
        nodes.push(node);
      }
      if (pendingSpace) {
        // The space maps to the end of the previous visible character, so a range ending at
        // the space stays inside the text before it.
        characters.push(' ');
        nodeIndexes.push(lastNode >= 0 ? lastNode : index);
        nodeOffsets.push(lastNode >= 0 ? lastOffset : offset);
        pendingSpace = false;
      }
      characters.push(character);
      nodeIndexes.push(index);
      nodeOffsets.push(offset);
      lastNode = index;
      lastOffset = offset + 1;
    }
  };

  // Iterative walk: a hostile page can nest elements deeper than the call stack allows.
  // A `null` entry marks leaving a block element.
  const stack: (Node | null)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || node === undefined) {
      pushSpaceBoundary();
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      visitText(node as Text);
      continue;
    }
    if (node.nodeType === ELEMENT_NODE) {
      const tag = (node as Element).tagName.toUpperCase();
      if (SKIPPED_ELEMENTS.has(tag)) continue;
      if (BLOCK_ELEMENTS.has(tag)) {
        pushSpaceBoundary();
        stack.push(null);
      }
    } else if (node.nodeType !== DOCUMENT_NODE && node.nodeType !== FRAGMENT_NODE) {
      continue;
    }
    const children = node.childNodes;
    for (let index = children.length - 1; index >= 0; index--) {
      const child = children[index];
      if (child) stack.push(child);
    }
  }

  return {
    text: characters.join(''),
    nodes,
    nodeIndex: Int32Array.from(nodeIndexes),
    nodeOffset: Int32Array.from(nodeOffsets),
  };
}

/** Collapses whitespace and drops invisible characters in a plain string, as buildTextMap does. */
export function normalizeString(text: string): string {
  return text
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
