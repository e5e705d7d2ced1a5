/**
 * Turns a passage of an extracted article's `text` back into a DOM Range on the live page.
 *
 * Two strategies, cheapest first:
 * 1. Structural: the offset map says which paragraphs the passage spans and where their source
 *    elements sit. Resolve those elements, and find the passage's part of each paragraph in the
 *    element's normalised text (text-map.ts), exactly, preferring the occurrence at the expected
 *    offset. This survives Readability having dropped inline clutter from a paragraph.
 * 2. Fuzzy: when the page has changed shape since extraction (late-loading content, an SPA
 *    re-render), search the passage in the whole body's text with `approx-string-match`, allowing
 *    an edit distance proportional to its length, and take the match nearest the expected place.
 * Returns null when neither finds the passage: a missing highlight beats a wrong one.
 */
import approximateSearch from 'approx-string-match';
import { resolveElementPath } from './element-path';
import type { OffsetMap, ParagraphSource } from './extract';
import { buildTextMap, normalizeString, type TextMap } from './text-map';

/**
 * Edits allowed per character in fuzzy search. One in eight tolerates the small differences a
 * re-rendered page introduces (changed quotes, a removed inline ad label) without matching
 * unrelated sentences of similar length.
 */
const FUZZY_ERRORS_PER_CHARACTER = 1 / 8;
/** Long passages are located by their head and tail only: fuzzy search costs O(text × pattern). */
const FUZZY_EDGE_LENGTH = 64;

export function anchorPassage(liveDoc: Document, map: OffsetMap, start: number, end: number): Range | null {
  if (!(start >= 0 && end > start)) return null;
  const paragraphs = map.paragraphs.filter((paragraph) => paragraph.end > start && paragraph.start < end);
  const first = paragraphs[0];
  const last = paragraphs[paragraphs.length - 1];
  if (!first || !last) return null;

  const startPoint = locateInParagraph(liveDoc, first, map, start, Math.min(end, first.end), 'start');
  const endPoint = locateInParagraph(liveDoc, last, map, Math.max(start, last.start), end, 'end');
  if (startPoint && endPoint) {
    const range = makeRange(liveDoc, startPoint, endPoint);
    if (range) return range;
  }
  return fuzzyAnchor(liveDoc, map, start, end);
}

interface DomPoint {
  node: Text;
  offset: number;
}

function locateInParagraph(doc: Document, paragraph: ParagraphSource, map: OffsetMap, from: number, to: number, edge: 'start' | 'end'): DomPoint | null {
  const text = map.text;
  if (!paragraph.path) return null;
  const element = resolveElementPath(doc, paragraph.path);
  if (!element) return null;
  const live = buildTextMap(element);
  const piece = text.slice(from, to);
  const expectedAt = from - paragraph.start;
  const found = findNearest(live.text, piece, expectedAt);
  if (found < 0) return null;
  return edge === 'start' ? pointAt(live, found, 'start') : pointAt(live, found + piece.length, 'end');
}

/** Index of the occurrence of `needle` in `haystack` closest to `expectedAt`, or −1. */
function findNearest(haystack: string, needle: string, expectedAt: number): number {
  if (!needle) return -1;
  let best = -1;
  for (let index = haystack.indexOf(needle); index >= 0; index = haystack.indexOf(needle, index + 1)) {
    if (best < 0 || Math.abs(index - expectedAt) < Math.abs(best - expectedAt)) best = index;
    if (index > expectedAt) break;
  }
  return best;
}

/**
 * The DOM point for a position in a text map. A start point sits on the character at `index`; an
 * end point sits just after the character before `index`, so ranges never swallow the next node.
 */
function pointAt(map: TextMap, index: number, edge: 'start' | 'end'): DomPoint | null {
  if (edge === 'start') {
    const nodeIndex = map.nodeIndex[index];
    const node = nodeIndex === undefined ? undefined : map.nodes[nodeIndex];
    return node ? { node, offset: map.nodeOffset[index] ?? 0 } : null;
  }
  const before = index - 1;
  const nodeIndex = map.nodeIndex[before];
  const node = nodeIndex === undefined ? undefined : map.nodes[nodeIndex];
  // A collapsed space is recorded at the end of the text before it; never step past the node.
  return node ? { node, offset: Math.min(node.data.length, (map.nodeOffset[before] ?? 0) + 1) } : null;
}

function makeRange(doc: Document, startPoint: DomPoint, endPoint: DomPoint): Range | null {
  try {
    const range = doc.createRange();
    range.setStart(startPoint.node, startPoint.offset);
    range.setEnd(endPoint.node, endPoint.offset);
    return range.collapsed ? null : range;
  } catch {
    return null;
  }
}

function fuzzyAnchor(doc: Document, map: OffsetMap, start: number, end: number): Range | null {
  const text = map.text;
  if (!doc.body) return null;
  // Paragraph breaks read as single spaces in the live text.
  const passage = normalizeString(text.slice(start, end));
  if (!passage) return null;
  const live = buildTextMap(doc.body);
  const expectedAt = Math.round((start / Math.max(1, text.length)) * live.text.length);

  if (passage.length <= FUZZY_EDGE_LENGTH * 2) {
    const match = bestFuzzyMatch(live.text, passage, expectedAt);
    if (!match) return null;
    return rangeFromMap(doc, live, match.start, match.end);
  }
  const head = bestFuzzyMatch(live.text, passage.slice(0, FUZZY_EDGE_LENGTH), expectedAt);
  if (!head) return null;
  const tail = bestFuzzyMatch(live.text, passage.slice(-FUZZY_EDGE_LENGTH), head.start + passage.length - FUZZY_EDGE_LENGTH);
  if (!tail || tail.end <= head.start) return null;
  // The two edges must enclose roughly the passage's length, or they matched different places.
  const span = tail.end - head.start;
  if (Math.abs(span - passage.length) > passage.length * FUZZY_ERRORS_PER_CHARACTER) return null;
  return rangeFromMap(doc, live, head.start, tail.end);
}

function bestFuzzyMatch(haystack: string, pattern: string, expectedAt: number): { start: number; end: number } | null {
  const maxErrors = Math.max(1, Math.floor(pattern.length * FUZZY_ERRORS_PER_CHARACTER));
  const exact = findNearest(haystack, pattern, expectedAt);
  if (exact >= 0) return { start: exact, end: exact + pattern.length };
  const matches = approximateSearch(haystack, pattern, maxErrors);
  if (matches.length === 0) return null;
  // Fewest errors first, then nearest the expected place.
  matches.sort((a, b) => a.errors - b.errors || Math.abs(a.start - expectedAt) - Math.abs(b.start - expectedAt));
  const best = matches[0];
  return best ? { start: best.start, end: best.end } : null;
}

function rangeFromMap(doc: Document, live: TextMap, from: number, to: number): Range | null {
  const startPoint = pointAt(live, from, 'start');
  const endPoint = pointAt(live, to, 'end');
  return startPoint && endPoint ? makeRange(doc, startPoint, endPoint) : null;
}
