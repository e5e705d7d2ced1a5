/**
 * Whether the article credits someone for words it copies outside quotation marks.
 *
 * "Copied without attribution" is an accusation: the article presents the statement's words as its
 * own. It is not one when the article says whose words they are, in reported speech rather than in
 * quotation marks: "…, the ministry said", "According to the readout, …", "Azerbaijan's Defense
 * Ministry said" earlier in the paragraph, "Secretary Blinken released the following statement:"
 * as the dateline. So a copied passage is credited when
 * - its sentence holds a speech clause (speakers.ts) of the article's own words, whoever it names (the
 *   sentence is reported speech; the card says whether that is the statement's speaker);
 * - its paragraph, or the article's dateline (its first paragraph after the headline), holds one that
 *   names the statement's speaker or issuer, or the statement itself ("the statement said", "issued
 *   the following statement").
 * A clause whose speech verb lies inside text copied from the statement is the statement's own
 * wording, not the article's credit: a State Department readout says "Secretary Blinken emphasized
 * …", and an outlet that copies that sentence credits nobody (dev A027, labelled
 * near_verbatim_unattributed).
 *
 * Works on the canonical text (canonical-text.ts), so a disguised "sаid" credits like "said".
 */
import { isCommonWord } from './common-words.ts';
import { normalizeToken } from './normalize.ts';
import { toCanonical, type CanonicalText } from './canonical-text.ts';
import { paragraphs } from './quotes.ts';
import { findSpeechClauses, isDocumentMention, sameSpeaker, type PersonMention, type SpeechClause } from './speakers.ts';

export interface Credit {
  /** Who the article credits, as it names them (resolved to the fullest mention). */
  speaker?: string;
  /** Whether that is the statement's speaker or issuer; absent when unknown. */
  matches?: boolean;
}

export interface StatementAuthor {
  speaker?: string;
  issuer?: string;
  /** The statement's title: a readout's names its people ("Secretary Blinken’s Call with … Aliyev"). */
  title?: string;
  lang?: string;
}

/**
 * The source document named as such: "X released/issued the following statement", "X said in a
 * statement", "The following press release was published by the Office of the Spokesperson",
 * "It is reproduced in full below".
 */
const DOCUMENT_CREDIT =
  /(?<![\p{L}])(?:(?:released|issued|published|posted|put\s+out|said\s+in|says\s+in|according\s+to|in)\s+(?:the\s+following|a|an|its|this|the|their|his|her)\s+(?:[\p{L}-]+\s+){0,2}?(?:statement|readout|press\s+release|release|communiqu[eé]|briefing)|the\s+following\s+(?:[\p{L}-]+\s+){0,2}?(?:statement|readout|press\s+release|release|communiqu[eé])|(?:published|issued|released)\s+by\s+the\s+\p{Lu}|reproduced\s+in\s+full)(?![\p{L}])/giu;

/**
 * Words one of which every DOCUMENT_CREDIT match holds (its nouns, "by the", "reproduced"), with the
 * same flags: a scope without any is not searched with the full pattern, whose lookbehind and
 * alternatives are tried at every position (a scope is read for most copied pieces of most candidates).
 */
const DOCUMENT_CREDIT_WORD = /statement|readout|release|communiqu|briefing|by\s+the|reproduced/iu;

/**
 * How far from the copied words (characters, each side) a sentence or paragraph is read for a
 * credit, and how much of the dateline. Real paragraphs are shorter; text that lost its paragraph
 * breaks (a page extracted as one block, the Senate releases) would otherwise be read whole for every
 * copied passage: a 9,000-character block cost 2-5 ms a check, most of the Node bench's budget. The
 * quote rule reads 300 characters (speakers.ts, NEAREST_CLAUSE_WINDOW).
 */
const CREDIT_WINDOW = 400;

/** A first paragraph shorter than this is a byline, date or kicker, not the dateline. */
const DATELINE_MIN_WORDS = 6;

/** Sentence ends on the canonical text: a final mark and white space before a capital, digit or quote, or a line break. */
const SENTENCE_END = /[.!?\u3002\uFF01\uFF1F][)"'\u201D\u2019\u00BB]*\s+(?=[\p{Lu}\p{N}"'\u201C\u2018\u00AB])|\n+/gu;

export class ArticleCredits {
  private readonly paras: Array<{ start: number; end: number }>;
  private readonly sentenceStarts: number[];
  private readonly dateline?: { start: number; end: number };
  /** Clauses and document credits per scope, found on first use: most checks read a few paragraphs. */
  private readonly scopeCache = new Map<string, { clauses: SpeechClause[]; documents: Array<[number, number]> }>();
  /** The article's speech clauses, found on first use. */
  private clauses?: SpeechClause[];
  /** Copied ranges in canonical offsets, per list asked with (canonicalRanges). */
  private readonly converted = new WeakMap<ReadonlyArray<readonly [number, number]>, ReadonlyArray<readonly [number, number]>>();

  /**
   * @param canonical the article's canonical text
   * @param people    named people of the article (speakers.ts findPersonMentions on the same text),
   *                  computed only if a scope read holds a speech clause
   * @param title     the article's headline: a first paragraph that repeats it is not the dateline
   */
  constructor(
    private readonly canonical: CanonicalText,
    private readonly people: () => readonly PersonMention[],
    title?: string,
  ) {
    const text = canonical.text;
    this.paras = paragraphs(text);
    this.sentenceStarts = [0];
    SENTENCE_END.lastIndex = 0;
    for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) this.sentenceStarts.push(m.index + m[0].length);
    // The dateline: the first paragraph of the body among the first four, past the headline, the byline
    // and a date line ("May 25, 2022 - 13:47 AMT").
    this.dateline = this.paras.slice(0, 4).find((p) => {
      const words = text.slice(p.start, p.end);
      return hasWords(words, DATELINE_MIN_WORDS) && !(title && sameWords(words, title));
    });
  }

  private scope(start: number, end: number): { clauses: SpeechClause[]; documents: Array<[number, number]> } {
    const key = `${start}:${end}`;
    let found = this.scopeCache.get(key);
    if (!found) {
      const text = this.canonical.text;
      const documents: Array<[number, number]> = [];
      const slice = text.slice(start, end);
      DOCUMENT_CREDIT.lastIndex = 0;
      if (DOCUMENT_CREDIT_WORD.test(slice))
        for (let m = DOCUMENT_CREDIT.exec(slice); m; m = DOCUMENT_CREDIT.exec(slice)) documents.push([start + m.index, start + m.index + m[0].length]);
      // A clause is found by its verb, wherever its subject lies (speakers.ts scanClauses): the scope's are
      // the article's whose verb starts in it. Scanned once per article, not once per scope of each
      // copied piece of each candidate (a fifth of a check's time in the Node bench).
      this.clauses ??= findSpeechClauses(text, this.people);
      found = { clauses: this.clauses.filter((c) => c.verb[0] >= start && c.verb[0] < end), documents };
      this.scopeCache.set(key, found);
    }
    return found;
  }

  /**
   * The credit for the article words [start, end) (original offsets), copied from a statement by
   * `author`; `copied` are all the article ranges copied from that statement (original offsets):
   * clauses inside them are the statement's wording. Undefined: nobody is credited.
   */
  creditFor(start: number, end: number, author: StatementAuthor, copied: ReadonlyArray<readonly [number, number]>): Credit | undefined {
    const s = toCanonical(this.canonical, start);
    const e = toCanonical(this.canonical, end);
    const own = this.canonicalRanges(copied);
    const inCopied = (x: number, y: number) => own.some(([a, b]) => x < b && y > a);
    const sentence = this.sentenceAround(s, e);
    const para = this.paras.find((p) => p.start <= s && e <= p.end + 1) ?? { start: s, end: e };
    const near = (r: { start: number; end: number }, anyone: boolean) => ({
      start: Math.max(r.start, s - CREDIT_WINDOW),
      end: Math.min(r.end, e + CREDIT_WINDOW),
      anyone,
    });
    const scopes: Array<{ start: number; end: number; anyone: boolean; dateline?: boolean }> = [near(sentence, true), near(para, false)];
    if (this.dateline)
      scopes.push({ start: this.dateline.start, end: Math.min(this.dateline.end, this.dateline.start + 2 * CREDIT_WINDOW), anyone: false, dateline: true });
    let fallback: Credit | undefined;
    for (const scope of scopes) {
      const inScope = (x: number, y: number) => x >= scope.start && y <= scope.end && !inCopied(x, y);
      const { clauses: all, documents } = this.scope(scope.start, scope.end);
      const clauses = all.filter((c) => inScope(c.verb[0], c.verb[1])).sort((a, b) => distance(a.verb, s, e) - distance(b.verb, s, e));
      for (const c of clauses) {
        // "the statement said": the statement itself; no speaker line names it.
        const speaker = isDocumentMention(c.speaker) ? undefined : c.speaker;
        const matches = isDocumentMention(c.mention) ? true : sameSpeaker(c.speaker, author.speaker, author.issuer);
        if (matches === true) return speaker ? { speaker, matches } : { matches };
        if (scope.anyone && !fallback) fallback = matches === undefined ? { speaker } : { speaker, matches };
      }
      // "… issued the following statement" credits this statement when it is near the copy, or, in the
      // dateline, when the dateline names this statement's author: an article drawing on several
      // statements opens with one of them, and its dateline credits that one, not the others.
      const documentCredit = documents.some(([x, y]) => inScope(x, y));
      if (documentCredit && (!scope.dateline || namesAuthor(this.canonical.text.slice(scope.start, scope.end), author))) return fallback ?? { matches: true };
      if (fallback) return fallback;
    }
    return undefined;
  }

  /**
   * `copied` in canonical offsets, once per array: a statement's pieces are all asked about with the
   * same list of its copied ranges (classify.ts attributeCopies), and converting it for each piece
   * made a long document's credit reading quadratic in its pieces.
   */
  private canonicalRanges(copied: ReadonlyArray<readonly [number, number]>): ReadonlyArray<readonly [number, number]> {
    let own = this.converted.get(copied);
    if (!own) {
      own = copied.map(([a, b]) => [toCanonical(this.canonical, a), toCanonical(this.canonical, b)] as const);
      this.converted.set(copied, own);
    }
    return own;
  }

  /** [start, end) of the sentence(s) holding [s, e). */
  private sentenceAround(s: number, e: number): { start: number; end: number } {
    const starts = this.sentenceStarts;
    // The last sentence starting at or before s (starts ascend from 0), by bisection: a long article
    // has hundreds of sentences and a long document's check asks for thousands of copied pieces.
    let i = 0;
    let hi = starts.length - 1;
    while (i < hi) {
      const mid = (i + hi + 1) >> 1;
      if (starts[mid]! <= s) i = mid;
      else hi = mid - 1;
    }
    let j = i + 1;
    while (j < starts.length && starts[j]! < e) j++;
    return { start: starts[i]!, end: j < starts.length ? starts[j]! : this.canonical.text.length };
  }
}

/**
 * Whether `text` holds at least `count` words of two letters or more, counted only until
 * there are enough: a page extracted as one block is one paragraph, and listing all its words (or
 * comparing all of them with the headline) cost a tenth of a millisecond a check.
 */
const LETTER_RUN = /\p{L}{2,}/gu;
function hasWords(text: string, count: number): boolean {
  LETTER_RUN.lastIndex = 0;
  let found = 0;
  while (LETTER_RUN.exec(text)) if (++found >= count) return true;
  return false;
}

function distance(range: readonly [number, number], s: number, e: number): number {
  return range[1] <= s ? s - range[1] : range[0] >= e ? range[0] - e : 0;
}

function sameWords(a: string, b: string): boolean {
  const words = (x: string) =>
    x
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .join(' ');
  return words(a) === words(b);
}

/** Words of an issuer's or speaker's name that say nothing about which one it is. */
const GENERIC_NAME_WORDS = new Set([
  'the',
  'of',
  'for',
  'and',
  'on',
  'u.s',
  'us',
  'united',
  'states',
  'ministry',
  'department',
  'office',
  'government',
  'press',
  'service',
  'spokesperson',
  'spokesman',
  'spokeswoman',
  'secretary',
  'minister',
  'senator',
  'sen',
  'president',
  'house',
  'affairs',
  'foreign',
  'defense',
  'defence',
  'state',
  'national',
  'republic',
  'general',
  'official',
  'embassy',
]);

/**
 * Whether a text names a statement's author: one of the distinctive words of its speaker or issuer
 * ("Armenia" of "Ministry of Foreign Affairs of Armenia", "Burr" of "Richard Burr"), whole, in any
 * case or form that starts with it ("Armenia's").
 */
function namesAuthor(text: string, author: StatementAuthor): boolean {
  // The names in the title too: an article may credit the person a readout is about ("Secretary
  // Blinken released the following statement" over the Department's readout of his call). A title's
  // common words ("Call", "Statement") name nobody.
  const titleNames = (author.title ?? '')
    .split(/[^\p{L}\p{N}.]+/u)
    .filter((w) => /^\p{Lu}/u.test(w) && !isCommonWord(normalizeToken(w.replace(/’s$|'s$/u, '')), author.lang));
  const words = [author.speaker, author.issuer, ...titleNames]
    .flatMap((name) => (name ?? '').split(/[^\p{L}\p{N}.]+/u))
    .map((w) => w.toLowerCase().replace(/\.$/, ''))
    .filter((w) => w.length >= 3 && !GENERIC_NAME_WORDS.has(w));
  const lower = text.toLowerCase();
  // An office named in full, though every word of it is generic ("the Office of the Spokesperson" of
  // "U.S. Department of State (Office of the Spokesperson)"); three words at least, as "U.S. Senator"
  // of "U.S. Senator (Akaka) press office" names every senator.
  const offices = (author.issuer ?? '')
    .split(/[(),;]/)
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part.split(/\s+/).length >= 3);
  if (offices.some((office) => lower.includes(office))) return true;
  if (!words.length) return false;
  return words.some((w) => new RegExp(`(?<![\\p{L}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u').test(lower));
}
