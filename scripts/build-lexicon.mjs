#!/usr/bin/env node
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
 * that two months share in the listed languages is dropped. Run: node --import tsx
 * scripts/build-lexicon.mjs (dev-time; the output is committed).
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The languages of the coverage SourceLens is built for, plus the world's major news languages. */
const LOCALES = [
  'en', 'ru', 'uk', 'be', 'az', 'tr', 'kk', 'ky', 'uz', 'hy', 'ka', 'ar', 'fa', 'ur', 'he', 'de', 'fr', 'es', 'it',
  'pt', 'nl', 'pl', 'cs', 'sk', 'sl', 'hr', 'sr', 'bs', 'bg', 'mk', 'ro', 'hu', 'el', 'sv', 'da', 'nb', 'fi', 'et', 'lv',
  'lt', 'sq', 'id', 'ms', 'vi', 'hi', 'bn', 'ps',
];

const datesDir = dirname(require.resolve('cldr-dates-modern/package.json'));
const cldrVersion = JSON.parse(readFileSync(join(datesDir, 'package.json'), 'utf8')).version;

/** Matching key as the engine computes it (kept in step with lib/engine/normalize.ts by a unit test). */
const { normalizeToken } = await import('../lib/engine/normalize.ts');

/** concept → Set of keys */
const concepts = new Map();
const add = (concept, name) => {
  const words = name.split(/[\s\u00A0-]+/u).filter(Boolean);
  if (words.length !== 1) return;
  const key = normalizeToken(words[0].replace(/[.,()]/g, ''));
  if ([...key].length < 4) return;
  if (!concepts.has(concept)) concepts.set(concept, new Set());
  concepts.get(concept).add(key);
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
const owner = new Map();
for (const [concept, keys] of concepts) {
  for (const key of keys) owner.set(key, owner.has(key) && owner.get(key) !== concept ? null : concept);
}
const out = {};
for (const [concept, keys] of [...concepts].sort(([a], [b]) => a.localeCompare(b))) {
  const kept = [...keys].filter((k) => owner.get(k) === concept).sort();
  if (kept.length) out[concept] = kept;
}
const file = join(root, 'lib/engine/cross-language/concept-lexicon.json');
writeFileSync(
  file,
  `${JSON.stringify({ source: `Unicode CLDR ${cldrVersion} (cldr-dates-modern), Unicode License v3`, locales: LOCALES, concepts: out })}\n`,
);
const count = Object.values(out).reduce((n, k) => n + k.length, 0);
console.log(`${Object.keys(out).length} concepts, ${count} names → ${file}`);
