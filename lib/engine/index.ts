/**
 * SourceLens matching engine: public API. Pure TypeScript: no DOM, no browser APIs, no node: imports,
 * so the same code runs in the MV3 background worker, in Node (CLI, tests, eval, bench).
 *
 * Usage:
 *   const index = new StatementIndex();
 *   index.add(statements);                          // fingerprints + light metadata only
 *   const bytes = index.serialize();                // persist (IndexedDB), reload with deserialize()
 *   const report = await findSources(article, index, ids => store.getMany(ids));
 *
 * `SourceMatch.relation`: 'quotes' | 'copies' | 'paraphrases' (see types.ts).
 * `Passage.speakerMatches` tells whether the article attributes a quote to the statement's speaker.
 * `SourceReport.sources` holds only sources whose score clears SHOW_THRESHOLD (options.threshold).
 */
export type {
  StatementDoc,
  ArticleInput,
  PassageType,
  Passage,
  DiffPart,
  Relation,
  SourceMatch,
  SourceReport,
} from './types.ts';
export { StatementIndex } from './statement-index.ts';
export { findSources, type FindSourcesOptions } from './find-sources.ts';
export { SHOW_THRESHOLD } from './score.ts';
export { normalizeText, contentHash, foldPunctuation, hash64, normalizeToken } from './normalize.ts';
export { tokenize, type TokenStream } from './tokenize.ts';
export { extractQuotes, type QuoteSpan } from './quotes.ts';
export { attributeQuote, findSpeechClauses, findPersonMentions } from './speakers.ts';
