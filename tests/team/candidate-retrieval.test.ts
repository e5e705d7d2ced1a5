import { describe, expect, it, vi } from 'vitest';
import { retrieveCandidates, QUERY_TERMS } from '../../lib/engine/retrieve.ts';
import { isTermCandidate, type StatementIndex } from '../../lib/engine/statement-index.ts';
import { tokenize, wordHashes } from '../../lib/engine/tokenize.ts';
import { CandidateIndex } from '../../lib/team/candidate-index.ts';
import { countStatementTerms, TERM_BUCKETS } from '../../lib/team/term-df.ts';
import { articles, statements } from '../engine/helpers.ts';

/**
 * The article's query terms as retrieve.ts documents them: its words the corpus holds, by
 * (1 + log tf) · idf, highest first (first seen first on ties), the first QUERY_TERMS.
 */
function queryTerms(index: StatementIndex, text: string, n: number): number[] {
  const tokens = tokenize(text);
  const tf = new Map<number, number>();
  for (let i = 0; i < tokens.keys.length; i++) {
    const h = tokens.hashes[i]!;
    if (isTermCandidate(tokens.keys[i]!) && index.wordDf(h) > 0) tf.set(h, (tf.get(h) ?? 0) + 1);
  }
  return [...tf]
    .map(([h, f]) => [h, (1 + Math.log(f)) * index.idf(h, n)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, QUERY_TERMS)
    .map(([h]) => h);
}

describe('retrieval in a team candidate index', () => {
  it("picks the article's query terms by the team corpus's size and word counts, not its few candidates'", () => {
    // The team's word counts, counted as the server counts them, over the dev statements; the team
    // corpus said to hold 20,000.
    const docs = statements();
    const teamDf = new Uint16Array(TERM_BUCKETS);
    for (const d of docs) countStatementTerms(teamDf, [wordHashes(d.text)]);
    const index = new CandidateIndex(20_000, teamDf, docs.slice(0, 2));
    const text = articles()[0]!.text!;
    const asked = vi.spyOn(index, 'lookupTerm');
    retrieveCandidates(tokenize(text), index);
    const terms = asked.mock.calls.map(([h]) => h);
    expect(terms).toEqual(queryTerms(index, text, 20_000));
    // Which the candidates' own count (2) would have ranked otherwise.
    expect(terms).not.toEqual(queryTerms(index, text, 2));
  });
});
