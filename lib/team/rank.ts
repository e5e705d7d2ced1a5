import { candidateLimit, keepBest, stopGramDf, type Candidate } from '../engine/index';

/**
 * Ranks statements by the rare keyed grams they share with an article, as the local engine's gram
 * retrieval does (retrieve.ts): each gram held by df statements, df at most stopGramDf(corpus size),
 * adds log(1 + N / df) to each of them; the candidates kept are the engine's (keepBest, candidateLimit).
 * There is no distinctive-word half and no date prior: those would need the article's single words
 * and date, which the browser does not send (docs/PRIVACY.md).
 *
 * `postings` gives, per distinct gram, the statements holding it: up to stopGramDf + 1 of them, and
 * `df` their true count when the list was cut (the server stops reading a boilerplate gram's postings
 * once it is known to be one).
 */
export interface GramPostings {
  statements: ArrayLike<number>;
  /** Number of statements holding the gram, when more than statements.length. */
  df?: number;
}

export function rankByGrams(postings: Iterable<GramPostings>, corpusSize: number, words: number): Candidate[] {
  const n = Math.max(1, corpusSize);
  const stopDf = stopGramDf(n);
  const score = new Map<number, { score: number; grams: number }>();
  for (const p of postings) {
    const df = Math.max(p.df ?? 0, p.statements.length);
    if (df === 0 || df > stopDf) continue;
    const w = Math.log(1 + n / df);
    for (let i = 0; i < p.statements.length; i++) {
      const s = p.statements[i]!;
      const held = score.get(s);
      if (held) {
        held.score += w;
        held.grams++;
      } else score.set(s, { score: w, grams: 1 });
    }
  }
  // Ties go to the lower statement number (the older statement), so a ranking does not depend on
  // the order the database returned rows in.
  const ranked: Candidate[] = [...score].map(([slot, s]) => ({ slot, score: s.score, sharedGrams: s.grams }));
  ranked.sort((a, b) => b.score - a.score || a.slot - b.slot);
  return keepBest(ranked, candidateLimit(words));
}
