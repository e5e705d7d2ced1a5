import { StatementIndex, type StatementDoc } from '../engine/index';
import { termBucket } from './term-df';

/**
 * An index of the team server's candidates for one article, which the engine's findSources aligns as
 * it would the local corpus, but whose statistics are the team corpus's: its size (so the stop-gram
 * threshold and idf scale are the corpus's) and its word document frequencies (term-df.ts). Only the
 * statistics differ from a StatementIndex; postings, slots and texts are the candidates'.
 */
export class CandidateIndex extends StatementIndex {
  constructor(
    private readonly corpusSize: number,
    private readonly teamDf: Uint16Array,
    docs: readonly StatementDoc[] = [],
  ) {
    super();
    if (docs.length) this.add(docs);
  }

  override get size(): number {
    return Math.max(this.corpusSize, super.size);
  }

  override idf(wordHash: number, n = this.size): number {
    return Math.log(1 + Math.max(n, 1) / Math.max(1, this.wordDf(wordHash)));
  }

  override wordDf(wordHash: number): number {
    return this.teamDf[termBucket(wordHash)] ?? 0;
  }
}
