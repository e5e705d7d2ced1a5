/**
 * Guesses a BCP 47 language tag for a statement that arrives without `lang` (formats.md: "detect it
 * when absent"). Two cheap stages, because the corpus importer calls this for every record:
 *
 * 1. Script: Armenian, Georgian, Greek, Hebrew, Thai, Korean, Japanese kana and Han decide alone.
 *    Arabic script is split into Urdu/Persian/Arabic by letters only those languages use.
 * 2. Within Latin and Cyrillic script, counts of very frequent function words decide. The lists are
 *    short on purpose: a statement has hundreds of words, so the top function words are plenty.
 *
 * Returns undefined when the text gives too little evidence; a wrong tag would be worse than none.
 */

const STOPWORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'with', 'on', 'was', 'by', 'has', 'have', 'will'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'mit', 'den', 'auf', 'für', 'sich', 'des', 'dem', 'eine'],
  fr: ['le', 'la', 'les', 'et', 'des', 'est', 'une', 'du', 'dans', 'pour', 'que', 'qui', 'sur', 'pas'],
  es: ['el', 'la', 'los', 'las', 'y', 'de', 'que', 'en', 'por', 'con', 'para', 'una', 'del', 'se'],
  it: ['il', 'la', 'che', 'di', 'e', 'per', 'non', 'con', 'una', 'del', 'della', 'sono', 'gli', 'nel'],
  pt: ['o', 'a', 'os', 'as', 'e', 'de', 'que', 'em', 'um', 'uma', 'para', 'com', 'não', 'do', 'da'],
  nl: ['de', 'het', 'een', 'en', 'van', 'is', 'dat', 'op', 'niet', 'met', 'zijn', 'voor', 'ook'],
  tr: ['ve', 'bir', 'bu', 'ile', 'için', 'da', 'de', 'olarak', 'olan', 'gibi', 'daha', 'çok', 'en'],
  az: ['və', 'bir', 'bu', 'ilə', 'üçün', 'da', 'də', 'olaraq', 'olan', 'kimi', 'daha', 'çox', 'ki'],
  ru: ['и', 'в', 'не', 'на', 'что', 'с', 'по', 'как', 'это', 'к', 'из', 'за', 'для', 'от', 'также'],
  uk: ['і', 'в', 'не', 'на', 'що', 'з', 'та', 'як', 'це', 'до', 'за', 'від', 'для', 'також'],
  bg: ['и', 'в', 'не', 'на', 'че', 'с', 'по', 'се', 'за', 'от', 'да', 'е', 'са', 'като'],
};

const STOPWORD_LOOKUP = new Map<string, string[]>();
for (const [lang, words] of Object.entries(STOPWORDS)) {
  for (const word of words) STOPWORD_LOOKUP.set(word, [...(STOPWORD_LOOKUP.get(word) ?? []), lang]);
}

const SCRIPT_TAGS: Array<[RegExp, string]> = [
  [/\p{Script=Armenian}/u, 'hy'],
  [/\p{Script=Georgian}/u, 'ka'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Hangul}/u, 'ko'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Han}/u, 'zh'],
  [/\p{Script=Devanagari}/u, 'hi'],
  [/\p{Script=Bengali}/u, 'bn'],
];

/** Letters used in Urdu (ٹ ڈ ڑ ں ے ھ) and in Persian (پ چ ژ گ without the Urdu ones). */
const URDU_LETTERS = /[\u0679\u0688\u0691\u06BA\u06D2\u06BE]/u;
const PERSIAN_LETTERS = /[\u067E\u0686\u0698\u06AF\u06CC]/u;

/** Only the first few thousand characters are looked at: enough evidence, bounded cost. */
const SAMPLE_CHARS = 4000;
/** Fewer function-word hits than this is too little evidence to name a language. */
const MIN_HITS = 3;

export function detectLanguage(text: string): string | undefined {
  const sample = text.slice(0, SAMPLE_CHARS);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return undefined;

  const scriptCounts = new Map<string, number>();
  for (const [pattern, tag] of SCRIPT_TAGS) {
    const count = sample.match(new RegExp(pattern.source, 'gu'))?.length ?? 0;
    if (count > 0) scriptCounts.set(tag, count);
  }
  const arabic = sample.match(/\p{Script=Arabic}/gu)?.length ?? 0;
  if (arabic > letters / 2) {
    if (URDU_LETTERS.test(sample)) return 'ur';
    if (PERSIAN_LETTERS.test(sample)) return 'fa';
    return 'ar';
  }
  // Japanese text mixes Han and kana: kana decides it.
  if ((scriptCounts.get('ja') ?? 0) > 0 && (scriptCounts.get('zh') ?? 0) > 0) scriptCounts.delete('zh');
  for (const [tag, count] of scriptCounts) if (count > letters / 2) return tag;

  const hits = new Map<string, number>();
  for (const word of sample.toLowerCase().split(/[^\p{L}]+/u)) {
    for (const lang of STOPWORD_LOOKUP.get(word) ?? []) hits.set(lang, (hits.get(lang) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestHits = 0;
  for (const [lang, count] of hits) {
    if (count > bestHits) {
      best = lang;
      bestHits = count;
    }
  }
  return bestHits >= MIN_HITS ? best : undefined;
}
