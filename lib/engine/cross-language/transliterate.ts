/**
 * Romanisation of a matching key (already NFKC, case-folded, Latin marks folded: see normalizeToken)
 * into plain ASCII letters, for Cyrillic, Greek, Armenian, Georgian and Arabic-script words.
 *
 * Why a table and not a library: what cross-language anchors need is not a reversible or
 * standard-conforming romanisation (ISO 9, BGN/PCGN) but one that lands a name's spellings in different
 * scripts on the same consonant skeleton ("Эйвазов", "Eyvazov", "Էյվազով"). The tables below follow the
 * common press romanisations (BGN-like: ж → zh, х → kh, ц → ts), which is what English-language
 * outlets print; vowels matter little because anchor keys drop them (see anchor-key.ts). The npm
 * transliteration packages we looked at cover Cyrillic only or pull in large Unicode tables.
 */

const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
  ў: 'u',
  ә: 'a',
  ғ: 'gh',
  қ: 'q',
  ң: 'n',
  ө: 'o',
  ү: 'u',
  ұ: 'u',
  һ: 'h',
  ј: 'y',
  ђ: 'dj',
  ћ: 'ch',
  љ: 'l',
  њ: 'n',
  џ: 'dzh',
  ѕ: 'dz',
};

const GREEK: Record<string, string> = {
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'ks',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'i',
  φ: 'f',
  χ: 'kh',
  ψ: 'ps',
  ω: 'o',
  ά: 'a',
  έ: 'e',
  ή: 'i',
  ί: 'i',
  ό: 'o',
  ύ: 'i',
  ώ: 'o',
  ϊ: 'i',
  ϋ: 'i',
  ΐ: 'i',
  ΰ: 'i',
};

const ARMENIAN: Record<string, string> = {
  ա: 'a',
  բ: 'b',
  գ: 'g',
  դ: 'd',
  ե: 'e',
  զ: 'z',
  է: 'e',
  ը: 'e',
  թ: 't',
  ժ: 'zh',
  ի: 'i',
  լ: 'l',
  խ: 'kh',
  ծ: 'ts',
  կ: 'k',
  հ: 'h',
  ձ: 'dz',
  ղ: 'gh',
  ճ: 'ch',
  մ: 'm',
  յ: 'y',
  ն: 'n',
  շ: 'sh',
  ո: 'o',
  չ: 'ch',
  պ: 'p',
  ջ: 'j',
  ռ: 'r',
  ս: 's',
  վ: 'v',
  տ: 't',
  ր: 'r',
  ց: 'ts',
  ւ: 'v',
  փ: 'p',
  ք: 'k',
  օ: 'o',
  ֆ: 'f',
  և: 'ev',
};

const GEORGIAN: Record<string, string> = {
  ა: 'a',
  ბ: 'b',
  გ: 'g',
  დ: 'd',
  ე: 'e',
  ვ: 'v',
  ზ: 'z',
  თ: 't',
  ი: 'i',
  კ: 'k',
  ლ: 'l',
  მ: 'm',
  ნ: 'n',
  ო: 'o',
  პ: 'p',
  ჟ: 'zh',
  რ: 'r',
  ს: 's',
  ტ: 't',
  უ: 'u',
  ფ: 'p',
  ქ: 'k',
  ღ: 'gh',
  ყ: 'q',
  შ: 'sh',
  ჩ: 'ch',
  ც: 'ts',
  ძ: 'dz',
  წ: 'ts',
  ჭ: 'ch',
  ხ: 'kh',
  ჯ: 'j',
  ჰ: 'h',
};

/**
 * Arabic, Persian and Urdu letters. Short vowels are not written in these scripts, so only the
 * consonant skeleton survives; that is why anchor keys are built from consonants for every script.
 * Alef and the weak letters (و ي) become vowels, which the skeleton then drops.
 */
const ARABIC: Record<string, string> = {
  ا: 'a',
  آ: 'a',
  أ: 'a',
  إ: 'i',
  ٱ: 'a',
  ء: '',
  ؤ: 'u',
  ئ: 'i',
  ب: 'b',
  پ: 'p',
  ت: 't',
  ٹ: 't',
  ث: 's',
  ج: 'j',
  چ: 'ch',
  ح: 'h',
  خ: 'kh',
  د: 'd',
  ڈ: 'd',
  ذ: 'z',
  ر: 'r',
  ڑ: 'r',
  ز: 'z',
  ژ: 'zh',
  س: 's',
  ش: 'sh',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  ع: '',
  غ: 'gh',
  ف: 'f',
  ق: 'q',
  ك: 'k',
  ک: 'k',
  گ: 'g',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ں: 'n',
  ه: 'h',
  ہ: 'h',
  ھ: 'h',
  ة: 'a',
  و: 'u',
  ي: 'i',
  ی: 'i',
  ى: 'a',
  ے: 'e',
  ۓ: 'e',
};

/** Latin letters that normalizeToken keeps as base letters (not marks) and their plain spelling. */
const LATIN_EXTRA: Record<string, string> = {
  ı: 'i',
  ə: 'a',
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ł: 'l',
  þ: 'th',
  ð: 'd',
  ŋ: 'n',
};

const TABLES = [CYRILLIC, GREEK, ARMENIAN, GEORGIAN, ARABIC, LATIN_EXTRA];
const TABLE: Map<string, string> = new Map(TABLES.flatMap((t) => Object.entries(t)));

/**
 * Turkish and Azerbaijani spell /dʒ/ as c, /tʃ/ as ç and /ʃ/ as ş; once marks are folded those
 * would read as English c/c/s. Their romanisation here restores the English-press values.
 */
const TURKIC_LATIN: Record<string, string> = { c: 'j', ç: 'ch', ş: 'sh', ğ: '', x: 'kh', q: 'g' };
const TURKIC = new Set(['tr', 'az', 'tk', 'crh', 'gag']);

const variantByTag = new Map<string, RomanizationVariant>();

/**
 * How a language's words are romanised: 0 plainly; 1 Turkish, Azerbaijani or a close relative
 * (Latin-script c = /dʒ/, -asyon); 2 Arabic (clitics); 3 Indonesian and Malay (-asi).
 */
export type RomanizationVariant = 0 | 1 | 2 | 3;

export function romanizationVariant(lang: string | undefined): RomanizationVariant {
  if (lang === undefined) return 0;
  // Called once per word while indexing: memoised per tag (a corpus has a handful of tags).
  let variant = variantByTag.get(lang);
  if (variant === undefined) {
    const dash = lang.search(/[-_]/);
    const primary = (dash < 0 ? lang : lang.slice(0, dash)).toLowerCase();
    variant = TURKIC.has(primary) ? 1 : primary === 'ar' ? 2 : primary === 'id' || primary === 'ms' ? 3 : 0;
    if (variantByTag.size < 1000) variantByTag.set(lang, variant);
  }
  return variant;
}

/**
 * Arabic writes the article and the clitics before it as part of the word: "الأرمنية" (al-armaniya,
 * "the Armenian"), "والأرمنية" (wa-l-, "and the"), "للسلام" (li-l-, "for the"). Romanised whole, the
 * word's skeleton starts with L and meets no translation of it ("Armenian" ARMN against ALRMN). Only
 * the article forms are cut: a bare و, ف, ب, ل or ك also begins many words ("وزير", minister;
 * "بريطانيا", Britain), and Persian and Urdu words beginning with ال are not articles ("الیکشن",
 * election), hence Arabic only. At least three letters must remain.
 */
const ARABIC_ARTICLE = /^[وف]?(?:[بكل]?ال|لل)(?=.{3})/u;

/**
 * The Latin -tio nouns in Cyrillic ("операция", "позиции", "национальный") write ц where English
 * writes t ("operation", "positions", "national"); romanised as ts they missed their translation on
 * the 4th consonant. Only before the endings of that family (-ция, -ции, -цию, -цией, -ций, -цион-):
 * ц before other letters is a ts ("Цхинвали") or an English c ("специальный", "special").
 */
const CYRILLIC_TIO = /ц(?=и[яиюйео])/gu;

/**
 * The same nouns in Turkish (-asyon: "operasyon") and Azerbaijani (-asiya: "operasiya"), and in
 * Indonesian and Malay at the end of a word (-asi, -asinya: "operasi", "situasinya").
 */
const TURKIC_ATION = /(?<=\p{L}{2})as(?=yon|iya)/gu;
const MALAY_ATION = /(?<=\p{L}{2})as(?=i$|inya$)/u;

const DOUBLED_WAW = /\u0648\u0648/g;

/** ASCII romanisation of one key; characters of other scripts (Han, Devanagari...) are dropped. */
export function romanize(key: string, lang?: string): string {
  const variant = romanizationVariant(lang);
  const turkic = variant === 1;
  if (variant === 2) key = key.replace(ARABIC_ARTICLE, '');
  else if (key.includes('ц')) key = key.replace(CYRILLIC_TIO, 'т');
  // One waw is a consonant (w, v) or a long vowel (u, o), never both: a doubled one is the consonant
  // and then the vowel. "تووز" is Tovuz, "داوود" Dawud (David); read as two vowels, both lost their v/w.
  if (key.includes('\u0648\u0648')) key = key.replace(DOUBLED_WAW, 'wu');
  if (turkic) key = key.replace(TURKIC_ATION, 'at');
  else if (variant === 3) key = key.replace(MALAY_ATION, 'at');
  let out = '';
  // Turkish keys reach us with ç/ş already folded to c/s by normalizeToken; the raw key is not
  // available here, so only the letters that survive folding (c, ğ→g is lost) can be re-read.
  for (const ch of key) {
    if (ch >= 'a' && ch <= 'z') {
      out += turkic && ch in TURKIC_LATIN ? TURKIC_LATIN[ch]! : ch;
      continue;
    }
    if (ch >= '0' && ch <= '9') {
      out += ch;
      continue;
    }
    const mapped = TABLE.get(ch);
    if (mapped !== undefined) out += mapped;
  }
  return out;
}
