/**
 * English words for Chinese words (CC-CEDICT, CC BY-SA 4.0; public/lexicon/zh-en.json, built by
 * scripts/build-zh-lexicon.mjs).
 *
 * Chinese shares no script, sound or number format with English coverage of it: the Foreign
 * Ministry's "飞艇" is Xinhua's "airship", and no transliteration gets from one to the other. The
 * English word a dictionary gives for each Chinese word carries the anchor instead (anchor-key.ts),
 * so "飞艇" and "airship" meet on the same consonant skeleton. Words come from the tokenizer, whose
 * Chinese segmentation (Intl.Segmenter's dictionary) splits text into words that are mostly CC-CEDICT
 * entries of their own.
 *
 * The table (1.1 MB) is installed by the host, not imported: bundled into the background script it
 * made every cold start of the worker ~50 ms slower (script load, measured at 10,000 statements),
 * while most corpora hold no Chinese. The worker fetches it the first time it meets Han text
 * (lib/background/lexicons.ts); Node hosts read it from disk (lib/cli/lexicons.ts). Until it is
 * installed, Chinese words simply have no anchors.
 */

/** The file's shape: English word, tab, the Chinese words it stands for (space-separated), per line. */
export interface ChineseLexicon {
  source: string;
  licence: string;
  entries: number;
  glosses: string;
}

let englishOf: Map<string, string> | undefined;

/** Checks a fetched or read file's shape; throws a clear error rather than installing garbage. */
export function parseChineseLexicon(json: unknown): ChineseLexicon {
  const value = json as Partial<ChineseLexicon> | null;
  if (
    !value ||
    typeof value !== 'object' ||
    typeof value.glosses !== 'string' ||
    typeof value.entries !== 'number' ||
    typeof value.source !== 'string' ||
    typeof value.licence !== 'string'
  ) {
    throw new Error('not a SourceLens Chinese lexicon: expected {source, licence, entries, glosses}');
  }
  return value as ChineseLexicon;
}

/** Installs the table (anchor-key.ts's installChineseLexicon also drops anchors cached without it). */
export function setChineseLexicon(lexicon: ChineseLexicon): void {
  const map = new Map<string, string>();
  for (const line of lexicon.glosses.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    const english = line.slice(0, tab);
    for (const form of line.slice(tab + 1).split(' ')) if (form) map.set(form, english);
  }
  englishOf = map;
}

export function hasChineseLexicon(): boolean {
  return englishOf !== undefined;
}

const HAN_WORD = /^\p{Script=Han}{2,}$/u;
const HAN = /\p{Script=Han}/u;

/** Whether a text has Han characters, so that matching it needs the table. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** The English word standing for a Chinese word (a matching key), or undefined. */
export function englishForChinese(key: string): string | undefined {
  if (!englishOf || !HAN_WORD.test(key)) return undefined;
  return englishOf.get(key);
}
