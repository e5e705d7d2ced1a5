import { createHighlighter, type Highlighter, type Mark } from '../highlight/highlighter';
import type { ReportView } from '../messaging/protocol';
import { anchorReport, extractPageArticle, type AnchoredPassage, type PageArticle } from './check-page';
import type { OnDeviceTranslator } from './on-device-translator';
import { createShadowHost, type ShadowHost } from './shadow-host';
import { translateArticle } from './translate-article';
import { errorMessage } from '../shared/error-message';

/**
 * The reader's state machine: extract the page, ask for its sources, mark the passages, and track
 * which passage's card is open. It owns every listener it adds (all tied to `signal`) and removes
 * everything it drew on destroy(), so navigation or disabling leaves the page as it was.
 */

export interface HintsState {
  phase: 'idle' | 'checking' | 'done' | 'error';
  visible: boolean;
  report: ReportView | null;
  /** Marked passages in document order. */
  order: AnchoredPassage[];
  /** The passage whose card is open, with where to put the card (viewport coordinates). */
  open: { passage: AnchoredPassage; anchor: DOMRect; pinned: boolean } | null;
  articleDate: string | null;
  error: string | null;
}

export interface HintsControllerOptions {
  doc: Document;
  url: () => string;
  /** Asks the background for the article's sources. */
  findSources: (article: PageArticle['payload']) => Promise<ReportView & { hintsVisible: boolean }>;
  /**
   * The browser's on-device translator for a language pair, or null (lib/reader/on-device-translator.ts).
   * When the report says the corpus is in another language than the article, the article is translated
   * on the device and checked again through the translation.
   */
  translatorFor?: (sourceLang: string, targetLang: string, signal: AbortSignal) => Promise<OnDeviceTranslator | null>;
  /** Styles of the shadow root. */
  css: string;
  signal: AbortSignal;
  onChange: (state: HintsState, host: ShadowHost) => void;
}

/** Delay before a hovered passage opens its card, and before a card closes once left (ms). */
const HOVER_OPEN_MS = 250;
const HOVER_CLOSE_MS = 400;

export class HintsController {
  readonly host: ShadowHost;
  private readonly highlighter: Highlighter;
  private state: HintsState = { phase: 'idle', visible: true, report: null, order: [], open: null, articleDate: null, error: null };
  private marks: Mark[] = [];
  private hoverTimer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;
  private frame = 0;

  constructor(private readonly options: HintsControllerOptions) {
    const { doc, signal } = options;
    this.host = createShadowHost(doc, options.css);
    this.highlighter = createHighlighter(doc, { overlay: this.host.overlay });
    const win = doc.defaultView!;
    const listen = <K extends keyof DocumentEventMap>(type: K, handler: (event: DocumentEventMap[K]) => void) =>
      doc.addEventListener(type, handler as EventListener, { passive: true, signal, capture: true });
    listen('pointermove', (event) => this.onPointerMove(event));
    listen('click', (event) => this.onClick(event));
    listen('keydown', (event) => {
      if (event.key === 'Escape' && this.state.open) this.close();
    });
    win.addEventListener('resize', () => this.scheduleRelayout(), { passive: true, signal });
    signal.addEventListener('abort', () => this.destroy(), { once: true });
  }

  get current(): HintsState {
    return this.state;
  }

  /** Extracts the page and asks for its sources; safe to call again (the last call wins). */
  async check(): Promise<void> {
    const generation = ++this.generation;
    this.update({ phase: 'checking', error: null, open: null });
    try {
      const article = extractPageArticle(this.options.doc, this.options.url());
      const report = await this.options.findSources(article.payload);
      if (generation !== this.generation || this.options.signal.aborted) return;
      this.show(article, report);
      await this.checkThroughTranslation(article, report, generation);
    } catch (error) {
      if (generation !== this.generation) return;
      this.update({ phase: 'error', error: errorMessage(error) });
    }
  }

  private show(article: PageArticle, report: ReportView & { hintsVisible: boolean }): void {
    const anchored = anchorReport(this.options.doc, article.extracted, report);
    this.marks = anchored.marks;
    const order = anchored.marks.map((mark) => anchored.passages.get(mark.key)!);
    this.highlighter.draw(this.marks);
    this.highlighter.setVisible(report.hintsVisible);
    this.update({ phase: 'done', report, order, visible: report.hintsVisible, articleDate: article.payload.date });
  }

  /**
   * The second, optional step: when the corpus is mostly in another language and the browser can
   * translate on the device, the article's translation is checked too and the marks are redrawn with
   * what it adds. Any failure here keeps the first report: the boost is never required.
   */
  private async checkThroughTranslation(article: PageArticle, report: ReportView, generation: number): Promise<void> {
    const sourceLang = article.payload.lang ?? report.articleLang;
    const targetLang = report.translateTo;
    const { translatorFor, signal } = this.options;
    if (!translatorFor || !sourceLang || !targetLang) return;
    const translator = await translatorFor(sourceLang, targetLang, signal);
    if (!translator) return;
    try {
      const translation = await translateArticle(article.payload.text, sourceLang, targetLang, translator, signal);
      if (translation.segments.length === 0 || generation !== this.generation || signal.aborted) return;
      const next = await this.options.findSources({ ...article.payload, lang: sourceLang, translation });
      if (generation !== this.generation || signal.aborted) return;
      this.show(article, next);
    } catch {
      // The translator failed or the page went away: the report already shown stands.
    } finally {
      translator.destroy();
    }
  }

  /** Forgets the current page's marks (SPA navigation) until the next check. */
  reset(): void {
    this.generation++;
    this.marks = [];
    this.highlighter.draw([]);
    this.update({ phase: 'idle', report: null, order: [], open: null });
  }

  setVisible(visible: boolean): void {
    this.highlighter.setVisible(visible);
    this.update({ visible, open: visible ? this.state.open : null });
  }

  /** Opens the card of the passage `offset` places from the open one (keyboard navigation). */
  step(offset: number): void {
    const { order, open } = this.state;
    if (order.length === 0) return;
    const current = open ? order.findIndex((p) => p.key === open.passage.key) : offset > 0 ? -1 : 0;
    const next = (current + offset + order.length) % order.length;
    this.reveal(order[next]!.key);
  }

  /** Scrolls a passage into view and opens its card, pinned. */
  reveal(key: string): boolean {
    const passage = this.state.order.find((p) => p.key === key);
    const mark = this.marks.find((m) => m.key === key);
    if (!passage || !mark) return false;
    if (!this.state.visible) this.setVisible(true);
    const element = mark.range.startContainer.parentElement;
    element?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    this.open(passage, mark, true);
    return true;
  }

  close(): void {
    this.highlighter.setActive(null);
    this.update({ open: null });
  }

  /** Keeps a hovered card open while the pointer is over it. */
  holdCard(hold: boolean): void {
    this.clearHoverTimer();
    if (!hold && this.state.open && !this.state.open.pinned) this.hoverTimer = setTimeout(() => this.close(), HOVER_CLOSE_MS);
  }

  destroy(): void {
    this.clearHoverTimer();
    cancelAnimationFrame(this.frame);
    this.highlighter.destroy();
    this.host.destroy();
  }

  private open(passage: AnchoredPassage, mark: Mark, pinned: boolean): void {
    const rects = mark.range.getClientRects();
    const anchor = rects[0] ?? mark.range.getBoundingClientRect();
    this.highlighter.setActive(passage.key);
    this.update({ open: { passage, anchor, pinned } });
  }

  private onPointerMove(event: PointerEvent): void {
    if (!this.state.visible || this.marks.length === 0) return;
    if (event.composedPath().includes(this.host.host)) return;
    const mark = this.highlighter.hitTest(event.clientX, event.clientY);
    const open = this.state.open;
    if (mark && open?.passage.key === mark.key) {
      this.clearHoverTimer();
      return;
    }
    if (open?.pinned) return;
    this.clearHoverTimer();
    if (mark) {
      const passage = this.state.order.find((p) => p.key === mark.key);
      if (passage) this.hoverTimer = setTimeout(() => this.open(passage, mark, false), HOVER_OPEN_MS);
    } else if (open) {
      this.hoverTimer = setTimeout(() => this.close(), HOVER_CLOSE_MS);
    }
  }

  private onClick(event: MouseEvent): void {
    if (!this.state.visible || this.marks.length === 0) return;
    if (event.composedPath().includes(this.host.host)) return;
    const mark = this.highlighter.hitTest(event.clientX, event.clientY);
    if (!mark) {
      if (this.state.open?.pinned) this.close();
      return;
    }
    const passage = this.state.order.find((p) => p.key === mark.key);
    if (passage) this.open(passage, mark, true);
  }

  private scheduleRelayout(): void {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.highlighter.relayout());
  }

  private clearHoverTimer(): void {
    if (this.hoverTimer !== null) clearTimeout(this.hoverTimer);
    this.hoverTimer = null;
  }

  private update(patch: Partial<HintsState>): void {
    this.state = { ...this.state, ...patch };
    this.options.onChange(this.state, this.host);
  }
}
