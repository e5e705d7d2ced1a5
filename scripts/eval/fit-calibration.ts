/**
 * Fits the shown score's calibration (lib/engine/score.ts):
 *   P(right) = σ(copied · log(1 + copied evidence) + reworded · log(1 + reworded evidence) + intercept)
 * by logistic regression: Newton's method on three parameters, with both slopes projected to ≥ 0 so
 * the score can only rise with evidence (no library needed for a 3×3 system). Points are every
 * same-language candidate of every article; a candidate is right when the article is derived and the
 * statement is among its gold sources. The best candidate of an article weighs 1, the others
 * OTHER_CANDIDATE_WEIGHT: what the reader sees is mostly the first, and the many weak candidates
 * behind it would otherwise set the curve.
 */
export interface CalibrationPoint {
  copied: number;
  reworded: number;
  right: boolean;
  top: boolean;
}

export interface Calibration {
  copied: number;
  reworded: number;
  intercept: number;
}

export const OTHER_CANDIDATE_WEIGHT = 0.15;

export function fitCalibration(points: readonly CalibrationPoint[]): Calibration {
  const rows = points.map((p) => ({
    x: [Math.log1p(Math.max(0, p.copied)), Math.log1p(Math.max(0, p.reworded)), 1],
    y: p.right ? 1 : 0,
    w: p.top ? 1 : OTHER_CANDIDATE_WEIGHT,
  }));
  let beta = [1, 1, 0];
  // A weak ridge keeps the fit finite when the classes separate.
  const ridge = 1e-3;
  for (let iter = 0; iter < 200; iter++) {
    const g = beta.map((b, k) => (k < 2 ? -ridge * b : 0));
    const h = [0, 1, 2].map((i) => [0, 1, 2].map((j) => (i === j ? ridge : 0)));
    for (const r of rows) {
      const q = 1 / (1 + Math.exp(-(beta[0]! * r.x[0]! + beta[1]! * r.x[1]! + beta[2]! * r.x[2]!)));
      for (let i = 0; i < 3; i++) {
        g[i]! += r.w * (r.y - q) * r.x[i]!;
        for (let j = 0; j < 3; j++) h[i]![j]! += r.w * q * (1 - q) * r.x[i]! * r.x[j]!;
      }
    }
    const step = solve(h, g);
    const next = beta.map((b, k) => b + step[k]!);
    next[0] = Math.max(0, next[0]!);
    next[1] = Math.max(0, next[1]!);
    const moved = next.reduce((s, b, k) => s + Math.abs(b - beta[k]!), 0);
    beta = next;
    if (moved < 1e-9) break;
  }
  return { copied: round(beta[0]!), reworded: round(beta[1]!), intercept: round(beta[2]!) };
}

/** Gaussian elimination with partial pivoting for the small Newton system. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
