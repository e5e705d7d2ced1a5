/**
 * The PAN text-alignment measures (Potthast, Stein, Barrón-Cedeño, Rosso: "An Evaluation Framework
 * for Plagiarism Detection", COLING 2010), written from the paper's definitions.
 *
 * A plagiarism case s and a detection r each pair a character range of a suspicious document with a
 * character range of one source document. Read as sets of character references, s = s_plg ∪ s_src
 * (the two documents' characters are disjoint sets), |s| = |s_plg| + |s_src|.
 * - r detects s iff r names s's suspicious and source documents and overlaps s on both sides;
 *   s ⊓ r = s ∩ r if r detects s, else ∅.
 * - macro precision = 1/|R| Σ_r |∪_s (s ⊓ r)| / |r|;
 * - macro recall    = 1/|S| Σ_s |∪_r (s ⊓ r)| / |s|;
 * - granularity     = 1/|S_R| Σ_{s ∈ S_R} |R_s|, S_R the cases detected at all, R_s the detections
 *   detecting s (1 when nothing is detected);
 * - plagdet = F1 / log2(1 + granularity).
 * Conventions where the paper is silent: precision is 0 with no detections but 1 when there are none
 * and no cases either (a clean document answered cleanly), recall is 1 with no cases.
 *
 * Hand-written because no package computes these (the organisers' reference is a Python script).
 */

export type Range = readonly [start: number, end: number];

export interface AlignmentPair {
  /** Suspicious document id. */
  suspicious: string;
  /** Source document id. */
  source: string;
  /** Characters of the suspicious document. */
  plg: Range;
  /** Characters of the source document. */
  src: Range;
}

export interface PlagdetScores {
  precision: number;
  recall: number;
  granularity: number;
  f1: number;
  plagdet: number;
  cases: number;
  detections: number;
}

const len = (r: Range) => Math.max(0, r[1] - r[0]);
const overlaps = (a: Range, b: Range) => Math.min(a[1], b[1]) > Math.max(a[0], b[0]);

function intersection(a: Range, b: Range): Range | undefined {
  const lo = Math.max(a[0], b[0]);
  const hi = Math.min(a[1], b[1]);
  return hi > lo ? [lo, hi] : undefined;
}

/** Length of the union of ranges. */
export function unionLength(ranges: readonly Range[]): number {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -Infinity;
  for (const [s, e] of sorted) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  return total;
}

export function detects(r: AlignmentPair, s: AlignmentPair): boolean {
  return r.suspicious === s.suspicious && r.source === s.source && overlaps(r.plg, s.plg) && overlaps(r.src, s.src);
}

/** |∪ (x ⊓ y)| over the pairs `others` that detect / are detected by `x`, as one set of characters. */
function coveredBy(x: AlignmentPair, others: readonly AlignmentPair[]): number {
  const plg: Range[] = [];
  const src: Range[] = [];
  for (const y of others) {
    const p = intersection(x.plg, y.plg);
    const q = intersection(x.src, y.src);
    if (!p || !q) continue;
    plg.push(p);
    src.push(q);
  }
  return unionLength(plg) + unionLength(src);
}

export function plagdet(cases: readonly AlignmentPair[], detections: readonly AlignmentPair[]): PlagdetScores {
  const key = (p: AlignmentPair) => `${p.suspicious}\u0000${p.source}`;
  const casesByPair = new Map<string, AlignmentPair[]>();
  for (const s of cases) {
    const k = key(s);
    const list = casesByPair.get(k);
    if (list) list.push(s);
    else casesByPair.set(k, [s]);
  }
  const detectionsByPair = new Map<string, AlignmentPair[]>();
  for (const r of detections) {
    const k = key(r);
    const list = detectionsByPair.get(k);
    if (list) list.push(r);
    else detectionsByPair.set(k, [r]);
  }

  let precisionSum = 0;
  for (const r of detections) {
    const size = len(r.plg) + len(r.src);
    if (!size) continue;
    const hit = (casesByPair.get(key(r)) ?? []).filter((s) => detects(r, s));
    precisionSum += coveredBy(r, hit) / size;
  }
  let recallSum = 0;
  let detected = 0;
  let detectionsOfDetected = 0;
  for (const s of cases) {
    const size = len(s.plg) + len(s.src);
    const hits = (detectionsByPair.get(key(s)) ?? []).filter((r) => detects(r, s));
    if (hits.length) {
      detected++;
      detectionsOfDetected += hits.length;
    }
    if (size) recallSum += coveredBy(s, hits) / size;
  }
  const precision = detections.length ? precisionSum / detections.length : cases.length ? 0 : 1;
  const recall = cases.length ? recallSum / cases.length : 1;
  const granularity = detected ? detectionsOfDetected / detected : 1;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, granularity, f1, plagdet: f1 / Math.log2(1 + granularity), cases: cases.length, detections: detections.length };
}
