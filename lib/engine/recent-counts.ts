/**
 * The counts of the keys looked up last, in a direct-mapped table (key → count) of
 * {@link RECENT_COUNT_SLOTS} slots, 128 KiB. A check asks for the document frequency of the grams
 * of every run it aligns (boilerplate and uniqueness: classify.ts, weights.ts), the same grams for
 * several candidates and passes, and each lookup read 2-3 cache lines of a 20 MB postings array (at
 * 72k statements) that the alignment in between had evicted: 1.5-2 % of a check's time at 72k. The
 * table forgets everything when the caller's version changes (the counts may have).
 */
export const RECENT_COUNT_SLOTS = 1 << 14;

export class RecentCounts {
  private readonly keys = new Int32Array(RECENT_COUNT_SLOTS);
  /** −1 = empty. */
  private readonly counts = new Int32Array(RECENT_COUNT_SLOTS).fill(-1);
  private version = 0;

  /** The count recorded for `key` at `version`, if it is still in the table. */
  get(key: number, version: number): number | undefined {
    this.follow(version);
    const slot = key & (RECENT_COUNT_SLOTS - 1);
    const count = this.counts[slot]!;
    return count >= 0 && this.keys[slot] === (key | 0) ? count : undefined;
  }

  /** Records the count of `key` at `version` (replacing whatever held its slot); returns the count. */
  set(key: number, count: number, version: number): number {
    this.follow(version);
    const slot = key & (RECENT_COUNT_SLOTS - 1);
    this.keys[slot] = key | 0;
    this.counts[slot] = count;
    return count;
  }

  private follow(version: number): void {
    if (version === this.version) return;
    this.counts.fill(-1);
    this.version = version;
  }
}
