/**
 * Language-neutral concepts for the words a translation replaces outright: month names ("September"
 * / "сентября" / "Eylül" → M:9). The table is built from Unicode CLDR by scripts/build-lexicon.mjs
 * (Unicode License v3); keys are matching keys (normalizeToken).
 *
 * Inflection: CLDR gives the nominative and the genitive ("format") forms. News text inflects
 * further ("сентябре", "Eylül'de", "вересні"), so a word that is not a name itself is
 * tried without a Turkic apostrophe suffix, then without its last one or two letters against the
 * names' own stems (a name minus its last letter or two, kept when at least 5 letters remain and only
 * one concept has that stem). This finds the usual case endings of Slavic, Baltic and Turkic
 * languages without a stemmer per language.
 */
import lexicon from './concept-lexicon.json';

interface Lexicon {
  concepts: Record<string, string[]>;
}

let exact: Map<string, string> | undefined;
let stems: Map<string, string | null> | undefined;
/**
 * The first four UTF-16 units of every name and stem (all have at least four characters): a word whose
 * own first four are not among them names no concept. Indexing asks about every new word of every
 * statement, and most are no month name; the stem search below allocated for each (a fifth of the
 * anchor work in the worker's import profile).
 */
let prefixes: Set<string> | undefined;

function build(): void {
  exact = new Map();
  stems = new Map();
  prefixes = new Set();
  for (const [concept, keys] of Object.entries((lexicon as Lexicon).concepts)) {
    for (const key of keys) {
      exact.set(key, concept);
      prefixes.add(key.slice(0, 4));
      const chars = [...key];
      for (const cut of [1, 2]) {
        if (chars.length - cut < 5) continue;
        const stem = chars.slice(0, chars.length - cut).join('');
        const prior = stems.get(stem);
        stems.set(stem, prior === undefined || prior === concept ? concept : null);
        prefixes.add(stem.slice(0, 4));
      }
    }
  }
}

/** The concept a matching key names ("T:AZ", "M:9"), or undefined. */
export function conceptOf(key: string): string | undefined {
  if (!exact) build();
  const apostrophe = key.indexOf("'");
  const word = apostrophe > 0 ? key.slice(0, apostrophe) : key;
  if (!prefixes!.has(key.slice(0, 4)) && !prefixes!.has(word.slice(0, 4))) return undefined;
  const direct = exact!.get(key);
  if (direct) return direct;
  if (word !== key) {
    const bare = exact!.get(word);
    if (bare) return bare;
  }
  const chars = [...word];
  if (chars.length < 5) return undefined;
  for (const cut of [0, 1, 2]) {
    if (chars.length - cut < 5) break;
    const stem = chars.slice(0, chars.length - cut).join('');
    const hit = exact!.get(stem) ?? stems!.get(stem);
    if (hit) return hit;
  }
  return undefined;
}
