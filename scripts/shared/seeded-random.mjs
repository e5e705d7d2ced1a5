// @ts-check
// The benchmarks' one seeded generator (bench.ts, bench-browser.mjs, align-bench): every run builds the
// same corpora, queries and documents. Plain JavaScript with JSDoc types, so the plain-Node scripts
// import it as well as the TypeScript ones.

/** @typedef {() => number} Random a number in [0, 1), like Math.random */

/**
 * Mulberry32 (Tommy Ettinger's 32-bit generator): tiny and fast, statistically good enough to shuffle and
 * sample test data; not for anything secret.
 * @param {number} seed
 * @returns {Random}
 */
export function seededRandom(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Shuffles `items` in place (Fisher-Yates) and returns them.
 * @template T
 * @param {Random} random
 * @param {T[]} items
 * @returns {T[]}
 */
export function shuffle(random, items) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [/** @type {T} */ (items[j]), /** @type {T} */ (items[i])];
  }
  return items;
}

/**
 * One of `items`, drawn with `random`.
 * @template T
 * @param {Random} random
 * @param {readonly T[]} items
 * @returns {T}
 */
export function pick(random, items) {
  return /** @type {T} */ (items[Math.floor(random() * items.length)]);
}
