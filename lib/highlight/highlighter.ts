/**
 * Marks passages of the live page without rewriting its DOM.
 *
 * Where the browser has the CSS Custom Highlight API (Chrome 105+, Firefox 140+), each passage type is
 * one `Highlight` registered in `CSS.highlights`, styled by `::highlight()` rules in a constructed
 * stylesheet adopted by the document: no element is added to or changed in the page, so the page's
 * layout, scripts and selectors are untouched. Elsewhere, boxes are drawn from `Range.getClientRects()`
 * in our own overlay element (inside SourceLens's shadow root), positioned in document coordinates so
 * that scrolling needs no work; only layout changes redraw them.
 */

export type MarkKind =
  | 'verbatim_quote'
  | 'altered_quote'
  | 'unattributed_copy'
  | 'attributed_copy'
  | 'shared_phrase'
  | 'paraphrase'
  | 'summary'
  | 'translated_quote'
  | 'translated_passage';

export const MARK_KINDS: readonly MarkKind[] = [
  'verbatim_quote',
  'altered_quote',
  'unattributed_copy',
  'attributed_copy',
  'shared_phrase',
  'paraphrase',
  'translated_quote',
  'translated_passage',
  'summary',
];

export interface Mark {
  range: Range;
  kind: MarkKind;
  /** Identifies the passage for the caller (e.g. `${statementId}#${index}`). */
  key: string;
}

/** One colour per passage type, readable on light and dark pages (translucent fill + solid underline). */
export const MARK_COLORS: Record<MarkKind, { fill: string; line: string }> = {
  verbatim_quote: { fill: 'rgba(46, 160, 67, 0.22)', line: '#2ea043' },
  altered_quote: { fill: 'rgba(219, 109, 40, 0.25)', line: '#db6d28' },
  unattributed_copy: { fill: 'rgba(207, 34, 46, 0.20)', line: '#cf222e' },
  attributed_copy: { fill: 'rgba(17, 128, 128, 0.20)', line: '#0e7c7b' },
  shared_phrase: { fill: 'rgba(110, 119, 129, 0.18)', line: '#6e7781' },
  paraphrase: { fill: 'rgba(56, 139, 253, 0.20)', line: '#388bfd' },
  translated_quote: { fill: 'rgba(137, 87, 229, 0.22)', line: '#8957e5' },
  translated_passage: { fill: 'rgba(137, 87, 229, 0.14)', line: '#a371f7' },
  summary: { fill: 'rgba(9, 105, 218, 0.12)', line: '#0969da' },
};

export function highlightName(kind: MarkKind): string {
  return `sourcelens-${kind.replace(/_/g, '-')}`;
}

interface HighlightRegistryLike {
  set(name: string, highlight: unknown): void;
  delete(name: string): boolean;
}

type HighlightConstructor = new (...ranges: Range[]) => { add(range: Range): void; clear(): void; priority?: number };

export interface Highlighter {
  /** Replaces every mark. */
  draw(marks: Mark[]): void;
  /** Shows or hides the marks without forgetting them. */
  setVisible(visible: boolean): void;
  /** Emphasises one mark (keyboard focus, open card), or none. */
  setActive(key: string | null): void;
  /** The mark under a viewport point, if any. */
  hitTest(x: number, y: number): Mark | undefined;
  /** Redraws the fallback overlay after layout changes (no-op with the Highlight API). */
  relayout(): void;
  readonly usesHighlightApi: boolean;
  destroy(): void;
}

export interface HighlighterOptions {
  /** Where fallback boxes are drawn: an element inside our shadow root, positioned at the document origin. */
  overlay: HTMLElement;
  /** Force the fallback even where the API exists (tests of the fallback). */
  forceFallback?: boolean;
}

export function createHighlighter(doc: Document, options: HighlighterOptions): Highlighter {
  const win = doc.defaultView;
  const css = win ? (win as unknown as { CSS?: { highlights?: HighlightRegistryLike } }).CSS : undefined;
  const HighlightClass = win ? (win as unknown as { Highlight?: HighlightConstructor }).Highlight : undefined;
  const registry = !options.forceFallback && css?.highlights && HighlightClass ? css.highlights : null;
  let marks: Mark[] = [];
  let visible = true;
  let active: string | null = null;

  let sheet: CSSStyleSheet | null = null;
  if (registry) {
    sheet = new (win as unknown as { CSSStyleSheet: typeof CSSStyleSheet }).CSSStyleSheet();
    sheet.replaceSync(highlightRules());
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  }

  function paintWithApi(): void {
    for (const kind of MARK_KINDS) registry!.delete(highlightName(kind));
    registry!.delete('sourcelens-active');
    if (!visible) return;
    for (const kind of MARK_KINDS) {
      const ranges = marks.filter((mark) => mark.kind === kind).map((mark) => mark.range);
      if (ranges.length > 0) registry!.set(highlightName(kind), new HighlightClass!(...ranges));
    }
    const focused = marks.find((mark) => mark.key === active);
    if (focused) {
      const highlight = new HighlightClass!(focused.range);
      highlight.priority = 1;
      registry!.set('sourcelens-active', highlight);
    }
  }

  function paintOverlay(): void {
    const overlay = options.overlay;
    overlay.replaceChildren();
    if (!visible) return;
    const scrollX = win?.scrollX ?? 0;
    const scrollY = win?.scrollY ?? 0;
    for (const mark of marks) {
      for (const rect of mark.range.getClientRects()) {
        if (rect.width === 0 || rect.height === 0) continue;
        const box = doc.createElement('div');
        const colors = MARK_COLORS[mark.kind];
        box.className = 'mark';
        box.dataset.kind = mark.kind;
        Object.assign(box.style, {
          left: `${rect.left + scrollX}px`,
          top: `${rect.top + scrollY}px`,
          width: `${rect.width}px`,
          height: `${rect.height}px`,
          background: colors.fill,
          borderBottom: `2px solid ${colors.line}`,
          outline: mark.key === active ? `2px solid ${colors.line}` : '',
        });
        overlay.append(box);
      }
    }
  }

  const paint = () => (registry ? paintWithApi() : paintOverlay());

  return {
    usesHighlightApi: registry !== null,
    draw(next) {
      marks = next;
      paint();
    },
    setVisible(next) {
      visible = next;
      paint();
    },
    setActive(key) {
      active = key;
      paint();
    },
    relayout() {
      if (!registry) paintOverlay();
    },
    hitTest(x, y) {
      if (!visible || marks.length === 0) return undefined;
      const point = caretPoint(doc, x, y);
      const inside = (mark: Mark) => [...mark.range.getClientRects()].some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom);
      if (point) {
        const found = marks.find((mark) => {
          try {
            return mark.range.isPointInRange(point.node, point.offset) && inside(mark);
          } catch {
            return false;
          }
        });
        if (found) return found;
      }
      return marks.find(inside);
    },
    destroy() {
      if (registry) {
        for (const kind of MARK_KINDS) registry.delete(highlightName(kind));
        registry.delete('sourcelens-active');
      }
      if (sheet) doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
      options.overlay.replaceChildren();
      marks = [];
    },
  };
}

function highlightRules(): string {
  const rules = MARK_KINDS.map((kind) => {
    const { fill, line } = MARK_COLORS[kind];
    return `::highlight(${highlightName(kind)}) { background-color: ${fill}; text-decoration: underline 2px ${line}; text-underline-offset: 3px; }`;
  });
  rules.push(`::highlight(sourcelens-active) { background-color: rgba(255, 212, 59, 0.55); }`);
  return rules.join('\n');
}

/** The text position under a viewport point: standard caretPositionFromPoint, or WebKit's caretRangeFromPoint. */
function caretPoint(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const standard = (doc as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null })
    .caretPositionFromPoint;
  if (standard) {
    const position = standard.call(doc, x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const legacy = (doc as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null }).caretRangeFromPoint;
  if (legacy) {
    const range = legacy.call(doc, x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }
  return null;
}
