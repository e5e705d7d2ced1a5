/**
 * The PAN measures on hand-made cases, each worked out from the definitions in Potthast et al. 2010
 * (scripts/align-bench/plagdet.ts): macro precision and recall over characters of both documents,
 * granularity, plagdet = F1 / log2(1 + granularity).
 */
import { describe, expect, it } from 'vitest';
import { plagdet, unionLength, type AlignmentPair } from '../../scripts/align-bench/plagdet.ts';

const pair = (plg: [number, number], src: [number, number], source = 'src-1', suspicious = 'susp-1'): AlignmentPair => ({ suspicious, source, plg, src });

describe('plagdet', () => {
  it('scores an exact detection 1 everywhere', () => {
    const s = plagdet([pair([0, 100], [0, 100])], [pair([0, 100], [0, 100])]);
    expect(s).toMatchObject({ precision: 1, recall: 1, granularity: 1, plagdet: 1 });
  });

  it('counts the characters of both documents: half of the case found is recall 0.5', () => {
    // |s| = 100 + 100; s ⊓ r = 50 + 50; |r| = 100, all of it inside s.
    const s = plagdet([pair([0, 100], [0, 100])], [pair([0, 50], [0, 50])]);
    expect(s.precision).toBe(1);
    expect(s.recall).toBe(0.5);
    expect(s.f1).toBeCloseTo(2 / 3, 10);
    expect(s.plagdet).toBeCloseTo(2 / 3, 10);
  });

  it('divides by log2(1 + granularity) when one case is reported in two pieces', () => {
    const s = plagdet([pair([0, 100], [0, 100])], [pair([0, 50], [0, 50]), pair([50, 100], [50, 100])]);
    expect(s.recall).toBe(1);
    expect(s.precision).toBe(1);
    expect(s.granularity).toBe(2);
    expect(s.plagdet).toBeCloseTo(1 / Math.log2(3), 10);
  });

  it('does not count a detection that names another source, or misses the source side', () => {
    const wrongSource = plagdet([pair([0, 100], [0, 100])], [pair([0, 100], [0, 100], 'src-2')]);
    expect(wrongSource).toMatchObject({ precision: 0, recall: 0, plagdet: 0 });
    const wrongPlace = plagdet([pair([0, 100], [0, 100])], [pair([0, 100], [500, 600])]);
    expect(wrongPlace).toMatchObject({ precision: 0, recall: 0, plagdet: 0 });
  });

  it('charges a detection for its characters outside the case', () => {
    // |r| = 400, of which 200 are in s: precision 0.5, recall 1.
    const s = plagdet([pair([0, 100], [0, 100])], [pair([0, 200], [0, 200])]);
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBe(1);
    expect(s.plagdet).toBeCloseTo(2 / 3, 10);
  });

  it('lets one detection detect two cases, each with granularity 1', () => {
    // r spans both cases and the source text between them: |r| = 200 + 400, covered 200 + 200.
    const cases = [pair([0, 100], [0, 100]), pair([100, 200], [300, 400])];
    const s = plagdet(cases, [pair([0, 200], [0, 400])]);
    expect(s.recall).toBe(1);
    expect(s.precision).toBeCloseTo(2 / 3, 10);
    expect(s.granularity).toBe(1);
  });

  it('counts overlapping detections once in recall and twice in granularity', () => {
    const s = plagdet([pair([0, 100], [0, 100])], [pair([0, 100], [0, 100]), pair([20, 80], [20, 80])]);
    expect(s.recall).toBe(1);
    expect(s.precision).toBe(1);
    expect(s.granularity).toBe(2);
  });

  it('macro-averages recall over cases, not characters', () => {
    const cases = [pair([0, 1000], [0, 1000]), pair([2000, 2010], [0, 10], 'src-2')];
    const s = plagdet(cases, [pair([0, 1000], [0, 1000])]);
    expect(s.recall).toBe(0.5);
    expect(s.granularity).toBe(1);
  });

  it('keeps documents apart: a detection in another suspicious document detects nothing', () => {
    const s = plagdet([pair([0, 100], [0, 100])], [pair([0, 100], [0, 100], 'src-1', 'susp-2')]);
    expect(s.recall).toBe(0);
    expect(s.precision).toBe(0);
  });

  it('scores no detections on no cases as clean, and detections on no cases as precision 0', () => {
    expect(plagdet([], [])).toMatchObject({ precision: 1, recall: 1, plagdet: 1 });
    expect(plagdet([], [pair([0, 10], [0, 10])])).toMatchObject({ precision: 0, recall: 1 });
    expect(plagdet([pair([0, 10], [0, 10])], [])).toMatchObject({ precision: 0, recall: 0, plagdet: 0 });
  });

  it('unions overlapping ranges', () => {
    expect(
      unionLength([
        [0, 10],
        [5, 15],
        [20, 25],
      ]),
    ).toBe(20);
    expect(unionLength([])).toBe(0);
  });
});
