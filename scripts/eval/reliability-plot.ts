/**
 * Reliability diagram as a self-contained SVG: for the sources shown, bins of the shown score against
 * the share of them that are right, with the diagonal a calibrated score would follow and each bin's
 * count. Hand-written SVG rather than a charting library: it is one static picture written by the
 * eval, and the project ships no plotting dependency for it.
 */
export interface ReliabilityBin {
  /** Bin bounds on the score axis, [lo, hi). */
  lo: number;
  hi: number;
  /** Mean shown score of the sources in the bin. */
  meanScore: number;
  /** Share of them that are right. */
  rightShare: number;
  count: number;
}

export interface ReliabilitySeries {
  label: string;
  colour: string;
  bins: ReliabilityBin[];
}

/** Bins (score, right?) pairs into `edges.length - 1` bins; empty bins are left out. */
export function reliabilityBins(points: ReadonlyArray<{ score: number; right: boolean }>, edges: readonly number[]): ReliabilityBin[] {
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b + 1 < edges.length; b++) {
    const lo = edges[b]!;
    const hi = edges[b + 1]!;
    const last = b + 2 === edges.length;
    const inBin = points.filter((p) => p.score >= lo && (p.score < hi || (last && p.score <= hi)));
    if (!inBin.length) continue;
    bins.push({
      lo,
      hi,
      meanScore: inBin.reduce((s, p) => s + p.score, 0) / inBin.length,
      rightShare: inBin.filter((p) => p.right).length / inBin.length,
      count: inBin.length,
    });
  }
  return bins;
}

/** Expected calibration error: the count-weighted mean |mean score − share right| over the bins. */
export function expectedCalibrationError(bins: readonly ReliabilityBin[]): number {
  const n = bins.reduce((s, b) => s + b.count, 0);
  return n ? bins.reduce((s, b) => s + b.count * Math.abs(b.meanScore - b.rightShare), 0) / n : 0;
}

const escapeXml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function reliabilitySvg(title: string, series: readonly ReliabilitySeries[], caption: string): string {
  const W = 720;
  const H = 520;
  const left = 70;
  const top = 50;
  const size = 380;
  const x = (v: number) => left + v * size;
  const y = (v: number) => top + (1 - v) * size;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="13">`);
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  parts.push(`<text x="${W / 2}" y="28" text-anchor="middle" font-size="16" font-weight="bold">${escapeXml(title)}</text>`);
  for (let t = 0; t <= 10; t++) {
    const v = t / 10;
    parts.push(`<line x1="${x(v)}" y1="${y(0)}" x2="${x(v)}" y2="${y(1)}" stroke="#eee"/>`);
    parts.push(`<line x1="${x(0)}" y1="${y(v)}" x2="${x(1)}" y2="${y(v)}" stroke="#eee"/>`);
    if (t % 2 === 0) {
      parts.push(`<text x="${x(v)}" y="${y(0) + 18}" text-anchor="middle">${v.toFixed(1)}</text>`);
      parts.push(`<text x="${x(0) - 8}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(1)}</text>`);
    }
  }
  parts.push(`<rect x="${x(0)}" y="${y(1)}" width="${size}" height="${size}" fill="none" stroke="#444"/>`);
  parts.push(`<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#888" stroke-dasharray="6 4"/>`);
  parts.push(`<text x="${x(0.5)}" y="${y(0) + 40}" text-anchor="middle">shown score (mean of the bin)</text>`);
  parts.push(`<text transform="translate(${x(0) - 48} ${y(0.5)}) rotate(-90)" text-anchor="middle">share of the shown sources that are right</text>`);
  series.forEach((s, i) => {
    const pts = s.bins.map((b) => `${x(b.meanScore).toFixed(1)},${y(b.rightShare).toFixed(1)}`);
    if (pts.length > 1) parts.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${s.colour}" stroke-width="2"/>`);
    for (const b of s.bins) {
      const r = 3 + Math.min(9, Math.sqrt(b.count));
      parts.push(
        `<circle cx="${x(b.meanScore).toFixed(1)}" cy="${y(b.rightShare).toFixed(1)}" r="${r.toFixed(1)}" fill="${s.colour}" fill-opacity="0.55" stroke="${s.colour}"/>`,
      );
      parts.push(
        `<text x="${(x(b.meanScore) + r + 2).toFixed(1)}" y="${(y(b.rightShare) - r - 1 - i * 12).toFixed(1)}" font-size="10" fill="${s.colour}">${b.count}</text>`,
      );
    }
    const ly = top + 14 + i * 20;
    parts.push(`<rect x="${x(1) + 18}" y="${ly - 10}" width="14" height="14" fill="${s.colour}" fill-opacity="0.55" stroke="${s.colour}"/>`);
    parts.push(`<text x="${x(1) + 38}" y="${ly + 1}" font-size="12">${escapeXml(s.label)}</text>`);
  });
  parts.push(`<text x="${x(1) + 18}" y="${top + 14 + series.length * 20 + 8}" font-size="11" fill="#555">dashed: perfectly calibrated</text>`);
  parts.push(`<text x="${x(1) + 18}" y="${top + 14 + series.length * 20 + 24}" font-size="11" fill="#555">numbers: sources per bin</text>`);
  caption.split('\n').forEach((line, i) => parts.push(`<text x="${left}" y="${y(0) + 64 + i * 16}" font-size="11" fill="#333">${escapeXml(line)}</text>`));
  parts.push('</svg>');
  return parts.join('\n');
}
