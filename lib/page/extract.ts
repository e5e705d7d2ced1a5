/**
 * Extracts a news article's text and metadata, with a map from text offsets back to the page.
 *
 * Readability rewrites the document it parses, so it runs on a clone: the live page is never
 * touched. Before parsing, every element of the clone is stamped with its position in document
 * order; the clone has exactly the original's shape, so after Readability has moved, renamed and
 * pruned elements, the stamp on each surviving paragraph still says which element of the live
 * page it came from. Each paragraph of the result records that element's structural path and its
 * character range in `text`, which is what anchor.ts needs to turn a passage back into a DOM Range.
 */
import { Readability } from '@mozilla/readability';
import { readArticleMetadata } from './article-metadata';
import { readHeadline } from './headline';
import { elementPath, elementsInDocumentOrder } from './element-path';
import { inOtherText } from './other-text';
import { normalizedText, normalizeString } from './text-map';

/** Where one paragraph of `text` came from. */
export interface ParagraphSource {
  /** Start of the paragraph in `text` (UTF-16 code units, inclusive). */
  start: number;
  /** End of the paragraph in `text` (exclusive). */
  end: number;
  /**
   * Structural path of the source element in the original document (see element-path.ts), or
   * null when Readability synthesised the paragraph and no source element is known. The
   * paragraph's text lies inside that element's normalised text (see text-map.ts).
   */
  path: string | null;
}

/**
 * Offsets of `text` mapped back to the page. Plain data, so it can cross extension messaging; it
 * carries the text it maps because anchoring searches for the passage's words in the live page.
 */
export interface OffsetMap {
  text: string;
  paragraphs: ParagraphSource[];
}

export interface ExtractedArticle {
  title: string | null;
  byline: string | null;
  outlet: string | null;
  /**
   * When the article was published: ISO 8601 date or date-time as the page gives it, or `YYYY-MM`
   * when only the address's month is known (lib/page/article-dates.ts). The reader sends it as the
   * article's `date`, which the engine's date prior and time rule read.
   */
  published: string | null;
  /** When the page says the article was last modified (never used as the publication date). */
  modified: string | null;
  /** BCP 47 language tag. */
  lang: string | null;
  paragraphs: string[];
  /** The paragraphs joined by blank lines ("\n\n"). */
  text: string;
  offsetMap: OffsetMap;
}

/** Attribute carrying an element's document-order index through Readability's rewriting. */
const SOURCE_INDEX_ATTRIBUTE = 'data-sourcelens-source';

/** Elements that hold one paragraph of text (Readability's output is made of these). */
const PARAGRAPH_ELEMENTS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'FIGCAPTION', 'DT', 'DD', 'TD', 'TH', 'CAPTION']);
/** Elements that only contain paragraphs. */
const CONTAINER_ELEMENTS = new Set([
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'FIGURE',
  'UL',
  'OL',
  'DL',
  'TABLE',
  'TBODY',
  'THEAD',
  'TFOOT',
  'TR',
  'BLOCKQUOTE',
  'LI',
  'DETAILS',
  'FORM',
  'NAV',
  'CENTER',
]);
const PARAGRAPH_SEPARATOR = '\n\n';
/**
 * Deepest nesting handed to Readability. Its cost grows faster than linearly with depth (seconds
 * at 400 levels, minutes at 3,000 in linkedom), which a hostile page could exploit; the deepest of
 * the 130 saved real pages nests 38 levels. Deeper pages are read paragraph by paragraph instead.
 */
const MAX_READABILITY_DEPTH = 120;

/**
 * Most elements handed to Readability. It scores every element several times over, on the page's
 * main thread: a 200,000-element page blocked the page for 8 s (Chromium) to 19 s (Firefox) and
 * Readability then took the biggest block (a grid) for the article. The largest of the 130 saved
 * real pages has 9,888 elements; 50,000 leaves five times that. Bigger pages are read paragraph by
 * paragraph, like pages nested too deep.
 */
const MAX_READABILITY_ELEMENTS = 50_000;

/**
 * @param doc the page, never modified: Readability runs on a clone
 * @param url the page's address (for the outlet when the page names none)
 */
export function extractArticle(doc: Document = document, url: URL | string = location.href): ExtractedArticle {
  const pageUrl = toUrl(url);
  const originalElements = doc.documentElement ? elementsInDocumentOrder(doc.documentElement) : [];
  const clone = doc.cloneNode(true) as Document;
  const cloneElements = clone.documentElement ? elementsInDocumentOrder(clone.documentElement) : [];
  // The clone has the original's exact shape, so equal indexes are the same element.
  if (cloneElements.length === originalElements.length) {
    cloneElements.forEach((element, index) => element.setAttribute(SOURCE_INDEX_ATTRIBUTE, String(index)));
  }

  let parsed: ReturnType<Readability<Element>['parse']> = null;
  const tooDeep =
    originalElements.length > MAX_READABILITY_ELEMENTS || (clone.documentElement ? exceedsDepth(clone.documentElement, MAX_READABILITY_DEPTH) : false);
  if (!tooDeep) {
    try {
      parsed = new Readability<Element>(clone, { serializer: (node) => node as Element }).parse();
    } catch {
      // Readability throws on some malformed documents; the page then has no extractable article.
    }
  }

  const content = parsed?.content ? (readMarkedBody(doc, originalElements, collectParagraphs(parsed.content)) ?? parsed.content) : null;
  const blocks = content
    ? collectParagraphs(content)
    : tooDeep
      ? Array.from(clone.getElementsByTagName('p'), (element) => ({ element, text: normalizedText(element) })).filter((block) => block.text)
      : [];
  const paragraphs: string[] = [];
  const sources: ParagraphSource[] = [];
  let offset = 0;
  for (const block of blocks) {
    if (paragraphs.length > 0) offset += PARAGRAPH_SEPARATOR.length;
    const sourceIndex = findSourceIndex(block.element);
    const source = sourceIndex === undefined ? undefined : originalElements[sourceIndex];
    paragraphs.push(block.text);
    sources.push({ start: offset, end: offset + block.text.length, path: source ? elementPath(source) : null });
    offset += block.text.length;
  }

  const text = paragraphs.join(PARAGRAPH_SEPARATOR);
  const metadata = readArticleMetadata(
    doc,
    pageUrl,
    { siteName: parsed?.siteName, lang: parsed?.lang, publishedTime: parsed?.publishedTime, byline: parsed?.byline },
    text,
  );
  const title = readHeadline(doc, parsed?.title?.trim() || doc.title?.trim() || null, metadata.outlet);
  return { title, ...metadata, paragraphs, text, offsetMap: { text, paragraphs: sources } };
}

/**
 * How CMSes mark the article's body: `itemprop="articleBody"` (schema.org microdata), or a class such
 * as `article-body`, `story-text`, `entry-content`, `post_content`, `ArticleBody`. The selector leaves
 * out the words' first letters, which pages write in either case, rather than matching case-blind:
 * Chromium takes several times longer over a case-insensitive substring.
 */
const MARKED_BODY_SELECTOR = '[itemprop~="articleBody"], [class*="ody"], [class*="ext"], [class*="ontent"]';
const MARKED_BODY_CLASS = /^(article|story|entry|post|news)[-_]{0,2}(body|text|content)$/i;
/** Paragraphs shorter than this (characters) are not compared: bylines, captions, buttons. */
const MARKED_PARAGRAPH_CHARS = 40;

/**
 * Readability picks the one block that scores best. Some pages split their story over several
 * marked containers (an ad or a share bar between them: Readability keeps one part), or carry so
 * little text that a boilerplate block outscores it (a two-paragraph story above a long copyright
 * notice). When the page marks its article body and Readability's reading holds less than half of
 * the marked body's paragraphs, Readability reads the marked containers alone (every one, in page
 * order, in a fresh clone), and that reading is kept if it holds more of them. Returns the content
 * to use, or undefined to keep Readability's first reading.
 */
function readMarkedBody(doc: Document, originalElements: Element[], first: ParagraphBlock[]): Element | undefined {
  const marked = outermost(
    Array.from(doc.querySelectorAll(MARKED_BODY_SELECTOR)).filter(
      (element) =>
        element.getAttribute('itemprop')?.split(/\s+/).includes('articleBody') ||
        ((element.getAttribute('class') ?? '').split(/\s+/).some((name) => MARKED_BODY_CLASS.test(name)) &&
          // hAtom marks each comment `entry-content` too.
          !inOtherText(element, (ancestor) => ancestor === doc.body)),
    ),
  );
  if (marked.length === 0) return undefined;
  const wanted = marked
    .flatMap((element) => Array.from(element.getElementsByTagName('p'), (paragraph) => normalizedText(paragraph)))
    .filter((text) => text.length >= MARKED_PARAGRAPH_CHARS);
  const wantedChars = wanted.reduce((total, text) => total + text.length, 0);
  if (wantedChars < 150) return undefined;
  const coverage = (blocks: ParagraphBlock[]): number => {
    const have = blocks.map((block) => block.text).join('\n');
    return wanted.filter((text) => have.includes(text)).reduce((total, text) => total + text.length, 0) / wantedChars;
  };
  const firstCoverage = coverage(first);
  if (firstCoverage >= 0.5) return undefined;

  const clone = doc.cloneNode(true) as Document;
  const cloneElements = clone.documentElement ? elementsInDocumentOrder(clone.documentElement) : [];
  if (cloneElements.length !== originalElements.length || !clone.body) return undefined;
  cloneElements.forEach((element, index) => element.setAttribute(SOURCE_INDEX_ATTRIBUTE, String(index)));
  const indexOf = new Map(originalElements.map((element, index) => [element, index]));
  const parts = marked.map((element) => cloneElements[indexOf.get(element) ?? -1]).filter((element): element is Element => element !== undefined);
  clone.body.replaceChildren(...parts);
  try {
    const second = new Readability<Element>(clone, { serializer: (node) => node as Element }).parse();
    if (second?.content && coverage(collectParagraphs(second.content)) > firstCoverage) return second.content;
  } catch {
    // As for the first reading: no better reading.
  }
  return undefined;
}

/** The elements not inside another of them. */
function outermost(elements: Element[]): Element[] {
  return elements.filter((element) => !elements.some((other) => other !== element && other.contains(element)));
}

export interface ParagraphBlock {
  /** The element of Readability's output holding the paragraph (or the container of a text run). */
  element: Element;
  text: string;
}

/**
 * Splits Readability's output into paragraphs: each paragraph element is one; text sitting
 * directly in a container (between its block children) forms a paragraph of its own.
 */
export function collectParagraphs(root: Element): ParagraphBlock[] {
  const blocks: ParagraphBlock[] = [];
  const visit = (element: Element, depth: number): void => {
    const tag = element.tagName.toUpperCase();
    const hasBlockChild = Array.from(element.children).some((child) => isBlock(child));
    if ((PARAGRAPH_ELEMENTS.has(tag) && !hasBlockChild) || depth > 200) {
      pushBlock(blocks, element, normalizedText(element));
      return;
    }
    // A container: its block children are visited in turn; runs of inline content between them
    // are paragraphs attributed to the container itself.
    let run: Node[] = [];
    const flushRun = (): void => {
      if (run.length === 0) return;
      const text = normalizeString(run.map(inlineText).join(''));
      pushBlock(blocks, element, text);
      run = [];
    };
    for (const child of Array.from(element.childNodes)) {
      if (child.nodeType === 1 && isBlock(child as Element)) {
        flushRun();
        visit(child as Element, depth + 1);
      } else {
        run.push(child);
      }
    }
    flushRun();
  };
  visit(root, 0);
  return blocks;
}

/**
 * The text of one node of an inline run, keeping the whitespace at its edges: the pieces are joined
 * as they stand, so `She&#39;s` (three text nodes in linkedom, one in the browser) reads "She's" and
 * `BB &amp; T` reads "BB & T" in both, and `a <b>bold</b> word` keeps its spaces.
 */
function inlineText(node: Node): string {
  if (node.nodeType === 3) return (node as Text).data;
  if (node.nodeType !== 1) return '';
  const raw = node.textContent ?? '';
  const text = normalizedText(node);
  if (!text) return /\s/.test(raw) ? ' ' : '';
  return `${/^\s/.test(raw) ? ' ' : ''}${text}${/\s$/.test(raw) ? ' ' : ''}`;
}

function isBlock(element: Element): boolean {
  const tag = element.tagName.toUpperCase();
  return PARAGRAPH_ELEMENTS.has(tag) || CONTAINER_ELEMENTS.has(tag) || tag === 'HR' || tag === 'BR';
}

function pushBlock(blocks: ParagraphBlock[], element: Element, text: string): void {
  if (text) blocks.push({ element, text });
}

/** Whether any element under `root` is nested more than `limit` levels deep. */
function exceedsDepth(root: Element, limit: number): boolean {
  const stack: [Element, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [element, depth] = stack.pop() as [Element, number];
    if (depth > limit) return true;
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) stack.push([child, depth + 1]);
  }
  return false;
}

/** The stamp of the element, or of its nearest stamped ancestor (Readability creates some elements). */
function findSourceIndex(element: Element): number | undefined {
  for (let current: Element | null = element; current; current = current.parentElement) {
    const stamp = current.getAttribute(SOURCE_INDEX_ATTRIBUTE);
    if (stamp !== null) return Number(stamp);
  }
  return undefined;
}

function toUrl(url: URL | string): URL | undefined {
  if (url instanceof URL) return url;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
