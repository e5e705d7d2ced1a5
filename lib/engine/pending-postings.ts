/**
 * Postings added since the last merge: (key, slot) pairs in order, and a key → slots map for lookups,
 * brought up to date only when a lookup needs it. An import adds ~120 postings a statement and looks
 * up none until its next check; keeping the map current on every add (a Map lookup and, for most keys,
 * a new array) was the largest self time of indexing after the term counts in the worker's profile.
 */
export class PendingPostings {
  private readonly byKey = new Map<number, number[]>();
  /** Pairs [0, mapped) are in byKey. */
  private mapped = 0;
  pairs: number[] = [];
  add(key: number, slot: number): void {
    this.pairs.push(key, slot);
  }
  get(key: number): number[] | undefined {
    if (this.mapped < this.pairs.length) {
      const { pairs, byKey } = this;
      for (let i = this.mapped; i < pairs.length; i += 2) {
        const list = byKey.get(pairs[i]!);
        if (list) list.push(pairs[i + 1]!);
        else byKey.set(pairs[i]!, [pairs[i + 1]!]);
      }
      this.mapped = pairs.length;
    }
    return this.byKey.get(key);
  }
  clear(): void {
    this.byKey.clear();
    this.mapped = 0;
    this.pairs = [];
  }
  get size(): number {
    return this.pairs.length / 2;
  }
}
