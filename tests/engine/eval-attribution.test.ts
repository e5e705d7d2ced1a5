import { describe, expect, it } from 'vitest';
import { attributionAccuracy, goldAttribution, goldSurname, isWholeName, speakerAccuracy, type JudgedArticle } from '../../scripts/eval-attribution.ts';
import type { SourceMatch, StatementDoc } from '../../lib/engine/index.ts';
import { article, statements } from './helpers.ts';

// The judging rules of npm run eval's attribution metrics, on the labels of real dev articles
// (tests/fixtures/engine/articles.jsonl keeps label and reuse_class; notes as in shared/data/dev).
const labelled = (id: string, note?: string): JudgedArticle => {
  const a = article(id);
  return { id, text: a.text, label: a.label, reuse_class: a.reuse_class, gold_source_ids: a.gold_source_ids, note };
};

describe('the attribution metrics judge by the human labels', () => {
  it('takes the gold from reuse_class and notes, and leaves the rest unjudged', () => {
    expect(
      goldAttribution(
        labelled(
          'A003',
          "Body is a verbatim copy of S01 (incl. first-person 'our territories') without quotation marks; only the headline attributes it to the MoD.",
        ),
      ),
    ).toBe('unattributed');
    expect(goldAttribution(labelled('A004'))).toBe('attributed');
    expect(goldAttribution(labelled('A029', "Paraphrase with partial quotes of S04 ('according to the readout'), plus briefing quotes (not in set)."))).toBe(
      'attributed',
    );
    expect(goldAttribution(labelled('A016', "AA report by Ruslan Rehimov of the 20 Sep briefing; quotes/paraphrases Eyvazov's figures."))).toBeUndefined();
    expect(goldAttribution(labelled('N046'))).toBeUndefined();
  });

  it("counts a copy label right when it agrees with its article's gold", () => {
    const a = labelled('A003', 'without quotation marks; only the headline attributes it');
    const source = (type: 'unattributed_copy' | 'attributed_copy'): SourceMatch => ({
      statementId: 'S01',
      score: 1,
      relation: 'copies',
      coverage: 1,
      passages: [{ type, article: [0, 10], statement: [0, 10] }],
    });
    expect(attributionAccuracy([{ article: a, shown: [source('unattributed_copy')], cross: false }])).toMatchObject({ n: 1, correct: 1, unattributedN: 1 });
    expect(attributionAccuracy([{ article: a, shown: [source('attributed_copy')], cross: false }])).toMatchObject({ n: 1, correct: 0 });
    // Not a gold source, or a cross-language row: not judged.
    expect(attributionAccuracy([{ article: a, shown: [{ ...source('unattributed_copy'), statementId: 'S02' }], cross: false }]).n).toBe(0);
    expect(attributionAccuracy([{ article: a, shown: [source('unattributed_copy')], cross: true }]).n).toBe(0);
  });

  it("judges a speaker line right only when it names the statement's person or issuer, whole", () => {
    expect(goldSurname('Colonel Anar Eyvazov, Chief of the Press Service')).toBe('Eyvazov');
    expect(goldSurname('Foreign Ministry Spokesperson (unnamed)')).toBeUndefined();
    const text = 'Then, on Monday, United Nations Secretary-General Antonio Guterres condemned the attacks. Azerbaijan’s Ministry of Defense told AZERTAC.';
    expect(isWholeName('General Antonio Guterres', text)).toBe(false);
    expect(isWholeName('Secretary-General Antonio Guterres', text)).toBe(true);
    expect(isWholeName('Defense', text)).toBe(false);
    expect(isWholeName('the statement', 'the statement said')).toBe(false);
    const a = labelled('A002');
    const s01 = statements().find((s) => s.id === 'S01')!;
    const shown = (speaker: string): SourceMatch => ({
      statementId: 'S01',
      score: 1,
      relation: 'quotes',
      coverage: 1,
      passages: [{ type: 'altered_quote', article: [0, 5], statement: [0, 5], speaker }],
    });
    const byId = new Map<string, StatementDoc>([['S01', { ...s01, speaker: 'Colonel Anar Eyvazov, Chief of the Press Service' }]]);
    expect(speakerAccuracy([{ article: a, shown: [shown('Colonel Anar Eyvazov')], cross: false }], byId)).toMatchObject({ n: 1, correct: 1 });
    expect(speakerAccuracy([{ article: a, shown: [shown('News.Az')], cross: false }], byId)).toMatchObject({ n: 1, correct: 0 });
  });
});
