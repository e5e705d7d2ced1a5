#!/usr/bin/env node
// @ts-check
/**
 * Builds lib/engine/cross-language/concept-lexicon.json from Unicode CLDR (npm packages
 * cldr-dates-modern, Unicode License v3, a permissive licence that fits the project's MIT; see
 * docs/ARCHITECTURE.md): the names of the twelve months in the languages below, each mapped to a
 * language-neutral concept ("M:9").
 *
 * Why months: a translation never keeps them as they are ("September" / "сентября" / "Eylül" /
 * "سبتمبر"), yet with the day and year they date the statement, which is what tells a translation
 * from another report of the same event. Country names (cldr-localenames) were tried too and
 * rejected by measurement: same-day reports of the same events share them as much as translations
 * do, and they raised the not-derived articles' scores more than the derived ones' (docs/QUALITY.md).
 *
 * Only single-word names of at least 4 characters are kept (English "May" is a verb too). A name
 * that two months share in the listed languages is dropped.
 *
 * It also writes, per language, the number words from 2 to 19 and the tens to 90 that CLDR's
 * rule-based number spell-out (npm cldr-rbnf, same licence) writes as one literal word, in each case
 * form it gives ("семь", "семи", "семью"; German rules build 13-15 and the tens from parts, so German
 * has 2-12, 16 and 17): a translation writes "семь боевых машин" for "7 military vehicles", and
 * number-lists.ts reads both as 7. Zero and one are left out: "one", "bir", "un", "ein" are also
 * articles and pronouns. Per language, because a number word in one is another word elsewhere
 * (Azerbaijani "on" is 10). A word two values share (in some case form) is dropped.
 *
 * Run: node --import tsx scripts/build-lexicon.mjs (dev-time; the output is committed).
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The languages of the coverage SourceLens is built for, plus the world's major news languages. */
const LOCALES = [
  'en',
  'ru',
  'uk',
  'be',
  'az',
  'tr',
  'kk',
  'ky',
  'uz',
  'hy',
  'ka',
  'ar',
  'fa',
  'ur',
  'he',
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'nl',
  'pl',
  'cs',
  'sk',
  'sl',
  'hr',
  'sr',
  'bs',
  'bg',
  'mk',
  'ro',
  'hu',
  'el',
  'sv',
  'da',
  'nb',
  'fi',
  'et',
  'lv',
  'lt',
  'sq',
  'id',
  'ms',
  'vi',
  'hi',
  'bn',
  'ps',
];

const datesDir = dirname(require.resolve('cldr-dates-modern/package.json'));
const cldrVersion = JSON.parse(readFileSync(join(datesDir, 'package.json'), 'utf8')).version;
const rbnfDir = dirname(require.resolve('cldr-rbnf/package.json'));
const rbnfVersion = JSON.parse(readFileSync(join(rbnfDir, 'package.json'), 'utf8')).version;

/** Matching key as the engine computes it (kept in step with lib/engine/normalize.ts by a unit test). */
const { normalizeToken } = await import('../lib/engine/normalize.ts');

/**
 * concept → Set of keys
 * @type {Map<string, Set<string>>}
 */
const concepts = new Map();
/**
 * @param {string} concept
 * @param {string} name
 */
const add = (concept, name) => {
  const words = name.split(/[\s\u00A0-]+/u).filter(Boolean);
  if (words.length !== 1) return;
  const key = normalizeToken((words[0] ?? '').replace(/[.,()]/g, ''));
  if ([...key].length < 4) return;
  let keys = concepts.get(concept);
  if (!keys) concepts.set(concept, (keys = new Set()));
  keys.add(key);
};

for (const locale of LOCALES) {
  const gregorian = join(datesDir, 'main', locale, 'ca-gregorian.json');
  if (!existsSync(gregorian)) throw new Error(`CLDR has no data for ${locale}`);
  const months = JSON.parse(readFileSync(gregorian, 'utf8')).main[locale].dates.calendars.gregorian.months;
  for (const context of ['format', 'stand-alone']) {
    for (const width of ['wide', 'abbreviated']) {
      for (const [n, name] of Object.entries(months[context][width])) add(`M:${n}`, name);
    }
  }
}

// A key claimed by two months (an abbreviation in one language that is another month elsewhere) is
// ambiguous: drop it from both.
/** @type {Map<string, string | null>} */
const owner = new Map();
for (const [concept, keys] of concepts) {
  for (const key of keys) owner.set(key, owner.has(key) && owner.get(key) !== concept ? null : concept);
}
/** @type {Record<string, string[]>} */
const out = {};
for (const [concept, keys] of [...concepts].sort(([a], [b]) => a.localeCompare(b))) {
  const kept = [...keys].filter((k) => owner.get(k) === concept).sort();
  if (kept.length) out[concept] = kept;
}

/**
 * The literal word of a spell-out rule for one value: "семь;" and "twenty[-→→];" (the bracket is
 * the optional rest of a compound number) give a word; rules that refer to other rules
 * ("←%spellout-cardinal-feminine←сти", "=%spellout-cardinal-masculine=") give none.
 * @param {string} rule
 */
const literalWord = (rule) => {
  const m = /^([^[\]=←→$%;]+)(\[[^\]]*\])?;$/u.exec(rule);
  const word = m?.[1]?.trim();
  return word && !/\s/u.test(word) ? word : undefined;
};
/** @param {number} v */
const isCountedValue = (v) => (v >= 2 && v <= 19) || (v >= 20 && v <= 90 && v % 10 === 0);
/**
 * Number words that are, as matching keys (accents folded), also common words of their language:
 * Vietnamese "năm" (five; year) and "ba" (three; father); Persian "نه" (nine; no) and "ده" (ten;
 * village); Hungarian "hét" (seven; week), "hat" (six; "hát", back) and "öt" (five; "őt", him or
 * her); Turkish and Azerbaijani "on" (ten; "ön", front), Turkish "yedi" (seven; ate); Italian "sei"
 * (six; you are). Words that are rarely anything but the number stay ("üç" three, though "uç" tip
 * folds to it too; Indonesian "lima" five, though also the city).
 */
/** @type {Record<string, string[] | null>} */
const EVERYDAY_WORDS = { vi: null, fa: ['نه', 'ده'], hu: ['het', 'hat', 'ot'], tr: ['on', 'yedi'], az: ['on'], it: ['sei'] };

/** @type {Record<string, Record<string, number>>} */
const numbers = {};
for (const locale of LOCALES) {
  const file = join(rbnfDir, 'rbnf', `${locale}.json`);
  if (!existsSync(file) || EVERYDAY_WORDS[locale] === null) continue; // CLDR spells out numbers for most of them
  const rulesets = JSON.parse(readFileSync(file, 'utf8')).rbnf.rbnf.SpelloutRules ?? {};
  /** @type {Map<string, number | null>} */
  const values = new Map();
  for (const [name, rules] of Object.entries(/** @type {Record<string, Array<[string, string]>>} */ (rulesets))) {
    // Cardinal numbers in any gender and case; not years ("nineteen eighty-four") or ordinals.
    if (!/^%spellout-(cardinal|numbering)/.test(name) || name.includes('year')) continue;
    for (const [n, rule] of rules) {
      if (!/^\d+$/.test(n) || !isCountedValue(Number(n))) continue;
      const word = literalWord(rule);
      if (!word) continue;
      const key = normalizeToken(word);
      if (EVERYDAY_WORDS[locale]?.includes(key)) continue;
      values.set(key, values.has(key) && values.get(key) !== Number(n) ? null : Number(n));
    }
  }
  const kept = /** @type {Array<[string, number]>} */ ([...values].filter(([, v]) => v !== null)).sort(([a], [b]) => a.localeCompare(b));
  if (kept.length) numbers[locale] = Object.fromEntries(kept);
}

const file = join(root, 'lib/engine/cross-language/concept-lexicon.json');
writeFileSync(
  file,
  `${JSON.stringify({
    source: `Unicode CLDR ${cldrVersion} (cldr-dates-modern) and ${rbnfVersion} (cldr-rbnf), Unicode License v3`,
    locales: LOCALES,
    concepts: out,
    numbers,
  })}\n`,
);
const count = Object.values(out).reduce((n, k) => n + k.length, 0);
const numberWords = Object.values(numbers).reduce((n, m) => n + Object.keys(m).length, 0);
console.log(`${Object.keys(out).length} concepts, ${count} names; ${numberWords} number words in ${Object.keys(numbers).length} languages → ${file}`);
