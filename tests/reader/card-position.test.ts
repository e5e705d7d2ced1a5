import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_WIDTH, cardPosition } from '../../lib/reader/card-position';

/** The card's extent in the window, from its box (a card never grows past maxHeight). */
function extent(box: ReturnType<typeof cardPosition>, height: number): [number, number] {
  return box.top !== undefined ? [box.top, box.top + box.maxHeight] : [height - box.bottom! - box.maxHeight, height - box.bottom!];
}

describe('cardPosition', () => {
  it('a passage near the bottom of a 900 px window: the card stands above it, wholly inside the window', () => {
    // The case seen in the browser: a 912 px card in a 900 px window.
    const box = cardPosition({ left: 200, top: 760, bottom: 800 }, { width: 1280, height: 900 });
    expect(box.bottom).toBe(900 - 760 + 8);
    const [from, to] = extent(box, 900);
    expect(from).toBeGreaterThanOrEqual(8);
    expect(to).toBeLessThanOrEqual(900 - 8);
    expect(to).toBeLessThanOrEqual(760);
  });

  it('below the passage when there is room, never wider than 380 px or the window', () => {
    const box = cardPosition({ left: 1200, top: 100, bottom: 120 }, { width: 1280, height: 900 });
    expect(box).toMatchObject({ top: 128, width: CARD_WIDTH });
    expect(box.left + box.width).toBeLessThanOrEqual(1280 - 8);
    expect(cardPosition({ left: 0, top: 100, bottom: 120 }, { width: 320, height: 600 }).width).toBe(304);
  });

  it('for any passage and window the card lies inside the window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 320, max: 2560 }),
        fc.integer({ min: 200, max: 1600 }),
        fc.double({ min: -200, max: 2000, noNaN: true }),
        fc.double({ min: -400, max: 1800, noNaN: true }),
        fc.double({ min: 0, max: 1200, noNaN: true }),
        (width, height, left, top, tall) => {
          const box = cardPosition({ left, top, bottom: top + tall }, { width, height });
          const [from, to] = extent(box, height);
          expect(from).toBeGreaterThanOrEqual(8 - 1e-9);
          expect(to).toBeLessThanOrEqual(height - 8 + 1e-9);
          expect(box.left).toBeGreaterThanOrEqual(8);
          expect(box.left + box.width).toBeLessThanOrEqual(width - 8 + 1e-9);
        },
      ),
    );
  });
});
