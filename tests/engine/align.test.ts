import { describe, expect, it } from 'vitest';
import { alignTokens, matchedCount, wordMatch } from '../../lib/engine/align.ts';
import { tokenize } from '../../lib/engine/tokenize.ts';

const STATEMENT =
  'Systematic shelling of positions of the Azerbaijan Army by the formations of Armenia’s armed forces using weapons of different calibers, continued mining of our territories, enhancement of engineering support for battle positions have further escalated the tensions. In this regard, we have also registered fortification of battle positions with military personnel.';

function align(article: string) {
  const a = tokenize(article);
  return { a, runs: alignTokens(a, tokenize(STATEMENT)) };
}

describe('alignTokens', () => {
  it('finds an exact copy as one run', () => {
    const { runs } = align('Some intro. ' + STATEMENT + ' Some outro words here.');
    expect(runs).toHaveLength(1);
    expect(matchedCount(runs[0]!)).toBe(tokenize(STATEMENT).keys.length);
  });

  it('tolerates a typo, a dropped word, an inserted word and a [bracketed] edit in one run', () => {
    const edited =
      'Systematic shelling of positions of the Azerbaijan Army by the formations of Armenia’s armed forces using weapons of diferent calibers, continued mining of [Azerbaijani] territories, enhancement of engineering support for battle positions have really further escalated tensions.';
    const { runs } = align(edited);
    expect(runs).toHaveLength(1);
    expect(matchedCount(runs[0]!)).toBeGreaterThanOrEqual(34);
  });

  it('merges the two sides of an ellipsis into one passage', () => {
    const { runs } = align('“Systematic shelling of positions of the Azerbaijan Army … have further escalated the tensions,” he said.');
    expect(runs).toHaveLength(1);
    expect(runs[0]!.sEnd - runs[0]!.sStart).toBeGreaterThan(matchedCount(runs[0]!));
  });

  it('ignores punctuation and quotation-mark style', () => {
    const { runs } = align('"In this regard we have also registered fortification of battle positions with military personnel"');
    expect(runs).toHaveLength(1);
    expect(matchedCount(runs[0]!)).toBe(14);
  });

  it('finds nothing in unrelated text', () => {
    expect(align('The weather in Baku was sunny and warm throughout the week, officials said.').runs).toHaveLength(0);
  });

  it('word matching accepts one edit in long words only, never in numbers', () => {
    expect(wordMatch('calibers', 'calibres')).toBe(1);
    expect(wordMatch('army', 'arms')).toBe(0);
    expect(wordMatch('2020', '2021')).toBe(0);
    expect(wordMatch('same', 'same')).toBe(2);
  });
});
