/**
 * Every development page (../shared/fixtures/pages and pages-more), detected and extracted as the
 * extension does, held to the figures docs/PAGES.md reports (scripts/measure-pages.ts scores alike:
 * both use scripts/page-dev-set.ts). Each test lists the pages that fail it by set, slug and
 * category, so a regression names its page.
 *
 * The floors are the issue's targets where they are met, and otherwise the measured figure rounded
 * down, so the test catches a step back without pretending the target is reached (docs/PAGES.md
 * says which are met).
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEV_SETS, loadDevSet, scorePage, SHARED_FIXTURES, type PageScore } from '../../scripts/page-dev-set';

const available = DEV_SETS.every((set) => existsSync(`${SHARED_FIXTURES}/${set}`));

function name(score: PageScore): string {
  return `${score.page.set}/${score.page.slug} (${score.page.category})`;
}

/** `count/total`, and the pages that failed, one a line. */
function report(failures: PageScore[], total: number, detail: (score: PageScore) => string = () => ''): string {
  return `${total - failures.length}/${total} pass; failing:\n${failures.map((score) => `  ${name(score)}${detail(score)}`).join('\n')}`;
}

function precisionRecall(scores: PageScore[]): { precision: number; recall: number; missed: PageScore[]; wronglyNews: PageScore[] } {
  const missed = scores.filter((score) => score.page.isNews && !score.isNews);
  const wronglyNews = scores.filter((score) => !score.page.isNews && score.isNews);
  const predicted = scores.filter((score) => score.isNews).length;
  const actual = scores.filter((score) => score.page.isNews).length;
  const truePositives = actual - missed.length;
  return { precision: predicted ? truePositives / predicted : 1, recall: actual ? truePositives / actual : 1, missed, wronglyNews };
}

describe.skipIf(!available)('every development page', () => {
  const scores = new Map<string, PageScore[]>();
  const all = (): PageScore[] => [...scores.values()].flat();

  beforeAll(() => {
    for (const set of DEV_SETS) scores.set(set, loadDevSet(set).map(scorePage));
  }, 600_000);

  describe('news detection', () => {
    it("readability's pages stay where they were: precision 1.00, recall 0.96", () => {
      const { precision, recall, missed, wronglyNews } = precisionRecall(scores.get('pages') ?? []);
      expect(precision, `taken for news:\n${wronglyNews.map(name).join('\n')}`).toBe(1);
      expect(recall, `missed:\n${missed.map(name).join('\n')}`).toBeGreaterThanOrEqual(0.96);
    });

    it('pages + pages-more: recall at least 0.97, precision at least 0.88 (target 0.90)', () => {
      const { precision, recall, missed, wronglyNews } = precisionRecall(all());
      expect(recall, `missed:\n${missed.map(name).join('\n')}`).toBeGreaterThanOrEqual(0.97);
      expect(precision, `taken for news:\n${wronglyNews.map(name).join('\n')}`).toBeGreaterThanOrEqual(0.88);
    });

    it('pages-more alone: recall at least 0.95', () => {
      const { recall, missed } = precisionRecall(scores.get('pages-more') ?? []);
      expect(recall, `missed:\n${missed.map(name).join('\n')}`).toBeGreaterThanOrEqual(0.95);
    });

    it('no category of news pages is missed more than once in ten', () => {
      const news = all().filter((score) => score.page.isNews);
      for (const category of new Set(news.map((score) => score.page.category))) {
        const members = news.filter((score) => score.page.category === category);
        const missed = members.filter((score) => !score.isNews);
        expect(missed.length / members.length, `${category}: ${report(missed, members.length)}`).toBeLessThanOrEqual(0.12);
      }
    });
  });

  describe('publication dates', () => {
    it('exact day on at least 0.90 of the news pages with a known date', () => {
      const dated = all().filter((score) => score.page.isNews && score.date !== null);
      const failures = dated.filter((score) => score.date !== 'exact');
      const detail = (score: PageScore) => `: ${score.article.published ?? 'none'}, expected ${score.page.expected.published}`;
      expect(1 - failures.length / dated.length, report(failures, dated.length, detail)).toBeGreaterThanOrEqual(0.9);
    });

    it('a wrong date on at most 2 % of the pages with a known date', () => {
      const dated = all().filter((score) => score.date !== null);
      const wrong = dated.filter((score) => score.date === 'wrong');
      const detail = (score: PageScore) => `: ${score.article.published}, expected ${score.page.expected.published}`;
      expect(wrong.length / dated.length, report(wrong, dated.length, detail)).toBeLessThanOrEqual(0.02);
    });
  });

  describe('extraction', () => {
    it("token F1 at least 0.95 on the full expected texts (mean), and readability's pages at 0.999", () => {
      const full = all().filter((score) => score.f1 !== null);
      const mean = full.reduce((total, score) => total + (score.f1 ?? 0), 0) / full.length;
      const low = full.filter((score) => (score.f1 ?? 0) < 0.95);
      expect(
        mean,
        report(low, full.length, (score) => `: F1 ${score.f1?.toFixed(3)}`),
      ).toBeGreaterThanOrEqual(0.95);
      const readability = full.filter((score) => score.page.set === 'pages');
      expect(readability.reduce((total, score) => total + (score.f1 ?? 0), 0) / readability.length).toBeGreaterThanOrEqual(0.999);
    });

    it('the expected opening words found on at least 0.95 of the pages that give them', () => {
      const prefixed = all().filter((score) => score.prefixFound !== null);
      const missed = prefixed.filter((score) => !score.prefixFound);
      const detail = (score: PageScore) => `: starts "${score.article.text.slice(0, 60)}", expected "${score.page.expected.text?.slice(0, 60)}"`;
      expect(1 - missed.length / prefixed.length, report(missed, prefixed.length, detail)).toBeGreaterThanOrEqual(0.95);
    });
  });

  describe('title and byline', () => {
    it('the headline on at least 0.85 of the pages whose title is known', () => {
      const known = all().filter((score) => score.title !== null);
      const wrong = known.filter((score) => !score.title);
      const detail = (score: PageScore) => `: "${score.article.title}", expected "${score.page.expected.title}"`;
      expect(1 - wrong.length / known.length, report(wrong, known.length, detail)).toBeGreaterThanOrEqual(0.85);
    });

    it("readability's pages keep their bylines", () => {
      const readability = (scores.get('pages') ?? []).filter((score) => score.byline !== null);
      const bylines = readability.filter((score) => score.byline === false);
      expect(
        bylines.length,
        report(bylines, readability.length, (score) => `: "${score.article.byline}"`),
      ).toBe(0);
    });
  });
});
