import { describe, expect, it } from 'vitest';
import { groupNearCopies } from '../../lib/engine/near-copies.ts';
import type { Passage, SourceMatch } from '../../lib/engine/types.ts';

/**
 * Spans and scores from the browser bench's Grassley query at 100k (scripts/bench-browser.mjs,
 * reproduced in Node in session 9): the release (dated the day before the article) and its derived
 * copy (the same text with its paragraphs reordered, dated 21 months later).
 */
const passage = (type: Passage['type'], start: number, end: number): Passage => ({ type, article: [start, end], statement: [0, end - start] });
const source = (statementId: string, score: number, passages: Passage[], extra: Partial<SourceMatch> = {}): SourceMatch => ({
  statementId,
  score,
  relation: 'quotes',
  coverage: 0.04,
  passages,
  ...extra,
});

function group(sources: SourceMatch[], priors: Record<string, number> = {}) {
  const list = [...sources];
  groupNearCopies(
    list,
    (s) => s.score,
    (s) => priors[s.statementId] ?? 1,
  );
  return list;
}

describe('groupNearCopies', () => {
  it('lists a copy whose quotes all lie inside another source’s as its duplicate, even when it scores higher', () => {
    const copy = source('Grassley102~derived-1', 0.896, [
      passage('verbatim_quote', 2961, 3037),
      passage('unattributed_copy', 3118, 3276),
      passage('paraphrase', 3294, 3498),
      passage('verbatim_quote', 3334, 3425),
    ]);
    const release = source('Grassley102', 0.849, [
      passage('verbatim_quote', 2961, 3037),
      passage('unattributed_copy', 3118, 3276),
      passage('verbatim_quote', 3279, 3311),
      passage('verbatim_quote', 3334, 3425),
    ]);
    const other = source('Leahy311', 0.833, [passage('altered_quote', 2961, 3037), passage('unattributed_copy', 3118, 3276)]);
    const out = group([copy, release, other]);
    expect(out.map((s) => s.statementId)).toEqual(['Grassley102']);
    expect(release.duplicates).toEqual(['Grassley102~derived-1', 'Leahy311']);
  });

  it('never hides a verbatim quote behind an altered one', () => {
    const altered = source('A', 0.9, [passage('altered_quote', 0, 100)]);
    const exact = source('B', 0.8, [passage('verbatim_quote', 10, 90)]);
    expect(group([altered, exact]).map((s) => s.statementId)).toEqual(['A', 'B']);
  });

  it('between two sources that cover each other keeps the higher score, then the better date', () => {
    const spans = () => [passage('verbatim_quote', 0, 100)];
    expect(group([source('A', 0.9, spans()), source('B', 0.8, spans())]).map((s) => s.statementId)).toEqual(['A']);
    expect(group([source('A', 0.9, spans()), source('B', 0.9, spans())], { A: 1.0, B: 1.15 }).map((s) => s.statementId)).toEqual(['B']);
  });

  it('between two that tie on score and date keeps the one ranked first', () => {
    // The Senate file's Hutchison releases of 19 July and 22 September 2005 hold the same passage and
    // scored the same to the last bit for the Node bench's first article: both were shown.
    const spans = () => [passage('unattributed_copy', 4327, 5267)];
    const first = source('Hutchison268', 0.994, spans());
    const second = source('Hutchison223', 0.994, spans());
    expect(group([first, second]).map((s) => s.statementId)).toEqual(['Hutchison268']);
    expect(first.duplicates).toEqual(['Hutchison223']);
  });

  it('leaves translations, paraphrase-only sources and sources with quotes of their own alone', () => {
    const quote = source('A', 0.9, [passage('verbatim_quote', 0, 100)]);
    const translation = source('T', 0.7, [passage('translated_quote', 10, 50)], { relation: 'translates' });
    const paraphrase = source('P', 0.6, [passage('paraphrase', 10, 50)]);
    const more = source('M', 0.5, [passage('verbatim_quote', 10, 50), passage('verbatim_quote', 200, 260)]);
    expect(group([quote, translation, paraphrase, more]).map((s) => s.statementId)).toEqual(['A', 'T', 'P', 'M']);
    expect(quote.duplicates).toBeUndefined();
  });
});
