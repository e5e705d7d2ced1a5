/**
 * Sources found through a machine translation of the article, made on the user's machine (Chrome's
 * on-device Translator API, lib/reader/translate-article.ts): the translated text is matched like any
 * article in the statements' language (retrieval, alignment, paraphrases, scoring: the whole
 * same-language engine), and each passage found in it is mapped back to the article sentences it was
 * translated from.
 *
 * Why this on top of the anchors (match-translation.ts): anchors keep only names, figures and
 * internationalisms, which a translation shares with reports of the same event, so their threshold has
 * to stay high; a translation gives back the content words (a Russian "боеприпасы" becomes
 * "ammunition"), and the same-language engine's evidence and threshold apply unchanged. It is an
 * optional boost: without a translation nothing here runs.
 */
import { primaryLanguage } from '../language-tag.ts';
import { coverageOf } from '../score.ts';
import type { ArticleInput, MachineTranslation, Passage, PassageType, SourceMatch } from '../types.ts';

/**
 * The article's span of a span of its translation: the union of the original ranges of the translated
 * sentences it covers, or undefined when it overlaps none. A sentence counts when the span covers a
 * quarter of it or it holds half the span: an aligned run often spills a few words over a sentence
 * break ("... leaving their positions. More than 90 combat positions"), which must not mark the whole
 * next sentence. Failing both, the sentence holding most of the span. Segments are
 * [translationStart, translationEnd, articleStart, articleEnd].
 */
export function articleSpanOf(span: readonly [number, number], segments: MachineTranslation['segments']): [number, number] | undefined {
  let start = Infinity;
  let end = -Infinity;
  let most = 0;
  let mostSpan: [number, number] | undefined;
  for (const [ts, te, as, ae] of segments) {
    const overlap = Math.min(te, span[1]) - Math.max(ts, span[0]);
    if (overlap <= 0) continue;
    if (overlap > most) [most, mostSpan] = [overlap, [as, ae]];
    if (overlap * 4 < te - ts && overlap * 2 < span[1] - span[0]) continue;
    start = Math.min(start, as);
    end = Math.max(end, ae);
  }
  return start < end ? [start, end] : mostSpan;
}

/**
 * Whether a translation can be used for `article`: another language than the article's, and segments
 * that lie inside both texts in order. A malformed one is ignored (the check goes on without it).
 */
export function usableTranslation(article: ArticleInput): MachineTranslation | undefined {
  const translation = article.translation;
  if (!translation?.text || translation.segments.length === 0) return undefined;
  const lang = primaryLanguage(translation.lang);
  if (lang === '' || lang === primaryLanguage(article.lang)) return undefined;
  for (const [ts, te, as, ae] of translation.segments) {
    if (!(ts >= 0 && ts < te && te <= translation.text.length && as >= 0 && as < ae && ae <= article.text.length)) return undefined;
  }
  return translation;
}

const TRANSLATED_TYPE: Record<PassageType, PassageType> = {
  verbatim_quote: 'translated_quote',
  altered_quote: 'translated_quote',
  translated_quote: 'translated_quote',
  unattributed_copy: 'translated_passage',
  attributed_copy: 'translated_passage',
  shared_phrase: 'translated_passage',
  paraphrase: 'translated_passage',
  summary: 'translated_passage',
  translated_passage: 'translated_passage',
};

/**
 * A source found in the translation, restated against the original article: passages mapped back to
 * the sentences they translate (a quote stays a quote; the word diff, which compares the statement with
 * the machine's wording and not the outlet's, is dropped), coverage recomputed on the article; the
 * relation is `translates`, as for the anchors' findings.
 */
export function toArticleSource(
  source: SourceMatch,
  translation: MachineTranslation,
  articleChars: number,
  statementLang: string | undefined,
): SourceMatch | undefined {
  const mapped: Array<{ passage: Passage; renders: number }> = [];
  for (const p of source.passages) {
    const article = articleSpanOf(p.article, translation.segments);
    if (!article) continue;
    const passage: Passage = { type: TRANSLATED_TYPE[p.type], article, statement: p.statement };
    if (p.speaker) passage.speaker = p.speaker;
    if (p.speakerMatches !== undefined) passage.speakerMatches = p.speakerMatches;
    mapped.push({ passage, renders: p.article[1] - p.article[0] });
  }
  // Several passages of the translation can render the same sentences ("of the Armed Forces of
  // Armenia", "several strategically important heights ..."): one mark per sentence, that of the
  // longest article span, then of the longest run in the translation; any other lying mostly inside
  // one already kept is dropped.
  const length = (p: Passage) => p.article[1] - p.article[0];
  mapped.sort((x, y) => length(y.passage) - length(x.passage) || y.renders - x.renders);
  const passages: Passage[] = [];
  for (const { passage: p } of mapped) {
    const inside = passages.some((q) => Math.min(p.article[1], q.article[1]) - Math.max(p.article[0], q.article[0]) > length(p) / 2);
    if (!inside) passages.push(p);
  }
  if (passages.length === 0) return undefined;
  passages.sort((x, y) => x.article[0] - y.article[0]);
  const { passages: _found, ...rest } = source;
  return {
    ...rest,
    relation: 'translates',
    coverage: Math.round(coverageOf(passages, articleChars) * 1000) / 1000,
    ...(statementLang ? { statementLang } : {}),
    passages,
  };
}

/**
 * Merges the sources found in the translation into those found directly: a statement found both ways
 * keeps the higher-scored finding; the result is sorted by score.
 */
export function mergeSources(direct: SourceMatch[], viaTranslation: SourceMatch[]): SourceMatch[] {
  const byId = new Map(direct.map((s) => [s.statementId, s]));
  for (const s of viaTranslation) {
    const known = byId.get(s.statementId);
    if (!known || s.score > known.score) byId.set(s.statementId, s);
  }
  return [...byId.values()].sort((x, y) => y.score - x.score);
}
