/** Types shared by the engine's modules and its callers (background worker, CLI, eval, bench). */

/** An official statement as the engine sees it. `text` is plain text, paragraphs separated by blank lines. */
export interface StatementDoc {
  id: string;
  text: string;
  title?: string;
  date?: string;
  issuer?: string;
  speaker?: string;
  url?: string;
  lang?: string;
  /** contentHash(text); computed when absent. */
  hash?: string;
}

/** The article to explain. */
export interface ArticleInput {
  id?: string;
  text: string;
  title?: string;
  date?: string;
  outlet?: string;
  url?: string;
  lang?: string;
  /**
   * A machine translation of `text` made on the user's machine, if any (cross-language/
   * machine-translation.ts): sources in its language are also sought through it.
   */
  translation?: MachineTranslation;
}

export interface MachineTranslation {
  /** Language of the translation (BCP 47). */
  lang: string;
  text: string;
  /** [translationStart, translationEnd, articleStart, articleEnd]: which article span each part renders. */
  segments: Array<[number, number, number, number]>;
}

/**
 * - `verbatim_quote`: inside quotation marks in the article, same words as the statement;
 * - `altered_quote`: inside quotation marks, with word edits (see `diff`);
 * - `unattributed_copy`: outside quotation marks, a near-verbatim run of the statement's words that
 *   the article presents as its own: nothing in its sentence, its paragraph or the dateline credits
 *   the statement, its issuer or its speaker, and it is more than a short formula phrase;
 * - `attributed_copy`: outside quotation marks, a near-verbatim run that the article credits (reported
 *   speech: "…, the ministry said", "according to …", "X told AZERTAC" in the paragraph or the
 *   dateline; `speaker` names whom the article credits, when it names someone);
 * - `shared_phrase`: outside quotation marks, a short formula phrase of the statement (under 12 words
 *   and half its sentence: "was seriously wounded in the head") that nothing near it credits: the
 *   article shares the wording, which says nothing about whose text it presents as its own.
 *   Neither is a `paraphrase`, which says the words were changed: these are the statement's words,
 *   and verbatim F1 counts them;
 * - `paraphrase`: a sentence that re-words a statement sentence (lower word overlap);
 * - `translated_quote` / `translated_passage`: a sentence in another language than the statement that
 *   renders one of its sentences, inside / outside quotation marks (see cross-language/);
 * - `summary`: a shorter stretch of the article that renders a longer stretch of the statement in
 *   order, skipping much of it (its `parts` link each article sentence to the statement's words).
 */
export type PassageType =
  | 'verbatim_quote'
  | 'altered_quote'
  | 'unattributed_copy'
  | 'attributed_copy'
  | 'shared_phrase'
  | 'paraphrase'
  | 'translated_quote'
  | 'translated_passage'
  | 'summary';

/** One article span and the statement span it renders (the sentences of a summary). */
export interface PassagePart {
  article: [number, number];
  statement: [number, number];
}

export interface DiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface Passage {
  type: PassageType;
  /** Half-open [start, end) JS string offsets into the article's text. */
  article: [number, number];
  /** Half-open [start, end) JS string offsets into the statement's text. */
  statement: [number, number];
  /** Who the article attributes the quote or attributed copy to (when it names someone). */
  speaker?: string;
  /** Whether that speaker is the statement's speaker (or issuer); absent when unknown. */
  speakerMatches?: boolean;
  /** Word diff from the statement's words to the article's words (altered quotes and edited copies). */
  diff?: DiffPart[];
  /** Summaries: which article span summarises which statement span, in article order. */
  parts?: PassagePart[];
}

/**
 * How the article uses the source, from the passage types:
 * - `copies`: unattributed copy is the largest share of the matched text;
 * - `quotes`: quotes (verbatim or altered) and attributed copies (reported speech) are;
 * - `paraphrases`: only paraphrased sentences;
 * - `translates`: the article renders the statement in another language.
 */
export type Relation = 'quotes' | 'copies' | 'paraphrases' | 'translates';

export interface SourceMatch {
  statementId: string;
  /** 0..1; sources are shown when score >= the threshold (see score.ts). */
  score: number;
  relation: Relation;
  /** Share of the article's characters covered by passages from this statement (0..1). */
  coverage: number;
  issuer?: string;
  speaker?: string;
  title?: string;
  date?: string;
  url?: string;
  /** Other statement ids whose text is identical (same contentHash). */
  duplicates?: string[];
  /** The statement's language, when it differs from the article's (relation `translates`). */
  statementLang?: string;
  /**
   * Whole days from the statement's date to the article's: 0 the same day, 2 when the statement came two days before.
   * Absent when either date is unknown. Never below -1: a statement issued later than that is no source (time veto).
   */
  lagDays?: number;
  /** Facts (figures, dates, times, names) next to the shared wording on which article and statement agree. */
  factsAgree?: FactPair[];
  /** Facts next to the shared wording that differ: evidence against the statement, shown so the reader can judge. */
  factsDiffer?: FactPair[];
  /** The raw evidence behind a same-language score (only with FindSourcesOptions.explain; score.ts). */
  evidence?: { copied: number; reworded: number };
  passages: Passage[];
}

export type FactKind = 'number' | 'date' | 'time' | 'year' | 'name';

/** One fact as the article writes it and as the statement writes it (the same text when they agree). */
export interface FactPair {
  kind: FactKind;
  article: string;
  statement: string;
}

export interface SourceReport {
  sources: SourceMatch[];
  articleChars: number;
  elapsedMs?: number;
}
