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
 *
 * Code outside lib/engine imports the engine through this file only (tests/import-graph.test.ts).
 * lib/engine/package.json tells bundlers the engine has no module-level side effects, so a context
 * that uses one function of it (the reader: primaryLanguage) bundles that function's module alone:
 * keep every top-level statement of the engine a declaration.
 */
export type {
  StatementDoc,
  ArticleInput,
  PassageType,
  Passage,
  DiffPart,
  PassagePart,
  Relation,
  SourceMatch,
  FactPair,
  FactKind,
  SourceReport,
  MachineTranslation,
} from './types.ts';
export { StatementIndex } from './statement-index.ts';
export { prepareStatement, prepareStatements, type PreparedStatement } from './prepare-statement.ts';
export { findSources, isCrossLanguage, type FindSourcesOptions } from './find-sources.ts';
export { SHOW_THRESHOLD } from './score.ts';
export { normalizeText, contentHash, foldPunctuation, hash64, normalizeToken } from './normalize.ts';
export { tokenize, wordHashes, type TokenStream } from './tokenize.ts';
export { GRAM_SIZE, MAX_WINDOW, windowFor, gramHashes, statementFingerprints } from './fingerprint.ts';
/** The team server ranks candidates with the engine's own stop-gram threshold and candidate count. */
export { stopGramDf, candidateLimit, keepBest, retrieveCandidates, type Candidate } from './retrieve.ts';
export { primaryLanguage } from './language-tag.ts';
export { isDayOrdinalStop } from './day-month.ts';
/** The Chinese–English lexicon is installed by the host (fetched in the extension, read from disk in Node). */
export { installChineseLexicon } from './cross-language/anchor-key.ts';
export { hasChineseLexicon, hasHan } from './cross-language/chinese-glosses.ts';
export { extractQuotes, type QuoteSpan } from './quotes.ts';
export { attributeQuote, findSpeechClauses, findPersonMentions } from './speakers.ts';
