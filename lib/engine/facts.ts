/**
 * Facts beside shared wording: the figures, dates, times, years and names that tell one templated
 * statement from the next. Official language is formulaic: the 14 March report and the 9 March one
 * share most of their words ("… were subjected to fire 23 times …") and differ in their facts. Facts
 * that agree are evidence that this statement is the source; facts that differ next to the same
 * wording are evidence that it is another statement of the same family.
 *
 * Facts are read from the text alone: digits, CLDR month names (concepts.ts, many languages) and
 * capitalised words that do not open a sentence and are not among the language's common words
 * (common-words.ts). No list of any issuer's places or weapons.
 */
import { conceptOf } from './cross-language/concepts.ts';
import { isCommonWord } from './common-words.ts';
import type { TokenStream } from './tokenize.ts';
import type { FactKind, FactPair } from './types.ts';

export interface Fact {
  kind: FactKind;
  /** Comparable value: "23", "21:30", "M:3/14", "2023", a name's matching key. */
  value: string;
  /** As the text writes it. */
  text: string;
  /** Token index of the fact's first word. */
  token: number;
}

/** Words of context read on each side of an aligned piece, within its sentence. */
export const FACT_WINDOW_WORDS = 6;

const NUMBER = /^\d+(?:[.,]\d+)*$/;
const SENTENCE_BREAK = /[.!?…。！？]\s|[\n\r]/;

function isNumber(key: string): boolean {
  return NUMBER.test(key);
}

/** The text between tokens i − 1 and i, without invisible format characters (a zero-width space). */
function between(t: TokenStream, i: number): string {
  const gap = t.text.slice(t.ends[i - 1]!, t.starts[i]!);
  return INVISIBLE.test(gap) ? gap.replace(INVISIBLE_ALL, '') : gap;
}
const INVISIBLE = /\p{Cf}/u;
const INVISIBLE_ALL = /\p{Cf}/gu;

/** True when token i opens a sentence (or the text), where a capital says nothing about a name. */
function opensSentence(t: TokenStream, i: number): boolean {
  if (i === 0) return true;
  const gap = between(t, i);
  // A sentence end before it, or an opening quotation mark: a quote's first word is capitalised too.
  return /[\n\r]/.test(gap) || /[.!?…:;。！？]["'“”«»„)\]]*\s*["'“”«»„(—–-]*\s*$/.test(gap) || /["“«„‘]\s*$/.test(gap);
}

function monthOf(t: TokenStream, i: number): string | undefined {
  if (i < 0 || i >= t.keys.length) return undefined;
  const c = conceptOf(t.keys[i]!);
  return c?.startsWith('M:') ? c : undefined;
}

/**
 * The fact that starts at token i, read with the whole text around it, or null. A day number next to
 * a month name is a date ("13–14 March" gives two); two numbers joined by ":" a time; a four-digit
 * number from 1900 to 2099 a year; any other number a figure; a capitalised word that does not open
 * a sentence and is not a common word of the language a name. The second number of a time is no fact
 * of its own.
 */
function factAt(t: TokenStream, i: number, lang: string | undefined): Fact | null {
  const key = t.keys[i]!;
  if (isNumber(key)) {
    if (i > 0 && key.length <= 2 && isNumber(t.keys[i - 1]!) && t.keys[i - 1]!.length <= 2 && between(t, i) === ':') return null;
    if (i + 1 < t.keys.length && key.length <= 2 && isNumber(t.keys[i + 1]!) && between(t, i + 1) === ':') {
      return { kind: 'time', value: `${Number(key)}:${t.keys[i + 1]}`, text: t.text.slice(t.starts[i]!, t.ends[i + 1]!), token: i };
    }
    const n = Number(key);
    if (/^\d{1,2}$/.test(key) && n >= 1 && n <= 31) {
      // "8 March", "March 8", and the first day of a range "13–14 March".
      const month = monthOf(t, i + 1) ?? monthOf(t, i - 1) ?? (isNumber(t.keys[i + 1] ?? '') ? monthOf(t, i + 2) : undefined);
      if (month) return { kind: 'date', value: `${month}/${n}`, text: asWritten(t, i), token: i };
    }
    if (/^(19|20)\d\d$/.test(key)) return { kind: 'year', value: key, text: asWritten(t, i), token: i };
    return { kind: 'number', value: key.replace(/,/g, ''), text: asWritten(t, i), token: i };
  }
  // A capitalised common word ("Regarding", "Minister", "Friday" in a heading or a title) is no name.
  if (isNameWord(t, i, lang) && !isCommonWord(key, lang) && !titleCaseLines(t)[i]) {
    return { kind: 'name', value: key, text: asWritten(t, i), token: i };
  }
  return null;
}

/** Token i as written, sliced only for a fact (most words are none). */
function asWritten(t: TokenStream, i: number): string {
  return t.text.slice(t.starts[i]!, t.ends[i]!);
}

/** Languages that capitalise every noun: there, a capital alone does not make a name. */
const CAPITALISES_NOUNS = new Set(['de', 'lb']);

/**
 * True when token i reads as part of a proper name: capitalised in mid-sentence (in German and
 * Luxembourgish, where every noun is, also not a common word). Wider than a name fact: "National
 * Computer Virus Emergency Response Center" is one name of common words.
 */
export function isNameWord(t: TokenStream, i: number, lang: string | undefined): boolean {
  let byLang = nameWordCache.get(t);
  if (!byLang) nameWordCache.set(t, (byLang = new Map()));
  let marks = byLang.get(lang ?? '');
  if (!marks) byLang.set(lang ?? '', (marks = new Int8Array(t.keys.length).fill(-1)));
  let mark = marks[i]!;
  if (mark < 0) {
    const key = t.keys[i]!;
    mark = marks[i] =
      capitalised(t, i) && [...key].length > 1 && !opensSentence(t, i) && !monthOf(t, i) && (!CAPITALISES_NOUNS.has(lang ?? '') || !isCommonWord(key, lang))
        ? 1
        : 0;
  }
  return mark === 1;
}
/** Per text and language, per token: 1 a name word, 0 not, −1 not read yet (isNameWord runs per aligned word of every candidate). */
const nameWordCache = new WeakMap<TokenStream, Map<string, Int8Array>>();

/** True when token i starts with an upper-case letter (one with a lower-case form). */
function capitalised(t: TokenStream, i: number): boolean {
  const code = t.text.charCodeAt(t.starts[i]!);
  // ASCII without a string per word: only A-Z changes under toLowerCase and not under toUpperCase.
  if (code < 128) return code >= 65 && code <= 90;
  const ch = String.fromCodePoint(t.text.codePointAt(t.starts[i]!)!);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** A line whose longer words are at least this share capitalised is set in title case. */
const TITLE_CASE_SHARE = 0.6;
const titleCaseCache = new WeakMap<TokenStream, Uint8Array>();

/**
 * Per token, 1 when it lies on a line set in title case ("No: 47, Regarding the Terrorist Attack in
 * Moscow", "Republic Of Türkiye Ministry Of Foreign Affairs"): there a capital marks the heading, not
 * a name, and "Regarding" or "Attack" must not read as a name the article lacks (dev: A082 against
 * S17). Lines of at least three words of four or more letters are judged; sentence case is not.
 */
function titleCaseLines(t: TokenStream): Uint8Array {
  let marks = titleCaseCache.get(t);
  if (marks) return marks;
  marks = new Uint8Array(t.keys.length);
  let lineStart = 0;
  let long = 0;
  let capitals = 0;
  for (let i = 0; i <= t.keys.length; i++) {
    if (i === t.keys.length || (i > 0 && breaksLine(t, i))) {
      if (long >= 3 && capitals >= TITLE_CASE_SHARE * long) marks.fill(1, lineStart, i);
      lineStart = i;
      long = 0;
      capitals = 0;
      continue; // a line's first word is capitalised in any case
    }
    if (i === lineStart || t.keys[i]!.length < 4) continue;
    long++;
    if (capitalised(t, i)) capitals++;
  }
  titleCaseCache.set(t, marks);
  return marks;
}

/** True when a line break separates token i from the one before it. */
function breaksLine(t: TokenStream, i: number): boolean {
  for (let c = t.ends[i - 1]!; c < t.starts[i]!; c++) {
    const code = t.text.charCodeAt(c);
    if (code === 10 || code === 13) return true;
  }
  return false;
}

/**
 * Facts per token, read once per text: an article is compared with every candidate statement, each
 * time around other pieces of it.
 */
const factCache = new WeakMap<TokenStream, Map<string, Array<Fact | null | undefined>>>();

/** The facts of tokens [from, to) (see factAt). */
export function factsIn(t: TokenStream, from: number, to: number, lang?: string): Fact[] {
  let byLang = factCache.get(t);
  if (!byLang) factCache.set(t, (byLang = new Map()));
  let facts = byLang.get(lang ?? '');
  if (!facts) byLang.set(lang ?? '', (facts = new Array(t.keys.length)));
  const out: Fact[] = [];
  for (let i = from; i < to; i++) {
    let f = facts[i];
    if (f === undefined) facts[i] = f = factAt(t, i, lang);
    if (f) out.push(f);
  }
  return out;
}

/** The token range [from, to) widened by up to `words` on each side without crossing a sentence end. */
export function sentenceWindow(t: TokenStream, from: number, to: number, words = FACT_WINDOW_WORDS): [number, number] {
  let a = from;
  while (a > 0 && from - a < words && !SENTENCE_BREAK.test(between(t, a) + ' ')) a--;
  let b = to;
  while (b < t.keys.length && b - to < words && !SENTENCE_BREAK.test(between(t, b) + ' ')) b++;
  return [a, b];
}

export interface FactComparison {
  agree: Fact[];
  /** Per kind, the article's and the statement's facts that the other side lacks. */
  differ: Array<{ kind: FactKind; article: Fact[]; statement: Fact[] }>;
}

/**
 * Compares the facts of the article's and the statement's windows around aligned pieces. A kind
 * differs when both sides hold facts of it that the other lacks ("19 times" vs "23 times"); a fact
 * present on one side only is no disagreement (an article adds context, a statement says more).
 */
export function compareFacts(articleFacts: readonly Fact[], statementFacts: readonly Fact[]): FactComparison {
  const sValues = new Set(statementFacts.map((f) => `${f.kind}\u0000${f.value}`));
  const aValues = new Set(articleFacts.map((f) => `${f.kind}\u0000${f.value}`));
  const agree: Fact[] = [];
  const seenAgree = new Set<string>();
  for (const f of articleFacts) {
    const k = `${f.kind}\u0000${f.value}`;
    if (sValues.has(k) && !seenAgree.has(k)) {
      seenAgree.add(k);
      agree.push(f);
    }
  }
  const differ: FactComparison['differ'] = [];
  for (const kind of ['date', 'time', 'number', 'year', 'name'] as const) {
    const onlyA = uniqueByValue(articleFacts.filter((f) => f.kind === kind && !sValues.has(`${kind}\u0000${f.value}`)));
    const onlyS = uniqueByValue(statementFacts.filter((f) => f.kind === kind && !aValues.has(`${kind}\u0000${f.value}`)));
    if (onlyA.length && onlyS.length) differ.push({ kind, article: onlyA, statement: onlyS });
  }
  return { agree, differ };
}

/** Leading characters two spellings of one name share: "Zelenskiy" / "Zelenskyy", "Ukraine" / "Ukrainian". */
const NAME_STEM = 6;

/** True when a word of `t` has the name's first {@link NAME_STEM} characters (or is the name, if shorter). */
function holdsName(t: TokenStream, name: string): boolean {
  const stem = [...name].slice(0, NAME_STEM).join('');
  if ([...stem].length < NAME_STEM) return t.keys.includes(stem);
  return t.keys.some((k) => k.startsWith(stem));
}

/**
 * Names differ only where neither text names the other's anywhere: windows are a few words wide, and
 * the article's "Zelenskiy" beside the statement's "Ukrainian" is no disagreement when the statement
 * names Zelenskyy a line away and the article says "Ukrainian" too (dev: F-A038 against F-S11).
 * Figures and dates keep the window: the same count in another sentence is another count.
 */
export function withNamesCheckedInFull(c: FactComparison, article: TokenStream, statement: TokenStream): FactComparison {
  const i = c.differ.findIndex((d) => d.kind === 'name');
  if (i < 0) return c;
  const absentFrom = (t: TokenStream) => (f: Fact) => !holdsName(t, f.value);
  const d = c.differ[i]!;
  const onlyArticle = d.article.filter(absentFrom(statement));
  const onlyStatement = d.statement.filter(absentFrom(article));
  const differ = c.differ.filter((x) => x !== d);
  if (onlyArticle.length && onlyStatement.length) differ.splice(i, 0, { kind: 'name', article: onlyArticle, statement: onlyStatement });
  return { agree: c.agree, differ };
}

function uniqueByValue(facts: Fact[]): Fact[] {
  const seen = new Set<string>();
  return facts.filter((f) => !seen.has(f.value) && seen.add(f.value));
}

/** The comparison as the reader sees it: one pair per differing kind, one per agreeing fact. */
export function factPairs(c: FactComparison): { agree: FactPair[]; differ: FactPair[] } {
  return {
    agree: c.agree.map((f) => ({ kind: f.kind, article: f.text, statement: f.text })),
    differ: c.differ.map((d) => ({
      kind: d.kind,
      article: d.article.map((f) => f.text).join(', '),
      statement: d.statement.map((f) => f.text).join(', '),
    })),
  };
}
