/**
 * Where the in-page card goes: below the passage, or above it when there is more room there, always
 * wholly inside the window. The card scrolls inside only when the window itself is too short for it.
 */

/** Card width in px: two side-by-side columns of about 170 px, a line of 25–30 words. */
export const CARD_WIDTH = 380;
/** Space kept between the card and the window's edges and the passage (px). */
const MARGIN = 8;
/** Below this height a card beside the passage is too cramped: it covers the passage instead. */
const MIN_CARD_HEIGHT = 240;

export interface CardBox {
  left: number;
  width: number;
  /** Set when the card hangs down from `top`; otherwise it stands on `bottom` (from the window's bottom edge). */
  top?: number;
  bottom?: number;
  maxHeight: number;
}

export function cardPosition(anchor: Pick<DOMRect, 'left' | 'top' | 'bottom'>, viewport: { width: number; height: number }): CardBox {
  const width = Math.min(CARD_WIDTH, viewport.width - 2 * MARGIN);
  const left = Math.max(MARGIN, Math.min(anchor.left, viewport.width - width - MARGIN));
  const below = viewport.height - anchor.bottom - 2 * MARGIN;
  const above = anchor.top - 2 * MARGIN;
  if (below >= MIN_CARD_HEIGHT && (below >= 320 || below >= above)) {
    // A passage scrolled partly out above the window still gets its card inside it.
    const top = Math.max(MARGIN, anchor.bottom + MARGIN);
    return { left, width, top, maxHeight: viewport.height - top - MARGIN };
  }
  if (above >= MIN_CARD_HEIGHT) {
    const bottom = Math.max(MARGIN, viewport.height - anchor.top + MARGIN);
    return { left, width, bottom, maxHeight: viewport.height - bottom - MARGIN };
  }
  // A passage taller than the window, or a window too short: the card takes the window's height.
  return { left, width, top: MARGIN, maxHeight: Math.max(0, viewport.height - 2 * MARGIN) };
}
