/**
 * Token buckets, one per caller (token digest, or address for requests without a valid token).
 * A bucket holds `burst` requests and refills at `perSecond`; an empty bucket answers 429 with the
 * seconds until the next request would pass. Hand-written because it is twelve lines and the server
 * has no framework to plug a limiter package into.
 */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** 0 when the request may go, else the seconds to wait. */
  take(caller: string): number {
    const t = this.now();
    const bucket = this.buckets.get(caller) ?? { tokens: this.burst, at: t };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((t - bucket.at) / 1000) * this.perSecond);
    bucket.at = t;
    this.buckets.set(caller, bucket);
    if (this.buckets.size > 10_000) this.forgetFull();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / this.perSecond);
  }

  /** Buckets that are full again carry no state worth keeping. */
  private forgetFull(): void {
    const t = this.now();
    for (const [caller, b] of this.buckets) if (b.tokens + ((t - b.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(caller);
  }
}
