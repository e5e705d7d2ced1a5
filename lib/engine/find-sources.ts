/**
 * findSources: the engine's entry point. Retrieval on the index → load the candidates' texts through
 * the caller's callback → align, classify, find paraphrases, score → keep what clears the threshold.
 * Pure apart from the injected loader and clock: no DOM, no storage, no globals.
 *
 * Over 400 lines: the steps of one check share its state (the article's tokens, quotes, credits and
 * facts); each step's logic lives in its own module, and what stays here is their order and that state.
 */
import { alignTokens, type AlignedRun } from './align.ts';
import { canReach, copiedBound } from './evidence-bound.ts';
import { classifyRuns, quoteOfToken, type ScoredPassage } from './classify.ts';
import { mergePassages } from './merge-passages.ts';
import { GRAM_SIZE, gramHashes } from './fingerprint.ts';
import { findParaphrases, prepareParaphrases, sentenceBags, sharedContentBound, type PreparedStatement, type SentenceBag } from './paraphrase.ts';
import { extractQuotes, quotesOf, toOriginalSpans, type QuoteSpan } from './quotes.ts';
import { canonicalText } from './canonical-text.ts';
import { ArticleCredits } from './credits.ts';
import { groupNearCopies } from './near-copies.ts';
import { candidateLimit, datePrior, retrieveByAnchors, retrieveCandidates, retrieveRecentByAnchors, type Candidate } from './retrieve.ts';
import { anchorStream, matchTranslation, translationScore, type AnchorStream } from './cross-language/match-translation.ts';
import { mergeSources, toArticleSource, usableTranslation } from './cross-language/machine-translation.ts';
import { dayNumber } from './statement-index.ts';
import { primaryLanguage } from './language-tag.ts';
import { dayRange, daysBefore, issuedAfter } from './dates.ts';
import { anchorWeight, uniquenessOf, wordWeight } from './weights.ts';
import { commonWordWeightOf, hasCommonWords } from './common-words.ts';
import { compareFacts, factPairs, factsIn, isNameWord, sentenceWindow, withNamesCheckedInFull, type Fact, type FactComparison } from './facts.ts';
import {
  copiedWeight,
  coverageOf,
  evidenceParts,
  PASSAGE_ALLOWANCE,
  factFactor,
  relationOf,
  scaled,
  scoreFromEvidence,
  SHOW_THRESHOLD,
  staleFactor,
  type Evidence,
} from './score.ts';
import {
  attributeQuote,
  findPersonMentions,
  foldedWords,
  isDocumentMention,
  personAbsentFrom,
  sameSpeaker,
  type Attribution,
  type WordSet,
} from './speakers.ts';
import type { StatementIndex } from './statement-index.ts';
import { matchWords, needsDictionarySegmentation, tokenize, type TokenStream } from './tokenize.ts';
import type { ArticleInput, Passage, SourceMatch, SourceReport, StatementDoc } from './types.ts';

export interface FindSourcesOptions {
  /** Statements aligned per article (default: candidateLimit of the article's length, retrieve.ts). */
  maxCandidates?: number;
  /** Minimum score of a shown source (default SHOW_THRESHOLD). */
  threshold?: number;
  /** Return every aligned candidate with its score, shown or not (eval and threshold tuning). */
  includeBelowThreshold?: boolean;
  /** Report each same-language candidate's raw evidence in `evidence` (calibration fitting). */
  explain?: boolean;
  /** Clock for elapsedMs (default performance.now / Date.now). */
  now?: () => number;
  /** Look for statements in other languages than the article's (default true; needs article.lang). */
  crossLanguage?: boolean;
}

/** Statements in another language aligned per article, on top of maxCandidates. */
export const MAX_TRANSLATION_CANDIDATES = 4;

/** True when article and statement languages are both known and differ (primary subtags). */
export function isCrossLanguage(articleLang: string | undefined, statementLang: string | undefined): boolean {
  if (!articleLang || !statementLang) return false;
  return primaryLanguage(articleLang) !== primaryLanguage(statementLang);
}

/**
 * An n-gram held by more statements than this is a stock phrase: a run made mostly of such n-grams is
 * boilerplate and no passage (classify.ts). A fixed count, not a share of the corpus: with a share,
 * adding statements raised the bar and let formulas back in (weights.ts on non-inflation). Formulas
 * of fewer statements are weighed by their uniqueness (weights.ts uniquenessOf).
 */
export const FORMULA_GRAM_DF = 4;

const defaultNow = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Finds the statements an article draws on: directly, and, when the article comes with a machine
 * translation made on the user's machine, also through it (cross-language/machine-translation.ts).
 */
export async function findSources(
  article: ArticleInput,
  index: StatementIndex,
  loadStatements: (ids: string[]) => Promise<StatementDoc[]>,
  options: FindSourcesOptions = {},
): Promise<SourceReport> {
  const now = options.now ?? defaultNow;
  const t0 = now();
  const direct = await findSourcesIn(article, index, loadStatements, options);
  const translation = options.crossLanguage === false ? undefined : usableTranslation(article);
  if (!translation) return direct;
  const langOf = new Map<string, string>();
  const noteLanguages = async (ids: string[]) => {
    const docs = await loadStatements(ids);
    for (const d of docs) langOf.set(d.id, d.lang ?? '');
    return docs;
  };
  // Unmerged: toArticleSource restates the translation's passages one article sentence at a time.
  const translated = await findSourcesIn(
    { text: translation.text, lang: translation.lang, date: article.date },
    index,
    noteLanguages,
    {
      ...options,
      crossLanguage: false,
    },
    false,
  );
  const found: SourceMatch[] = [];
  for (const source of translated.sources) {
    // A statement in the article's own language was the direct path's to find.
    const lang = langOf.get(source.statementId) ?? '';
    if (lang && !isCrossLanguage(article.lang, lang)) continue;
    const restated = toArticleSource(source, translation, article.text.length, lang || undefined);
    if (restated) found.push(restated);
  }
  return { ...direct, sources: mergeSources(direct.sources, found), elapsedMs: now() - t0 };
}

async function findSourcesIn(
  article: ArticleInput,
  index: StatementIndex,
  loadStatements: (ids: string[]) => Promise<StatementDoc[]>,
  options: FindSourcesOptions,
  merge = true,
): Promise<SourceReport> {
  const now = options.now ?? defaultNow;
  const t0 = now();
  const text = article.text ?? '';
  const tokens = tokenize(text, article.lang);
  const candidates = retrieveCandidates(tokens, index, {
    maxCandidates: options.maxCandidates ?? candidateLimit(tokens.keys.length),
    articleDate: article.date,
  });
  // Cross-language candidates come from their own retrieval: a translation shares anchors (names,
  // numbers), not words. Only those in another language than the article are kept below.
  const articleLang = options.crossLanguage === false ? undefined : article.lang;
  // Statements of unknown language stay in: their texts decide after loading.
  const otherTag = (tag: string) => tag === '' || isCrossLanguage(articleLang, tag);
  let anchors: AnchorStream | undefined;
  let translationCandidates: Candidate[] = [];
  // An index holding no statement that could be in another language (a one-language corpus) cannot
  // give any: its anchor postings would be visited only to turn every slot down.
  if (articleLang && [...index.languageCounts().keys()].some(otherTag)) {
    anchors = anchorStream(tokens, articleLang);
    const seen = new Set(candidates.map((c) => c.slot));
    // Memoised per tag: this runs for every slot an anchor's postings visit.
    const otherByTag = new Map<string, boolean>();
    const otherLanguage = (slot: number) => {
      if (seen.has(slot)) return false;
      const tag = index.langOf(slot);
      let other = otherByTag.get(tag);
      if (other === undefined) otherByTag.set(tag, (other = otherTag(tag)));
      return other;
    };
    translationCandidates = retrieveByAnchors(anchors, index, {
      maxCandidates: MAX_TRANSLATION_CANDIDATES,
      articleDate: article.date,
      acceptSlot: otherLanguage,
    });
    translationCandidates.push(...retrieveRecentByAnchors(anchors, index, article.date, translationCandidates, otherLanguage));
  }
  if (!candidates.length && !translationCandidates.length) return { sources: [], articleChars: text.length, elapsedMs: now() - t0 };
  const all = [...candidates.map((c) => ({ c, byAnchors: false })), ...translationCandidates.map((c) => ({ c, byAnchors: true }))];
  const ids = all.map(({ c }) => index.idOf(c.slot));
  // The best candidate is read on its own and the others together, so that its alignment (usually
  // the longest) runs while the store reads the rest: in the worker, IndexedDB reads happen outside
  // the thread, and at 100,000 statements a read of 8 texts took 5-15 ms, as long as the alignments
  // it used to precede. Two reads, not one per candidate: each read has a fixed cost on the thread.
  const firstRead = loadStatements(ids.slice(0, 1));
  const restRead = ids.length > 1 ? loadStatements(ids.slice(1)) : Promise.resolve([]);
  // Kept from being reported as unhandled while the first candidate is aligned; awaited below.
  restRead.catch(() => undefined);
  const analysis = analyseArticle(text, article.title);
  const byId = new Map((await firstRead).map((d) => [d.id, d]));
  const gramDf = (g: number) => index.lookupGram(g);
  const isStopGram = (g: number) => gramDf(g) > FORMULA_GRAM_DF;
  const wordLang = primaryLanguage(article.lang ?? 'en');
  // The language's frequency list where there is one; the corpus's document frequencies otherwise.
  // Memoised per text: the article's words are weighed for every candidate, each many times. In
  // 64-bit floats, as computed: a 32-bit memo answered a word's first read unrounded and later reads
  // rounded, so a sum of weights depended on which step had read the word first (two releases with the
  // same passage could tie or not, and be grouped as near copies or not).
  const listed = hasCommonWords(wordLang);
  const weightsOf = new WeakMap<TokenStream, Float64Array>();
  const weightOf = (t: TokenStream) => {
    let w = weightsOf.get(t);
    if (!w) weightsOf.set(t, (w = new Float64Array(t.keys.length).fill(-1)));
    const weights = w;
    return (i: number) => {
      let x = weights[i]!;
      if (x < 0) weights[i] = x = listed ? commonWordWeightOf(t.keys[i]!, t.hashes[i]!, wordLang) : wordWeight(index.wordDf(t.hashes[i]!));
      return x;
    };
  };
  const articleDays = dayRange(article.date);
  /** A fact's document frequency: the article word it starts at (facts are compared on the article's words). */
  const factDf = (f: Fact) => index.wordDf(tokens.hashes[f.token]!);

  const threshold = options.threshold ?? SHOW_THRESHOLD;
  const articleBags = () => (analysis.bags ??= sentenceBags(tokens, weightOf(tokens)));
  let sharedContentMax: number | undefined;
  const sharedContentMaxOf = () => (sharedContentMax ??= sharedContentBound(articleBags()));
  const sources: SourceMatch[] = [];
  const rank = new Map<SourceMatch, [score: number, evidence: number]>();
  const piecesOf = new Map<SourceMatch, Passage[]>();
  const translations: SourceMatch[] = [];
  const shownHashes = new Map<string, SourceMatch>();
  /** The index slot of each of `sources`. */
  const shownSlots: number[] = [];
  for (const [position, { c, byAnchors }] of all.entries()) {
    if (position === 1) for (const d of await restRead) byId.set(d.id, d);
    const id = ids[position]!;
    const doc = byId.get(id);
    if (!doc) continue;
    const statementDay = dayNumber(doc.date);
    if (issuedAfter(articleDays, statementDay)) continue; // the time veto (dates.ts)
    const lag = daysBefore(articleDays, statementDay);
    const translated = isCrossLanguage(articleLang, doc.lang);
    if (byAnchors && !translated) continue; // same language: the word retrieval already had its say
    let passages: ScoredPassage[];
    let score: number;
    let evidence: number;
    let facts: FactComparison | undefined;
    let parts: Evidence | undefined;
    const st = tokenize(doc.text, doc.lang);
    if (translated) {
      const m = matchTranslation(
        { tokens, anchors: (anchors ??= anchorStream(tokens, articleLang)) },
        { tokens: st, anchors: anchorStream(st, doc.lang) },
        anchorWeight,
        lag ?? Number.NaN,
        analysis.quotes,
      );
      passages = m.passages;
      // Figures, dates and times read the same in every language; names do not (scripts differ).
      facts = factsAround(passages, tokens, st, wordLang, false);
      score = translationScore(m) * factFactor(facts, factDf);
      evidence = passages.reduce((sum, p) => sum + p.weight, 0);
    } else {
      const runs = alignTokens(tokens, st);
      let prepared: PreparedStatement | undefined;
      if (!options.includeBelowThreshold) {
        // Below the threshold whatever the rest finds: not shown, so not worth finding (evidence-bound.ts).
        const copiedMax = copiedBound(runs, weightOf(tokens), (i) => quoteOfToken(analysis.quotes, tokens, i) >= 0);
        if (!canReach(copiedMax, sharedContentMaxOf(), threshold)) continue;
        prepared = prepareParaphrases(articleBags(), st, weightOf(st), (shared) => canReach(copiedMax, shared, threshold));
        if (!canReach(copiedMax, prepared.sharedBound, threshold)) continue;
      }
      passages = matchStatement(tokens, doc, analysis, isStopGram, weightOf, merge, st, gramDf, wordLang, runs, prepared);
      const leaves = passages.flatMap((p) => p.pieces ?? [p]);
      facts = factsAround(leaves, tokens, st, wordLang);
      parts = scaled(evidenceParts(passages), factFactor(facts, factDf) * staleFactor(lag));
      evidence = parts.copied + parts.reworded;
      score = scoreFromEvidence(parts);
    }
    // Translations are thresholded after they have been compared with each other (below).
    if (!passages.length || (score < threshold && !translated && !options.includeBelowThreshold)) continue;
    const hash = index.hashOf(c.slot);
    const twin = shownHashes.get(hash);
    if (twin) {
      (twin.duplicates ??= []).push(id);
      continue;
    }
    const match: SourceMatch = {
      statementId: id,
      score: round(score),
      relation: relationOf(passages),
      coverage: round(coverageOf(passages, text.length)),
      passages: passages.map(toPublicPassage).sort((x, y) => x.article[0] - y.article[0]),
    };
    if (doc.issuer) match.issuer = doc.issuer;
    if (doc.speaker) match.speaker = doc.speaker;
    if (doc.title) match.title = doc.title;
    if (doc.date) match.date = doc.date;
    if (doc.url) match.url = doc.url;
    if (translated && doc.lang) match.statementLang = doc.lang;
    if (options.explain && parts) match.evidence = parts;
    if (lag !== undefined) match.lagDays = lag;
    if (facts) {
      const pairs = factPairs(facts);
      if (pairs.agree.length) match.factsAgree = pairs.agree;
      if (pairs.differ.length) match.factsDiffer = pairs.differ;
    }
    shownSlots.push(c.slot);
    shownHashes.set(hash, match);
    sources.push(match);
    rank.set(match, [score, evidence]);
    if (translated) translations.push(match);
    // Only compared by range and type (near-copies.ts): no diffs, speakers or parts.
    piecesOf.set(
      match,
      passages.flatMap((p) => p.pieces ?? [p]).map((p) => ({ type: p.type, article: p.article, statement: p.statement })),
    );
  }
  // Other statements with the same text, asked for all sources at once (StatementIndex.duplicatesOfEach);
  // a twin aligned above is already among them.
  index.duplicatesOfEach(shownSlots).forEach((dups, i) => {
    const match = sources[i]!;
    if (dups.length) match.duplicates = match.duplicates ? [...dups, ...match.duplicates] : dups;
  });
  explainAwayTranslations(translations, rank);
  if (!options.includeBelowThreshold) {
    for (let i = sources.length - 1; i >= 0; i--) if (rank.get(sources[i]!)![0] < threshold) sources.splice(i, 1);
  }
  // Ranked by the score before rounding, then by the evidence behind it: two releases that both hold
  // a long quoted passage score 0.998 or more each (the score saturates), and the one holding all of
  // it, not most, must come first (the Node bench at 72k: 3 of its 6 misses were such ties, ranked by
  // retrieval order).
  sources.sort((x, y) => {
    const [xs, xe] = rank.get(x)!;
    const [ys, ye] = rank.get(y)!;
    return ys - xs || ye - xe;
  });
  groupNearCopies(
    sources,
    (s) => rank.get(s)![0],
    (s) => datePrior(articleDays, dayNumber(s.date)),
    (s) => piecesOf.get(s)!,
  );
  for (const s of sources) if (s.duplicates) s.duplicates = [...new Set(s.duplicates)].filter((d) => d !== s.statementId);
  return { sources, articleChars: text.length, elapsedMs: now() - t0 };
}

/** Translations scoring within this of each other are told apart by nothing the engine reads. */
export const TRANSLATION_AMBIGUITY_MARGIN = 0.05;

/**
 * A translation shares names, places and figures with its source, and so do the other statements of
 * one family: four readouts of Blinken–Kuleba calls all match a Russian article on a fifth at 0.67.
 * When several statements in another language match about equally, none is the article's source on
 * that evidence: each keeps 1 / (1 + the number of others within {@link TRANSLATION_AMBIGUITY_MARGIN}).
 * Another statement can only add a competitor, so this cannot inflate a score either.
 */
function explainAwayTranslations(translations: readonly SourceMatch[], rank: Map<SourceMatch, [number, number]>): void {
  const raw = translations.map((m) => rank.get(m)![0]);
  translations.forEach((m, i) => {
    let rivals = 0;
    for (let j = 0; j < raw.length; j++) if (j !== i && raw[j]! >= raw[i]! - TRANSLATION_AMBIGUITY_MARGIN) rivals++;
    if (!rivals) return;
    const score = raw[i]! / (1 + rivals);
    rank.get(m)![0] = score;
    m.score = round(score);
  });
}

function countWords(s: string): number {
  return needsDictionarySegmentation(s) ? tokenize(s).keys.length : matchWords(s).length;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function toPublicPassage(p: ScoredPassage): Passage {
  const out: Passage = { type: p.type, article: p.article, statement: p.statement };
  if (p.speaker) out.speaker = p.speaker;
  if (p.speakerMatches !== undefined) out.speakerMatches = p.speakerMatches;
  const diff = p.diff ?? p.diffOf?.();
  if (diff) out.diff = diff;
  if (p.parts) out.parts = p.parts;
  return out;
}

/** Article-level facts reused for every candidate: quotes, their word counts and speakers. */
export interface ArticleAnalysis {
  quotes: QuoteSpan[];
  quoteWords: number[];
  attribution: (quoteIndex: number) => Attribution;
  /** Who the article credits for words it copies outside quotes (built on first use). */
  credits: () => ArticleCredits;
  /** The article's sentence bags for paraphrase matching (filled on first use). */
  bags?: SentenceBag[];
}

/**
 * Quotes, speakers and credits are read on the article's canonical text (canonical-text.ts: a
 * disguised "sаid" or a full-width ＂ reads as the plain one); quote spans are reported in the
 * original text's offsets.
 */
export function analyseArticle(text: string, title?: string): ArticleAnalysis {
  const canonical = canonicalText(text);
  const spans = quotesOf(canonical.text);
  const quotes = toOriginalSpans(spans, canonical);
  const quoteWords = quotes.map((q) => countWords(text.slice(q.start, q.end)));
  let people: ReturnType<typeof findPersonMentions> | undefined;
  let credits: ArticleCredits | undefined;
  const cache = new Map<number, Attribution>();
  return {
    quotes,
    quoteWords,
    attribution(i) {
      let a = cache.get(i);
      if (!a) {
        people ??= findPersonMentions(canonical.text, spans);
        const q = spans[i]!;
        a = attributeQuote(canonical.text, q.open, q.close, people);
        cache.set(i, a);
      }
      return a;
    },
    credits() {
      return (credits ??= new ArticleCredits(canonical, () => (people ??= findPersonMentions(canonical.text, spans)), title));
    },
  };
}

/**
 * All passages of one statement in the article (no threshold): the alignment's and the sentence
 * comparison's pieces, merged into whole passages (merge-passages.ts) unless `merge` is false.
 */
export function matchStatement(
  tokens: TokenStream,
  doc: StatementDoc,
  analysis: ArticleAnalysis,
  isStopGram: (g: number) => boolean,
  weightOf: (t: TokenStream) => (i: number) => number,
  merge = true,
  st: TokenStream = tokenize(doc.text, doc.lang),
  gramDf?: (gram: number) => number,
  articleLang?: string,
  runs: AlignedRun[] = alignTokens(tokens, st),
  prepared?: PreparedStatement,
): ScoredPassage[] {
  // Read once per statement, on the first quote that needs it (speakers.ts personAbsentFrom).
  let words: WordSet | undefined;
  const statementWords = () => (words ??= foldedWords(`${doc.title ?? ''}\n${doc.text}`));
  const informativeness = weightOf(tokens);
  const speakerOfQuote = (qi: number): { speaker?: string; matches?: boolean } => {
    const a = analysis.attribution(qi);
    // "…," the statement read: the source document itself, whoever the article says issued it.
    if (isDocumentMention(a.mention)) return { speaker: isDocumentMention(a.speaker) ? undefined : a.speaker, matches: true };
    const matches = sameSpeaker(a.speaker, doc.speaker, doc.issuer) ?? (doc.speaker ? undefined : personAbsentFrom(a.speaker, statementWords));
    return { speaker: a.speaker, matches };
  };
  const byQuote = new Map<number, { speaker?: string; matches?: boolean }>();
  const pieces: ScoredPassage[] = classifyRuns(runs, {
    article: tokens,
    statement: st,
    quotes: analysis.quotes,
    quoteWords: analysis.quoteWords,
    // Once per quote and statement: every aligned piece inside a quote asks, and a long release holding
    // a quoted passage gives tens of pieces (a fifth of a long document's check went to the same answer).
    attribution: (qi) => {
      let found = byQuote.get(qi);
      if (!found) byQuote.set(qi, (found = speakerOfQuote(qi)));
      return found;
    },
    isStopGram,
    informativeness,
    credit: (start, end, copied) => analysis.credits().creditFor(start, end, doc, copied),
  });
  if (gramDf) markFormulas(pieces, tokens, gramDf, informativeness, articleLang);
  const covered = new Uint8Array(tokens.keys.length);
  for (const p of pieces) if (!p.weak) covered.fill(1, p.tokens[0], p.tokens[1]);
  analysis.bags ??= sentenceBags(tokens, informativeness);
  for (const m of findParaphrases(analysis.bags, prepared ?? prepareParaphrases(analysis.bags, st, weightOf(st)), covered)) {
    if (m.a[1] - m.a[0] < GRAM_SIZE) continue;
    pieces.push({
      type: 'paraphrase',
      article: [tokens.starts[m.a[0]]!, tokens.ends[m.a[1] - 1]!],
      statement: [st.starts[m.s[0]]!, st.ends[m.s[1] - 1]!],
      words: m.shared,
      weight: m.shared,
      tokens: m.a,
      statementTokens: m.s,
      similarity: m.similarity,
    });
  }
  if (!merge) return pieces.filter((p) => !p.weak);
  let statementQuotes: QuoteSpan[] | undefined;
  const ownQuote = (p: ScoredPassage) => {
    const quotes = (statementQuotes ??= extractQuotes(doc.text));
    const [from, to] = p.statement;
    return !quotes.some((q) => q.start < to && from < q.end);
  };
  return mergePassages(pieces, tokens, st, ownQuote, (start, end, copied) => analysis.credits().creditFor(start, end, doc, copied));
}

/**
 * Sets each piece's uniqueness (weights.ts) and demotes to glue (`weak`) a piece outside quotes that
 * is only an issuer's formula: its words would count, but the statements sharing its n-grams leave it
 * no evidence ("Washington, D.C. – U.S. Senator …", "made the following statement"). An article that
 * shares a formula presents nothing of this statement as its own; a quote of one is still a quote.
 */
function markFormulas(
  pieces: ScoredPassage[],
  tokens: TokenStream,
  gramDf: (gram: number) => number,
  informativeness: (i: number) => number,
  lang: string | undefined,
): void {
  for (const p of pieces) {
    if (p.weak) continue;
    p.uniqueness = uniquenessOf(gramHashes(tokens.hashes.subarray(p.tokens[0], p.tokens[1])), gramDf);
    if (p.pairs) {
      let names = 0;
      for (let k = 0; k < p.pairs.length; k += 3) {
        const i = p.pairs[k]!;
        if (isNameWord(tokens, i, lang)) names += informativeness(i);
      }
      if (names) p.nameWeight = names;
    }
    const quoted = p.type === 'verbatim_quote' || p.type === 'altered_quote';
    if (!quoted && p.uniqueness < 1 && copiedWeight(p) * p.uniqueness <= PASSAGE_ALLOWANCE) p.weak = true;
  }
}

/** The facts of the sentence window around tokens [from, to). */
function factsNear(t: TokenStream, from: number, to: number, lang: string): Fact[] {
  const [a, b] = sentenceWindow(t, from, to);
  return factsIn(t, a, b, lang);
}

/**
 * factsNear for the article, read once per range and check: the candidates that share a passage (a
 * release issued under several offices, a family of readouts) all ask for the same article ranges,
 * and finding a window's sentence ends was most of the article side's cost.
 */
const articleFacts = new WeakMap<TokenStream, Map<number, Fact[]>>();
function articleFactsNear(article: TokenStream, from: number, to: number, lang: string): Fact[] {
  let byRange = articleFacts.get(article);
  if (!byRange) articleFacts.set(article, (byRange = new Map()));
  // Token ranges of one text: far fewer than 2^26 tokens. The language is the check's, fixed.
  const key = from * 2 ** 26 + to;
  let facts = byRange.get(key);
  if (!facts) byRange.set(key, (facts = factsNear(article, from, to, lang)));
  return facts;
}

/**
 * The facts in a sentence-clipped window around each aligned piece, on both sides, compared
 * (facts.ts). Pieces of one statement often stop right at a differing figure: the window reads it.
 */
function factsAround(pieces: readonly ScoredPassage[], article: TokenStream, statement: TokenStream, lang: string, names = true): FactComparison {
  const collect = (t: TokenStream, ranges: Array<[number, number]>) => {
    const byToken = new Map<number, Fact>();
    for (const [from, to] of ranges)
      for (const f of t === article ? articleFactsNear(article, from, to, lang) : factsNear(t, from, to, lang))
        if (names || f.kind !== 'name') byToken.set(f.token, f);
    return [...byToken.values()];
  };
  const compared = compareFacts(
    collect(
      article,
      pieces.map((p) => p.tokens),
    ),
    collect(
      statement,
      pieces.map((p) => p.statementTokens),
    ),
  );
  return names ? withNamesCheckedInFull(compared, article, statement) : compared;
}
