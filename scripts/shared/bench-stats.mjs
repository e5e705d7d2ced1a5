// @ts-check
// Summaries the benchmarks print (bench.ts, bench-server.ts, bench-browser.mjs), one definition so
// their tables mean the same thing.

/**
 * The p-th percentile (0-100) of `values`, nearest rank: the value at index ⌊p/100 · n⌋ of the sorted
 * list (the largest for p = 100), 0 for no values.
 * @param {readonly number[]} values
 * @param {number} p
 */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * `x` rounded to `digits` decimals, for tables.
 * @param {number} x
 * @param {number} [digits]
 */
export function round(x, digits = 1) {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}
