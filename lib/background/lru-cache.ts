/**
 * A least-recently-used map with a weight budget: the worker's in-memory caches (reports, statement
 * texts) stay bounded however long it lives. A Map keeps insertion order, so re-inserting on read makes
 * its first key the least recently used one.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  private total = 0;

  /** `capacity` in units of `weigh` (one per entry by default). */
  constructor(
    private readonly capacity: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.delete(key);
    const weight = this.weigh(value);
    // Heavier than the whole budget: caching it would only evict everything else.
    if (weight > this.capacity) return;
    this.entries.set(key, value);
    this.total += weight;
    while (this.total > this.capacity) this.delete(this.entries.keys().next().value as K);
  }

  delete(key: K): void {
    const value = this.entries.get(key);
    if (value === undefined) return;
    this.entries.delete(key);
    this.total -= this.weigh(value);
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}
