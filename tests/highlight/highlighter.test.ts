// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHighlighter, highlightName, MARK_KINDS, type Mark } from '../../lib/highlight/highlighter';

function page(): { overlay: HTMLElement; marks: Mark[] } {
  document.body.innerHTML = `
    <article>
      <p id="p1">“An agreement has been reached to suspend local anti-terror measures,” the colonel said.</p>
      <p id="p2">The ministry said the shelling of positions had further escalated the tensions.</p>
    </article>
    <div id="overlay"></div>`;
  const rangeOf = (id: string, start: number, end: number) => {
    const range = document.createRange();
    const text = document.getElementById(id)!.firstChild!;
    range.setStart(text, start);
    range.setEnd(text, end);
    return range;
  };
  return {
    overlay: document.getElementById('overlay')!,
    marks: [
      { range: rangeOf('p1', 0, 70), kind: 'verbatim_quote', key: 'S02#0' },
      { range: rangeOf('p2', 4, 40), kind: 'paraphrase', key: 'S01#1' },
      { range: rangeOf('p2', 41, 70), kind: 'paraphrase', key: 'S01#2' },
    ],
  };
}

describe('highlighter fallback (overlay boxes)', () => {
  beforeEach(() => {
    // happy-dom does no layout: give every range two line boxes of a known size.
    vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(function (this: Range) {
      const top = this.startOffset;
      const rects = [new DOMRect(10, top, 200, 18), new DOMRect(10, top + 20, 120, 18)];
      return rects as unknown as DOMRectList;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('draws one box per line rect of each mark, coloured by kind, and redraws on setActive', () => {
    const { overlay, marks } = page();
    const highlighter = createHighlighter(document, { overlay, forceFallback: true });
    expect(highlighter.usesHighlightApi).toBe(false);
    highlighter.draw(marks);
    const boxes = [...overlay.children] as HTMLElement[];
    expect(boxes).toHaveLength(6);
    expect(boxes.map((box) => box.dataset.kind)).toEqual(['verbatim_quote', 'verbatim_quote', 'paraphrase', 'paraphrase', 'paraphrase', 'paraphrase']);
    expect(boxes[0]!.style.width).toBe('200px');
    expect(boxes[1]!.style.top).toBe('20px');
    expect(boxes.every((box) => box.style.outline === '' || box.style.outline === 'none')).toBe(true);
    highlighter.setActive('S01#1');
    const active = ([...overlay.children] as HTMLElement[]).filter((box) => box.style.outline !== '' && box.style.outline !== 'none');
    expect(active).toHaveLength(2);
    expect(active.every((box) => box.dataset.kind === 'paraphrase')).toBe(true);
  });

  it('skips zero-size rects', () => {
    vi.restoreAllMocks();
    vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(() => [new DOMRect(0, 0, 0, 18), new DOMRect(5, 5, 50, 0)] as unknown as DOMRectList);
    const { overlay, marks } = page();
    const highlighter = createHighlighter(document, { overlay, forceFallback: true });
    highlighter.draw(marks);
    expect(overlay.children).toHaveLength(0);
  });

  it('setVisible(false) removes the boxes and keeps the marks; true brings them back; destroy clears', () => {
    const { overlay, marks } = page();
    const highlighter = createHighlighter(document, { overlay, forceFallback: true });
    highlighter.draw(marks);
    expect(overlay.children).toHaveLength(6);
    highlighter.setVisible(false);
    expect(overlay.children).toHaveLength(0);
    expect(highlighter.hitTest(20, 5)).toBeUndefined();
    highlighter.setVisible(true);
    expect(overlay.children).toHaveLength(6);
    highlighter.draw([marks[0]!]);
    expect(overlay.children).toHaveLength(2);
    highlighter.destroy();
    expect(overlay.children).toHaveLength(0);
    highlighter.relayout();
    expect(overlay.children).toHaveLength(0);
  });

  it('hitTest finds the mark whose boxes contain the point', () => {
    const { overlay, marks } = page();
    const highlighter = createHighlighter(document, { overlay, forceFallback: true });
    highlighter.draw(marks);
    // each mark has a 200-wide line at top = startOffset and a 120-wide line 20 px lower:
    // mark 0 at y 0..18 and 20..38, mark 1 at 4..22 and 24..42, mark 2 at 41..59 and 61..79
    expect(highlighter.hitTest(150, 50)?.key).toBe('S01#2');
    expect(highlighter.hitTest(100, 70)?.key).toBe('S01#2');
    expect(highlighter.hitTest(150, 70)).toBeUndefined();
    expect(highlighter.hitTest(500, 50)).toBeUndefined();
  });
});

/** A CSS.highlights registry and Highlight class as the browser has them. */
class FakeHighlight {
  readonly ranges: Range[];
  priority = 0;
  constructor(...ranges: Range[]) {
    this.ranges = ranges;
  }
  add(range: Range): void {
    this.ranges.push(range);
  }
  clear(): void {
    this.ranges.length = 0;
  }
}

describe('highlighter with the CSS Custom Highlight API', () => {
  let registry: Map<string, FakeHighlight>;
  const win = window as unknown as { CSS?: unknown; Highlight?: unknown };
  let savedCss: unknown;
  let savedHighlight: unknown;

  beforeEach(() => {
    registry = new Map();
    savedCss = win.CSS;
    savedHighlight = win.Highlight;
    win.CSS = { highlights: registry };
    win.Highlight = FakeHighlight;
  });
  afterEach(() => {
    win.CSS = savedCss;
    win.Highlight = savedHighlight;
  });

  it("registers one highlight per kind with that kind's ranges, and a priority highlight for the active mark", () => {
    const { overlay, marks } = page();
    const existing = new CSSStyleSheet();
    document.adoptedStyleSheets = [existing];
    const highlighter = createHighlighter(document, { overlay, forceFallback: false });
    expect(highlighter.usesHighlightApi).toBe(true);
    expect(document.adoptedStyleSheets).toHaveLength(2);
    expect(document.adoptedStyleSheets[0]).toBe(existing);

    highlighter.draw(marks);
    expect([...registry.keys()].sort()).toEqual(['sourcelens-paraphrase', 'sourcelens-verbatim-quote']);
    expect(highlightName('verbatim_quote')).toBe('sourcelens-verbatim-quote');
    expect(registry.get('sourcelens-verbatim-quote')!.ranges).toEqual([marks[0]!.range]);
    expect(registry.get('sourcelens-paraphrase')!.ranges).toEqual([marks[1]!.range, marks[2]!.range]);
    // no DOM is added to the page or the overlay
    expect(overlay.children).toHaveLength(0);

    highlighter.setActive('S01#2');
    expect(registry.get('sourcelens-active')!.ranges).toEqual([marks[2]!.range]);
    expect(registry.get('sourcelens-active')!.priority).toBe(1);
    highlighter.setActive(null);
    expect(registry.has('sourcelens-active')).toBe(false);
  });

  it('setVisible(false) clears every highlight and true restores them; destroy clears and restores adoptedStyleSheets', () => {
    const { overlay, marks } = page();
    const existing = new CSSStyleSheet();
    document.adoptedStyleSheets = [existing];
    const highlighter = createHighlighter(document, { overlay });
    highlighter.draw(marks);
    highlighter.setActive('S02#0');
    expect(registry.size).toBe(3);
    highlighter.setVisible(false);
    expect(registry.size).toBe(0);
    highlighter.setVisible(true);
    expect([...registry.keys()].sort()).toEqual(['sourcelens-active', 'sourcelens-paraphrase', 'sourcelens-verbatim-quote']);

    // someone else's highlight is left alone
    registry.set('other-extension', new FakeHighlight());
    highlighter.destroy();
    expect([...registry.keys()]).toEqual(['other-extension']);
    for (const kind of MARK_KINDS) expect(registry.has(highlightName(kind))).toBe(false);
    expect(document.adoptedStyleSheets).toEqual([existing]);
  });

  it('forceFallback ignores the API', () => {
    const { overlay, marks } = page();
    document.adoptedStyleSheets = [];
    const highlighter = createHighlighter(document, { overlay, forceFallback: true });
    highlighter.draw(marks);
    expect(highlighter.usesHighlightApi).toBe(false);
    expect(registry.size).toBe(0);
    expect(document.adoptedStyleSheets).toHaveLength(0);
  });
});
