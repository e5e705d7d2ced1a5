/**
 * Near copies among the sources of one article: a statement whose copied passages all lie inside
 * another source's copied passages adds nothing for the reader, and is listed as that source's
 * duplicate instead of as a source of its own (as identical texts under two ids already are).
 *
 * Why: an office republishes a release with its paragraphs reordered, or repeats a paragraph in a
 * later release. Both then align with the same quote, and the one whose paragraph order lets one more
 * article sentence pair as a paraphrase can score higher, though it holds less of the quote. In the
 * browser bench at 100k (derived records are such reorderings, dated later), Grassley's release lost to
 * its own reordered copy, 0.849 against 0.896. Comparing the copied spans settles it: the copy's
 * quotes are a subset of the release's, so the copy becomes the release's duplicate.
 *
 * "Inside" is strict about kind: a passage covers another if it spans it and is of the same type or
 * a verbatim quote; an altered quote never hides a verbatim one. Of two sources that cover each
 * other, the one with the higher score is kept, then the one with the better date (the date prior),
 * then the one ranked first: two releases holding the same passage tie exactly, and were both kept.
 * Translations and paraphrase-only sources are left alone.
 */
import type { Passage, SourceMatch } from './types.ts';

const COPY_TYPES: ReadonlySet<string> = new Set(['verbatim_quote', 'altered_quote', 'unattributed_copy', 'attributed_copy', 'shared_phrase']);

/**
 * Moves each near copy (see above) into the `duplicates` of the source that covers it, in place.
 * `sources` is in rank order; `score` gives a source's unrounded score, `datePrior` its date prior,
 * `piecesOf` the passages to compare: the alignment's pieces before they were merged into whole
 * passages (merge-passages.ts), since a formula two releases share can merge one word further in
 * one of them, or glue on one more phrase, and the copy would no longer lie inside the release.
 */
export function groupNearCopies(
  sources: SourceMatch[],
  score: (s: SourceMatch) => number,
  datePrior: (s: SourceMatch) => number,
  piecesOf: (s: SourceMatch) => readonly Passage[] = (s) => s.passages,
): void {
  const copied = new Map(sources.map((s) => [s, s.relation === 'translates' ? [] : piecesOf(s).filter((p) => COPY_TYPES.has(p.type))]));
  const inside = (inner: SourceMatch, outer: SourceMatch) =>
    copied
      .get(inner)!
      .every((p) =>
        copied.get(outer)!.some((q) => q.article[0] <= p.article[0] && p.article[1] <= q.article[1] && (q.type === p.type || q.type === 'verbatim_quote')),
      );
  const absorbed = new Set<SourceMatch>();
  const rank = new Map(sources.map((s, i) => [s, i]));
  /** Of two sources that cover each other, whether `a` is the one kept: higher score, better date, ranked first. */
  const keptOver = (a: SourceMatch, b: SourceMatch) =>
    score(a) !== score(b) ? score(a) > score(b) : datePrior(a) !== datePrior(b) ? datePrior(a) > datePrior(b) : rank.get(a)! < rank.get(b)!;
  for (const copy of sources) {
    if (!copied.get(copy)!.length) continue;
    for (const source of sources) {
      if (source === copy || absorbed.has(source) || !copied.get(source)!.length || !inside(copy, source)) continue;
      if (inside(source, copy) && keptOver(copy, source)) continue;
      absorbed.add(copy);
      (source.duplicates ??= []).push(copy.statementId, ...(copy.duplicates ?? []));
      break;
    }
  }
  for (let i = sources.length - 1; i >= 0; i--) if (absorbed.has(sources[i]!)) sources.splice(i, 1);
}
