/**
 * Look-alike letters across the Latin, Cyrillic, Greek and Armenian scripts (Unicode UTS #39,
 * "mixed-script confusables").
 *
 * A copy disguised with look-alikes ("Аzerbаijаn" with Cyrillic а) shows the reader the same words
 * but gives every disguised word another matching key, so the copy stops matching its source. A real
 * word almost never mixes these scripts, so a word that does is read in the script most of its
 * letters are in, each other letter replaced by its look-alike in that script when Unicode lists one
 * (confusable-letters.json, built from confusables.txt by scripts/build-confusables.mjs). Only words
 * that mix scripts are touched: a Russian word is never romanised here, so transliteration
 * (cross-language/transliterate.ts) still sees Cyrillic "р" as r, not as the Latin "p" it looks like.
 *
 * Why not the full UTS #39 skeleton: the skeleton maps "m" to "rn" and "0" to "O"; used as a matching
 * key it would merge words that merely look alike in every text. Folding only mixed-script words to
 * one script is enough to undo a disguise, and leaves every undisguised word's key unchanged.
 *
 * Each replacement is one UTF-16 unit for one (every listed letter is in the BMP), so a folded string
 * has the length of the original and offsets into it are offsets into the original.
 */
import table from './confusable-letters.json';

export type FoldScript = 'Latn' | 'Cyrl' | 'Grek' | 'Armn';

const TO_LATIN: Readonly<Record<string, string>> = table.toLatin;
const FROM_LATIN: Readonly<Record<string, Readonly<Record<string, string>>>> = table.fromLatin;

/** Letters of the four scripts (a quick reject before any per-letter work). */
const OTHER_SCRIPT_LETTER = /[\u0370-\u03FF\u0400-\u052F\u0531-\u058F\u1D26\u1F00-\u1FFF\uA640-\uA69F]/;
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]/;

function scriptOf(code: number): FoldScript | undefined {
  if (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) ||
    (code >= 0x1e00 && code <= 0x1eff)
  )
    return 'Latn';
  if ((code >= 0x400 && code <= 0x52f) || (code >= 0xa640 && code <= 0xa69f)) return 'Cyrl';
  if ((code >= 0x370 && code <= 0x3ff) || (code >= 0x1f00 && code <= 0x1fff) || code === 0x1d26) return 'Grek';
  if (code >= 0x531 && code <= 0x58f) return 'Armn';
  return undefined;
}

/** True when `word` has letters of two or more of the four scripts (cheap tests first). */
export function mixesScripts(word: string): boolean {
  return OTHER_SCRIPT_LETTER.test(word) && (LATIN_LETTER.test(word) || new Set(letterScripts(word)).size > 1);
}

function letterScripts(word: string): FoldScript[] {
  const out: FoldScript[] = [];
  for (let i = 0; i < word.length; i++) {
    const s = scriptOf(word.charCodeAt(i));
    if (s) out.push(s);
  }
  return out;
}

/** One letter in `target` script: itself, or its listed look-alike there, via its Latin look-alike. */
function foldLetter(c: string, target: FoldScript): string {
  const latin = scriptOf(c.charCodeAt(0)) === 'Latn' ? c : TO_LATIN[c];
  if (!latin) return c;
  if (target === 'Latn') return latin;
  return FROM_LATIN[target]?.[latin] ?? c;
}

/**
 * The word read in one script: a script into which every other letter of the word has a listed
 * look-alike (so the folded word is whole), Latin first, then the one most of its letters are in
 * ("оf" with Cyrillic о: "f" has no Cyrillic look-alike, so Latin; "ѕроkе" is 3 Cyrillic letters to 2,
 * but "k" has none, so Latin again; "sресiаl" could be read in either, and Latin wins, because the
 * letters the disguises use (а е о р с) spell few whole words of Russian, while a Russian word
 * disguised with Latin letters keeps letters Latin has no look-alike for, "пpecc"). When no script can take the whole word, its
 * majority script, folding what can be folded. The word itself when it does not mix scripts.
 * Same length as `word`.
 */
export function foldConfusables(word: string): string {
  if (!mixesScripts(word)) return word;
  const counts = new Map<FoldScript, number>();
  for (let i = 0; i < word.length; i++) {
    const s = scriptOf(word.charCodeAt(i));
    if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const whole = (target: FoldScript) => {
    for (let i = 0; i < word.length; i++) {
      const c = word[i]!;
      const s = scriptOf(c.charCodeAt(0));
      if (s && s !== target && foldLetter(c, target) === c) return false;
    }
    return true;
  };
  let target: FoldScript | undefined;
  let best = -1;
  for (const [s, n] of counts) {
    const rank = (whole(s) ? (s === 'Latn' ? 4 : 2) * word.length : 0) + 2 * n + (s === 'Latn' ? 1 : 0);
    if (rank > best) {
      best = rank;
      target = s;
    }
  }
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    const s = scriptOf(c.charCodeAt(0));
    out += s && s !== target ? foldLetter(c, target!) : c;
  }
  return out;
}

/**
 * A word written wholly in look-alikes of `target` script ("а", the Cyrillic letter, standing for the
 * English article "a"), in that script; undefined when some letter has no look-alike there or the word
 * is already in it. Used only where the word's neighbours are in `target` (tokenize.ts): alone, a
 * one-script word is a real word of its script (Russian "а", "с", "о").
 */
export function wholeWordInScript(word: string, target: FoldScript): string | undefined {
  let out = '';
  let changed = false;
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    const s = scriptOf(c.charCodeAt(0));
    if (!s) {
      out += c;
      continue;
    }
    if (s === target) return undefined;
    const f = foldLetter(c, target);
    if (f === c) return undefined;
    out += f;
    changed = true;
  }
  return changed ? out : undefined;
}

/** The single script of a word's letters among the four, or undefined (none, or mixed). */
export function singleScript(word: string): FoldScript | undefined {
  let found: FoldScript | undefined;
  for (let i = 0; i < word.length; i++) {
    const s = scriptOf(word.charCodeAt(i));
    if (!s) continue;
    if (found && s !== found) return undefined;
    found = s;
  }
  return found;
}

/**
 * Words written wholly in look-alike letters of their neighbours' script: in an English copy disguised
 * with Cyrillic а е о р с, most words mix scripts (foldConfusables reads those), but the article "a"
 * becomes the one-letter Cyrillic word "а", and "a peace" two all-Cyrillic words in a row. A run of
 * words in one script is read in its neighbours' script when every word of the run can be (each letter
 * has a listed look-alike there) and the words on each side of the run that have letters are in that
 * script, at least one of them. Callers run this only on texts where some word mixed scripts (a
 * disguise, not a Russian text quoting an English name), so an undisguised text's words never depend
 * on their context. Calls `replace(index, folded)` for each word to change.
 */
export function foldLookAlikeRuns(words: readonly string[], replace: (index: number, folded: string) => void): void {
  const scripts = words.map(singleScript);
  let i = 0;
  while (i < words.length) {
    const own = scripts[i];
    let j = i;
    while (own && j + 1 < words.length && scripts[j + 1] === own) j++;
    const before = i > 0 ? scripts[i - 1] : undefined;
    const after = j + 1 < words.length ? scripts[j + 1] : undefined;
    const target = before ?? after;
    if (own && target && target !== own && (!before || before === target) && (!after || after === target)) {
      const folded = words.slice(i, j + 1).map((w) => wholeWordInScript(w, target));
      if (folded.every((f) => f !== undefined)) folded.forEach((f, k) => replace(i + k, f!));
    }
    i = j + 1;
  }
}
