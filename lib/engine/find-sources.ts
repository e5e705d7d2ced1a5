/**
 * findSources: the engine's entry point. Retrieval on the index → load the candidates' texts through
 * the caller's callback → align, classify, find paraphrases, score → keep what clears the threshold.
 * Pure apart from the injected loader and clock: no DOM, no storage, no globals.
 */
import { alignTokens } from './align.ts';
import { classifyRuns, type ScoredPassage } from './classify.ts';
import { mergePassages } from './merge-passages.ts';
import { GRAM_SIZE } from './fingerprint.ts';
import { findParaphrases, sentenceBags, type SentenceBag } from './paraphrase.ts';
import { extractQuotes, quotesOf, toOriginalSpans, type QuoteSpan } from './quotes.ts';
import { canonicalText } from './canonical-text.ts';
import { ArticleCredits } from './credits.ts';
import { groupNearCopies } from './near-copies.ts';
import { candidateLimit, datePrior, retrieveByAnchors, retrieveCandidates, stopGramDf, type Candidate } from './retrieve.ts';
import { anchorStream, matchTranslation, translationScore, type AnchorStream } from './cross-language/match-translation.ts';
import { mergeSources, toArticleSource, usableTranslation } from './cross-language/machine-translation.ts';
import { dayNumber } from './statement-index.ts';
import { primaryLanguage } from './language-tag.ts';
import { dayRange, lagDays } from './dates.ts';
import { coverageOf, evidenceOf, relationOf, scoreFromEvidence, SHOW_THRESHOLD } from './score.ts';
import { attributeQuote, findPersonMentions, isDocumentMention, sameSpeaker, type Attribution } from './speakers.ts';
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
  /** Clock for elapsedMs (default performance.now / Date.now). */
  now?: () => number;
  /** Look for statements in other languages than the article's (default true; needs article.lang). */
  crossLanguage?: boolean;
}

/**
 * Anchor weights saturate early: an anchor held by up to ~20 % of statements counts fully
 * (idf ≥ log(1 + 5)). Unlike words, most anchors are names, figures and internationalisms whose
 * presence on both sides of a translation is the evidence, and a weight that kept growing with
 * rarity would make the score depend on corpus size (with idf/log(101) the same dev articles scored
 * twice as high against 72k statements as against 25).
 */
export const COMMON_ANCHOR_IDF = Math.log(1 + 2);

/** Statements in another language aligned per article, on top of maxCandidates. */
export const MAX_TRANSLATION_CANDIDATES = 4;

/** True when article and statement languages are both known and differ (primary subtags). */
export function isCrossLanguage(articleLang: string | undefined, statementLang: string | undefined): boolean {
  if (!articleLang || !statementLang) return false;
  return primaryLanguage(articleLang) !== primaryLanguage(statementLang);
}

/**
 * Informativeness of a word = idf / FULL_WEIGHT_IDF, capped at 1: a word held by ≤ 1 % of statements
 * (idf ≥ log(1 + 100)) counts fully, "the" ~0.15. The cap keeps the scale independent of corpus size:
 * with idf / log(1 + N) instead, adding the 72k Senate distractors shrank every weight by 3× and
 * same-language recall@1 fell from 0.79 to 0.47 at the same threshold. For corpora under 100
 * statements, log(1 + N) is used (a word no other statement has still counts 1).
 */
export const FULL_WEIGHT_IDF = Math.log(1 + 100);

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
  const translated = await findSourcesIn({ text: translation.text, lang: translation.lang, date: article.date }, index, noteLanguages, {
    ...options,
    crossLanguage: false,
  }, false);
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
  const candidates = retrieveCandidates(tokens, index, { maxCandidates: options.maxCandidates ?? candidateLimit(tokens.keys.length), articleDate: article.date });
  // Cross-language candidates come from their own retrieval: a translation shares anchors (names,
  // numbers), not words. Only those in another language than the article are kept below.
  let anchors: AnchorStream | undefined;
  let translationCandidates: Candidate[] = [];
  if (options.crossLanguage !== false && article.lang) {
    anchors = anchorStream(tokens, article.lang);
    const seen = new Set(candidates.map((c) => c.slot));
    const articleLang = article.lang;
    // Statements of unknown language stay in: their texts decide after loading. Memoised per tag:
    // this runs for every slot an anchor's postings visit.
    const otherByTag = new Map<string, boolean>();
    const otherLanguage = (slot: number) => {
      if (seen.has(slot)) return false;
      const tag = index.langOf(slot);
      let other = otherByTag.get(tag);
      if (other === undefined) otherByTag.set(tag, (other = tag === '' || isCrossLanguage(articleLang, tag)));
      return other;
    };
    translationCandidates = retrieveByAnchors(anchors, index, {
      maxCandidates: MAX_TRANSLATION_CANDIDATES,
      articleDate: article.date,
      acceptSlot: otherLanguage,
    });
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
  const stopDf = stopGramDf(index.size);
  const isStopGram = (g: number) => index.lookupGram(g) > stopDf;
  const n = Math.max(1, index.size);
  const fullIdf = Math.min(Math.log(1 + n), FULL_WEIGHT_IDF);
  const informativeness = (h: number) => Math.min(1, index.idf(h, n) / fullIdf);
  const weightOf = (t: TokenStream) => (i: number) => informativeness(t.hashes[i]!);
  const articleDays = dayRange(article.date);
  const anchorWeight = (h: number) => Math.min(1, index.idf(h, n) / COMMON_ANCHOR_IDF);

  const threshold = options.threshold ?? SHOW_THRESHOLD;
  const sources: SourceMatch[] = [];
  const rank = new Map<SourceMatch, [score: number, evidence: number]>();
  const piecesOf = new Map<SourceMatch, Passage[]>();
  const shownHashes = new Map<string, SourceMatch>();
  for (const [position, { c, byAnchors }] of all.entries()) {
    if (position === 1) for (const d of await restRead) byId.set(d.id, d);
    const id = ids[position]!;
    const doc = byId.get(id);
    if (!doc) continue;
    const translated = anchors !== undefined && isCrossLanguage(article.lang, doc.lang);
    if (byAnchors && !translated) continue; // same language: the word retrieval already had its say
    let passages: ScoredPassage[];
    let score: number;
    let evidence: number;
    if (translated) {
      const st = tokenize(doc.text, doc.lang);
      const lag = lagDays(articleDays, dayNumber(doc.date));
      const m = matchTranslation({ tokens, anchors: anchors! }, { tokens: st, anchors: anchorStream(st, doc.lang) }, anchorWeight, lag, analysis.quotes);
      passages = m.passages;
      score = translationScore(m);
      evidence = passages.reduce((sum, p) => sum + p.weight, 0);
    } else {
      passages = matchStatement(tokens, doc, analysis, isStopGram, weightOf, merge);
      evidence = evidenceOf(passages);
      score = scoreFromEvidence(evidence);
    }
    if (!passages.length || (score < threshold && !options.includeBelowThreshold)) continue;
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
    const dups = index.duplicatesOf(c.slot);
    if (dups.length) match.duplicates = dups;
    shownHashes.set(hash, match);
    sources.push(match);
    rank.set(match, [score, evidence]);
    piecesOf.set(match, passages.flatMap((p) => p.pieces ?? [p]).map(toPublicPassage));
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
  groupNearCopies(sources, (s) => rank.get(s)![0], (s) => datePrior(articleDays, dayNumber(s.date)), (s) => piecesOf.get(s)!);
  for (const s of sources) if (s.duplicates) s.duplicates = [...new Set(s.duplicates)].filter((d) => d !== s.statementId);
  return { sources, articleChars: text.length, elapsedMs: now() - t0 };
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
): ScoredPassage[] {
  const st = tokenize(doc.text, doc.lang);
  const runs = alignTokens(tokens, st);
  const informativeness = weightOf(tokens);
  const pieces: ScoredPassage[] = classifyRuns(runs, {
    article: tokens,
    statement: st,
    quotes: analysis.quotes,
    quoteWords: analysis.quoteWords,
    attribution: (qi) => {
      const a = analysis.attribution(qi);
      // "…," the statement read: the source document itself, whoever the article says issued it.
      if (isDocumentMention(a.mention)) return { speaker: isDocumentMention(a.speaker) ? undefined : a.speaker, matches: true };
      return { speaker: a.speaker, matches: sameSpeaker(a.speaker, doc.speaker, doc.issuer) };
    },
    isStopGram,
    informativeness,
    credit: (start, end, copied) => analysis.credits().creditFor(start, end, doc, copied),
  });
  const covered = new Uint8Array(tokens.keys.length);
  for (const p of pieces) if (!p.weak) covered.fill(1, p.tokens[0], p.tokens[1]);
  analysis.bags ??= sentenceBags(tokens, informativeness);
  for (const m of findParaphrases(analysis.bags, sentenceBags(st, weightOf(st)), covered)) {
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
  return mergePassages(pieces, tokens, st, ownQuote);
}
