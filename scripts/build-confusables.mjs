#!/usr/bin/env node
// @ts-check
/**
 * Builds lib/engine/confusable-letters.json: the letters of the Latin, Cyrillic, Greek and Armenian
 * scripts that Unicode's confusables.txt (UTS #39, "Unicode Security Mechanisms") lists as look-alikes
 * of a basic Latin letter ("а" U+0430 → "a", "Н" U+041D → "H", "ο" U+03BF → "o", "օ" U+0585 → "o"),
 * case for case, and for each of those three scripts the way back (Latin "a" inside a Cyrillic word →
 * "а").
 *
 * Source: npm `unhomoglyph` (nodeca, MIT), whose data.json is confusables.txt 13.0.0 as a
 * character → prototype map. The data is Unicode's (Unicode License v3, a permissive licence that
 * fits the project's MIT, as for the CLDR tables; see README "Licences"). Only single letters whose
 * prototype is one basic Latin letter are kept: the full table (6,311 entries, 100 kB) maps every
 * script's look-alikes, but the engine folds only words that mix these four scripts (normalize.ts,
 * foldConfusables), so the rest would be dead weight in the extension.
 *
 * Run: node scripts/build-confusables.mjs (dev-time; the output is committed).
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const data = require('unhomoglyph/data.json');
const version = require('unhomoglyph/package.json').version;

/** @type {Record<string, RegExp>} */
const SCRIPTS = { Cyrl: /\p{Script=Cyrillic}/u, Grek: /\p{Script=Greek}/u, Armn: /\p{Script=Armenian}/u };
/**
 * @param {string} c
 * @param {string} latin
 */
const sameCase = (c, latin) => (/[a-z]/.test(latin) ? /\p{Ll}/u : /\p{Lu}/u).test(c);
/** @param {string} c */
const scriptOf = (c) => Object.keys(SCRIPTS).find((s) => SCRIPTS[s]?.test(c));
/** @param {string} c a single character */
const codePoint = (c) => c.codePointAt(0) ?? 0;

/**
 * Letter of another script → basic Latin letter.
 * @type {Record<string, string>}
 */
const toLatin = {};
for (const [from, to] of Object.entries(/** @type {Record<string, string>} */ (data))) {
  if ([...from].length !== 1 || !/^[A-Za-z]$/.test(to)) continue;
  if (!/\p{L}/u.test(from) || !scriptOf(from)) continue;
  toLatin[from] = to;
}
/**
 * Per script, basic Latin letter → the look-alike of that script: when several, a letter of the same
 * case (Greek "ι" for "i", not the subscript "ͺ"), then the lowest code point (Cyrillic "і" U+0456
 * before "ӏ" U+04CF).
 * @type {Record<string, Record<string, string>>}
 */
const fromLatin = {};
for (const script of Object.keys(SCRIPTS)) {
  /** @type {Record<string, string>} */
  const back = {};
  for (const [from, to] of Object.entries(toLatin)) {
    if (scriptOf(from) !== script) continue;
    /** @param {string} c */
    const rank = (c) => (sameCase(c, to) ? 0 : 0x110000) + codePoint(c);
    const held = back[to];
    if (held === undefined || rank(from) < rank(held)) back[to] = from;
  }
  fromLatin[script] = Object.fromEntries(Object.entries(back).sort(([a], [b]) => (a < b ? -1 : 1)));
}
const sorted = Object.fromEntries(Object.entries(toLatin).sort(([a], [b]) => codePoint(a) - codePoint(b)));
const out = { source: `Unicode confusables.txt 13.0.0 via npm unhomoglyph ${version}`, toLatin: sorted, fromLatin };
writeFileSync(join(root, 'lib/engine/confusable-letters.json'), JSON.stringify(out, null, 1) + '\n');
console.log(
  `${Object.keys(sorted).length} letters to Latin; back: ${Object.entries(fromLatin)
    .map(([s, m]) => `${s} ${Object.keys(m).length}`)
    .join(', ')}`,
);
